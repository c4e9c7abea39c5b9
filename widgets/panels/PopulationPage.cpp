#include "panels/PopulationPage.hpp"

#include "model/NodeRegistry.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLocale>

#include <cmath>

namespace sqsnn::lab {

namespace {
constexpr int kMaxQubits = 10;
} // namespace

PopulationPage::PopulationPage(ProjectModel *model, QWidget *parent)
    : InspectorPage(model, tr("Population"), parent)
{
    auto num = [](const QString &t) { return t.toDouble(); };
    addField("population.name", tr("Name"),
             [this](const QString &t) {
                 if (t.isEmpty())
                     return tr("name must not be empty");
                 if (t.contains("->") || t.contains('/'))
                     return tr("name must not contain '->' or '/'");
                 const auto &pops = m_model->project().network.populations;
                 for (int i = 0; i < int(pops.size()); ++i)
                     if (i != m_index && QString::fromStdString(pops[i].name) == t)
                         return tr("another population is called '%1'").arg(t);
                 return QString();
             },
             {}, tr("Unique name; projections refer to it"));
    addCombo("population.kind", tr("Kind"), {"input", "sqs", "qlif", "glm", "lif"},
             tr("Neuron model of the population"));
    addField("population.size", tr("Size"), [this](const QString &t) {
        const bool input = spec() && spec()->kind == "input";
        return intRange(input ? tr("size (0 = from the data set)") : tr("size"), input ? 0 : 1,
                        1000000)(t);
    }, tr("neurons"), tr("Number of neurons (default 4; readout: one per class)"));
    addCheck("population.readout", tr("Readout (one neuron per class)"),
             tr("Exactly one population is the readout"));
    addField("population.io", tr("I/O qubits N"), [this](const QString &t) {
        const QString e = intRange(tr("I/O qubits"), 1, kMaxQubits)(t);
        return e.isEmpty() && spec() ? checkQubits(t.toInt(), spec()->memoryQubits) : e;
    }, tr("per neuron"), tr("N: I/O qubits per neuron; each emits one spike line (default 1)"));
    addField("population.memory", tr("Memory qubits N_M"), [this](const QString &t) {
        const QString e = intRange(tr("memory qubits"), 0, kMaxQubits)(t);
        return e.isEmpty() && spec() ? checkQubits(spec()->ioQubits, t.toInt()) : e;
    }, tr("per neuron"), tr("N_M: memory qubits carried from step to step (default 1)"));
    addCombo("population.ansatz", tr("Ansatz"), {"sqs-crx", "hardware-efficient"},
             tr("Circuit V(theta): sqs-crx (default, the paper's) or hardware-efficient"));
    addField("population.layers", tr("Layers"), intRange(tr("layers"), 1, 50), {},
             tr("Ansatz layers L (default 1)"));
    addNoiseRows();
    addField("population.qlifThreshold", tr("Threshold"), doubleRange(tr("threshold"), 0, 1, true),
             {}, tr("QLIF: spike when the excited population exceeds it (default 0.75)"));
    addField("population.qlifT1", tr("T1"), doubleRange(tr("T1"), 0, 1e9, true), tr("steps"),
             tr("QLIF relaxation time, same units as tau (default 60)"));
    addField("population.synapticDecay", tr("Synaptic decay"),
             doubleRange(tr("synaptic decay"), 0, 1), tr("per step"),
             tr("GLM: synaptic trace decay (default 0.5)"));
    addField("population.feedbackDecay", tr("Feedback decay"),
             doubleRange(tr("feedback decay"), 0, 1), tr("per step"),
             tr("GLM: feedback trace decay (default 0.5)"));
    addCheck("population.selfFeedback", tr("Self feedback"), tr("GLM: w_self term (default on)"));
    addField("population.membraneDecay", tr("Membrane decay"),
             doubleRange(tr("membrane decay"), 0, 1), tr("per step"),
             tr("LIF: leak factor per step (default 0.9)"));
    addField("population.lifThreshold", tr("Threshold"), doubleRange(tr("threshold"), 0, 1e6, true),
             {}, tr("LIF: firing threshold (default 1.0)"));

    auto field = [this](const char *key) { return static_cast<FieldEdit *>(editor(key)); };
    connect(field("population.name"), &FieldEdit::committed, this,
            [this](const QString &t) { apply(tr("name"), [&](auto &p) { p.name = t.toStdString(); }); });
    connect(static_cast<QComboBox *>(editor("population.kind")), &QComboBox::currentTextChanged,
            this, [this](const QString &t) {
                apply(tr("kind"), [&](auto &p) {
                    p.kind = t.toStdString();
                    if (p.kind == "input")
                        p.readout = false;
                });
            });
    auto intField = [&](const char *key, const QString &what, int PopulationSpec::*member) {
        connect(field(key), &FieldEdit::committed, this, [this, what, member](const QString &t) {
            apply(what, [&](auto &p) { p.*member = t.toInt(); });
        });
    };
    auto dblField = [&](const char *key, const QString &what, double PopulationSpec::*member) {
        connect(field(key), &FieldEdit::committed, this, [this, what, member, num](const QString &t) {
            apply(what, [&](auto &p) { p.*member = num(t); });
        });
    };
    intField("population.size", tr("size"), &PopulationSpec::size);
    intField("population.io", tr("I/O qubits"), &PopulationSpec::ioQubits);
    intField("population.memory", tr("memory qubits"), &PopulationSpec::memoryQubits);
    dblField("population.qlifThreshold", tr("threshold"), &PopulationSpec::qlifThreshold);
    dblField("population.qlifT1", tr("T1"), &PopulationSpec::qlifT1);
    dblField("population.synapticDecay", tr("synaptic decay"), &PopulationSpec::synapticDecay);
    dblField("population.feedbackDecay", tr("feedback decay"), &PopulationSpec::feedbackDecay);
    dblField("population.membraneDecay", tr("membrane decay"), &PopulationSpec::membraneDecay);
    dblField("population.lifThreshold", tr("threshold"), &PopulationSpec::lifThreshold);
    connect(field("population.layers"), &FieldEdit::committed, this, [this](const QString &t) {
        apply(tr("layers"), [&](auto &p) { p.ansatz.layers = t.toInt(); });
    });
    connect(static_cast<QComboBox *>(editor("population.ansatz")), &QComboBox::currentTextChanged,
            this, [this](const QString &t) {
                apply(tr("ansatz"), [&](auto &p) {
                    p.ansatz.generator = t.toStdString();
                    if (t != "custom")
                        p.ansatz.gates.clear(); // gate lists belong to custom circuits only
                });
            });
    connect(static_cast<QCheckBox *>(editor("population.readout")), &QCheckBox::toggled, this,
            [this](bool on) {
                const int index = m_index;
                m_model->edit(tr("Set readout"), [&](EditState &s) {
                    for (int i = 0; i < int(s.network.populations.size()); ++i)
                        s.network.populations[i].readout = on ? i == index
                                                              : s.network.populations[i].readout && i != index;
                });
            });
    connect(static_cast<QCheckBox *>(editor("population.selfFeedback")), &QCheckBox::toggled,
            this, [this](bool on) { apply(tr("self feedback"), [&](auto &p) { p.selfFeedback = on; }); });
}

const PopulationSpec *PopulationPage::spec() const
{
    const auto &pops = m_model->project().network.populations;
    return m_index >= 0 && m_index < int(pops.size()) ? &pops[m_index] : nullptr;
}

QString PopulationPage::checkQubits(int io, int memory) const
{
    const int total = io + memory;
    if (total <= kMaxQubits)
        return {};
    const double mib = std::pow(4.0, total) * 16.0 / (1024.0 * 1024.0);
    return tr("N + N_M = %1 exceeds %2 qubits: one neuron's density matrix would need %3 MiB")
        .arg(total).arg(kMaxQubits).arg(QLocale().toString(mib, 'f', 0));
}

void PopulationPage::apply(const QString &what, const std::function<void(PopulationSpec &)> &change)
{
    const PopulationSpec *p = spec();
    if (!p)
        return;
    const int index = m_index;
    m_model->edit(tr("Set %1 of %2").arg(what, QString::fromStdString(p->name)),
                  [&](EditState &s) { change(s.network.populations[index]); });
}

void PopulationPage::setPopulation(int index)
{
    m_index = index;
    reload();
}

void PopulationPage::reload()
{
    const PopulationSpec *p = spec();
    if (!p)
        return;
    auto field = [this](const char *key) { return static_cast<FieldEdit *>(editor(key)); };
    const QString kind = QString::fromStdString(p->kind);
    m_heading->setText(NodeRegistry::instance().typeOf(*p).label + QStringLiteral(" — ")
                       + QString::fromStdString(p->name));
    const std::int64_t params = m_model->populationParameters(m_index);
    m_info->setText(tr("%1 neuron parameters (circuit angles / neuron constants); weights are "
                       "counted on the projections.")
                        .arg(params >= 0 ? QLocale().toString(qlonglong(params)) : QStringLiteral("?")));
    field("population.name")->setValue(QString::fromStdString(p->name));
    setCombo(static_cast<QComboBox *>(editor("population.kind")), kind);
    field("population.size")->setValue(QString::number(p->size));
    setCheck(static_cast<QCheckBox *>(editor("population.readout")), p->readout);
    field("population.io")->setValue(QString::number(p->ioQubits));
    field("population.memory")->setValue(QString::number(p->memoryQubits));
    setCombo(static_cast<QComboBox *>(editor("population.ansatz")),
             QString::fromStdString(p->ansatz.generator));
    field("population.layers")->setValue(QString::number(p->ansatz.layers));
    field("population.qlifThreshold")->setValue(QString::number(p->qlifThreshold));
    field("population.qlifT1")->setValue(QString::number(p->qlifT1));
    field("population.synapticDecay")->setValue(QString::number(p->synapticDecay));
    field("population.feedbackDecay")->setValue(QString::number(p->feedbackDecay));
    setCheck(static_cast<QCheckBox *>(editor("population.selfFeedback")), p->selfFeedback);
    field("population.membraneDecay")->setValue(QString::number(p->membraneDecay));
    field("population.lifThreshold")->setValue(QString::number(p->lifThreshold));
    const bool sqs = kind == "sqs", input = kind == "input";
    setVisibleRow("population.readout", !input);
    for (const char *k : {"population.io", "population.memory", "population.ansatz", "population.layers"})
        setVisibleRow(k, sqs);
    setVisibleRow("population.qlifThreshold", kind == "qlif");
    setVisibleRow("population.qlifT1", kind == "qlif");
    for (const char *k : {"population.synapticDecay", "population.feedbackDecay", "population.selfFeedback"})
        setVisibleRow(k, kind == "glm");
    setVisibleRow("population.membraneDecay", kind == "lif");
    setVisibleRow("population.lifThreshold", kind == "lif");
    reloadNoise(*p, sqs);
}

} // namespace sqsnn::lab

// The noise section of the population page (SQS populations, issue 16): a preset combo
// (none | superconducting | neutral-atom | custom) and the strengths a user most often sweeps
// (T1, T2, the gate errors, the readout errors). Every value goes through the core's own
// validation (NoiseModel::validate), so the field shows the core's one-line reason.
#include "panels/PopulationPage.hpp"

#include "common/Error.hpp"

#include <QComboBox>

#include <cmath>

namespace sqsnn::lab {

namespace {

struct NoiseField
{
    const char *key, *label, *unit, *tip;
    double NoiseModel::*member;
    bool time; // empty text = off (infinite)
};

const NoiseField kNoiseFields[] = {
    {"population.noise.t1", "T1", "us", "Amplitude damping time (empty: none)", &NoiseModel::t1Us, true},
    {"population.noise.t2", "T2", "us", "Dephasing time, at most 2 T1 (empty: T1-limited)", &NoiseModel::t2Us, true},
    {"population.noise.p1", "1-qubit error", "", "Depolarising probability after each one-qubit gate", &NoiseModel::depolarizing1q, false},
    {"population.noise.p2", "2-qubit error", "", "Depolarising probability after each two-qubit gate", &NoiseModel::depolarizing2q, false},
    {"population.noise.p01", "Readout 0 -> 1", "", "P(report 1 | 0)", &NoiseModel::readoutP01, false},
    {"population.noise.p10", "Readout 1 -> 0", "", "P(report 0 | 1)", &NoiseModel::readoutP10, false},
};

} // namespace

void PopulationPage::addNoiseRows()
{
    addCombo("population.noise", tr("Noise"), {"none", "superconducting", "neutral-atom", "custom"},
             tr("Device noise (docs/model.md 1b): the neurons then run on the density path"));
    for (const auto &f : kNoiseFields) {
        const NoiseField *field = &f;
        FieldEdit *e = addField(f.key, tr(f.label), [this, field](const QString &t) -> QString {
            const PopulationSpec *p = spec();
            if (!p)
                return {};
            NoiseModel m = p->noise;
            bool ok = true;
            const double v = t.trimmed().isEmpty() && field->time ? NoiseModel::kOff : t.toDouble(&ok);
            if (!ok)
                return tr("%1: must be a number").arg(tr(field->label));
            m.*(field->member) = v;
            try {
                m.validate("noise");
            } catch (const InputError &err) {
                return QString::fromStdString(err.what()).section(QStringLiteral(": "), 1);
            }
            return {};
        }, tr(f.unit), tr(f.tip));
        connect(e, &FieldEdit::committed, this, [this, field](const QString &t) {
            apply(tr(field->label), [&](PopulationSpec &p) {
                p.noise.preset.clear(); // an edited preset is a custom model
                p.noise.*(field->member)
                    = t.trimmed().isEmpty() && field->time ? NoiseModel::kOff : t.toDouble();
            });
        });
    }
    connect(static_cast<QComboBox *>(editor("population.noise")), &QComboBox::currentTextChanged,
            this, [this](const QString &t) {
                apply(tr("noise"), [&](PopulationSpec &p) {
                    if (t == QLatin1String("none"))
                        p.noise = NoiseModel{};
                    else if (t == QLatin1String("custom")) {
                        if (!p.noise.enabled())
                            p.noise = noisePreset("superconducting");
                        p.noise.preset.clear();
                    } else
                        p.noise = noisePreset(t.toStdString());
                });
            });
}

void PopulationPage::reloadNoise(const PopulationSpec &p, bool sqs)
{
    const NoiseModel &m = p.noise;
    const QString mode = !m.preset.empty() ? QString::fromStdString(m.preset)
                         : m.enabled()    ? QStringLiteral("custom")
                                          : QStringLiteral("none");
    setCombo(static_cast<QComboBox *>(editor("population.noise")), mode);
    setVisibleRow("population.noise", sqs);
    for (const auto &f : kNoiseFields) {
        const double v = m.*(f.member);
        static_cast<FieldEdit *>(editor(f.key))
            ->setValue(std::isfinite(v) ? QString::number(v) : QString());
        setVisibleRow(f.key, sqs && mode != QLatin1String("none"));
    }
}

} // namespace sqsnn::lab

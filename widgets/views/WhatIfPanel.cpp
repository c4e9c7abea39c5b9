#include "views/WhatIfPanel.hpp"

#include "common/Error.hpp"
#include "neurons/NeuronWhatIf.hpp"
#include "views/DensityMatrixWidget.hpp"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace sqsnn::lab {

namespace {
QString fixed3(double v) { return QString::number(std::abs(v) < 5e-4 ? 0.0 : v, 'f', 3); }
QString spikeWord(int s, int io) { return ((s >> (io - 1)) & 1) ? QObject::tr("spike") : QObject::tr("no spike"); }
} // namespace

WhatIfPanel::WhatIfPanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel), m_table(new QLabel), m_back(new QPushButton)
{
    setObjectName(QStringLiteral("whatIfPanel"));
    setWindowTitle(tr("What if \u2014 the other outcome"));
    resize(600, 460);
    m_title->setObjectName(QStringLiteral("whatIfTitle"));
    m_table->setObjectName(QStringLiteral("whatIfTable"));
    m_back->setObjectName(QStringLiteral("whatIfBack"));
    m_back->setText(tr("Back to the real run"));
    m_back->setToolTip(tr("Close the what-if: the run was never changed and resumes as it was"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_table->setTextFormat(Qt::RichText);
    m_table->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *matrices = new QGridLayout;
    for (int b = 0; b < 2; ++b) {
        m_matrix[b] = new DensityMatrixWidget;
        m_matrix[b]->setObjectName(b ? QStringLiteral("whatIfMatrix") : QStringLiteral("realMatrix"));
        m_matrix[b]->setMinimumSize(100, 100);
        m_matrix[b]->setToolTip(b ? tr("The memory after the measurement had the other outcome")
                                  : tr("The memory after the measurement as it happened"));
        auto *label = new QLabel(b ? tr("memory after, what if") : tr("memory after, real run"));
        label->setAlignment(Qt::AlignCenter);
        matrices->addWidget(label, 0, b);
        matrices->addWidget(m_matrix[b], 1, b);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->addWidget(m_title);
    layout->addWidget(m_table);
    layout->addLayout(matrices, 1);
    layout->addWidget(m_back, 0, Qt::AlignRight);
    connect(m_back, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
}

const Eigen::MatrixXcd &WhatIfPanel::branchMemory(int b) const { return m_matrix[b]->matrix(); }

bool WhatIfPanel::canReplay(const NeuronStep &n, const Circuit &circuit, int ioQubits, int memoryQubits)
{
    return ioQubits > 0 && int(n.currents.size()) == ioQubits && n.memoryIn.size() == (1 << memoryQubits)
           && !circuit.gates.empty() && circuit.numQubits == ioQubits + memoryQubits
           && !n.parameters.empty();
}

bool WhatIfPanel::showBranches(const NeuronStep &n, const Circuit &circuit, int io, int memory)
{
    if (!canReplay(n, circuit, io, memory)) {
        m_title->setText(tr("Step %1 cannot be replayed: its inputs were not recorded (steps are "
                            "recorded in full when stepping or in slow motion).").arg(n.step));
        m_table->clear();
        for (auto *m : m_matrix)
            m->setMatrix({});
        return false;
    }
    NeuronBranch branch[2];
    try {
        SqsNeuron neuron(io, memory, circuit);
        neuron.setParameters(n.parameters);
        branch[0] = branchStep(neuron, n.currents, n.memoryIn, n.outcome);
        branch[1] = branchStep(neuron, n.currents, n.memoryIn, otherOutcome(n.outcome, io));
    } catch (const Error &e) {
        m_title->setText(tr("What-if failed: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    m_title->setText(tr("Step %1: the measurement as it happened, and what if it had given the "
                        "other outcome (next step with the same input)").arg(n.step));
    auto cell = [](const QString &s) { return QStringLiteral("<td style='padding:0 8px'>%1</td>").arg(s); };
    QString rows;
    auto row = [&](const QString &name, const QString &a, const QString &b) {
        rows += QStringLiteral("<tr>") + cell(name) + cell(a) + cell(b) + QStringLiteral("</tr>");
    };
    row(QString(), tr("<b>real run</b>"), tr("<b>what if</b>"));
    QString outcome[2], next[2], purity[2];
    for (int b = 0; b < 2; ++b) {
        m_prob[b] = branch[b].probability;
        m_next[b] = branch[b].nextSpike;
        outcome[b] = tr("%1 (p %2)").arg(spikeWord(branch[b].outcome, io), fixed3(branch[b].probability));
        next[b] = branch[b].possible ? fixed3(branch[b].nextSpike) : tr("impossible (p = 0)");
        purity[b] = branch[b].possible ? fixed3(branch[b].nextPurity) : QStringLiteral("\u2013");
        m_matrix[b]->setMatrix(branch[b].possible && memory > 0 ? branch[b].memoryDensity : Eigen::MatrixXcd());
    }
    row(tr("outcome"), outcome[0], outcome[1]);
    for (int q = 0; q < memory; ++q) {
        QString v[2];
        for (int b = 0; b < 2; ++b) {
            if (!branch[b].possible) {
                v[b] = QStringLiteral("\u2013");
                continue;
            }
            const Eigen::Vector3d &r = branch[b].memoryBloch[std::size_t(q)];
            v[b] = QStringLiteral("(%1, %2, %3)").arg(fixed3(r.x()), fixed3(r.y()), fixed3(r.z()));
        }
        row(tr("memory qubit %1 after: Bloch (x, y, z)").arg(q), v[0], v[1]);
    }
    row(tr("next step p(spike)"), next[0], next[1]);
    row(tr("next step purity"), purity[0], purity[1]);
    m_table->setText(QStringLiteral("<table>") + rows + QStringLiteral("</table>"));
    show();
    return true;
}

} // namespace sqsnn::lab

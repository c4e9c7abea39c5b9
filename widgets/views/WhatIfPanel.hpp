#pragma once
// What-if at a paused step (issue 14, item 7): beside the real run, the branch in which the
// watched neuron's measurement at the shown step gave the other outcome (spike <-> no spike, I/O
// qubit 0 flipped): each branch's probability, its post-measurement memory (Bloch vectors of the
// memory qubits and the density matrix) and the next step's p(spike) and memory purity with the
// same input currents. The physics is core/neurons/NeuronWhatIf (branchStep), replayed from what
// the recorder kept of the step (NeuronStep::currents, memoryIn, parameters); the run itself is
// never touched, so "Back to the real run" only closes the comparison. Shown as a tool window
// beside the lab (NeuronView's What if... button).
#include "training/Snapshot.hpp"

#include <QWidget>

class QLabel;
class QPushButton;

namespace sqsnn::lab {

class DensityMatrixWidget;

class WhatIfPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WhatIfPanel(QWidget *parent = nullptr);

    // Can this step be replayed (recorded with its inputs, an SQS circuit known)?
    static bool canReplay(const NeuronStep &n, const Circuit &circuit, int ioQubits, int memoryQubits);
    // Shows the two branches of step n; returns false (and says why in the panel) when the step
    // cannot be replayed.
    bool showBranches(const NeuronStep &n, const Circuit &circuit, int ioQubits, int memoryQubits);

    // For tests: the numbers shown (real = 0, what-if = 1).
    double branchProbability(int b) const { return m_prob[b]; }
    double nextSpike(int b) const { return m_next[b]; }
    const Eigen::MatrixXcd &branchMemory(int b) const;
    QLabel *table() const { return m_table; }
    QPushButton *backButton() const { return m_back; }

Q_SIGNALS:
    void closed();

private:
    QLabel *m_title, *m_table;
    DensityMatrixWidget *m_matrix[2];
    QPushButton *m_back;
    double m_prob[2] = {0, 0}, m_next[2] = {0, 0};
};

} // namespace sqsnn::lab

#pragma once
// The watched neuron's circuit for one time step, gate by gate with its current angles:
// the input embedding RX(pi z) on the I/O qubits, the ansatz V(theta), then the measurement of
// the I/O register (the memory carries on). Drawn with QPainter.
#include "quantum/Circuit.hpp"

#include <QWidget>

namespace sqsnn::lab {

class CircuitWidget : public QWidget
{
    Q_OBJECT
public:
    explicit CircuitWidget(QWidget *parent = nullptr);
    // Circuit on ioQubits + memory qubits (I/O first) with its parameter values.
    void setCircuit(const Circuit &circuit, const std::vector<double> &params, int ioQubits);
    // What an empty circuit shows (the view says which neuron it waits for).
    void setPlaceholder(const QString &text);
    QString placeholder() const { return m_placeholder; }
    int columns() const { return int(m_circuit.gates.size()) + 2; }
    int qubits() const { return m_circuit.numQubits; }
    QSize sizeHint() const override;
    // Never squashed below its rows: the scroll area around it scrolls instead.
    QSize minimumSizeHint() const override { return {120, sizeHint().height()}; }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    Circuit m_circuit;
    std::vector<double> m_params;
    int m_io = 0;
    QString m_placeholder;
};

} // namespace sqsnn::lab

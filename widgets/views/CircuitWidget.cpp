#include "views/CircuitWidget.hpp"

#include <QPainter>

namespace sqsnn::lab {

namespace {
constexpr int kCol = 58, kRow = 34, kLeft = 44, kTop = 10;
}

CircuitWidget::CircuitWidget(QWidget *parent) : QWidget(parent), m_placeholder(tr("no SQS neuron watched"))
{
    setToolTip(tr("The watched neuron's circuit for one time step: input embedding RX(pi z), the "
                  "trainable circuit V(theta) with its current angles (radians), then the I/O "
                  "qubits are measured and reset; the memory carries its state to the next step."));
}

void CircuitWidget::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    update();
}

void CircuitWidget::setCircuit(const Circuit &circuit, const std::vector<double> &params, int ioQubits)
{
    const bool resize = circuit.numQubits != m_circuit.numQubits || circuit.gates.size() != m_circuit.gates.size();
    m_circuit = circuit;
    m_params = params;
    m_io = ioQubits;
    if (resize)
        updateGeometry();
    update();
}

QSize CircuitWidget::sizeHint() const
{
    return {kLeft + columns() * kCol + 16, kTop * 2 + std::max(1, m_circuit.numQubits) * kRow};
}

void CircuitWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor fg = palette().color(QPalette::WindowText);
    const int n = m_circuit.numQubits;
    if (n == 0) {
        p.setPen(fg);
        p.drawText(rect().adjusted(4, 0, -4, 0), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    auto y = [](int q) { return kTop + q * kRow + kRow / 2; };
    auto x = [](int col) { return kLeft + col * kCol + kCol / 2; };
    const int last = columns() - 1;
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() - 1.5));
    for (int q = 0; q < n; ++q) {
        p.setPen(fg);
        p.drawText(QRect(0, y(q) - 10, kLeft - 6, 20), Qt::AlignRight | Qt::AlignVCenter,
                   q < m_io ? QStringLiteral("io%1").arg(q) : QStringLiteral("m%1").arg(q - m_io));
        p.setPen(QPen(fg, 1));
        p.drawLine(kLeft, y(q), q < m_io ? x(last) : x(last) + kCol / 2, y(q));
    }
    auto box = [&](int col, int q, const QString &name, const QString &angle, QColor colour) {
        const QRect r(x(col) - kCol / 2 + 4, y(q) - kRow / 2 + 3, kCol - 8, kRow - 6);
        p.setPen(QPen(colour.darker(140), 1));
        p.setBrush(colour);
        p.drawRoundedRect(r, 3, 3);
        p.setPen(Qt::black);
        p.setFont(small);
        p.drawText(r, Qt::AlignCenter, angle.isEmpty() ? name : name + QLatin1Char('\n') + angle);
        p.setFont(font());
    };
    for (int q = 0; q < m_io; ++q)
        box(0, q, QStringLiteral("RX"), QStringLiteral("π·z"), QColor(200, 200, 200));
    for (std::size_t i = 0; i < m_circuit.gates.size(); ++i) {
        const Gate &g = m_circuit.gates[i];
        const int col = int(i) + 1;
        const QString name = QString::fromUtf8(gateName(g.kind).data(), int(gateName(g.kind).size()));
        QString angle;
        if (isRotation(g.kind)) {
            const double a = g.param >= 0 && g.param < int(m_params.size()) ? m_params[g.param] : g.angle;
            angle = QString::number(a, 'f', 2);
        }
        const QColor colour = g.param >= 0 ? QColor(250, 215, 120) : QColor(180, 210, 240);
        if (gateQubitCount(g.kind) == 2 && g.q1 >= 0) {
            p.setPen(QPen(fg, 1.4));
            p.drawLine(x(col), y(g.q0), x(col), y(g.q1));
            if (g.kind == GateKind::SWAP) {
                for (int q : {g.q0, g.q1}) {
                    p.drawLine(x(col) - 5, y(q) - 5, x(col) + 5, y(q) + 5);
                    p.drawLine(x(col) - 5, y(q) + 5, x(col) + 5, y(q) - 5);
                }
                continue;
            }
            p.setBrush(fg);
            p.drawEllipse(QPointF(x(col), y(g.q0)), 4, 4);
            if (g.kind == GateKind::CZ) {
                p.drawEllipse(QPointF(x(col), y(g.q1)), 4, 4);
                continue;
            }
            QString target = name;
            if (target.startsWith(QLatin1Char('C')))
                target.remove(0, 1);
            if (g.kind == GateKind::CNOT)
                target = QStringLiteral("X");
            box(col, g.q1, target, angle, colour);
        } else {
            box(col, g.q0, name, angle, colour);
        }
    }
    for (int q = 0; q < m_io; ++q) { // measurement
        const QRect r(x(last) - 14, y(q) - 12, 28, 24);
        p.setPen(QPen(fg, 1));
        p.setBrush(palette().color(QPalette::Base));
        p.drawRect(r);
        p.drawArc(r.adjusted(5, 8, -5, 6), 0, 180 * 16);
        p.drawLine(r.center() + QPoint(0, 5), r.topRight() + QPoint(-5, 5));
    }
}

} // namespace sqsnn::lab

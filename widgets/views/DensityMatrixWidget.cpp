#include "views/DensityMatrixWidget.hpp"

#include <QPainter>

#include <cmath>

namespace sqsnn::lab {

namespace {
// Magnitude ramp (dark blue -> teal -> yellow), readable on light and dark themes.
QColor ramp(double t)
{
    t = std::clamp(t, 0.0, 1.0);
    const QColor a(30, 35, 90), b(30, 150, 150), c(250, 220, 60);
    auto mix = [](QColor x, QColor y, double u) {
        return QColor(int(x.red() + (y.red() - x.red()) * u), int(x.green() + (y.green() - x.green()) * u),
                      int(x.blue() + (y.blue() - x.blue()) * u));
    };
    return t < 0.5 ? mix(a, b, t * 2) : mix(b, c, (t - 0.5) * 2);
}
QString ket(int i, int bits)
{
    QString s;
    for (int b = bits - 1; b >= 0; --b)
        s += QChar((i >> b) & 1 ? '1' : '0');
    return QStringLiteral("|%1>").arg(s);
}
} // namespace

DensityMatrixWidget::DensityMatrixWidget(QWidget *parent) : QWidget(parent)
{
    setToolTip(tr("The memory's density matrix just before measurement: colour = magnitude "
                  "|rho_ab|, arrow = phase. Off-diagonal cells are coherences; a diagonal-only "
                  "matrix is a classical mixture."));
}

void DensityMatrixWidget::setMatrix(const Eigen::MatrixXcd &rho)
{
    m_rho = rho;
    update();
}

void DensityMatrixWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor fg = palette().color(QPalette::WindowText);
    const int n = int(m_rho.rows());
    if (n == 0) {
        p.setPen(fg);
        p.drawText(rect(), Qt::AlignCenter, tr("no state yet"));
        return;
    }
    if (n == 1) { // no memory qubits: the state is the number 1, nothing to draw
        p.setPen(fg);
        p.drawText(rect().adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("no memory qubits: this neuron keeps no quantum state between steps"));
        return;
    }
    int bits = 0;
    while ((1 << bits) < n)
        ++bits;
    const bool labels = n <= 16;
    const int margin = labels ? fontMetrics().horizontalAdvance(ket(0, bits)) + 6 : 4;
    const double side = std::max(10.0, std::min(width() - margin - 4.0, height() - margin - 4.0));
    const double cell = side / n;
    const QPointF origin(margin, margin);
    for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b) {
            const std::complex<double> z = m_rho(a, b);
            const double mag = std::abs(z);
            const QRectF r(origin.x() + b * cell, origin.y() + a * cell, cell, cell);
            p.fillRect(r.adjusted(0.5, 0.5, -0.5, -0.5), ramp(mag));
            if (mag > 0.02 && cell >= 14) {
                const double len = (cell / 2 - 3) * std::min(1.0, 0.35 + mag);
                const double ph = std::arg(z);
                const QPointF c = r.center();
                const QPointF tip = c + QPointF(std::cos(ph) * len, -std::sin(ph) * len);
                p.setPen(QPen(QColor(255, 255, 255, 220), 1.6));
                p.drawLine(c, tip);
                p.setBrush(QColor(255, 255, 255, 220));
                p.drawEllipse(tip, 2, 2);
            }
            if (cell >= 44) {
                p.setPen(mag > 0.6 ? QColor(20, 20, 20) : QColor(240, 240, 240));
                p.drawText(r.adjusted(2, 2, -2, -2), Qt::AlignBottom | Qt::AlignRight,
                           QString::number(mag, 'f', 2));
            }
        }
    if (labels) {
        p.setPen(fg);
        for (int i = 0; i < n; ++i) {
            p.drawText(QRectF(0, origin.y() + i * cell, margin - 4, cell), Qt::AlignVCenter | Qt::AlignRight, ket(i, bits));
            // Column headers side by side when they fit the cell, else turned upright (the top
            // margin is as high as a label is wide).
            if (fontMetrics().horizontalAdvance(ket(i, bits)) + 4 <= cell) {
                p.drawText(QRectF(origin.x() + i * cell, 0, cell, margin - 2), Qt::AlignHCenter | Qt::AlignBottom, ket(i, bits));
            } else {
                p.save();
                p.translate(origin.x() + (i + 0.5) * cell, margin - 2);
                p.rotate(-90);
                p.drawText(QRectF(0, -cell / 2, margin - 2, cell), Qt::AlignVCenter | Qt::AlignLeft, ket(i, bits));
                p.restore();
            }
        }
    }
}

} // namespace sqsnn::lab

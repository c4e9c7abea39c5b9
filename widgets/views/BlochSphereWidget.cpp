#include "views/BlochSphereWidget.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTimer>

#include <cmath>

namespace sqsnn::lab {

namespace {
constexpr std::size_t kTrail = 24;
constexpr int kFlashMs = 450;
}

BlochSphereWidget::BlochSphereWidget(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(false);
    setToolTip(tr("Bloch sphere of one qubit just before measurement. A vector on the surface is a "
                  "pure state; inside the sphere the qubit is mixed (entangled with the other "
                  "qubits of the neuron). |0> is up, |1> down. Drag to rotate."));
}

void BlochSphereWidget::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void BlochSphereWidget::addState(const Eigen::Vector3d &bloch, int outcome)
{
    m_trail.push_back(bloch);
    while (m_trail.size() > kTrail)
        m_trail.pop_front();
    m_outcome = outcome;
    if (outcome >= 0) {
        m_flash.restart();
        QTimer::singleShot(kFlashMs + 20, this, qOverload<>(&QWidget::update));
    }
    update();
}

void BlochSphereWidget::clear()
{
    m_trail.clear();
    m_outcome = -1;
    update();
}

void BlochSphereWidget::setView(double yaw, double pitch)
{
    m_yaw = yaw;
    m_pitch = std::clamp(pitch, -1.5, 1.5);
    update();
}

QPointF BlochSphereWidget::project(const Eigen::Vector3d &v, QPointF c, double r,
                                   double *depth) const
{
    const double cy = std::cos(m_yaw), sy = std::sin(m_yaw);
    const double ax = v.x() * cy - v.y() * sy, ay = v.x() * sy + v.y() * cy, az = v.z();
    const double cp = std::cos(m_pitch), sp = std::sin(m_pitch);
    const double up = az * cp + ay * sp;
    if (depth)
        *depth = ay * cp - az * sp; // > 0: behind the sphere's centre
    return {c.x() + r * ax, c.y() - r * up};
}

void BlochSphereWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor fg = pal.color(QPalette::WindowText);
    const bool flashing = m_outcome >= 0 && m_flash.isValid() && m_flash.elapsed() < kFlashMs;
    const int titleH = fontMetrics().height() + 4;
    const QRectF area = QRectF(rect()).adjusted(4, titleH, -4, -fontMetrics().height() - 4);
    const double r = std::max(10.0, std::min(area.width(), area.height()) / 2 - 14);
    const QPointF c = area.center();

    if (flashing) {
        const double a = 1.0 - double(m_flash.elapsed()) / kFlashMs;
        QColor flash = m_outcome ? QColor(235, 80, 60) : QColor(70, 130, 230);
        flash.setAlphaF(0.35 * a);
        p.setPen(Qt::NoPen);
        p.setBrush(flash);
        p.drawEllipse(c, r + 10, r + 10);
    }
    // Sphere: shaded disc, equator and a meridian (back halves dashed).
    QRadialGradient g(c - QPointF(r / 3, r / 3), r * 1.4);
    g.setColorAt(0, QColor(255, 255, 255, 40));
    g.setColorAt(1, QColor(120, 140, 180, 60));
    p.setBrush(g);
    p.setPen(QPen(fg, 1.2));
    p.drawEllipse(c, r, r);
    auto circle = [&](auto point) {
        QPointF prev;
        double prevDepth = 0;
        for (int i = 0; i <= 72; ++i) {
            double d;
            const QPointF q = project(point(2 * M_PI * i / 72), c, r, &d);
            if (i > 0) {
                QColor col = fg;
                col.setAlphaF(d > 0 || prevDepth > 0 ? 0.25 : 0.6);
                p.setPen(QPen(col, 1, d > 0 ? Qt::DashLine : Qt::SolidLine));
                p.drawLine(prev, q);
            }
            prev = q;
            prevDepth = d;
        }
    };
    circle([](double t) { return Eigen::Vector3d(std::cos(t), std::sin(t), 0); });
    circle([](double t) { return Eigen::Vector3d(std::cos(t), 0, std::sin(t)); });
    // Axes and labels.
    const struct { Eigen::Vector3d v; const char *label; } axes[] = {
        {{1, 0, 0}, "x"}, {{0, 1, 0}, "y"}, {{0, 0, 1}, "|0>"}, {{0, 0, -1}, "|1>"}};
    for (const auto &a : axes) {
        QColor col = fg;
        col.setAlphaF(0.45);
        p.setPen(QPen(col, 1));
        const QPointF end = project(a.v, c, r);
        p.drawLine(c, end);
        const QPointF lab = project(a.v * 1.18, c, r);
        p.setPen(fg);
        p.drawText(QRectF(lab.x() - 16, lab.y() - 8, 32, 16), Qt::AlignCenter, a.label);
    }
    // Trail: older steps fade.
    const int n = int(m_trail.size());
    for (int i = 0; i + 1 < n; ++i) {
        QColor col(230, 120, 30);
        col.setAlphaF(0.15 + 0.6 * (i + 1) / n);
        p.setPen(QPen(col, 1.6));
        p.drawLine(project(m_trail[i], c, r), project(m_trail[i + 1], c, r));
        p.setBrush(col);
        p.setPen(Qt::NoPen);
        p.drawEllipse(project(m_trail[i], c, r), 2, 2);
    }
    if (n > 0) {
        const Eigen::Vector3d v = m_trail.back();
        const QPointF tip = project(v, c, r);
        p.setPen(QPen(QColor(200, 40, 40), 2.6));
        p.drawLine(c, tip);
        p.setBrush(QColor(200, 40, 40));
        p.drawEllipse(tip, 4.5, 4.5);
        p.setBrush(Qt::NoBrush);
        // The shadow on the equatorial plane helps reading depth.
        QColor shadow = fg;
        shadow.setAlphaF(0.35);
        p.setPen(QPen(shadow, 1, Qt::DotLine));
        p.drawLine(c, project({v.x(), v.y(), 0}, c, r));
        p.drawLine(project({v.x(), v.y(), 0}, c, r), tip);
    }
    // Title and the vector's length (1 = pure, < 1 = mixed).
    p.setPen(fg);
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.drawText(QRectF(0, 0, width(), titleH), Qt::AlignCenter, m_title);
    p.setFont(font());
    QString foot;
    if (n > 0)
        foot = tr("|r| = %1").arg(m_trail.back().norm(), 0, 'f', 3);
    if (m_outcome >= 0)
        foot += tr("   outcome %1").arg(m_outcome);
    p.drawText(QRectF(0, height() - fontMetrics().height() - 2, width(), fontMetrics().height()),
               Qt::AlignCenter, foot);
}

void BlochSphereWidget::mousePressEvent(QMouseEvent *e)
{
    m_drag = e->pos();
}

void BlochSphereWidget::mouseMoveEvent(QMouseEvent *e)
{
    const QPoint d = e->pos() - m_drag;
    m_drag = e->pos();
    setView(m_yaw + d.x() * 0.012, m_pitch + d.y() * 0.012);
}

} // namespace sqsnn::lab

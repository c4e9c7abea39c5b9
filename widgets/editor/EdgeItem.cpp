#include "editor/EdgeItem.hpp"

#include "editor/NodeItem.hpp"

#include <QApplication>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>

#include <cmath>

namespace sqsnn::lab {

QPainterPath edgePath(QPointF a, QPointF b, bool selfLoop)
{
    QPainterPath path(a);
    if (selfLoop) {
        const double up = NodeItem::kHeight / 2 + 40;
        path.cubicTo(a + QPointF(80, 0), a + QPointF(80, -up), QPointF((a.x() + b.x()) / 2, a.y() - up));
        path.cubicTo(b + QPointF(-80, -up), b + QPointF(-80, 0), b);
        return path;
    }
    if (b.x() < a.x() + 40) { // a backward (recurrent) edge: arc over the top
        const double lift = 90 + 0.15 * std::abs(a.x() - b.x());
        path.cubicTo(a + QPointF(140, -lift * 1.3), b + QPointF(-140, -lift * 1.3), b);
        return path;
    }
    const double span = b.x() - a.x();
    if (span > NodeItem::kWidth + 120 && std::abs(b.y() - a.y()) < NodeItem::kHeight) {
        // Skips a layer on the same row: bow below the nodes in between instead of hiding
        // behind them.
        const double drop = NodeItem::kHeight * 0.75 + 0.1 * span;
        path.cubicTo(a + QPointF(span * 0.25, drop * 1.33), b + QPointF(-span * 0.25, drop * 1.33), b);
        return path;
    }
    const double dx = std::max(60.0, std::abs(span) * 0.5);
    path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
    return path;
}

EdgeItem::EdgeItem(NodeItem *from, NodeItem *to, int index)
    : m_from(from), m_to(to), m_index(index)
{
    setFlags(ItemIsSelectable);
    setZValue(0);
    m_from->addEdge(this);
    if (m_to != m_from)
        m_to->addEdge(this);
    adjust();
}

EdgeItem::~EdgeItem()
{
    m_from->removeEdge(this);
    m_to->removeEdge(this);
}

void EdgeItem::setContent(const ProjectionSpec &e, const QString &issue)
{
    m_delay = e.delay;
    m_issue = issue;
    QStringList parts;
    if (e.connectivity != "dense")
        parts << QString::fromStdString(e.connectivity);
    if (e.bias)
        parts << QObject::tr("bias");
    if (e.delay > 0)
        parts << QObject::tr("delay %1").arg(e.delay);
    m_label = parts.join(QStringLiteral(" · "));
    const QString name = QStringLiteral("%1 → %2").arg(QString::fromStdString(e.from),
                                                       QString::fromStdString(e.to));
    setToolTip(issue.isEmpty() ? name
                               : QStringLiteral("%1<br><span style='color:#d33'>%2</span>")
                                     .arg(name, issue.toHtmlEscaped()));
    update();
}

void EdgeItem::adjust()
{
    prepareGeometryChange();
    setPath(edgePath(m_from->outPortPos(), m_to->inPortPos(), m_from == m_to));
}

QRectF EdgeItem::boundingRect() const
{
    const QPointF mid = path().pointAtPercent(0.5);
    return path().boundingRect().adjusted(-12, -12, 12, 12).united(
        QRectF(mid.x() - 82, mid.y() - 22, 164, 20));
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(12);
    return stroker.createStroke(path());
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = QApplication::palette();
    QColor colour = pal.color(QPalette::Text);
    colour.setAlphaF(0.55);
    double width = 2.0;
    if (isSelected()) {
        colour = pal.color(QPalette::Highlight);
        width = 3.2;
    }
    if (!m_issue.isEmpty())
        colour = QColor(0xe0, 0x30, 0x30);
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(colour, width);
    if (m_delay > 0)
        pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
    // Arrow head at the target port.
    const QPointF tip = path().pointAtPercent(1.0);
    const double angle = path().angleAtPercent(0.98) * M_PI / 180.0;
    const QPointF dir(std::cos(angle), -std::sin(angle));
    const QPointF normal(-dir.y(), dir.x());
    const QPointF base = tip - dir * (NodeItem::kPortRadius + 9);
    const QPointF at = tip - dir * NodeItem::kPortRadius;
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(QPolygonF{at, base + normal * 5, base - normal * 5});
    if (!m_label.isEmpty()) {
        QFont f = QApplication::font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        painter->setFont(f);
        painter->setPen(colour);
        const QPointF mid = path().pointAtPercent(0.5);
        painter->drawText(QRectF(mid.x() - 80, mid.y() - 20, 160, 16), Qt::AlignCenter, m_label);
    }
}

} // namespace sqsnn::lab

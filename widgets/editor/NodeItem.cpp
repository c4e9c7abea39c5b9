#include "editor/NodeItem.hpp"

#include "editor/EdgeItem.hpp"
#include "model/NodeRegistry.hpp"

#include <QApplication>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>

namespace sqsnn::lab {

NodeItem::NodeItem(const QString &name) : m_name(name)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);
}

void NodeItem::setName(const QString &name)
{
    m_name = name;
    update();
}

void NodeItem::setContent(const PopulationSpec &p, std::int64_t parameters, int inputLines,
                          const QString &issue)
{
    const NodeType &type = NodeRegistry::instance().typeOf(p);
    m_kind = QString::fromStdString(p.kind);
    m_colour = type.colour;
    m_readout = p.readout;
    m_issue = issue;
    const QLocale loc;
    const QString shortKind = p.kind == "input" ? QObject::tr("data input") : m_kind.toUpper();
    const QString kindLabel = p.readout ? QObject::tr("readout · %1").arg(shortKind) : shortKind;
    m_lines.clear();
    if (p.kind == "input") {
        const int lines = p.size > 0 ? p.size : inputLines;
        m_lines << QObject::tr("%1 lines%2").arg(loc.toString(lines),
                                                  p.size > 0 ? QString() : QObject::tr(" (data)"));
        m_lines << QObject::tr("no parameters");
    } else {
        m_lines << (p.size == 1 ? QObject::tr("1 neuron") : QObject::tr("%1 neurons").arg(loc.toString(p.size)));
        if (p.kind == "sqs")
            m_lines.last() += QObject::tr("  ·  %1 + %2 qubits").arg(p.ioQubits).arg(p.memoryQubits);
        else if (p.kind == "qlif")
            m_lines.last() += QObject::tr("  ·  1 qubit");
        m_lines << (parameters >= 0 ? QObject::tr("%1 parameters").arg(loc.toString(qlonglong(parameters)))
                                    : QObject::tr("parameters: ?"));
    }
    m_title = kindLabel;
    setToolTip(issue.isEmpty() ? QStringLiteral("<b>%1</b><br>%2").arg(m_name, type.description)
                               : QStringLiteral("<b>%1</b><br><span style='color:#d33'>%2</span>")
                                     .arg(m_name, issue.toHtmlEscaped()));
    update();
}

int NodeItem::portAt(QPointF scenePos) const
{
    const double r = kPortRadius + 5;
    if (QLineF(scenePos, outPortPos()).length() <= r)
        return 1;
    if (hasInputPort() && QLineF(scenePos, inPortPos()).length() <= r)
        return -1;
    return 0;
}

// --- live training (issue 6) ---
void NodeItem::setActivity(double rate)
{
    if (rate == m_activity)
        return;
    m_activity = rate;
    update();
}

QRectF NodeItem::boundingRect() const
{
    const double m = kPortRadius + 3; // also holds the activity glow (9 px)
    return QRectF(-m, -m, kWidth + 2 * m, kHeight + 2 * m);
}

QFont NodeItem::textFont()
{
    QFont font = QApplication::font();
    const QFontMetricsF fm(font);
    const double wide = fm.horizontalAdvance(QStringLiteral("888 neurons \u00b7 16 + 16 qubits"));
    const double scale = std::min({1.0, (kWidth - 20) / std::max(1.0, wide), 22.0 / std::max(1.0, fm.height())});
    if (scale < 1) {
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * scale);
        else
            font.setPixelSize(std::max(1, int(font.pixelSize() * scale)));
    }
    return font;
}

bool NodeItem::textFits() const
{
    QFont font = textFont();
    font.setBold(true);
    const QFontMetricsF bold(font);
    font.setBold(false);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    const QFontMetricsF title(font);
    const QFontMetricsF body(textFont());
    bool fits = bold.horizontalAdvance(m_name) <= kWidth * 0.55 && bold.height() <= 28
                && title.horizontalAdvance(m_title) <= kWidth * 0.42 && body.height() <= 24;
    for (const QString &line : m_lines)
        fits = fits && body.horizontalAdvance(line) <= kWidth - 20;
    return fits;
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    const QPalette pal = QApplication::palette();
    const QRectF body(0, 0, kWidth, kHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_activity >= 0) { // live training: glow with the firing rate (issue 6)
        const double a = std::min(1.0, std::sqrt(m_activity));
        for (int i = 3; i >= 1; --i) {
            QColor glow(255, 140, 30);
            glow.setAlphaF(std::min(1.0, 0.12 + 0.5 * a) / i);
            painter->setPen(Qt::NoPen);
            painter->setBrush(glow);
            painter->drawRoundedRect(body.adjusted(-3.0 * i, -3.0 * i, 3.0 * i, 3.0 * i), 8 + 2 * i, 8 + 2 * i);
        }
    }
    // Body and header band.
    QPen outline(pal.color(QPalette::Mid), 1.2);
    if (isSelected())
        outline = QPen(pal.color(QPalette::Highlight), 2.5);
    if (!m_issue.isEmpty())
        outline = QPen(QColor(0xe0, 0x30, 0x30), 2.8);
    painter->setPen(outline);
    painter->setBrush(pal.color(QPalette::Base));
    painter->drawRoundedRect(body, 8, 8);
    QPainterPath header;
    header.addRoundedRect(body.adjusted(1, 1, -1, 0), 7, 7);
    QPainterPath clip;
    clip.addRect(QRectF(0, 0, kWidth, 28));
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colour);
    painter->drawPath(header.intersected(clip));
    // Texts.
    QFont font = textFont();
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(10, 0, kWidth - 20, 28), Qt::AlignVCenter | Qt::AlignLeft,
                      painter->fontMetrics().elidedText(m_name, Qt::ElideRight, int(kWidth * 0.55)));
    font.setBold(false);
    font.setPointSizeF(font.pointSizeF() * 0.9);
    painter->setFont(font);
    painter->drawText(QRectF(10, 0, kWidth - 20, 28), Qt::AlignVCenter | Qt::AlignRight,
                      painter->fontMetrics().elidedText(m_title, Qt::ElideRight, int(kWidth * 0.42)));
    painter->setPen(pal.color(QPalette::Text));
    double y = 34;
    for (const QString &line : m_lines) {
        painter->drawText(QRectF(10, y, kWidth - 20, 22), Qt::AlignVCenter | Qt::AlignLeft,
                          painter->fontMetrics().elidedText(line, Qt::ElideRight, int(kWidth - 20)));
        y += 24;
    }
    if (!m_issue.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xe0, 0x30, 0x30));
        painter->drawEllipse(QPointF(kWidth - 14, kHeight - 14), 7, 7);
        painter->setPen(Qt::white);
        painter->drawText(QRectF(kWidth - 21, kHeight - 21, 14, 14), Qt::AlignCenter, "!");
    }
    // Ports.
    painter->setPen(QPen(pal.color(QPalette::Base), 2));
    painter->setBrush(m_colour.darker(115));
    painter->drawEllipse(QPointF(kWidth, kHeight / 2), kPortRadius, kPortRadius);
    if (hasInputPort())
        painter->drawEllipse(QPointF(0, kHeight / 2), kPortRadius, kPortRadius);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged)
        for (EdgeItem *e : m_edges)
            e->adjust();
    return QGraphicsItem::itemChange(change, value);
}

} // namespace sqsnn::lab

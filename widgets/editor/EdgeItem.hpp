#pragma once
// A projection on the canvas: a curve from the source's output port to the target's input
// port, dashed with its delay when recurrent, red with the reason when invalid.
#include "network/NetworkSpec.hpp"

#include <QGraphicsPathItem>

namespace sqsnn::lab {

class NodeItem;

class EdgeItem : public QGraphicsPathItem
{
public:
    enum { Type = UserType + 2 };
    EdgeItem(NodeItem *from, NodeItem *to, int index);
    ~EdgeItem() override;
    int type() const override { return Type; }

    int index() const { return m_index; }
    void setIndex(int index) { m_index = index; }
    NodeItem *from() const { return m_from; }
    NodeItem *to() const { return m_to; }
    void setContent(const ProjectionSpec &spec, const QString &issue);
    void adjust();

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

private:
    NodeItem *m_from;
    NodeItem *m_to;
    int m_index;
    int m_delay = 0;
    QString m_label;
    QString m_issue;
};

// The curve between two port positions (also used for the connection being dragged).
QPainterPath edgePath(QPointF from, QPointF to, bool selfLoop = false);

} // namespace sqsnn::lab

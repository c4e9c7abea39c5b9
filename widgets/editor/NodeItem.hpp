#pragma once
// A population on the canvas: kind, size, qubits per neuron and parameter count, an input port
// (left) and an output port (right). Draws what the scene tells it; owns no network data.
#include "network/NetworkSpec.hpp"

#include <QGraphicsItem>

namespace sqsnn::lab {

class EdgeItem;

class NodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    static constexpr double kWidth = 196;
    static constexpr double kHeight = 92;
    static constexpr double kPortRadius = 7;

    explicit NodeItem(const QString &name);
    int type() const override { return Type; }

    QString name() const { return m_name; }
    void setName(const QString &name);
    void setContent(const PopulationSpec &spec, std::int64_t parameters, int inputLines,
                    const QString &issue);
    const QString &issue() const { return m_issue; }
    bool hasInputPort() const { return m_kind != "input"; }
    // Live training (issue 6): firing rate (spikes per line per step) drawn as a glow; < 0 = off.
    void setActivity(double rate);
    double activity() const { return m_activity; }

    QPointF inPortPos() const { return mapToScene(QPointF(0, kHeight / 2)); }
    QPointF outPortPos() const { return mapToScene(QPointF(kWidth, kHeight / 2)); }
    // 1 = over the output port, -1 = over the input port, 0 = elsewhere (scene coordinates).
    int portAt(QPointF scenePos) const;

    void addEdge(EdgeItem *edge) { m_edges.push_back(edge); }
    void removeEdge(EdgeItem *edge) { std::erase(m_edges, edge); }

    // The font of the node's texts: the application font, but never larger than the size at
    // which the longest usual body line ("888 neurons · 16 + 16 qubits") fits the box; a larger
    // application font (presentation mode, a large system font) makes the canvas zoom, not the
    // text outgrow its box. Every line is elided to the box as a last resort.
    static QFont textFont();
    const QStringList &lines() const { return m_lines; }
    // Do the name, the title and every body line fit their places at textFont()?
    bool textFits() const;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    QString m_name;
    QString m_kind;
    QString m_title;
    QStringList m_lines;
    QColor m_colour;
    QString m_issue;
    bool m_readout = false;
    double m_activity = -1; // live training glow
    std::vector<EdgeItem *> m_edges;
};

} // namespace sqsnn::lab

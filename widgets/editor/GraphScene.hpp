#pragma once
// The canvas: a QGraphicsScene that is a view of the ProjectModel's network. It mirrors the
// model after every change (items keyed by population name / projection index) and turns mouse
// gestures into model edits: drag a port to another node to connect, drag nodes to move (one
// undo step per drag), and the clipboard actions.
#include "model/ProjectModel.hpp"

#include <QGraphicsScene>
#include <QHash>

namespace sqsnn::lab {

class NodeItem;
class EdgeItem;

class GraphScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit GraphScene(ProjectModel *model, QObject *parent = nullptr);
    ~GraphScene() override;

    ProjectModel *model() const { return m_model; }
    NodeItem *node(const QString &name) const { return m_nodes.value(name); }
    QList<NodeItem *> nodes() const { return m_nodes.values(); }
    const QList<EdgeItem *> &edges() const { return m_edges; }

    QStringList selectedNodeNames() const;
    QList<int> selectedProjections() const;
    void selectNodes(const QStringList &names);
    void selectProjection(int index);

    // The same calls the mouse and the menus make.
    QString addNode(const QString &typeId, QPointF scenePos);
    bool connectPorts(const QString &from, const QString &to);
    // Copy/cut put the selected nodes (and the projections among them) on the system
    // clipboard as JSON (model/FragmentJson.hpp) as well as in the lab's own clipboard. Paste
    // takes such JSON (or a project file's, or a network's) from the system clipboard, else the
    // lab's own; invalid JSON is reported in the log and changes nothing. Each is one undo step.
    void copySelection();
    void cutSelection();
    void copyNetwork();
    // Returns the names of the pasted nodes (empty when nothing was pasted).
    QStringList paste();
    void duplicateSelection();
    void deleteSelection();

Q_SIGNALS:
    void selectionSummaryChanged();

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void sync();
    void syncPositions();
    void rename(const QString &from, const QString &to);
    NodeItem *nodeAt(QPointF scenePos) const;

    ProjectModel *m_model;
    QHash<QString, NodeItem *> m_nodes;
    QList<EdgeItem *> m_edges;
    QGraphicsPathItem *m_pending = nullptr; // the connection being dragged
    NodeItem *m_pendingNode = nullptr;
    int m_pendingPort = 0;
    bool m_draggingNodes = false;
    int m_dragId = 0;
    int m_pasteCount = 0;
    QString m_lastPasted; // clipboard text of the last paste (repeated pastes move further)
};

} // namespace sqsnn::lab

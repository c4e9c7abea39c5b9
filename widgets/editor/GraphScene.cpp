#include "editor/GraphScene.hpp"

#include "editor/EdgeItem.hpp"
#include "editor/NodeItem.hpp"
#include "model/FragmentJson.hpp"

#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QPalette>

#include <cmath>

namespace sqsnn::lab {

namespace {
Fragment &clipboard()
{
    static Fragment fragment;
    return fragment;
}
} // namespace

GraphScene::GraphScene(ProjectModel *model, QObject *parent)
    : QGraphicsScene(parent), m_model(model)
{
    setSceneRect(-4000, -3000, 8000, 6000);
    setItemIndexMethod(QGraphicsScene::NoIndex);
    connect(model, &ProjectModel::projectReset, this, &GraphScene::rebuild);
    connect(model, &ProjectModel::changed, this, &GraphScene::sync);
    connect(model, &ProjectModel::nodesMoved, this, &GraphScene::syncPositions);
    connect(model, &ProjectModel::populationRenamed, this, &GraphScene::rename);
    connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::selectionSummaryChanged);
    rebuild();
}

GraphScene::~GraphScene()
{
    blockSignals(true);
    qDeleteAll(m_edges); // edges before nodes: an edge unregisters from its nodes
    m_edges.clear();
    qDeleteAll(m_nodes);
    m_nodes.clear();
}

void GraphScene::rebuild()
{
    qDeleteAll(m_edges);
    m_edges.clear();
    qDeleteAll(m_nodes);
    m_nodes.clear();
    sync();
}

void GraphScene::rename(const QString &from, const QString &to)
{
    if (NodeItem *n = m_nodes.take(from)) {
        n->setName(to);
        m_nodes.insert(to, n);
    }
}

void GraphScene::sync()
{
    const Project &p = m_model->project();
    const EditState s = m_model->state();
    QHash<QString, QString> nodeIssues;
    QHash<int, QString> edgeIssues;
    for (const auto &issue : m_model->issues()) {
        const QString msg = QString::fromStdString(issue.message);
        if (issue.population >= 0 && issue.population < int(p.network.populations.size())) {
            QString &t = nodeIssues[QString::fromStdString(p.network.populations[issue.population].name)];
            t += (t.isEmpty() ? "" : "\n") + msg;
        }
        if (issue.projection >= 0) {
            QString &t = edgeIssues[issue.projection];
            t += (t.isEmpty() ? "" : "\n") + msg;
        }
    }
    // Nodes: add, update, remove.
    QSet<QString> alive;
    for (int i = 0; i < int(p.network.populations.size()); ++i) {
        const auto &pop = p.network.populations[i];
        const QString name = QString::fromStdString(pop.name);
        alive.insert(name);
        NodeItem *n = m_nodes.value(name);
        if (!n) {
            n = new NodeItem(name);
            addItem(n);
            m_nodes.insert(name, n);
        }
        n->setContent(pop, m_model->populationParameters(i), m_model->inputLines(),
                      nodeIssues.value(name));
        if (n->pos() != s.position(pop.name))
            n->setPos(s.position(pop.name));
    }
    // Edges, by index: keep items whose ends did not change (their selection survives).
    QList<EdgeItem *> edges;
    for (int k = 0; k < int(p.network.projections.size()); ++k) {
        const auto &e = p.network.projections[k];
        NodeItem *from = m_nodes.value(QString::fromStdString(e.from));
        NodeItem *to = m_nodes.value(QString::fromStdString(e.to));
        if (!from || !to || !alive.contains(from->name()) || !alive.contains(to->name()))
            continue;
        EdgeItem *edge = nullptr;
        for (EdgeItem *old : m_edges)
            if (old && old->index() == k && old->from() == from && old->to() == to) {
                edge = old;
                m_edges.replace(m_edges.indexOf(old), nullptr);
                break;
            }
        if (!edge) {
            edge = new EdgeItem(from, to, k);
            addItem(edge);
        }
        edge->setContent(e, edgeIssues.value(k));
        edge->adjust();
        edges.push_back(edge);
    }
    qDeleteAll(m_edges);
    m_edges = edges;
    for (auto it = m_nodes.begin(); it != m_nodes.end();) {
        if (!alive.contains(it.key())) {
            delete it.value();
            it = m_nodes.erase(it);
        } else {
            ++it;
        }
    }
}

void GraphScene::syncPositions()
{
    const EditState s = m_model->state();
    for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
        const QPointF pos = s.position(it.key().toStdString());
        if (it.value()->pos() != pos)
            it.value()->setPos(pos);
    }
}

QStringList GraphScene::selectedNodeNames() const
{
    QStringList names;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == NodeItem::Type)
            names << static_cast<NodeItem *>(item)->name();
    names.sort();
    return names;
}

QList<int> GraphScene::selectedProjections() const
{
    QList<int> out;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == EdgeItem::Type)
            out << static_cast<EdgeItem *>(item)->index();
    return out;
}

void GraphScene::selectNodes(const QStringList &names)
{
    clearSelection();
    for (const QString &n : names)
        if (NodeItem *item = m_nodes.value(n))
            item->setSelected(true);
}

void GraphScene::selectProjection(int index)
{
    clearSelection();
    for (EdgeItem *e : m_edges)
        if (e->index() == index)
            e->setSelected(true);
}

QString GraphScene::addNode(const QString &typeId, QPointF scenePos)
{
    const QString name = m_model->addNode(typeId, scenePos);
    if (!name.isEmpty())
        selectNodes({name});
    return name;
}

bool GraphScene::connectPorts(const QString &from, const QString &to)
{
    if (!m_model->connectNodes(from, to))
        return false;
    selectProjection(int(m_model->project().network.projections.size()) - 1);
    return true;
}

namespace {
void putOnClipboard(const Fragment &f)
{
    clipboard() = f;
    QGuiApplication::clipboard()->setText(QString::fromStdString(fragmentToJson(f).dump(2)) + u'\n');
}
} // namespace

void GraphScene::copySelection()
{
    const Fragment f = m_model->copy(selectedNodeNames());
    if (f.empty()) {
        Q_EMIT m_model->message(ProjectModel::Info, tr("Copy: select one or more nodes first"));
        return;
    }
    putOnClipboard(f);
    m_pasteCount = 0;
    m_lastPasted.clear();
    Q_EMIT m_model->message(ProjectModel::Info, tr("Copied %n node(s)", nullptr, int(f.populations.size())));
}

void GraphScene::cutSelection()
{
    const QStringList names = selectedNodeNames();
    const Fragment f = m_model->copy(names);
    if (f.empty()) {
        Q_EMIT m_model->message(ProjectModel::Info, tr("Cut: select one or more nodes first"));
        return;
    }
    putOnClipboard(f);
    m_pasteCount = -1; // the first paste goes where the nodes were
    m_lastPasted.clear();
    m_model->removeItems(names, {});
}

void GraphScene::copyNetwork()
{
    QStringList all;
    for (const auto &p : m_model->project().network.populations)
        all << QString::fromStdString(p.name);
    const Fragment f = m_model->copy(all);
    if (f.empty()) {
        Q_EMIT m_model->message(ProjectModel::Info, tr("Copy Network: the network is empty"));
        return;
    }
    putOnClipboard(f);
    m_pasteCount = 0;
    m_lastPasted.clear();
    Q_EMIT m_model->message(ProjectModel::Info, tr("Copied the network (%1 populations, %2 projections) as JSON")
                                                    .arg(f.populations.size())
                                                    .arg(f.projections.size()));
}

QStringList GraphScene::paste()
{
    const QString text = QGuiApplication::clipboard()->text();
    Fragment f;
    if (text.trimmed().isEmpty()) {
        f = clipboard();
        if (f.empty()) {
            Q_EMIT m_model->message(ProjectModel::Info, tr("Paste: the clipboard is empty"));
            return {};
        }
    } else {
        try {
            f = fragmentFromText(text.toStdString());
        } catch (const std::exception &e) {
            Q_EMIT m_model->message(ProjectModel::Error,
                                    tr("Paste: the clipboard does not hold SQSNN nodes; nothing "
                                       "changed. %1").arg(QString::fromUtf8(e.what())));
            return {};
        }
        if (text != m_lastPasted && m_pasteCount > 0)
            m_pasteCount = 0;
        m_lastPasted = text;
    }
    ++m_pasteCount;
    const QStringList added = m_model->paste(f, QPointF(40, 40) * m_pasteCount);
    if (!added.isEmpty())
        selectNodes(added);
    return added;
}

void GraphScene::duplicateSelection()
{
    const QStringList added = m_model->paste(m_model->copy(selectedNodeNames()), QPointF(40, 40));
    if (!added.isEmpty())
        selectNodes(added);
}

void GraphScene::deleteSelection()
{
    m_model->removeItems(selectedNodeNames(), selectedProjections());
}

NodeItem *GraphScene::nodeAt(QPointF scenePos) const
{
    for (QGraphicsItem *item : items(scenePos))
        if (item->type() == NodeItem::Type)
            return static_cast<NodeItem *>(item);
    return nullptr;
}

void GraphScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        for (NodeItem *n : m_nodes)
            if (const int port = n->portAt(event->scenePos())) {
                m_pendingNode = n;
                m_pendingPort = port;
                m_pending = addPath(QPainterPath(), QPen(QApplication::palette().color(QPalette::Highlight), 2, Qt::DashLine));
                m_pending->setZValue(5);
                event->accept();
                return;
            }
    }
    QGraphicsScene::mousePressEvent(event);
    m_draggingNodes = event->button() == Qt::LeftButton && !selectedNodeNames().isEmpty()
                      && nodeAt(event->scenePos()) != nullptr;
    if (m_draggingNodes)
        ++m_dragId;
}

void GraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_pending) {
        const QPointF a = m_pendingPort > 0 ? m_pendingNode->outPortPos() : event->scenePos();
        const QPointF b = m_pendingPort > 0 ? event->scenePos() : m_pendingNode->inPortPos();
        m_pending->setPath(edgePath(a, b));
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
    if (m_draggingNodes && (event->buttons() & Qt::LeftButton)) {
        Positions moved;
        for (QGraphicsItem *item : selectedItems())
            if (item->type() == NodeItem::Type)
                moved[static_cast<NodeItem *>(item)->name().toStdString()] = item->pos();
        m_model->moveNodes(moved, m_dragId);
    }
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_pending) {
        delete m_pending;
        m_pending = nullptr;
        if (NodeItem *target = nodeAt(event->scenePos()); target) {
            if (m_pendingPort > 0)
                connectPorts(m_pendingNode->name(), target->name());
            else
                connectPorts(target->name(), m_pendingNode->name());
        }
        m_pendingNode = nullptr;
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    m_draggingNodes = false;
}

void GraphScene::drawBackground(QPainter *painter, const QRectF &rect)
{
    const QPalette pal = QApplication::palette();
    painter->fillRect(rect, pal.color(QPalette::Window).darker(104));
    QColor dot = pal.color(QPalette::Text);
    dot.setAlphaF(0.18);
    const double step = 28;
    if (painter->transform().m11() * step < 8)
        return; // too far out to be useful
    painter->setPen(QPen(dot, 1.6));
    const double x0 = std::floor(rect.left() / step) * step, y0 = std::floor(rect.top() / step) * step;
    QVector<QPointF> points;
    for (double x = x0; x < rect.right(); x += step)
        for (double y = y0; y < rect.bottom(); y += step)
            points.append(QPointF(x, y));
    painter->drawPoints(points.data(), int(points.size()));
}

} // namespace sqsnn::lab

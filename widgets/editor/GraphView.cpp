#include "editor/GraphView.hpp"

#include "editor/GraphScene.hpp"
#include "editor/NodeItem.hpp"
#include "model/NodeRegistry.hpp"

#include <QApplication>
#include <QFontInfo>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace sqsnn::lab {

GraphView::GraphView(GraphScene *scene, QWidget *parent) : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setObjectName(QStringLiteral("canvas"));
}

double GraphView::readableZoom()
{
    const double caption = 0.9 * QFontInfo(NodeItem::textFont()).pixelSize();
    return caption > 0 ? std::min(1.0, kMinTextPixels / caption) : 1.0;
}

double GraphView::captionPixels() const
{
    return 0.9 * QFontInfo(NodeItem::textFont()).pixelSize() * zoom();
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitToView();
}

void GraphView::zoomBy(double factor)
{
    m_autoFit = false;
    const double next = std::clamp(zoom() * factor, 0.1, 4.0);
    const double f = next / zoom();
    scale(f, f);
}

void GraphView::resetZoom()
{
    m_autoFit = false;
    setTransform(QTransform());
}

void GraphView::fitToView()
{
    QRectF bounds;
    for (NodeItem *n : m_scene->nodes())
        bounds = bounds.united(n->sceneBoundingRect());
    if (bounds.isEmpty()) {
        resetZoom();
        centerOn(0, 0);
        return;
    }
    // A generous margin when there is room; a narrow one when the graph would otherwise not fit
    // at a readable zoom (a 3-node graph at 1280 x 800).
    const double readable = readableZoom();
    for (const double margin : {60.0, 16.0}) {
        fitInView(bounds.adjusted(-margin, -margin, margin, margin), Qt::KeepAspectRatio);
        if (zoom() >= readable)
            break;
    }
    if (zoom() > m_maxFitZoom)
        setTransform(QTransform::fromScale(m_maxFitZoom, m_maxFitZoom));
    else if (zoom() < readable)
        setTransform(QTransform::fromScale(readable, readable));
    centerOn(bounds.center());
    m_autoFit = true;
}

bool GraphView::graphVisible() const
{
    const QRectF port = viewport()->rect();
    for (NodeItem *n : m_scene->nodes()) {
        const QRectF r = mapFromScene(n->sceneBoundingRect()).boundingRect();
        if (!port.contains(r))
            return false;
    }
    return true;
}

void GraphView::panBy(QPointF delta)
{
    m_autoFit = false;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - int(delta.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() - int(delta.y()));
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.15, steps));
    event->accept();
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_lastPos = event->pos();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        panBy(event->pos() - m_lastPos);
        m_lastPos = event->pos();
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void GraphView::keyPressEvent(QKeyEvent *event)
{
    const double step = 60;
    switch (event->key()) {
    case Qt::Key_Space:
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            viewport()->setCursor(Qt::OpenHandCursor);
        }
        return;
    case Qt::Key_Left: panBy({step, 0}); return;
    case Qt::Key_Right: panBy({-step, 0}); return;
    case Qt::Key_Up: panBy({0, step}); return;
    case Qt::Key_Down: panBy({0, -step}); return;
    default: QGraphicsView::keyPressEvent(event);
    }
}

void GraphView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(Qt::ArrowCursor);
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void GraphView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(kNodeMimeType))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void GraphView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(kNodeMimeType))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

QString GraphView::dropNode(const QMimeData *mime, QPoint viewPos)
{
    if (!mime || !mime->hasFormat(kNodeMimeType))
        return {};
    const QString type = QString::fromUtf8(mime->data(kNodeMimeType));
    const QPointF at = mapToScene(viewPos) - QPointF(NodeItem::kWidth / 2, NodeItem::kHeight / 2);
    return m_scene->addNode(type, at);
}

void GraphView::dropEvent(QDropEvent *event)
{
    if (dropNode(event->mimeData(), event->position().toPoint()).isEmpty()) {
        QGraphicsView::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    setFocus();
}

} // namespace sqsnn::lab

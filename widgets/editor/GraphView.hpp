#pragma once
// The canvas widget: zoom (wheel, Ctrl+=/-), pan (middle drag, space + drag, arrow keys),
// rubber-band selection, fit to view, and drops from the palette.
#include <QGraphicsView>

class QMimeData;

namespace sqsnn::lab {

class GraphScene;

class GraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit GraphView(GraphScene *scene, QWidget *parent = nullptr);
    GraphScene *graphScene() const { return m_scene; }
    double zoom() const { return transform().m11(); }
    // What a drop from the palette does: adds the node type in `mime`, centred at `viewPos`.
    // Returns the new node's name (empty when `mime` holds no node type).
    QString dropNode(const QMimeData *mime, QPoint viewPos);
    // The smallest zoom Fit uses: node captions (the smaller, 0.9 x NodeItem::textFont()) stay
    // at least kMinTextPixels high; a graph larger than that scrolls instead of shrinking.
    static constexpr double kMinTextPixels = 7.5;
    static double readableZoom();
    // The node captions' pixel height at the current zoom.
    double captionPixels() const;
    // Fit follows the window's size (open, resize, dock changes) until the user zooms or pans.
    bool autoFit() const { return m_autoFit; }
    // The largest zoom Fit uses (1.25; presentation mode lets the graph fill the canvas).
    void setMaxFitZoom(double zoom) { m_maxFitZoom = zoom; }
    // Does every node lie inside the viewport?
    bool graphVisible() const;

public Q_SLOTS:
    void zoomIn() { zoomBy(1.2); }
    void zoomOut() { zoomBy(1 / 1.2); }
    void resetZoom();
    void fitToView();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void zoomBy(double factor);
    void panBy(QPointF delta);

    GraphScene *m_scene;
    bool m_panning = false;
    bool m_spaceHeld = false;
    bool m_autoFit = false;
    double m_maxFitZoom = 1.25;
    QPoint m_lastPos;
};

} // namespace sqsnn::lab

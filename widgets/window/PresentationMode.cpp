#include "window/PresentationMode.hpp"

#include "editor/GraphView.hpp"
#include "views/PlotStyle.hpp"
#include "window/MainWindow.hpp"

#include "views/PlotInclude.hpp"

#include <QApplication>
#include <QDockWidget>
#include <QTimer>

namespace sqsnn::lab {

namespace {
const char *const kShown[] = {"neuronDock", "activityDock"};

QFont scaled(QFont f, double s)
{
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * s);
    else if (f.pixelSize() > 0)
        f.setPixelSize(std::max(1, int(std::lround(f.pixelSize() * s))));
    return f;
}

QPen thicker(QPen p, double s)
{
    p.setWidthF(std::max(1.0, p.widthF()) * s);
    return p;
}
} // namespace

PresentationMode::PresentationMode(MainWindow *window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("presentationMode"));
}

void PresentationMode::scalePlots(double font, double line)
{
    for (QCustomPlot *plot : m_window->findChildren<QCustomPlot *>()) {
        for (QCPAxisRect *rect : plot->axisRects())
            for (QCPAxis *axis : rect->axes()) {
                axis->setTickLabelFont(scaled(axis->tickLabelFont(), font));
                axis->setLabelFont(scaled(axis->labelFont(), font));
                axis->setBasePen(thicker(axis->basePen(), line));
            }
        if (plot->legend)
            plot->legend->setFont(scaled(plot->legend->font(), font));
        for (int i = 0; i < plot->plottableCount(); ++i) {
            QCPAbstractPlottable *p = plot->plottable(i);
            p->setPen(thicker(p->pen(), line));
            if (auto *g = qobject_cast<QCPGraph *>(p)) {
                QCPScatterStyle st = g->scatterStyle();
                if (!st.isNone()) {
                    st.setSize(st.size() * line);
                    g->setScatterStyle(st);
                }
            }
        }
        fitValueTicks(plot);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void PresentationMode::setOn(bool on)
{
    if (on == m_on)
        return;
    m_on = on;
    if (on) {
        m_state = m_window->saveState();
        m_font = QApplication::font();
        QApplication::setFont(scaled(m_font, kScale));
        scalePlots(kScale, kLineScale);
        for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
            bool keep = false;
            for (const char *id : kShown)
                keep = keep || dock->objectName() == QLatin1String(id);
            dock->setVisible(keep);
        }
    } else {
        QApplication::setFont(m_font);
        scalePlots(1 / kScale, 1 / kLineScale);
        m_window->restoreState(m_state);
    }
    // The graph may fill the canvas (node text grows with the zoom, never out of its box).
    m_window->view()->setMaxFitZoom(on ? 3.0 : 1.25);
    // Once the docks have settled, the graph fills the canvas at the new text size.
    QTimer::singleShot(0, m_window->view(), &GraphView::fitToView);
    m_window->view()->fitToView();
    Q_EMIT toggled(on);
}

} // namespace sqsnn::lab

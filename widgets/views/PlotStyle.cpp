#include "views/PlotStyle.hpp"

#include "views/PlotInclude.hpp"

#include <QFontMetricsF>
#include <QPalette>

#include <algorithm>
#include <QResizeEvent>
#include <QWidget>

namespace sqsnn::lab {

void legendOnTop(QCustomPlot *plot)
{
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, plot->legend);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setBrush(Qt::NoBrush);
    plot->legend->setMargins(QMargins(2, 0, 2, 0));
    plot->plotLayout()->setRowStretchFactor(0, 0.001);
}

void applyPlotPalette(QCustomPlot *plot, const QPalette &palette)
{
    const QColor bg = palette.color(QPalette::Base);
    const QColor fg = palette.color(QPalette::WindowText);
    QColor grid = fg;
    grid.setAlpha(45);
    QColor subGrid = fg;
    subGrid.setAlpha(20);
    plot->setBackground(bg);
    for (QCPAxisRect *rect : plot->axisRects())
        rect->setBackground(bg);
    QList<QCPAxis *> axes;
    for (QCPAxisRect *rect : plot->axisRects())
        axes += rect->axes();
    for (QCPAxis *axis : axes) {
        axis->setBasePen(QPen(fg, 1));
        axis->setTickPen(QPen(fg, 1));
        axis->setSubTickPen(QPen(fg, 1));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    // Titles and notes in the layout (the Experiment window's learning curves): the text colour,
    // a note a little softer than the title.
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto *text = qobject_cast<QCPTextElement *>(plot->plotLayout()->elementAt(i))) {
            QColor c = fg;
            if (text->font().bold() == false)
                c.setAlphaF(0.8);
            text->setTextColor(c);
        }
    if (plot->legend) {
        plot->legend->setTextColor(fg);
        for (int i = 0; i < plot->legend->itemCount(); ++i)
            plot->legend->item(i)->setTextColor(fg);
        if (plot->legend->brush().style() != Qt::NoBrush)
            plot->legend->setBrush(bg);
    }
}

void integerTicks(QCPAxis *axis)
{
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    ticker->setTickCount(6);
    axis->setTicker(ticker);
    axis->setNumberFormat(QStringLiteral("f"));
    axis->setNumberPrecision(0);
}

void stepTicks(QCPAxis *axis)
{
    integerTicks(axis);
    axis->ticker()->setTickCount(3);
}

// Value axes of a short plot (a 1280 x 800 window at its minimum, presentation mode's larger
// fonts) get fewer ticks, so their labels never stack: about five label heights of the plot go
// to the legend row and the time axis, and each tick needs 1.1 label heights of the rest; never
// more than the axis asked for.
void fitValueTicks(QCustomPlot *plot, int height)
{
    if (height < 0)
        height = plot->height();
    for (QCPAxisRect *rect : plot->axisRects())
        for (QCPAxis *axis : rect->axes(QCPAxis::atLeft | QCPAxis::atRight)) {
            if (!axis->ticker())
                continue;
            QVariant wanted = axis->property("wantedTickCount");
            if (!wanted.isValid()) {
                wanted = axis->ticker()->tickCount();
                axis->setProperty("wantedTickCount", wanted);
            }
            const double label = QFontMetricsF(axis->tickLabelFont()).height();
            const int fit = int((height - 5 * label) / (1.1 * label));
            axis->ticker()->setTickCount(std::clamp(fit, 2, std::max(2, wanted.toInt())));
        }
}

namespace {
// Swallows a plot's resize events of an empty size (the next real resize replots it), and fits
// the value ticks to the height of a real one.
class EmptyResizeGuard : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize && static_cast<QResizeEvent *>(event)->size().isEmpty())
            return true;
        if (event->type() == QEvent::Resize)
            if (auto *plot = qobject_cast<QCustomPlot *>(watched))
                fitValueTicks(plot, static_cast<QResizeEvent *>(event)->size().height());
        return QObject::eventFilter(watched, event);
    }
};
} // namespace

void fitStepTicks(QCPAxis *axis)
{
    const int width = axis->axisRect() ? axis->axisRect()->width() : 0;
    axis->ticker()->setTickCount(std::clamp(width / 90, 1, 4));
}

void applyPlotPaletteToAll(QWidget *root, const QPalette &palette)
{
    for (QCustomPlot *plot : root->findChildren<QCustomPlot *>()) {
        if (!plot->property("emptyResizeGuard").toBool()) {
            plot->installEventFilter(new EmptyResizeGuard(plot));
            plot->setProperty("emptyResizeGuard", true);
        }
        applyPlotPalette(plot, palette);
        if (!plot->size().isEmpty())
            plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace sqsnn::lab

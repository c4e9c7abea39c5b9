#include "views/PlotStyle.hpp"

#include "views/PlotInclude.hpp"

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
    for (QCPAxis *axis : plot->axisRects().isEmpty() ? QList<QCPAxis *>{} : plot->axisRect()->axes()) {
        axis->setBasePen(QPen(fg, 1));
        axis->setTickPen(QPen(fg, 1));
        axis->setSubTickPen(QPen(fg, 1));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    if (plot->legend) {
        plot->legend->setTextColor(fg);
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

namespace {
// Swallows a plot's resize events of an empty size (the next real resize replots it).
class EmptyResizeGuard : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Resize && static_cast<QResizeEvent *>(event)->size().isEmpty())
            return true;
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

#include "views/PlotStyle.hpp"

#include "views/PlotInclude.hpp"

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

} // namespace sqsnn::lab

#pragma once
// Shared look of the lab's plots.
class QCustomPlot;

namespace sqsnn::lab {

// Moves the plot's legend out of the data area into a row above it (entries side by side).
void legendOnTop(QCustomPlot *plot);

} // namespace sqsnn::lab

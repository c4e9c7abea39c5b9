#pragma once
// Shared look of the lab's plots.
class QCPAxis;
class QCustomPlot;
class QPalette;
class QWidget;

namespace sqsnn::lab {

// Moves the plot's legend out of the data area into a row above it (entries side by side).
void legendOnTop(QCustomPlot *plot);
// Background, axes, ticks, labels, grid and legend text in the palette's colours (the dark
// theme's plots are dark too); data colours stay as they are.
void applyPlotPalette(QCustomPlot *plot, const QPalette &palette);
// Ticks at whole numbers only (epochs: no tick at 0.5).
void integerTicks(QCPAxis *axis);
// Step numbers in full ("1303780", not "1.30378e6"), few enough ticks that they never collide.
void stepTicks(QCPAxis *axis);
// Value (left/right) axes: as many ticks as fit the plot's height (height < 0: its current one)
// at their label font, at most the count the axis asked for first. Applied on every resize of a
// plot that applyPlotPaletteToAll has seen, and by presentation mode.
void fitValueTicks(QCustomPlot *plot, int height = -1);
// As many step ticks as fit the axis' width (one per ~90 px of a 7-digit label), 1..4.
void fitStepTicks(QCPAxis *axis);
// Every plot under `root`: the palette applied, replotted, and guarded against replots at an
// empty size (a plot in a hidden tab or dock gets a 0 x 0 resize when first shown; QCustomPlot
// would draw into a null pixmap, "QPainter::begin: Paint device returned engine == 0").
void applyPlotPaletteToAll(QWidget *root, const QPalette &palette);

} // namespace sqsnn::lab

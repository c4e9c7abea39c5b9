#pragma once
// Learning curves of an experiment (`sqsnn experiment`, core/training/Experiment.hpp): reads its
// results.csv (one row per model x seed x epoch; columns found by header name, so extra or
// reordered columns are fine), averages one metric over the seeds of every model and epoch, and
// draws one line per model (the mean) with a translucent band (mean +- sample std over seeds).
// `sqsnn-lab --plot-results results.csv --out FILE.png` runs this without a window; the CLI calls
// that after an experiment, so the CLI itself never links Qt.
#include <QString>
#include <QStringList>
#include <QVector>

class QCustomPlot;

namespace sqsnn::lab {

struct ExperimentCurve
{
    QString model;
    QVector<double> epochs; // ascending
    QVector<double> mean; // over seeds, per epoch
    QVector<double> std; // sample std (n - 1); 0 where only one seed has that epoch
    QVector<int> seeds; // how many seeds have that epoch
    int seedCount = 0; // distinct seeds of the model
};

struct ExperimentCurves
{
    QString file; // the results.csv read
    QString title; // "# title" of summary.md next to it, else the folder's name
    QString metric; // the column averaged, e.g. "test_accuracy"
    QVector<ExperimentCurve> models; // in order of first appearance in the file
};

// Columns a curve can be drawn for (every column but model, seed, parameters and epoch is
// accepted when the file has it; these are the ones the CLI plots).
QStringList experimentPlotMetrics();

// "test_accuracy" -> "test accuracy".
QString experimentMetricLabel(const QString &metric);

// Parses and aggregates. On failure returns false and sets `error` to a message naming the file
// (and the line and column at fault).
bool readExperimentCurves(const QString &csv, const QString &metric, ExperimentCurves *curves,
                          QString *error);

// Fills an (empty) plot with the curves: bands, mean lines, legend row, labels and a title.
void plotExperimentCurves(QCustomPlot *plot, const ExperimentCurves &curves);

// Writes the curves to `file`: PNG (default), or by suffix .svg or .pdf. False with `error`
// naming the file when it cannot be written.
bool writeExperimentPlot(const ExperimentCurves &curves, const QString &file, QString *error,
                         int width = 1000, int height = 650);

// readExperimentCurves + writeExperimentPlot. Needs a QApplication (any platform, also
// offscreen).
bool renderExperimentPlot(const QString &csv, const QString &png, const QString &metric,
                          QString *error);

} // namespace sqsnn::lab

#pragma once
// The experiment's answer in one chart (Qt Charts, the product's only use of it): one category
// per model (x method), a bar at the mean final test accuracy over seeds and an error bar of
// +- one sample std (a vertical line with caps, one QLineSeries per model, on the same category
// axis), the seeds' own final accuracies as dots. Follows the lab's light/dark theme.
#include "training/Experiment.hpp"

#include <QChartView>
#include <QStringList>
#include <QVector>

class QBarSeries;
class QBarCategoryAxis;
class QValueAxis;
class QScatterSeries;
class QLineSeries;

namespace sqsnn::lab {

class ExperimentSummaryChart : public QChartView
{
    Q_OBJECT
public:
    explicit ExperimentSummaryChart(QWidget *parent = nullptr);

    void setRows(const std::vector<ExperimentRow> &rows, const QString &title);
    // "light" or "dark" (qApp's sqsnnTheme property when empty).
    void applyTheme(const QString &theme = QString());

    // Read back from the series (tests, exports): categories in order, the bars' heights, and
    // each error bar's half-length.
    QStringList categories() const;
    QVector<double> means() const;
    QVector<double> spreads() const;
    bool isDark() const { return m_dark; }

    // PNG by default, SVG by suffix. False with `error` naming the file.
    bool exportTo(const QString &file, QString *error, QSize size = QSize(900, 560));

private:
    QBarSeries *m_bars = nullptr;
    QBarCategoryAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
    QScatterSeries *m_seeds = nullptr;
    QVector<QLineSeries *> m_errors;
    bool m_dark = false;
};

} // namespace sqsnn::lab

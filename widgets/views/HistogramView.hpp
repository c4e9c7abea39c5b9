#pragma once
// Histogram of the trained values in the Training dock: one group at a time (all weights, all
// circuit angles, or one projection / population), chosen in a combo box and kept by name
// across snapshots. The bins come computed from the worker (Snapshot::histograms); this view
// only draws them, and only when the worker sent new ones.
#include "training/ParameterHistograms.hpp"

#include <QWidget>

#include <memory>

class QComboBox;
class QCPBars;
class QCustomPlot;
class QLabel;

namespace sqsnn::lab {

using HistogramsPtr = std::shared_ptr<const std::vector<ParameterHistogram>>;

class HistogramView : public QWidget
{
    Q_OBJECT
public:
    explicit HistogramView(QWidget *parent = nullptr);

    void showHistograms(const HistogramsPtr &histograms);
    // The group shown (nullptr when there is none).
    const ParameterHistogram *current() const;
    QComboBox *selector() const { return m_selector; }
    QCustomPlot *plot() const { return m_plot; }
    QCPBars *bars() const { return m_bars; }
    // Replots when something changed since the last call and the plot is visible.
    void replotIfDirty();

private:
    void showCurrent();

    QComboBox *m_selector;
    QLabel *m_summary;
    QCustomPlot *m_plot;
    QCPBars *m_bars;
    HistogramsPtr m_histograms;
    bool m_dirty = false;
    int m_shownKind = -1;
};

} // namespace sqsnn::lab

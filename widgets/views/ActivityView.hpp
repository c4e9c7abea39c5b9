#pragma once
// The Activity dock: spike raster of every population (a scrolling window of recent time
// steps, one colour per population, wheel/drag to zoom and pan), the readout's firing
// probabilities at the current step, and the last sample as the network saw it (input spikes
// summed over its time steps) with its label and the prediction. Fed only from snapshots;
// replots coalesced to one per 40 ms.
#include "training/RunCost.hpp"
#include "training/Snapshot.hpp"
#include "views/PlotExport.hpp"

#include <QWidget>

#include <deque>

class QCustomPlot;
class QCPBars;
class QCPErrorBars;
class QSpinBox;
class QCPItemRect;
class QCPItemStraightLine;
class QLabel;
class QSlider;
class QTimer;

namespace sqsnn::lab {

class ActivityView : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityView(QWidget *parent = nullptr);
    QCustomPlot *raster() const { return m_raster; }
    QCustomPlot *readout() const { return m_readout; }
    QLabel *sample() const { return m_image; }
    // The per-sample view (stepping, paused, slow motion): the raster and readout show the
    // sample in flight; the scrubber moves over its recorded steps (stepClicked for each).
    QSlider *scrubber() const { return m_scrub; }
    bool isPerSample() const { return m_perSample; }
    qint64 selectedStep() const { return m_selected; }
    // Shows step `step` of the recorded ones: marker, readout bars, and stepClicked(step).
    void selectStep(qint64 step);
    static QColor populationColour(int index);
    QSize sizeHint() const override { return {820, 330}; }
    // The data behind the plots (docs/exports.md): the spikes the raster holds (step,
    // population, line) and the readout probabilities shown.
    DataTable rasterTable() const;
    DataTable readoutTable() const;
    // Readout shots S (0 = exact probabilities) and the estimate on display (empty when exact).
    QSpinBox *shots() const { return m_shots; }
    const ShotEstimate &shotEstimate() const { return m_estimate; }
    static std::uint64_t shotSeed(qint64 step);

public Q_SLOTS:
    void showSnapshot(const sqsnn::lab::SnapshotPtr &s);
    // Drops every spike, bar, sample and label (a project opens, a run starts or is reset).
    void clear();
    // Labels the raster rows for a network before any run (names and spike lines).
    void showNetwork(const std::vector<std::string> &populations, const std::vector<int> &lines);

Q_SIGNALS:
    // A click in the raster: the global time step under the mouse.
    void stepClicked(qint64 step);

private:
    void setupPopulations(const std::vector<std::string> &populations, const std::vector<int> &lines);
    void showReadout(const std::vector<double> &p, qint64 step);
    void placeMarkers();

    QCustomPlot *m_raster;
    QCustomPlot *m_readout;
    QCPBars *m_bars = nullptr;
    QCPErrorBars *m_errors = nullptr;
    QSpinBox *m_shots;
    ShotEstimate m_estimate;
    qint64 m_readoutStep = 0;
    QLabel *m_image;
    QLabel *m_caption;
    QTimer *m_replot;
    bool m_dirty = false;
    std::vector<std::string> m_pops;
    std::vector<int> m_offset; // first raster row of each population
    std::vector<int> m_lines;
    std::int64_t m_lastStep = 0;
    std::deque<RasterSpike> m_spikes; // what the raster holds, oldest first
    std::vector<double> m_probabilities;
    std::vector<std::string> m_classNames;
    QSlider *m_scrub;
    QCPItemRect *m_marker = nullptr;
    std::vector<QCPItemStraightLine *> m_bounds; // sample boundaries (a pool)
    std::deque<ReadoutStep> m_readoutSteps;      // recorded readout p per step (detailed)
    bool m_perSample = false, m_scrubbing = false;
    qint64 m_selected = -1, m_sampleStart = 0;
    int m_stepsPerSample = 0;
};

} // namespace sqsnn::lab

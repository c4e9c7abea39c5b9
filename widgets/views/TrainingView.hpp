#pragma once
// The Training dock: run settings that may change during a run (speed from slow motion to full
// speed; learning rates, applied while paused), Evaluate, the run's counters, loss and accuracy
// per epoch (train and test), the learning signal l_t over recent steps, the runs of the
// session overlaid for comparison (RunComparison) and histograms of the trained values
// (HistogramView). Three pages: side by side when the dock is wide, tabs when it is not. Fed
// only from snapshots; replots coalesced to one per 40 ms, and only of visible plots.
#include "training/Snapshot.hpp"
#include "views/PlotExport.hpp"
#include "project/Project.hpp"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTimer;

namespace sqsnn::lab {

class HistogramView;
class ProjectModel;
class RunComparison;
class TrainingController;

class TrainingView : public QWidget
{
    Q_OBJECT
public:
    TrainingView(ProjectModel *model, TrainingController *controller, QWidget *parent = nullptr);
    QCustomPlot *curves() const { return m_curves; }
    QCustomPlot *signalPlot() const { return m_signal; }
    QComboBox *speed() const { return m_speed; }
    QLabel *status() const { return m_status; }
    // The learning-health line (core LearningHealth of the latest snapshot): empty until a
    // run reports, then "learning" or the symptom with its hint.
    QLabel *health() const { return m_health; }
    // The verdict as shown: rich text for the dock, a short plain line for the status bar.
    static QString healthText(const LearningHealth &h, bool rich);
    RunComparison *runs() const { return m_runs; }
    HistogramView *histograms() const { return m_histograms; }
    // Pages side by side (true) or as tabs.
    bool isWide() const { return m_wide; }
    static constexpr int kWideWidth = 1250;
    // Speeds offered (time steps per second; 0 = full speed).
    static QList<double> speeds();
    QSize sizeHint() const override { return {640, 330}; }
    // The data behind the plots (docs/exports.md): the epochs shown, with the columns of
    // `sqsnn train`'s metrics.csv; the learning signal l_t of the steps shown.
    DataTable curvesTable() const;
    DataTable signalTable() const;
    const std::vector<EpochMetrics> &historyShown() const { return m_history; }

public Q_SLOTS:
    void showSnapshot(const sqsnn::lab::SnapshotPtr &s);
    // Drops the learning signal, the counters and the health line (a project opens, a run
    // starts or is reset); the curves show the project's history.
    void clearRun();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrange(bool wide);
    void runStarted(bool active);
    void showHistory(const std::vector<EpochMetrics> &history);
    void showProjectHistory();
    void updateControls();

    ProjectModel *m_model;
    TrainingController *m_controller;
    QComboBox *m_speed;
    QDoubleSpinBox *m_eta;
    QDoubleSpinBox *m_hidden;
    QPushButton *m_applyRate;
    QPushButton *m_evaluate;
    QLabel *m_status;
    QLabel *m_health;
    QCustomPlot *m_curves;
    QCustomPlot *m_signal;
    RunComparison *m_runs;
    HistogramView *m_histograms;
    QWidget *m_curvesPage;
    QTabWidget *m_tabs;
    QWidget *m_row;
    QStackedWidget *m_area;
    QTimer *m_replot;
    bool m_wide = true; // arrange(false) in the constructor
    bool m_dirty = false, m_curvesDirty = false;
    int m_liveRun = 0;
    std::vector<Project> m_runProjects; // what the recent runs trained (for their labels)
    std::size_t m_epochsShown = 0;
    std::vector<EpochMetrics> m_history;
    std::int64_t m_lastStep = 0;
};

} // namespace sqsnn::lab

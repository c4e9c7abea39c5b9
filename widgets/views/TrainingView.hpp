#pragma once
// The Training dock: run settings that may change during a run (speed from slow motion to full
// speed; learning rates, applied while paused), Evaluate, the run's counters, loss and accuracy
// per epoch (train and test) and the learning signal l_t over recent steps. Fed only from
// snapshots; replots coalesced to one per 40 ms.
#include "training/Snapshot.hpp"
#include "views/PlotExport.hpp"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTimer;

namespace sqsnn::lab {

class ProjectModel;
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

private:
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
    QCustomPlot *m_curves;
    QCustomPlot *m_signal;
    QTimer *m_replot;
    bool m_dirty = false, m_curvesDirty = false;
    std::size_t m_epochsShown = 0;
    std::vector<EpochMetrics> m_history;
    std::int64_t m_lastStep = 0;
};

} // namespace sqsnn::lab

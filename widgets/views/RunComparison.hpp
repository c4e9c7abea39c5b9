#pragma once
// Runs overlaid for comparison in the Training dock: every run of the session (and any
// metrics.csv a CLI run wrote) as a named trace, "Run 2 — GLM", its test accuracy (solid, right
// axis) and test loss (dashed, left axis) per epoch in the run's colour, one legend entry per
// shown run. The list beside the plot shows, hides (check box), keeps (pins) and removes runs.
// At most kMaxRuns are held: the oldest run that is neither kept nor live makes room.
#include "project/Project.hpp"
#include "training/Metrics.hpp"

#include <QColor>
#include <QWidget>

class QCustomPlot;
class QListWidget;
class QPushButton;

namespace sqsnn::lab {

struct ComparedRun
{
    int id = 0;
    QString label;                     // "Run 1 — SQS exact"
    std::vector<EpochMetrics> history; // every recorded epoch
    QColor colour;
    bool visible = true, kept = false, live = false;
};

// What a run is, for its label: the neuron kinds of its populations ("SQS", "GLM",
// "SQS+QLIF"), the estimator when SQS neurons learn with it, and the settings that differ
// from the latest of the `earlier` runs with the same kinds and estimator (learning rate,
// optimizer, batch, seed, population sizes, training samples).
QString describeRun(const Project &p, const std::vector<Project> &earlier);

class RunComparison : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxRuns = 8;
    explicit RunComparison(QWidget *parent = nullptr);

    // A run the lab is training (live until endRun); returns its id.
    int beginRun(const QString &what);
    void updateRun(int id, const std::vector<EpochMetrics> &history);
    // The run ended (its history is the last updateRun's); a run that recorded no epoch is
    // dropped unless kept.
    void endRun(int id);
    // A finished run from elsewhere (a CLI run's metrics.csv).
    int addRun(const QString &what, std::vector<EpochMetrics> history);
    bool loadMetricsCsv(const QString &path, QString *error);

    const std::vector<ComparedRun> &runs() const { return m_runs; }
    void setRunVisible(int id, bool visible);
    void setRunKept(int id, bool kept);
    void removeRun(int id);

    QCustomPlot *plot() const { return m_plot; }
    QListWidget *list() const { return m_list; }
    void replotIfDirty();

private:
    ComparedRun *find(int id);
    int add(ComparedRun run);
    void makeRoom();
    void rebuild(); // list and plot from m_runs
    void chooseCsv();

    std::vector<ComparedRun> m_runs;
    int m_nextId = 1, m_nextNumber = 1;
    QCustomPlot *m_plot;
    QListWidget *m_list;
    QPushButton *m_keep, *m_remove, *m_load;
    bool m_dirty = false, m_rebuilding = false;
};

} // namespace sqsnn::lab

#pragma once
// The Experiment window (issue 15): design, run and read an equal-budget comparison over the
// same core Experiment the CLI (`sqsnn experiment`) runs. Left: the settings and models
// (ExperimentSetup). Right: the grid's cells with their progress, the results per model, the
// learning curves (QCustomPlot, mean +- std bands as `sqsnn-lab --plot-results`) and the summary
// chart (Qt Charts). The grid runs on the ExperimentRunner's background pool; Stop ends every
// cell after its current time step, Pause at the end of the next finished epoch, Run resumes from
// the checkpoints in the output folder (also after the lab was closed mid-grid: the folder is
// remembered per experiment file). A double click on a cell opens its trained project.
#include "training/Experiment.hpp"

#include <QMainWindow>
#include <QPointer>

#include <map>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;
class QTabWidget;
class QTimer;
class QVBoxLayout;

namespace sqsnn::lab {

class ExperimentRunner;
class ExperimentSetup;
class ExperimentSummaryChart;

class ExperimentWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit ExperimentWindow(QWidget *parent = nullptr);
    ~ExperimentWindow() override;

    // Each returns false and shows the core's message (message()) when it fails; the window
    // stays usable.
    bool openExperiment(const QString &path);
    bool openResults(const QString &dir);     // a CLI output folder (results.csv, runs/)
    bool saveExperiment(const QString &path);
    void newExperiment(const QString &baseProject);
    bool run();      // starts or resumes the grid
    void stop();     // after the current time step of every cell
    void pause();    // at the end of the next epoch any cell finishes
    bool calibrate();

    void setOutDir(const QString &dir);
    QString outDir() const;
    void setJobs(int jobs);
    bool isRunning() const;
    QString message() const;
    ExperimentSetup *setup() const { return m_setup; }
    ExperimentRunner *runner() const { return m_runner; }
    ExperimentSummaryChart *summaryChart() const { return m_chart; }
    QTableWidget *cellTable() const { return m_cells; }
    QTableWidget *resultTable() const { return m_results; }
    QCustomPlot *curves() const { return m_curves; }
    const std::vector<ExperimentRow> &rows() const { return m_rows; }

    bool exportTable(const QString &file);   // .csv or .md
    bool exportCurves(const QString &file);  // .png or .svg
    bool exportChart(const QString &file);   // .png or .svg

Q_SIGNALS:
    void openProject(QString path);
    void runFinished(bool complete, QString error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void showMessage(const QString &text, bool error);
    void refreshCells();
    void refreshResults();
    void updateActions();
    QString defaultOutDir() const;
    QString command() const;
    int epochsDone(const ExperimentCell &c);

    ExperimentSetup *m_setup;
    ExperimentRunner *m_runner;
    ExperimentSummaryChart *m_chart;
    QTableWidget *m_cells, *m_results;
    QCustomPlot *m_curves = nullptr;
    QVBoxLayout *m_curvesLayout;
    QComboBox *m_metric;
    QTabWidget *m_tabs;
    QLineEdit *m_out;
    QSpinBox *m_jobsBox;
    QCheckBox *m_tiny;
    QLabel *m_estimate, *m_message;
    QTimer *m_poll;
    QAction *m_runAction, *m_pauseAction, *m_stopAction, *m_calibrateAction;

    std::vector<ExperimentCell> m_cellList;
    std::optional<Experiment> m_running; // the experiment the runner has (fixed while it runs)
    std::vector<ExperimentRow> m_rows;
    std::optional<ExperimentCalibration> m_calibration;
    QString m_resultsCsv;   // an opened CLI folder's results.csv ("" = the live grid)
    qint64 m_startedMs = 0;
    std::map<std::string, std::pair<qint64, int>> m_doneCache; // checkpoint -> (stamp, epochs)
};

} // namespace sqsnn::lab

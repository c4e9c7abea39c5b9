#pragma once
// Runs an experiment's grid (core/training/Experiment.hpp, the same runExperiment the CLI runs)
// on a background thread, whose pool trains `jobs` cells at a time; the GUI thread only gets
// queued signals. Per-cell progress (epoch, sample) is kept under a mutex and read by the
// window's timer (cellProgress), so a fast grid never floods the event loop. stop() raises the
// runner's stop flag: every cell stops after its current time step, epochs already finished
// stay in the checkpoints, and start() again resumes (finished cells are not rerun). Pause is
// a stop that keeps the grid's settings; the window offers it as Pause/Resume.
#include "training/Experiment.hpp"

#include <QObject>
#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace sqsnn::lab {

struct CellProgress
{
    int epochsDone = 0, epochs = 0;
    int epoch = 0, sample = 0, samples = 0; // the epoch in flight and its training sample
    bool running = false, finished = false;
    std::int64_t parameters = 0;
    double lastTestAccuracy = -1;
};

class ExperimentRunner : public QObject
{
    Q_OBJECT
public:
    explicit ExperimentRunner(QObject *parent = nullptr);
    ~ExperimentRunner() override; // stops and joins a running grid

    bool isRunning() const { return m_running; }
    // Starts the grid into outDir (false when one is already running).
    bool start(const Experiment &e, const QString &outDir, int jobs, bool tiny,
               const QString &command);
    void stop();
    // Stops at the end of the next epoch any cell records (right after its checkpoint is saved;
    // with one job nothing trained is lost).
    void pauseAtEpochEnd();
    // Blocks until the background thread has ended (tests, shutdown).
    void wait();
    // Measures a few samples of every model (on the background thread too).
    bool calibrate(const Experiment &e, const QString &outDir, int jobs, bool tiny);

    // Keyed by the cell's checkpoint path.
    std::map<std::string, CellProgress> cellProgress() const;

Q_SIGNALS:
    void cellEpoch(QString checkpoint);      // a cell recorded an epoch (its checkpoint is saved)
    void cellEnded(QString checkpoint, bool finished);
    // complete: every cell done and results.csv/summary.md written; error: the core's message.
    void finished(bool complete, QString error);
    void calibrated(sqsnn::ExperimentCalibration calibration, QString error);

private:
    void launch(std::function<void()> job);

    std::thread m_thread;
    std::atomic<bool> m_stop{false}, m_running{false}, m_pause{false};
    mutable std::mutex m_mutex;
    std::map<std::string, CellProgress> m_progress;
    std::unique_ptr<ExperimentObserver> m_observer;
};

} // namespace sqsnn::lab

Q_DECLARE_METATYPE(sqsnn::ExperimentCalibration)

#pragma once
// The one QObject facade over the core trainer. It owns the worker thread that runs the
// TrainingWorker loop (a std::thread: the worker never calls Qt, and joining it orders the
// worker's last writes before the controller's destruction in a way TSAN can check), turns the GUI's commands into the worker's mode changes (never waiting
// on the trainer), hands snapshots to the views (at most ~30 per second, newest wins) and puts
// trained parameters and history into the ProjectModel as one undoable command per run when
// the run pauses or ends.
//
// The worker never calls Qt: it appends its events (and "a snapshot is ready") to an outbox
// under a std::mutex, and a timer on the GUI thread drains it in order (every 15 ms while a
// run or an evaluation is under way, every 100 ms otherwise). Every hand-over between the
// threads is thus our own mutex, which ThreadSanitizer checks, rather than Qt's queued events,
// whose (futex-based, uninstrumented) locking it cannot see.
//
// While a run is active (running or paused) editing is locked: activeChanged(true) tells the
// window to make the canvas and inspector read-only. An edit that still reaches the project
// (an undo, opening another file) ends the run without writing its result back.
#include "project/Project.hpp"
#include "training/Snapshot.hpp"

#include <QObject>

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class QTimer;

namespace sqsnn::lab {

class ProjectModel;
class TrainingWorker;
struct WorkerEvent;

class TrainingController : public QObject
{
    Q_OBJECT
public:
    // threads: the trainer's thread count (0 = every core, as `sqsnn train`).
    explicit TrainingController(ProjectModel *model, QObject *parent = nullptr, int threads = 0);
    ~TrainingController() override;

    RunState state() const { return m_state; }
    bool isActive() const { return m_active; }
    bool isBusy() const { return m_active || m_stopping; }
    SnapshotPtr latest() const { return m_latest; }
    double speed() const { return m_speed; }
    // Thread-safe counters of the worker (for tests and the status bar).
    std::int64_t stepsTaken() const;
    std::int64_t samplesTaken() const;
    // Reset is offered while the project is as the last run left it (no edit since).
    bool canReset() const;

public Q_SLOTS:
    // Start a run or resume a paused one. A run trains to the project's epoch count; when
    // those are done already (a finished run), Train trains that many epochs more.
    void train();
    void pause();
    void resume();
    void togglePause();  // space bar
    void stepTime();
    void stepSample();
    void stepEpoch();
    void stop();
    // Back to the parameters and history the last run started from (a paused run is stopped
    // first), and the views cleared.
    void reset();
    void evaluate();     // loss and accuracy on the test split
    void setSpeed(double stepsPerSecond); // <= 0: full speed
    void setWatched(int pop, int neuron);
    // Changes the learning rates of a paused run (or of the project when idle).
    bool setLearningRate(double eta, double hiddenScale);

Q_SIGNALS:
    void snapshot(const sqsnn::lab::SnapshotPtr &snapshot);
    void stateChanged(sqsnn::lab::RunState state);
    void activeChanged(bool active);
    void committed();
    // The views drop what they show (a run starts, another project opens, Reset): every
    // view clears and re-labels from the next snapshot.
    void cleared();
    void evaluated(double loss, double accuracy);
    void error(const QString &message);
    void message(int level, const QString &text);

private:
    void begin(int mode);
    void onEvent(const WorkerEvent &e);
    void drain(); // the worker's outbox, in order (GUI thread)
    void deliverSnapshot();
    void setActive(bool active);
    void abandon(const QString &why);

    ProjectModel *m_model;
    std::unique_ptr<TrainingWorker> m_worker;
    std::thread m_thread;
    QTimer *m_poll = nullptr;
    std::mutex m_outboxMx;
    std::vector<WorkerEvent> m_outbox; // guarded by m_outboxMx
    bool m_evaluating = false;
    RunState m_state = RunState::Idle;
    bool m_active = false, m_stopping = false, m_resetAfterStop = false;
    bool m_committing = false;
    bool m_dropSnapshots = false; // an abandoned run's last snapshots never reach the views
    int m_runId = 0;
    int m_undoIndex = -1;
    double m_speed = 0;
    SnapshotPtr m_latest;
    std::shared_ptr<const Project> m_initial; // parameters + history when the last run started
};

} // namespace sqsnn::lab

Q_DECLARE_METATYPE(sqsnn::lab::SnapshotPtr)

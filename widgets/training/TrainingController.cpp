#include "training/TrainingController.hpp"

#include "model/ProjectModel.hpp"
#include "training/TrainResultCommand.hpp"
#include "training/TrainingWorker.hpp"

#include <QTimer>

#include <pthread.h>

namespace sqsnn::lab {

namespace {
using Mode = TrainingWorker::Mode;
constexpr int kBusyPollMs = 15;  // while a run or an evaluation is under way
constexpr int kIdlePollMs = 100; // otherwise (nothing is expected; a safety net)
}

TrainingController::TrainingController(ProjectModel *model, QObject *parent, int threads)
    : QObject(parent), m_model(model)
{
    qRegisterMetaType<SnapshotPtr>();
    qRegisterMetaType<RunState>();
    // Worker thread -> outbox (our mutex); the GUI thread drains it on a timer.
    m_worker = std::make_unique<TrainingWorker>(
        [this](WorkerEvent e) {
            std::lock_guard lk(m_outboxMx);
            m_outbox.push_back(std::move(e));
        },
        [this] {
            std::lock_guard lk(m_outboxMx);
            if (m_outbox.empty() || m_outbox.back().kind != WorkerEvent::Snapshot)
                m_outbox.push_back(WorkerEvent{WorkerEvent::Snapshot});
        },
        threads);
    m_poll = new QTimer(this);
    m_poll->setInterval(kIdlePollMs);
    connect(m_poll, &QTimer::timeout, this, &TrainingController::drain);
    m_poll->start();
    m_thread = std::thread([w = m_worker.get()] { w->loop(); });
    pthread_setname_np(m_thread.native_handle(), "TrainingWorker");

    connect(m_model->undoStack(), &QUndoStack::indexChanged, this, [this](int index) {
        // Opening a project clears the stack (index 0, nothing left): that is not an undo,
        // and projectReset says what happened.
        if (m_model->undoStack()->count() == 0)
            return;
        if (m_active && !m_committing && index != m_undoIndex)
            abandon(tr("The project changed during the run (undo/redo): the run was stopped "
                       "and its result dropped."));
    });
    connect(m_model, &ProjectModel::projectReset, this, [this] {
        m_initial.reset();
        if (m_active)
            abandon(tr("Another project was opened: the run was stopped."));
        m_latest.reset();
        Q_EMIT cleared();
    });
}

void TrainingController::drain()
{
    std::vector<WorkerEvent> events;
    {
        std::lock_guard lk(m_outboxMx);
        events.swap(m_outbox);
    }
    for (const WorkerEvent &e : events) {
        if (e.kind == WorkerEvent::Snapshot)
            deliverSnapshot();
        else
            onEvent(e);
    }
    m_poll->setInterval(isBusy() || m_evaluating ? kBusyPollMs : kIdlePollMs);
}

TrainingController::~TrainingController()
{
    m_worker->quit();
    m_thread.join();
}

bool TrainingController::canReset() const
{
    return m_initial && (m_active || m_model->undoStack()->index() == m_undoIndex);
}

std::int64_t TrainingController::stepsTaken() const { return m_worker->stepsTaken(); }
std::int64_t TrainingController::samplesTaken() const { return m_worker->samplesTaken(); }

void TrainingController::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged(active);
}

void TrainingController::begin(int mode)
{
    if (isBusy())
        return;
    if (!m_model->issues().empty()) {
        const QString text = tr("The network has problems; fix them before training: %1")
                                 .arg(QString::fromStdString(m_model->issues().front().message));
        Q_EMIT error(text);
        Q_EMIT message(ProjectModel::Error, text);
        return;
    }
    const Project &p = m_model->project();
    m_initial = std::make_shared<const Project>(p);
    const int done = p.history.is_array() ? int(p.history.size()) : 0;
    int target = p.training.epochs;
    if (done >= target)
        target = done + std::max(1, p.training.epochs);
    ++m_runId;
    m_undoIndex = m_model->undoStack()->index();
    m_dropSnapshots = false;
    m_latest.reset();
    Q_EMIT cleared(); // a new run: its counters start at 0
    m_worker->setSpeed(m_speed);
    m_worker->start(p, target, Mode(mode));
    m_poll->setInterval(kBusyPollMs);
    setActive(true);
    Q_EMIT message(ProjectModel::Info, tr("Training started (epochs %1 to %2).").arg(done + 1).arg(target));
}

void TrainingController::train()
{
    if (m_active)
        resume();
    else
        begin(int(Mode::Run));
}

void TrainingController::pause()
{
    if (m_active)
        m_worker->setMode(Mode::Paused);
}

void TrainingController::resume()
{
    if (m_active)
        m_worker->setMode(Mode::Run);
}

void TrainingController::togglePause()
{
    if (!m_active)
        train();
    else if (m_state == RunState::Running)
        pause();
    else
        resume();
}

void TrainingController::stepTime()
{
    if (m_active)
        m_worker->setMode(Mode::StepTime);
    else
        begin(int(Mode::StepTime));
}

void TrainingController::stepSample()
{
    if (m_active)
        m_worker->setMode(Mode::StepSample);
    else
        begin(int(Mode::StepSample));
}

void TrainingController::stepEpoch()
{
    if (m_active)
        m_worker->setMode(Mode::StepEpoch);
    else
        begin(int(Mode::StepEpoch));
}

void TrainingController::stop()
{
    if (!m_active)
        return;
    m_stopping = true;
    m_worker->stop(false);
}

void TrainingController::abandon(const QString &why)
{
    m_stopping = true;
    m_dropSnapshots = true;
    m_worker->stop(true);
    Q_EMIT message(ProjectModel::Warning, why);
}

void TrainingController::reset()
{
    if (m_active) {
        m_resetAfterStop = true;
        stop();
        return;
    }
    if (!canReset()) {
        if (m_initial)
            Q_EMIT message(ProjectModel::Warning, tr("The project changed since the run; use Undo to go back."));
        return;
    }
    m_committing = true;
    m_model->undoStack()->push(
        new TrainResultCommand(m_model, tr("Reset training"), *m_initial, -1));
    m_committing = false;
    m_latest.reset();
    Q_EMIT cleared();
    Q_EMIT message(ProjectModel::Info, tr("Parameters and history reset to the start of the last run."));
}

void TrainingController::evaluate()
{
    m_evaluating = true;
    m_poll->setInterval(kBusyPollMs);
    m_worker->evaluate(m_model->project());
}

void TrainingController::setSpeed(double stepsPerSecond)
{
    m_speed = stepsPerSecond > 0 ? stepsPerSecond : 0;
    m_worker->setSpeed(m_speed);
}

void TrainingController::setWatched(int pop, int neuron)
{
    m_worker->setWatched(pop, neuron);
}

bool TrainingController::setLearningRate(double eta, double hiddenScale)
{
    if (!(eta > 0) || !(hiddenScale >= 0)) {
        Q_EMIT error(tr("learning rate: must be > 0 (hidden scale >= 0)"));
        return false;
    }
    if (m_active) {
        if (m_state != RunState::Paused) {
            Q_EMIT message(ProjectModel::Warning, tr("Pause the run to change learning rates."));
            return false;
        }
        m_worker->setLearningRate(eta, hiddenScale);
        return true;
    }
    return m_model->edit(tr("Learning rate"), [&](EditState &s) {
        s.training.learningRate = eta;
        s.training.hiddenLearningRateScale = hiddenScale;
    });
}

void TrainingController::deliverSnapshot()
{
    SnapshotPtr s = m_worker->takeSnapshot();
    if (!s || m_dropSnapshots)
        return;
    m_latest = s;
    Q_EMIT snapshot(s);
}

void TrainingController::onEvent(const WorkerEvent &e)
{
    switch (e.kind) {
    case WorkerEvent::State:
        if (m_state != e.state) {
            m_state = e.state;
            Q_EMIT stateChanged(m_state);
        }
        break;
    case WorkerEvent::Result:
        if (!m_active || !e.project)
            break;
        // A pause that changed nothing (a time step within a sample: the update comes at its
        // end) leaves the project as it is, so stepping does not mark it modified.
        if (e.project->parameters == *m_model->state().parameters
            && e.project->training == m_model->project().training
            && e.project->history == m_model->project().history)
            break;
        m_committing = true;
        m_model->undoStack()->push(new TrainResultCommand(m_model, tr("Training"), *e.project, m_runId));
        m_undoIndex = m_model->undoStack()->index();
        m_committing = false;
        Q_EMIT committed();
        break;
    case WorkerEvent::Error:
        Q_EMIT error(QString::fromStdString(e.message));
        Q_EMIT message(ProjectModel::Error, tr("Training: %1").arg(QString::fromStdString(e.message)));
        break;
    case WorkerEvent::Evaluated:
        m_evaluating = false;
        if (!e.message.empty()) {
            Q_EMIT error(QString::fromStdString(e.message));
            Q_EMIT message(ProjectModel::Error, tr("Evaluation: %1").arg(QString::fromStdString(e.message)));
            break;
        }
        Q_EMIT evaluated(e.loss, e.accuracy);
        Q_EMIT message(ProjectModel::Info, tr("Test split: loss %1, accuracy %2 %")
                                               .arg(e.loss, 0, 'f', 4)
                                               .arg(e.accuracy * 100, 0, 'f', 1));
        break;
    case WorkerEvent::Stopped:
        if (m_active)
            Q_EMIT message(ProjectModel::Info,
                           e.discarded ? tr("Run ended without writing its result back.")
                           : e.state == RunState::Finished
                               ? tr("Run finished; the trained parameters and history are in the project (Undo reverts the run).")
                               : tr("Run stopped; the parameters trained so far are in the project (Undo reverts the run)."));
        m_stopping = false;
        setActive(false);
        if (m_resetAfterStop) {
            m_resetAfterStop = false;
            reset();
        }
        break;
    case WorkerEvent::Snapshot:
        deliverSnapshot();
        break;
    }
}

} // namespace sqsnn::lab

// The TrainingWorker's control half: commands from any thread, the loop, pause/step/throttle
// (gate). The recording half (observers, snapshots) is in TrainingWorkerRecording.cpp.
#include "training/TrainingWorker.hpp"

#include <algorithm>
#include <thread>

namespace sqsnn::lab {

namespace {
using Clock = std::chrono::steady_clock;
} // namespace

TrainingWorker::TrainingWorker(std::function<void(WorkerEvent)> post,
                               std::function<void()> snapshotReady, int threads)
    : m_post(std::move(post)), m_snapshotReady(std::move(snapshotReady)), m_threads(threads)
{
}

TrainingWorker::~TrainingWorker() = default;

// ---------------------------------------------------------------- commands (any thread)

void TrainingWorker::start(const Project &project, int targetEpochs, Mode mode)
{
    std::lock_guard lk(m_mx);
    if (m_active)
        return;
    m_startProject = std::make_unique<Project>(project);
    m_target = targetEpochs;
    m_active = true;
    m_stopPending = m_discard = false;
    m_stopFlag.store(false);
    m_mode = mode;
    m_modeAtomic.store(int(mode));
    // The published counters belong to the new run from here on, not from whenever the worker
    // thread wakes (it resets its own counters too): a caller that starts a run and then reads
    // samplesTaken() never sees the previous run's count.
    m_globalStepAtomic.store(0);
    m_samplesAtomic.store(0);
    m_cv.notify_all();
}

void TrainingWorker::setMode(Mode mode)
{
    std::lock_guard lk(m_mx);
    if (!m_active)
        return;
    m_mode = mode;
    m_modeAtomic.store(int(mode));
    m_cv.notify_all();
}

void TrainingWorker::stop(bool discard)
{
    std::lock_guard lk(m_mx);
    if (!m_active)
        return;
    m_stopPending = true;
    m_discard = m_discard || discard;
    m_stopFlag.store(true);
    m_cv.notify_all();
}

void TrainingWorker::quit()
{
    std::lock_guard lk(m_mx);
    m_quit = true;
    m_stopPending = m_active;
    m_discard = true;
    m_stopFlag.store(true);
    m_cv.notify_all();
}

void TrainingWorker::evaluate(const Project &idleProject)
{
    std::lock_guard lk(m_mx);
    m_evalProject = std::make_unique<Project>(idleProject);
    m_evalPending = true;
    m_cv.notify_all();
}

void TrainingWorker::setWatched(int pop, int neuron)
{
    std::lock_guard lk(m_mx);
    m_watchPop = pop;
    m_watchNeuron = neuron;
    m_watchPending = true; // a paused run shows the new neuron at once (gate)
    m_cv.notify_all();
}

void TrainingWorker::setLearningRate(double eta, double hiddenScale)
{
    std::lock_guard lk(m_mx);
    m_eta = eta;
    m_hiddenScale = hiddenScale;
    m_ratePending = true;
    m_cv.notify_all();
}

SnapshotPtr TrainingWorker::takeSnapshot()
{
    std::lock_guard lk(m_slotMx);
    SnapshotPtr s = std::move(m_slot);
    m_slot.reset();
    m_inFlight.store(false);
    return s;
}

// ---------------------------------------------------------------- the loop (worker thread)

void TrainingWorker::emitState(RunState s)
{
    m_state = s;
    WorkerEvent e;
    e.kind = WorkerEvent::State;
    e.state = s;
    m_post(std::move(e));
}

void TrainingWorker::applyPendingRate()
{
    if (!m_ratePending)
        return;
    m_ratePending = false;
    if (!m_trainer)
        return;
    try {
        m_trainer->setLearningRate(m_eta, m_hiddenScale);
    } catch (const std::exception &ex) {
        m_post({WorkerEvent::Error, m_state, nullptr, ex.what()});
    }
}

void TrainingWorker::loop()
{
    std::unique_lock lk(m_mx);
    for (;;) {
        m_cv.wait(lk, [&] {
            return m_quit || m_evalPending || m_stopPending || m_ratePending
                   || (m_active && (m_mode != Mode::Paused || !m_trainer))
                   || (m_watchPending && m_trainer);
        });
        if (m_stopPending) {
            finishRun(lk, RunState::Idle);
            continue;
        }
        if (m_quit)
            break;
        if (m_evalPending) {
            runEvaluation(lk);
            continue;
        }
        applyPendingRate();
        if (m_watchPending && m_trainer) {
            rewatch(lk); // paused between epochs: the view switches at once
            if (m_mode == Mode::Paused)
                continue;
        }
        if (!m_active)
            continue;
        if (!m_trainer) {
            auto project = std::move(m_startProject);
            lk.unlock();
            std::string error;
            try {
                m_trainer = std::make_unique<Trainer>(*project, TrainerOptions{m_threads});
                m_trainer->setStepObserver(this);
                m_trainer->setStopFlag(&m_stopFlag);
                m_hardware = hardwareReport(m_trainer->project()); // the run's cost counter
            } catch (const std::exception &ex) {
                error = ex.what();
            }
            lk.lock();
            if (!m_trainer) {
                m_post({WorkerEvent::Error, m_state, nullptr, error});
                m_active = false;
                m_stopPending = false;
                emitState(RunState::Idle);
                m_post({WorkerEvent::Stopped, RunState::Idle, nullptr, {}, 0, 0, true});
                continue;
            }
            const Dataset &train = m_trainer->data().train;
            resetRunCounters(); // every run counts its steps from 0 (a run boundary in the views)
            m_runTarget = m_target;
            m_curWatchPop = m_watchPop;
            m_curWatchNeuron = m_watchNeuron;
            m_watchPending = false;
            m_classes = std::max(train.numClasses, int(train.classNames.size()));
            m_classFrequencies = classFrequencies(train.labels, m_classes);
            m_testCount = int(m_trainer->data().test.size());
            m_imageAcc.assign(std::size_t(train.inputLines()), 0.0f);
            m_image.clear();
            m_spikeCount.assign(std::size_t(m_trainer->network().populationCount()), 0.0);
            m_net = &m_trainer->network();
            m_histograms.reset(); // another network: never show the last run's
            m_steps = m_trainer->project().data.timeSteps;
            m_samplesPerEpoch = int(train.size());
            m_epoch = m_trainer->epochsDone() + 1;
            if (m_mode == Mode::Paused) { // started paused: show the untrained state
                enterPause(lk);
                continue;
            }
        }
        if (m_trainer->epochsDone() >= m_target) {
            finishRun(lk, RunState::Finished);
            continue;
        }
        emitState(RunState::Running);
        lk.unlock();
        m_epoch = m_trainer->epochsDone() + 1;
        m_sample = 0;
        EpochMetrics m;
        std::string error;
        try {
            m = m_trainer->trainEpoch(this);
        } catch (const std::exception &ex) {
            error = ex.what();
        }
        lk.lock();
        if (!error.empty()) {
            m_post({WorkerEvent::Error, m_state, nullptr, error});
            m_stopPending = true;
            continue;
        }
        m_epoch = m_trainer->epochsDone() + 1;
        m_sample = 0;
        m_step = -1;
        m_testing = false;
        if (m_stopPending)
            continue;
        if (m_mode == Mode::StepEpoch || m_mode == Mode::Paused) {
            m_mode = Mode::Paused;
            m_modeAtomic.store(int(m_mode));
            enterPause(lk);
        } else {
            lk.unlock();
            publish(true);
            lk.lock();
        }
    }
    m_trainer.reset();
}

void TrainingWorker::enterPause(std::unique_lock<std::mutex> &lk)
{
    m_state = RunState::Paused;
    lk.unlock();
    publish(true);
    auto result = std::make_shared<const Project>(m_trainer->result());
    lk.lock();
    m_post({WorkerEvent::Result, m_state, std::move(result)});
    emitState(RunState::Paused);
}

void TrainingWorker::finishRun(std::unique_lock<std::mutex> &lk, RunState end)
{
    const bool discard = m_discard;
    m_stopPending = m_discard = false;
    m_active = false;
    m_mode = Mode::Paused;
    m_modeAtomic.store(int(m_mode));
    if (m_trainer) {
        lk.unlock();
        m_step = -1;
        publish(true);
        std::shared_ptr<const Project> result;
        if (!discard)
            result = std::make_shared<const Project>(m_trainer->result());
        m_trainer.reset();
        m_net = nullptr;
        lk.lock();
        if (result)
            m_post({WorkerEvent::Result, m_state, std::move(result)});
    }
    m_startProject.reset();
    m_stopFlag.store(false);
    emitState(end);
    m_post({WorkerEvent::Stopped, end, nullptr, {}, 0, 0, discard});
}

void TrainingWorker::runEvaluation(std::unique_lock<std::mutex> &lk)
{
    m_evalPending = false;
    std::shared_ptr<Project> project;
    if (m_trainer)
        project = std::make_shared<Project>(m_trainer->result());
    else if (m_evalProject)
        project = std::make_shared<Project>(*m_evalProject);
    m_evalProject.reset();
    if (!project) {
        m_post({WorkerEvent::Evaluated, m_state, nullptr, "nothing to evaluate"});
        return;
    }
    lk.unlock();
    WorkerEvent e;
    e.kind = WorkerEvent::Evaluated;
    try {
        // A separate trainer: the running one may be in the middle of a sample.
        Trainer t(*project, TrainerOptions{m_threads});
        std::tie(e.loss, e.accuracy) = t.evaluate(t.data().test);
    } catch (const std::exception &ex) {
        e.message = ex.what(); // Evaluated with a message: the evaluation failed
    }
    lk.lock();
    e.state = m_state;
    m_post(std::move(e));
}

// ---------------------------------------------------------------- observers (worker thread)

void TrainingWorker::gate(Point p)
{
    const auto mode = Mode(m_modeAtomic.load(std::memory_order_relaxed));
    const double speed = m_speed.load(std::memory_order_relaxed);
    if (mode == Mode::Run && speed <= 0)
        return;
    if (m_stopFlag.load())
        return;
    std::unique_lock lk(m_mx);
    bool throttled = false, quiet = false, paused = false;
    Clock::time_point pausedAt;
    for (;;) {
        if (m_stopPending || m_quit)
            return;
        if (m_mode == Mode::StepTime && p == Point::Step)
            m_mode = Mode::Paused;
        if (m_mode == Mode::StepSample && p == Point::Sample)
            m_mode = Mode::Paused;
        m_modeAtomic.store(int(m_mode));
        if (m_mode == Mode::Paused) {
            if (!paused) {
                paused = true;
                pausedAt = Clock::now();
            }
            if (!quiet)
                enterPause(lk);
            quiet = false;
            m_cv.wait(lk, [&] {
                return m_mode != Mode::Paused || m_stopPending || m_quit || m_evalPending
                       || m_ratePending || m_watchPending;
            });
            const bool other = m_evalPending || m_ratePending;
            if (m_evalPending)
                runEvaluation(lk);
            applyPendingRate();
            if (m_watchPending) {
                rewatch(lk);
                quiet = !other; // only the view changed: no new result to post
            }
            if (m_mode == Mode::Paused)
                continue;
            // Time spent paused is not training time (SampleRate).
            if (m_trainer)
                m_trainer->sampleRate().excludePause(
                    std::chrono::duration<double>(Clock::now() - pausedAt).count());
            emitState(RunState::Running);
            // Leaving a pause: the step just released is not throttled again.
            m_nextStepDue = Clock::now();
            return;
        }
        const double s = m_speed.load();
        if (p != Point::Step || s <= 0 || throttled)
            return;
        // Slow motion: wait for this step's slot, waking at once for pause/stop.
        const auto now = Clock::now();
        const auto period = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / s));
        if (m_nextStepDue < now - period)
            m_nextStepDue = now;
        m_nextStepDue += period;
        m_cv.wait_until(lk, m_nextStepDue, [&] {
            return m_mode == Mode::Paused || m_stopPending || m_quit;
        });
        throttled = true;
    }
}

} // namespace sqsnn::lab

#include "training/TrainingWorker.hpp"

#include "network/SqsPopulation.hpp"
#include "quantum/State.hpp"

#include <algorithm>
#include <thread>

namespace sqsnn::lab {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kPublishInterval = std::chrono::milliseconds(33); // ~30 snapshots per second
// Between two snapshots the worker keeps the spikes of the last 128..256 steps (the raster shows
// 120) and the last 512..1024 learning-signal values: at full speed older ones would never be
// seen, and copying them would only slow the trainer and the GUI down.
constexpr std::int64_t kRasterBlock = 128;                       // steps per spike block
constexpr std::size_t kMaxPendingSteps = 1024;                   // signal / neuron entries
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
                   || (m_active && (m_mode != Mode::Paused || !m_trainer));
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
            m_imageAcc.assign(std::size_t(train.inputLines()), 0.0f);
            m_image.clear();
            m_spikeCount.assign(std::size_t(m_trainer->network().populationCount()), 0.0);
            m_net = &m_trainer->network();
            m_rateTime = Clock::now();
            m_rateSamples = m_samplesDone;
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
    if (!project)
        return;
    lk.unlock();
    WorkerEvent e;
    e.kind = WorkerEvent::Evaluated;
    try {
        // A separate trainer: the running one may be in the middle of a sample.
        Trainer t(*project, TrainerOptions{m_threads});
        std::tie(e.loss, e.accuracy) = t.evaluate(t.data().test);
    } catch (const std::exception &ex) {
        e.kind = WorkerEvent::Error;
        e.message = ex.what();
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
    bool throttled = false;
    for (;;) {
        if (m_stopPending || m_quit)
            return;
        if (m_mode == Mode::StepTime && p == Point::Step)
            m_mode = Mode::Paused;
        if (m_mode == Mode::StepSample && p == Point::Sample)
            m_mode = Mode::Paused;
        m_modeAtomic.store(int(m_mode));
        if (m_mode == Mode::Paused) {
            enterPause(lk);
            m_cv.wait(lk, [&] {
                return m_mode != Mode::Paused || m_stopPending || m_quit || m_evalPending
                       || m_ratePending;
            });
            if (m_evalPending)
                runEvaluation(lk);
            applyPendingRate();
            if (m_mode == Mode::Paused)
                continue;
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

void TrainingWorker::recordNeuron(const Network &net, int t, bool full)
{
    const auto *pop = m_curWatchPop >= 0 && m_curWatchPop < net.populationCount()
                              && !net.isInput(m_curWatchPop)
                          ? dynamic_cast<const SqsPopulation *>(&net.population(m_curWatchPop))
                          : nullptr;
    if (!pop || m_curWatchNeuron < 0 || m_curWatchNeuron >= pop->size())
        return;
    const SqsNeuron &n = pop->neuron(m_curWatchNeuron);
    if (t == 0 || m_prevMemory.size() != n.memoryDim())
        m_prevMemory = n.initialMemory();
    if (full) {
        NeuronStep s;
        s.step = m_globalStep;
        SqsNeuron::Workspace w(n);
        std::vector<double> p(std::size_t(n.outcomes()));
        const int N = n.ioQubits();
        n.evolve(net.current(m_curWatchPop).data() + std::size_t(m_curWatchNeuron) * N,
                 m_prevMemory.data(), w, p.data());
        const PureState joint(n.qubits(), w.state);
        for (int q = 0; q < n.qubits(); ++q)
            s.bloch.push_back(blochVector(joint.reducedQubit(q)));
        // Reduced memory state: psi[s * dimM + a] -> rho_ab = sum_s psi_sa conj(psi_sb).
        const int dimM = n.memoryDim();
        Eigen::Map<const Eigen::MatrixXcd> a(w.state.data(), dimM, n.outcomes());
        s.memory = a * a.adjoint();
        s.purity = purity(s.memory);
        s.entropy = vonNeumannEntropy(s.memory);
        const auto &prob = net.prob(m_curWatchPop);
        const auto &spk = net.spikes(m_curWatchPop);
        s.firingProbability = prob[std::size_t(m_curWatchNeuron) * N];
        for (int b = 0; b < N; ++b)
            s.outcome = (s.outcome << 1) | int(spk[std::size_t(m_curWatchNeuron) * N + b]);
        if (m_neuron.size() >= kMaxPendingSteps)
            m_neuron.erase(m_neuron.begin(), m_neuron.begin() + kMaxPendingSteps / 2);
        m_neuron.push_back(std::move(s));
    }
    m_prevMemory = pop->memory(m_curWatchNeuron);
}

void TrainingWorker::onStep(const Network &net, int t, double learningSignal)
{
    ++m_globalStep;
    m_globalStepAtomic.store(m_globalStep, std::memory_order_relaxed);
    m_step = t;
    if (t == 0) {
        std::lock_guard lk(m_mx);
        m_curWatchPop = m_watchPop;
        m_curWatchNeuron = m_watchNeuron;
    }
    // Spikes of every population (data inputs: their active lines).
    if (m_globalStep - m_spikesFirstStep >= kRasterBlock) {
        m_spikesOld.swap(m_spikes);
        m_spikes.clear();
        m_spikesFirstStep = m_globalStep;
    }
    const int pops = net.populationCount();
    if (int(m_spikeCount.size()) != pops)
        m_spikeCount.assign(std::size_t(pops), 0.0);
    bool firstInput = true;
    for (int p = 0; p < pops; ++p) {
        if (net.isInput(p)) {
            const auto &lines = net.activity(p, t).lines;
            for (int l : lines)
                m_spikes.push_back({m_globalStep, p, l});
            m_spikeCount[p] += double(lines.size());
            if (firstInput)
                for (int l : lines)
                    if (std::size_t(l) < m_imageAcc.size())
                        m_imageAcc[std::size_t(l)] += 1.0f;
            firstInput = false;
            continue;
        }
        const auto &s = net.spikes(p);
        int count = 0;
        for (std::size_t l = 0; l < s.size(); ++l)
            if (s[l]) {
                m_spikes.push_back({m_globalStep, p, int(l)});
                ++count;
            }
        m_spikeCount[p] += count;
    }
    ++m_rateSteps;
    if (m_signal.size() >= kMaxPendingSteps) {
        m_signal.erase(m_signal.begin(), m_signal.begin() + kMaxPendingSteps / 2);
        m_signalFirst += kMaxPendingSteps / 2;
    }
    if (m_signal.empty())
        m_signalFirst = m_globalStep;
    m_signal.push_back(learningSignal);

    const auto now = Clock::now();
    const auto mode = Mode(m_modeAtomic.load(std::memory_order_relaxed));
    const bool due = now - m_lastPublish >= kPublishInterval && !m_inFlight.load();
    // Every step is recorded when stepping or in slow motion; at full speed only published ones.
    const bool every = mode != Mode::Run || m_speed.load(std::memory_order_relaxed) > 0;
    recordNeuron(net, t, due || every);
    if (due || every) {
        const int r = net.readout();
        if (r >= 0)
            m_readout = net.prob(r);
    }
    if (due)
        publish(false);
    gate(Point::Step);
}

void TrainingWorker::onSample(int epoch, int index, int total, const SampleResult &r)
{
    m_epoch = epoch;
    m_sample = index + 1;
    m_samplesPerEpoch = total;
    m_label = r.label;
    m_prediction = r.prediction;
    m_image.swap(m_imageAcc);
    m_imageAcc.assign(m_image.size(), 0.0f);
    ++m_samplesDone;
    m_samplesAtomic.store(m_samplesDone, std::memory_order_relaxed);
    m_step = -1;
    gate(Point::Sample);
}

void TrainingWorker::publish(bool force)
{
    const auto now = Clock::now();
    if (!force && m_inFlight.load())
        return;
    m_lastPublish = now;
    auto s = std::make_shared<Snapshot>();
    s->epoch = m_epoch;
    s->sample = m_sample;
    s->samplesPerEpoch = m_samplesPerEpoch;
    s->step = m_step;
    s->stepsPerSample = m_steps;
    s->globalStep = m_globalStep;
    s->samplesDone = m_samplesDone;
    const double dt = std::chrono::duration<double>(now - m_rateTime).count();
    if (dt > 0.25) {
        m_rate = double(m_samplesDone - m_rateSamples) / dt;
        m_rateTime = now;
        m_rateSamples = m_samplesDone;
    }
    s->samplesPerSecond = m_rate;
    s->state = m_state;
    s->spikes.reserve(m_spikesOld.size() + m_spikes.size());
    s->spikes.assign(m_spikesOld.begin(), m_spikesOld.end());
    s->spikes.insert(s->spikes.end(), m_spikes.begin(), m_spikes.end());
    m_spikesOld.clear();
    m_spikes.clear();
    m_spikesFirstStep = m_globalStep;
    s->learningSignal = std::move(m_signal);
    s->learningSignalFirstStep = m_signalFirst;
    m_signal.clear();
    s->readoutProbabilities = m_readout;
    s->image = m_image;
    s->label = m_label;
    s->prediction = m_prediction;
    s->neuron = std::move(m_neuron);
    m_neuron.clear();
    s->watchedPop = m_curWatchPop;
    s->watchedNeuron = m_curWatchNeuron;
    if (m_trainer) {
        const Dataset &d = m_trainer->data().train;
        s->imageWidth = d.width;
        s->imageHeight = d.height * std::max(1, d.channels);
        s->classNames = d.classNames;
        s->epochsDone = m_trainer->epochsDone();
        s->history = m_trainer->history();
        const Network &net = m_trainer->network();
        for (int p = 0; p < net.populationCount(); ++p) {
            s->populations.push_back(m_trainer->project().network.populations[p].name);
            s->lines.push_back(net.lines(p));
            const double denom = double(std::max<std::int64_t>(1, m_rateSteps)) * std::max(1, net.lines(p));
            s->firingRates.push_back(p < int(m_spikeCount.size()) ? m_spikeCount[p] / denom : 0.0);
        }
        if (m_curWatchPop >= 0 && m_curWatchPop < net.populationCount() && !net.isInput(m_curWatchPop))
            if (const auto *sp = dynamic_cast<const SqsPopulation *>(&net.population(m_curWatchPop))) {
                s->ioQubits = sp->neuron(0).ioQubits();
                s->memoryQubits = sp->neuron(0).memoryQubits();
                if (m_curWatchNeuron >= 0 && m_curWatchNeuron < sp->size()) {
                    s->circuit = sp->neuron(m_curWatchNeuron).circuit();
                    s->circuitParameters = sp->neuron(m_curWatchNeuron).parameters();
                }
            }
    }
    std::fill(m_spikeCount.begin(), m_spikeCount.end(), 0.0);
    m_rateSteps = 0;
    {
        std::lock_guard lk(m_slotMx);
        if (m_slot) { // not taken yet: carry its spikes and traces over (nothing is lost)
            auto &old = *m_slot;
            // Keep the old slot's spikes that are still in the raster's window.
            const std::int64_t from = s->globalStep - 2 * kRasterBlock;
            std::vector<RasterSpike> merged;
            for (const RasterSpike &k : old.spikes)
                if (k.step > from)
                    merged.push_back(k);
            merged.insert(merged.end(), s->spikes.begin(), s->spikes.end());
            s->spikes = std::move(merged);
            // (A snapshot without new steps, e.g. the one forced at the end of a run, carries
            // a stale first step: the old slot's signal is kept whatever it says.)
            if (!old.learningSignal.empty()
                && (s->learningSignal.empty()
                    || old.learningSignalFirstStep + std::int64_t(old.learningSignal.size()) == s->learningSignalFirstStep)) {
                s->learningSignal.insert(s->learningSignal.begin(), old.learningSignal.begin(), old.learningSignal.end());
                s->learningSignalFirstStep = old.learningSignalFirstStep;
            }
            s->neuron.insert(s->neuron.begin(), old.neuron.begin(), old.neuron.end());
        }
        m_slot = std::move(s);
        m_inFlight.store(true);
    }
    m_snapshotReady();
}

} // namespace sqsnn::lab

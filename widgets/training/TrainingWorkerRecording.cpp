// The TrainingWorker's recording half (worker thread only): what the observers take from the
// network at every time step and sample (spikes, learning signal, the watched neuron, readout
// probabilities, the sample's image) and the snapshots built from it at a bounded rate.
#include "training/TrainingWorker.hpp"

#include "network/SqsPopulation.hpp"
#include "quantum/State.hpp"

#include <algorithm>

namespace sqsnn::lab {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kPublishInterval = std::chrono::milliseconds(33); // ~30 snapshots per second
// Between two snapshots the worker keeps the spikes of the last 128..256 steps (the raster shows
// 120) and the last 512..1024 learning-signal values: at full speed older ones would never be
// seen, and copying them would only slow the trainer and the GUI down.
constexpr std::int64_t kRasterBlock = 128;                       // steps per spike block
constexpr std::size_t kMaxPendingSteps = 1024;                   // signal / neuron entries
// Parameter histograms: one pass over every parameter, at most this often (and when forced).
constexpr auto kHistogramInterval = std::chrono::milliseconds(250);
} // namespace

namespace {

// The register summary (core/quantum/RegisterSummary) into the view's step.
void describe(const RegisterSummary &r, NeuronStep &s)
{
    s.bloch = r.bloch;
    s.memory = r.memory;
    s.purity = r.memoryPurity;
    s.entropy = r.memoryEntropy;
    s.registerPurity = r.registerPurity;
}

} // namespace

bool TrainingWorker::recordAt(const Network &net, int popIndex, int neuron,
                              const NeuronMemory &before, NeuronStep &s) const
{
    const SqsPopulation *pop = sqsPopulation(net, popIndex);
    if (!pop || neuron < 0 || neuron >= pop->size())
        return false;
    const int N = pop->spec().ioQubits;
    if (before.noisy() != pop->noisy() || before.dimension() != (1 << pop->spec().memoryQubits))
        return false;
    s = NeuronStep{};
    s.step = m_globalStep;
    const double *z = net.current(popIndex).data() + std::size_t(neuron) * N;
    describe(stateBeforeMeasurement(*pop, neuron, z, before), s);
    s.mixed = pop->noisy();
    s.currents.assign(z, z + N);
    s.memoryIn = before.pure; // empty on the noisy path: the what-if replays ideal steps only
    s.parameters = pop->noisy() ? pop->noisyNeuron(neuron).parameters() : pop->neuron(neuron).parameters();
    const auto &prob = net.prob(popIndex);
    const auto &spk = net.spikes(popIndex);
    s.firingProbability = prob[std::size_t(neuron) * N];
    for (int b = 0; b < N; ++b)
        s.outcome = (s.outcome << 1) | int(spk[std::size_t(neuron) * N + b]);
    return true;
}

void TrainingWorker::recordNeuron(const Network &net, int t, bool every)
{
    const SqsPopulation *pop = sqsPopulation(net, m_curWatchPop);
    if (!pop || m_curWatchNeuron < 0 || m_curWatchNeuron >= pop->size())
        return;
    if (t == 0 || m_prevMemory.noisy() != pop->noisy()
        || m_prevMemory.dimension() != (1 << pop->spec().memoryQubits))
        m_prevMemory = initialMemory(*pop, m_curWatchNeuron);
    if (every) {
        // Stepping or slow motion: every step in full, handed over with the next snapshot.
        NeuronStep s;
        if (recordAt(net, m_curWatchPop, m_curWatchNeuron, m_prevMemory, s)) {
            if (m_neuron.size() >= kMaxPendingSteps)
                m_neuron.erase(m_neuron.begin(), m_neuron.begin() + kMaxPendingSteps / 2);
            m_neuron.push_back(std::move(s));
        }
    } else {
        // Full speed: the sample's steps kept raw (one evolve of one neuron per step); the last
        // complete sample is described and published whole (publish).
        if (t == 0)
            m_sampleSteps.clear();
        RawStep r;
        const int N = pop->spec().ioQubits;
        const double *z = net.current(m_curWatchPop).data() + std::size_t(m_curWatchNeuron) * N;
        if (pop->noisy()) {
            // Summarised at once: a sample of 2^n x 2^n density matrices is too much to keep.
            describe(stateBeforeMeasurement(*pop, m_curWatchNeuron, z, m_prevMemory), r.step);
            r.step.mixed = true;
        } else {
            const SqsNeuron &n = pop->neuron(m_curWatchNeuron);
            SqsNeuron::Workspace w(n);
            std::vector<double> p(std::size_t(n.outcomes()));
            n.evolve(z, m_prevMemory.pure.data(), w, p.data());
            r.joint = w.state;
            r.qubits = n.qubits();
            r.memoryQubits = n.memoryQubits();
        }
        r.step.step = m_globalStep;
        r.step.firingProbability = net.prob(m_curWatchPop)[std::size_t(m_curWatchNeuron) * N];
        const auto &spk = net.spikes(m_curWatchPop);
        for (int b = 0; b < N; ++b)
            r.step.outcome = (r.step.outcome << 1) | int(spk[std::size_t(m_curWatchNeuron) * N + b]);
        m_sampleSteps.push_back(std::move(r));
        if (t + 1 >= m_steps) {
            m_lastSampleSteps.swap(m_sampleSteps);
            m_sampleSteps.clear();
            m_lastSampleFresh = true;
        }
    }
    m_prevMemory = currentMemory(*pop, m_curWatchNeuron);
}

void TrainingWorker::saveMemories(const Network &net, int t)
{
    const int pops = net.populationCount();
    if (t == 0) {
        m_memBefore.assign(std::size_t(pops), {});
        for (int p = 0; p < pops; ++p)
            if (const auto *sp = net.isInput(p) ? nullptr : dynamic_cast<const SqsPopulation *>(&net.population(p)))
                for (int i = 0; i < sp->size(); ++i)
                    m_memBefore[p].push_back(initialMemory(*sp, i));
        m_memStep = m_globalStep;
    } else if (m_memAfterStep == m_globalStep - 1) {
        m_memBefore.swap(m_memAfter);
        m_memStep = m_globalStep;
    } else {
        m_memStep = -1;
    }
    m_memAfter.assign(std::size_t(pops), {});
    for (int p = 0; p < pops; ++p)
        if (const auto *sp = net.isInput(p) ? nullptr : dynamic_cast<const SqsPopulation *>(&net.population(p)))
            for (int i = 0; i < sp->size(); ++i)
                m_memAfter[p].push_back(currentMemory(*sp, i));
    m_memAfterStep = m_globalStep;
}

void TrainingWorker::rewatch(std::unique_lock<std::mutex> &lk)
{
    m_watchPending = false;
    if (m_watchPop == m_curWatchPop && m_watchNeuron == m_curWatchNeuron)
        return;
    m_curWatchPop = m_watchPop;
    m_curWatchNeuron = m_watchNeuron;
    m_neuron.clear();
    m_sampleSteps.clear();
    m_lastSampleSteps.clear();
    m_lastSampleFresh = false;
    if (!m_net)
        return;
    const Network &net = *m_net;
    NeuronStep s;
    const int p = m_curWatchPop;
    if (m_memStep == m_globalStep && p >= 0 && p < int(m_memBefore.size())
        && m_curWatchNeuron >= 0 && m_curWatchNeuron < int(m_memBefore[p].size())
        && recordAt(net, p, m_curWatchNeuron, m_memBefore[p][std::size_t(m_curWatchNeuron)], s))
        m_neuron.push_back(std::move(s));
    // The next step evolves the new neuron from its present memory.
    if (p >= 0 && p < net.populationCount() && !net.isInput(p))
        if (const auto *sp = dynamic_cast<const SqsPopulation *>(&net.population(p)))
            if (m_curWatchNeuron >= 0 && m_curWatchNeuron < sp->size())
                m_prevMemory = currentMemory(*sp, m_curWatchNeuron);
    lk.unlock();
    publish(true);
    lk.lock();
}

void TrainingWorker::resetRunCounters()
{
    m_globalStep = 0;
    m_samplesDone = 0;
    m_evaluationsDone = 0;
    m_globalStepAtomic.store(0);
    m_samplesAtomic.store(0);
    m_spikes.clear();
    m_spikesOld.clear();
    m_spikesFirstStep = 0;
    m_signal.clear();
    m_signalFirst = 0;
    m_neuron.clear();
    m_readout.clear();
    m_label = m_prediction = -1;
    m_image.clear();
    m_sampleSteps.clear();
    m_lastSampleSteps.clear();
    m_lastSampleFresh = false;
    m_readoutSum.clear();
    m_readoutMean.clear();
    m_readoutSteps = 0;
    m_readoutHistory.clear();
    m_memBefore.clear();
    m_memAfter.clear();
    m_memStep = m_memAfterStep = -1;
    m_rateSteps = 0;
    m_rate = 0;
    m_step = -1;
    m_sample = 0;
    m_prevMemory = NeuronMemory{};
    std::lock_guard lk(m_slotMx); // a snapshot of the last run never reaches this one's views
    m_slot.reset();
    m_inFlight.store(false);
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
    m_detailed = every;
    if (every)
        saveMemories(net, t);
    else
        m_memStep = m_memAfterStep = -1;
    recordNeuron(net, t, every);
    const int r = net.readout();
    if (r >= 0) {
        const auto &p = net.prob(r);
        if (due || every)
            m_readout = p;
        if (every) {
            if (m_readoutHistory.size() >= kMaxPendingSteps)
                m_readoutHistory.erase(m_readoutHistory.begin(), m_readoutHistory.begin() + kMaxPendingSteps / 2);
            m_readoutHistory.push_back({m_globalStep, p});
        }
        // The readout's mean p over the sample (the learning-health indicator's input).
        if (t == 0 || m_readoutSum.size() != p.size()) {
            m_readoutSum.assign(p.size(), 0.0);
            m_readoutSteps = 0;
        }
        for (std::size_t i = 0; i < p.size(); ++i)
            m_readoutSum[i] += p[i];
        if (++m_readoutSteps >= m_steps) {
            m_readoutMean = m_readoutSum;
            for (double &v : m_readoutMean)
                v /= m_readoutSteps;
        }
    }
    if (due)
        publish(false);
    gate(Point::Step);
}

void TrainingWorker::sampleDone(const SampleResult &r)
{
    m_label = r.label;
    m_prediction = r.prediction;
    m_image.swap(m_imageAcc);
    m_imageAcc.assign(m_image.size(), 0.0f);
    m_step = -1;
}

void TrainingWorker::onSample(int epoch, int index, int total, const SampleResult &r)
{
    m_epoch = epoch;
    m_sample = index + 1;
    m_samplesPerEpoch = total;
    m_testing = false;
    // The trainer updates after every batch_size samples of an epoch (and after its last one).
    const int batch = m_trainer ? std::max(1, m_trainer->project().training.batchSize) : 1;
    if (index % batch == 0)
        m_batchLossSum = 0;
    m_batchLossSum += r.loss;
    if ((index + 1) % batch == 0 || index + 1 == total)
        m_lastBatchLoss = m_batchLossSum / (index % batch + 1);
    sampleDone(r);
    ++m_samplesDone;
    m_samplesAtomic.store(m_samplesDone, std::memory_order_relaxed);
    gate(Point::Sample);
}

void TrainingWorker::onTestStart(int epoch, int total)
{
    m_epoch = epoch;
    m_testing = true;
    m_testSample = 0;
    m_testSamples = total;
}

void TrainingWorker::onTestSample(int, int index, int, const SampleResult &r)
{
    m_testSample = index + 1;
    ++m_evaluationsDone;
    sampleDone(r);
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
    s->evaluationsDone = m_evaluationsDone;
    if (m_trainer) {
        const RunCost cost = runCost(m_hardware, m_samplesDone, m_evaluationsDone);
        s->circuitExecutions = cost.executions;
        s->shotsSpent = cost.shots;
        s->costSimulatorOnly = cost.simulatorOnly;
    }
    if (m_trainer)
        m_rate = m_trainer->sampleRate().perSecond(now);
    s->samplesPerSecond = m_rate;
    if (m_trainer) {
        s->batchSize = std::max(1, m_trainer->project().training.batchSize);
        s->method = m_trainer->project().training.method;
    }
    s->lastBatchLoss = m_lastBatchLoss;
    s->targetEpochs = m_runTarget;
    s->state = m_state;
    s->testing = m_testing;
    s->testSample = m_testSample;
    s->testSamples = m_testSamples;
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
    s->detailed = m_detailed || m_state == RunState::Paused;
    s->readoutSteps = std::move(m_readoutHistory);
    m_readoutHistory.clear();
    s->image = m_image;
    s->label = m_label;
    s->prediction = m_prediction;
    s->neuron = std::move(m_neuron);
    m_neuron.clear();
    if (m_lastSampleFresh) { // full speed: the last complete sample, whole
        m_lastSampleFresh = false;
        s->neuron.clear();
        for (const RawStep &r : m_lastSampleSteps) {
            NeuronStep n = r.step;
            if (!r.step.mixed) // the noisy path's steps are described already
                describe(summarizePure(r.joint, r.qubits, r.memoryQubits), n);
            s->neuron.push_back(std::move(n));
        }
    }
    s->watchedPop = m_curWatchPop;
    s->watchedNeuron = m_curWatchNeuron;
    if (m_trainer) {
        const Dataset &d = m_trainer->data().train;
        s->imageWidth = d.width;
        s->imageHeight = d.height * std::max(1, d.channels);
        s->classNames = d.classNames;
        s->epochsDone = m_trainer->epochsDone();
        s->history = m_trainer->history();
        LearningHealthInput h;
        h.history = s->history;
        h.classFrequencies = m_classFrequencies;
        h.classes = m_classes;
        h.testSamples = m_testCount;
        h.readoutProbabilities = m_readoutMean;
        s->health = assessLearning(h);
        const Network &net = m_trainer->network();
        for (int p = 0; p < net.populationCount(); ++p) {
            s->populations.push_back(m_trainer->project().network.populations[p].name);
            s->lines.push_back(net.lines(p));
            const double denom = double(std::max<std::int64_t>(1, m_rateSteps)) * std::max(1, net.lines(p));
            s->firingRates.push_back(p < int(m_spikeCount.size()) ? m_spikeCount[p] / denom : 0.0);
        }
        // Between time steps the engine's pool is idle: the parameters can be read here.
        if (force || !m_histograms || now - m_lastHistograms >= kHistogramInterval) {
            m_histograms = std::make_shared<const std::vector<ParameterHistogram>>(
                parameterHistograms(net));
            m_lastHistograms = now;
        }
        s->histograms = m_histograms;
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
            // (A snapshot without new values, e.g. the one forced when a run ends right after
            // another, carries the old ones on: its own first step means nothing.)
            if (!old.learningSignal.empty()
                && (s->learningSignal.empty()
                    || old.learningSignalFirstStep + std::int64_t(old.learningSignal.size())
                           == s->learningSignalFirstStep)) {
                s->learningSignal.insert(s->learningSignal.begin(), old.learningSignal.begin(), old.learningSignal.end());
                s->learningSignalFirstStep = old.learningSignalFirstStep;
            }
            s->neuron.insert(s->neuron.begin(), old.neuron.begin(), old.neuron.end());
            s->readoutSteps.insert(s->readoutSteps.begin(), old.readoutSteps.begin(), old.readoutSteps.end());
        }
        m_slot = std::move(s);
        m_inFlight.store(true);
    }
    m_snapshotReady();
}


} // namespace sqsnn::lab

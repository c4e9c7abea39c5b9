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
    const double dt = std::chrono::duration<double>(now - m_rateTime).count();
    if (dt > 0.25) {
        m_rate = double(m_samplesDone - m_rateSamples) / dt;
        m_rateTime = now;
        m_rateSamples = m_samplesDone;
    }
    s->samplesPerSecond = m_rate;
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
        }
        m_slot = std::move(s);
        m_inFlight.store(true);
    }
    m_snapshotReady();
}


} // namespace sqsnn::lab

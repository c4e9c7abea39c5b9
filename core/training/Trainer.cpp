#include "training/Trainer.hpp"

#include "common/Error.hpp"
#include "learning/Estimators.hpp"
#include "network/NetworkCheck.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <thread>

namespace sqsnn {

namespace {
std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
} // namespace

Trainer::Trainer(Project project, TrainerOptions options)
    : m_project(std::move(project))
{
    const TrainingSpec &ts = m_project.training;
    m_data = loadData(m_project.data, m_project.seed);
    m_encoder = makeEncoder(m_project.data, m_data.train);
    NetworkOptions no;
    no.estimator = makeEstimator(ts);
    no.estimatorName = ts.estimator;
    no.spsaDirections = ts.spsaDirections;
    no.spsaEpsilon = ts.spsaEpsilon;
    no.normalAngleInit =
        ts.angleInit == "normal" || (ts.angleInit == "auto" && ts.method == "bptt");
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    no.threads = options.threads > 0 ? options.threads : int(hw);
    Rng init(m_project.seed);
    m_net = std::make_unique<Network>(m_project.network, m_data.train.inputLines(),
                                      m_data.train.numClasses, m_project.parameters, init, no);
    m_opt = std::make_unique<Optimizer>(*m_net, ts);
    if (ts.method == "bptt") {
        BpttOptions bo;
        bo.surrogate = ts.surrogate == "straight-through" ? SpikeSurrogate::StraightThrough
                                                           : SpikeSurrogate::Sigmoid;
        bo.sparsity = ts.sparsity;
        m_rule = std::make_unique<Bptt>(*m_net, bo);
    } else {
        auto rule = std::make_unique<LocalRule>(
            *m_net, LearningOptions{ts.signalSmoothing, ts.eligibilitySmoothing, ts.baseline,
                                    ts.clampReadout, ts.readoutTargetWeight, ts.readoutLoss,
                                    ts.hiddenSignal, m_project.seed});
        m_opt->setPerSampleRows(ts.batchSize == 1);
        rule->setRowSink(m_opt.get());
        m_rule = std::move(rule);
    }
    m_grads = std::make_unique<Gradients>(*m_net);
    m_opt->importState(*m_net, m_project.optimizerState);
    if (m_project.history.is_array())
        for (const auto &h : m_project.history)
            m_history.push_back(EpochMetrics::fromJson(h));
}

Trainer::~Trainer() = default;

std::uint64_t Trainer::sampleSeed(int epoch, std::size_t index, int split) const
{
    return mix(mix(m_project.seed, std::uint64_t(split) * 1000003ULL + std::uint64_t(epoch)),
               index);
}

void Trainer::encode(const Dataset &split, std::size_t index, std::uint64_t seed)
{
    Rng rng(mix(seed, 0xe1c0de));
    m_encoder->encode(split, index, rng, m_train);
    m_input.resize(std::size_t(m_train.steps));
    for (int t = 0; t < m_train.steps; ++t) {
        Activity &a = m_input[t];
        a.lines = m_train.active[t];
        a.values.clear();
        if (!m_train.analog.empty())
            for (int l : a.lines)
                a.values.push_back(m_train.analog[t][l]);
    }
}

SampleResult Trainer::trainSample(int epoch, std::size_t index, StepObserver *steps)
{
    const std::uint64_t seed = sampleSeed(epoch, index, 0);
    encode(m_data.train, index, seed);
    SampleResult r = m_rule->run(*m_net, m_input, m_data.train.labels[index], seed, m_grads.get(),
                                 steps ? steps : m_steps, m_stop);
    if (r.complete && m_grads->samples >= m_project.training.batchSize)
        applyUpdate(epoch);
    return r;
}

SampleResult Trainer::evaluateSample(const Dataset &split, std::size_t index, StepObserver *steps)
{
    const std::uint64_t seed = sampleSeed(0, index, 1);
    encode(split, index, seed);
    return m_rule->run(*m_net, m_input, split.labels[index], seed, nullptr, steps);
}

std::pair<double, double> Trainer::evaluate(const Dataset &split)
{
    std::pair<double, double> result;
    runSplit(split, nullptr, nullptr, 0, nullptr, result);
    return result;
}

bool Trainer::evaluateEpoch(EpochMetrics &m, TrainingObserver *observer)
{
    std::pair<double, double> result;
    if (!runSplit(m_data.test, observer, m_steps, m.epoch, m_stop, result))
        return false;
    std::tie(m.testLoss, m.testAccuracy) = result;
    return true;
}

bool Trainer::runSplit(const Dataset &split, TrainingObserver *observer, StepObserver *steps,
                       int epoch, const std::atomic<bool> *stop, std::pair<double, double> &result)
{
    const int total = int(split.size());
    if (observer)
        observer->onTestStart(epoch, total);
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < total; ++i) {
        if (stop && stop->load())
            return false;
        const std::uint64_t seed = sampleSeed(0, std::size_t(i), 1);
        encode(split, std::size_t(i), seed);
        const SampleResult r
            = m_rule->run(*m_net, m_input, split.labels[i], seed, nullptr, steps, stop);
        if (!r.complete)
            return false;
        loss += r.loss;
        correct += r.prediction == r.label;
        if (observer)
            observer->onTestSample(epoch, i, total, r);
    }
    const double n = std::max(1, total);
    result = {loss / n, correct / n};
    return true;
}

EpochMetrics Trainer::trainEpoch(TrainingObserver *observer)
{
    const int epoch = epochsDone() + 1;
    const auto t0 = std::chrono::steady_clock::now();
    m_rate.start(t0);
    std::vector<std::size_t> order(m_data.train.size());
    std::iota(order.begin(), order.end(), 0);
    Rng shuffle(mix(m_project.seed, 0x5ff1e + std::uint64_t(epoch)));
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[shuffle.below(i)]);

    EpochMetrics m;
    m.epoch = epoch;
    std::vector<double> spikes(m_net->populationCount(), 0.0);
    int correct = 0, done = 0, steps = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (m_stop && m_stop->load())
            break;
        const SampleResult r = trainSample(epoch, order[k]);
        if (!r.complete)
            break;
        m.trainLoss += r.loss;
        correct += r.prediction == r.label;
        steps += int(m_input.size());
        for (std::size_t p = 0; p < spikes.size(); ++p)
            spikes[p] += r.spikesPerPop[p];
        ++done;
        m_rate.sample();
        if (observer)
            observer->onSample(epoch, int(k), int(order.size()), r);
    }
    if (done < int(order.size())) {
        // Stopped: the incomplete batch is dropped, so the parameters are those after the last
        // complete batch (with one sample per update: after the last complete sample).
        m_grads->clear(*m_net);
        m_grads->samples = 0;
        m.complete = false;
        return m;
    }
    if (m_grads->samples > 0) // the epoch's last, smaller batch
        applyUpdate(epoch);
    checkParametersFinite(epoch);
    m_rate.finish();
    m.trainLoss /= std::max(1, done);
    m.trainAccuracy = double(correct) / std::max(1, done);
    m.samplesPerSecond = m_rate.perSecond();
    for (int p = 0; p < m_net->populationCount(); ++p) {
        if (m_net->isInput(p))
            continue;
        m.populations.push_back(m_project.network.populations[p].name);
        m.firingRates.push_back(spikes[p] / std::max(1.0, double(steps) * m_net->lines(p)));
    }
    if (!evaluateEpoch(m, observer)) {
        m.complete = false;
        return m;
    }
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    m_history.push_back(m);
    if (observer)
        observer->onEpoch(m);
    return m;
}

// A run that still produces a non-finite value (the loader's ranges make that rare) stops with
// a message naming the epoch and, where known, the parameter; nothing of this epoch is saved,
// so the last checkpoint written after a complete epoch stays the good one.
void Trainer::applyUpdate(int epoch)
{
    try {
        m_opt->apply(*m_net, *m_grads);
    } catch (const InputError &e) {
        throw InputError("epoch " + std::to_string(epoch) + ": an update made a value non-finite ("
                         + e.what() + "); stopped, the last saved checkpoint is kept; try a "
                         "smaller training.learning_rate or clips");
    }
}

void Trainer::checkParametersFinite(int epoch) const
{
    ParameterSet params;
    m_net->exportParameters(params);
    for (const auto &[key, values] : params)
        for (std::size_t i = 0; i < values.size(); ++i)
            if (!std::isfinite(values[i]))
                throw InputError("epoch " + std::to_string(epoch) + ": parameter " + key + "["
                                 + std::to_string(i) + "] is not a finite number after the "
                                 "epoch's updates; stopped, the last saved checkpoint is kept; "
                                 "try a smaller training.learning_rate or clips");
}

void Trainer::run(int epochs, TrainingObserver *observer, const std::atomic<bool> *stop)
{
    const std::atomic<bool> *previous = m_stop;
    if (stop)
        m_stop = stop;
    const int target = epochs < 0 ? m_project.training.epochs : epochs;
    while (epochsDone() < target && !(m_stop && m_stop->load()))
        trainEpoch(observer);
    m_stop = previous;
}

void Trainer::setLearningRate(double eta, double hiddenScale)
{
    m_opt->setLearningRate(eta, hiddenScale);
    m_project.training.learningRate = eta;
    m_project.training.hiddenLearningRateScale = hiddenScale;
}

Project Trainer::result() const
{
    Project p = m_project;
    p.parameters.clear();
    m_net->exportParameters(p.parameters);
    p.optimizerState = m_opt->exportState(*m_net);
    p.history = nlohmann::json::array();
    for (const auto &h : m_history)
        p.history.push_back(h.toJson());
    return p;
}

} // namespace sqsnn

#include "network/Network.hpp"

#include "common/Error.hpp"
#include "network/NetworkCheck.hpp"
#include "network/PopulationFactory.hpp"
#include "network/ThreadPool.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace sqsnn {

Network::Network(const NetworkSpec &spec, int inputLines, int numClasses,
                 const ParameterSet &params, Rng &rng, NetworkOptions options)
    : m_numClasses(numClasses)
    , m_threads(std::max(1, options.threads))
    , m_meanField(options.meanField)
{
    checkNetwork(spec, inputLines, numClasses);
    if (!options.estimator)
        options.estimator = std::make_shared<ExactEstimator>();
    std::map<std::string, int> index;
    const int P = int(spec.populations.size());
    for (int i = 0; i < P; ++i) {
        const auto &ps = spec.populations[i];
        index[ps.name] = i;
        m_lines.push_back(outputLines(ps, inputLines));
        if (ps.kind == "input") {
            m_pops.push_back(nullptr);
            m_inputs.push_back(i);
        } else {
            m_pops.push_back(makePopulation(ps, options));
        }
        if (ps.readout)
            m_readout = i;
    }
    m_incoming.resize(P);
    for (const auto &e : spec.projections) {
        const int a = index.at(e.from), b = index.at(e.to);
        const int srcBits = m_pops[a] ? m_pops[a]->linesPerNeuron() : 1;
        m_incoming[b].push_back(int(m_projs.size()));
        m_projs.emplace_back(e, a, b, m_lines[a], srcBits, m_pops[b]->channels(),
                             m_pops[b]->channelsPerNeuron());
    }
    buildOrder();

    // Parameters: taken from the project where present, drawn otherwise (in a fixed order).
    for (int i = 0; i < P; ++i) {
        if (!m_pops[i])
            continue;
        const std::string key = "population/" + spec.populations[i].name;
        auto it = params.find(key);
        if (it == params.end()) {
            m_pops[i]->setNormalAngleInit(options.normalAngleInit);
            m_pops[i]->initParams(rng);
            continue;
        }
        if (it->second.size() != m_pops[i]->params().size())
            throw InputError("/parameters/" + key + ": expected "
                             + std::to_string(m_pops[i]->params().size()) + " values, got "
                             + std::to_string(it->second.size()));
        m_pops[i]->params() = it->second;
        m_pops[i]->commitParams();
    }
    for (auto &pr : m_projs) {
        const std::string key = "projection/" + pr.spec().from + "->" + pr.spec().to;
        auto it = params.find(key);
        if (it == params.end()) {
            pr.initParams(rng);
            // Two readout neurons: the second's incoming weights are the first's, negated.
            if (pr.target() == m_readout && m_pops[m_readout]->size() == 2) {
                const int N = m_pops[m_readout]->channelsPerNeuron();
                auto &w = pr.params();
                for (int line = 0; line < pr.sourceLines(); ++line) {
                    const int row = pr.rowBegin(line);
                    for (int b = 0; b < N; ++b)
                        w[row + N + b] = w[row + b];
                }
                pr.negateTargetNeuron(1);
            }
            continue;
        }
        if (it->second.size() != pr.params().size())
            throw InputError("/parameters/" + key + ": expected " + std::to_string(pr.params().size())
                             + " values, got " + std::to_string(it->second.size()));
        for (double v : it->second)
            if (!std::isfinite(v))
                throw InputError("/parameters/" + key + ": contains a non-finite value");
        pr.params() = it->second;
    }

    m_activity.resize(P);
    m_current.resize(P);
    m_spikes.resize(P);
    m_prob.resize(P);
    m_dCurrent.resize(P);
    m_dParams.resize(P);
    m_dCurrentPast.resize(P);
    for (int i = 0; i < P; ++i) {
        if (!m_pops[i])
            continue;
        m_current[i].assign(m_pops[i]->channels(), 0.0);
        m_spikes[i].assign(m_pops[i]->lines(), 0);
        m_prob[i].assign(m_pops[i]->lines(), 0.0);
        m_dCurrent[i].assign(m_pops[i]->channels(), 0.0);
        m_dParams[i].assign(m_pops[i]->paramCount(), 0.0);
        m_pops[i]->setThreads(m_threads);
    }
    if (m_threads > 1)
        m_pool = std::make_unique<ThreadPool>(m_threads);
    m_accum = std::make_unique<WorkerBuffers>(m_threads);
}

Network::~Network() = default;

void Network::buildOrder()
{
    // Kahn's algorithm over zero-delay projections (validated acyclic).
    const int P = int(m_pops.size());
    std::vector<int> indeg(P, 0);
    for (const auto &pr : m_projs)
        if (pr.delay() == 0)
            ++indeg[pr.target()];
    std::vector<int> ready;
    for (int i = 0; i < P; ++i)
        if (indeg[i] == 0)
            ready.push_back(i);
    std::vector<int> order;
    for (std::size_t k = 0; k < ready.size(); ++k) {
        const int u = ready[k];
        order.push_back(u);
        for (const auto &pr : m_projs)
            if (pr.delay() == 0 && pr.source() == u && --indeg[pr.target()] == 0)
                ready.push_back(pr.target());
    }
    if (int(order.size()) != P)
        throw InternalError("network: topological order failed on a validated graph");
    for (int u : order)
        if (m_pops[u])
            m_order.push_back(u);
}

void Network::exportParameters(ParameterSet &out) const
{
    for (std::size_t i = 0; i < m_pops.size(); ++i)
        if (m_pops[i] && m_pops[i]->paramCount() > 0)
            out["population/" + m_pops[i]->spec().name] = m_pops[i]->params();
    for (const auto &pr : m_projs)
        out["projection/" + pr.spec().from + "->" + pr.spec().to] = pr.params();
}

std::int64_t Network::parameterCount() const
{
    std::int64_t n = 0;
    for (const auto &p : m_pops)
        if (p)
            n += p->paramCount();
    for (const auto &pr : m_projs)
        n += std::int64_t(pr.params().size());
    return n;
}

void Network::forWorkers(int wanted, const std::function<void(int, int)> &f) const
{
    const int parts = std::max(1, std::min(wanted, m_threads));
    if (parts == 1 || !m_pool) {
        f(0, 1);
        return;
    }
    m_pool->run([&](int w) {
        if (w < parts)
            f(w, parts);
    });
}

void Network::forChunks(int chunks, const std::function<void(int, int)> &f) const
{
    if (m_pool && chunks > 1) {
        m_pool->runChunks(chunks, f);
        return;
    }
    for (int c = 0; c < chunks; ++c)
        f(c, 0);
}

int Network::chunks() const
{
    return m_pool ? ThreadPool::kChunksPerWorker * m_threads : 1;
}

void Network::beginSample(int steps, std::uint64_t sampleSeed)
{
    for (std::size_t i = 0; i < m_pops.size(); ++i) {
        if ((int)m_activity[i].size() < steps)
            m_activity[i].resize(steps);
        for (int t = 0; t < steps; ++t)
            m_activity[i][t].clear();
        if (!m_pops[i])
            continue;
        m_pops[i]->reset(sampleSeed ^ (0x9e3779b97f4a7c15ULL * (i + 1)));
        if (m_pops[i]->memoryPath()
            && m_dCurrentPast[i].size() < std::size_t(steps) * m_pops[i]->channels())
            m_dCurrentPast[i].resize(std::size_t(steps) * m_pops[i]->channels(), 0.0);
    }
}

const Activity &Network::delivered(int proj, int t) const
{
    const Projection &pr = m_projs[proj];
    const int ts = t - pr.delay();
    return ts >= 0 ? m_activity[pr.source()][ts] : m_empty;
}

void Network::stepPopulation(int pop, int t, const int *forced, const int *target, bool learn)
{
    Population &P = *m_pops[pop];
    StepIo io;
    io.current = m_current[pop].data();
    io.spikes = m_spikes[pop].data();
    io.prob = m_prob[pop].data();
    io.forced = forced;
    io.target = target;
    io.learn = learn;
    io.dCurrent = m_dCurrent[pop].data();
    io.dParams = m_dParams[pop].data();
    io.t = t;
    io.dCurrentPast = m_dCurrentPast[pop].empty() ? nullptr : m_dCurrentPast[pop].data();
    const int cpn = P.channelsPerNeuron();
    // A large population is cut into chunks the workers take as they come free; boundaries on
    // whole cache lines of the line probabilities (the per-neuron outputs) where possible.
    const int chunks = P.size() >= 64 * m_threads ? this->chunks() : 1;
    auto work = [&](int chunk, int w) {
        const int stride = int(sizeof(double)) * P.linesPerNeuron();
        const int begin = ThreadPool::chunkBoundary(P.size(), chunk, chunks, io.prob, stride);
        const int end = ThreadPool::chunkBoundary(P.size(), chunk + 1, chunks, io.prob, stride);
        if (begin == end)
            return;
        const int cb = begin * cpn, ce = end * cpn;
        // Every active input line adds a row to the currents: sum them in this worker's own
        // line-aligned buffer (the two halves of one vector shared a cache line at the split,
        // written once per active line by both cores), then copy the worker's part once.
        double *acc = m_accum->get(w, std::size_t(ce)); // indexed by channel; [cb, ce) used
        std::fill(acc + cb, acc + ce, 0.0);
        for (int k : m_incoming[pop]) {
            m_projs[k].addBias(acc, cb, ce);
            m_projs[k].accumulate(delivered(k, t), acc, cb, ce);
        }
        std::copy(acc + cb, acc + ce, m_current[pop].data() + cb);
        P.step(begin, end, w, io);
    };
    forChunks(chunks, work);
    Activity &a = m_activity[pop][t];
    a.clear();
    if (m_meanField) {
        const auto &p = m_prob[pop];
        for (int l = 0; l < int(p.size()); ++l) {
            a.lines.push_back(l);
            a.values.push_back(p[l]);
        }
        return;
    }
    const auto &s = m_spikes[pop];
    for (int l = 0; l < int(s.size()); ++l)
        if (s[l])
            a.lines.push_back(l);
}

void Network::step(int t, const std::vector<const Activity *> &input, const int *forcedReadout,
                   const int *targetReadout, bool learn)
{
    if (input.size() != m_inputs.size())
        throw InternalError("network: " + std::to_string(input.size()) + " input activities for "
                            + std::to_string(m_inputs.size()) + " data inputs");
    for (std::size_t k = 0; k < m_inputs.size(); ++k)
        m_activity[m_inputs[k]][t] = *input[k];
    for (int pop : m_order)
        stepPopulation(pop, t, pop == m_readout ? forcedReadout : nullptr,
                       pop == m_readout ? targetReadout : nullptr, learn);
}

} // namespace sqsnn

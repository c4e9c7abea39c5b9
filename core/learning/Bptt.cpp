#include "learning/Bptt.hpp"

#include "common/Error.hpp"
#include "network/ThreadPool.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

namespace {
// Splits [0, n) into fixed pieces; every entry belongs to exactly one piece.
std::pair<int, int> part(int n, int w, int workers)
{
    return ThreadPool::range(n, w, workers);
}

// Pieces for a gradient scatter into rows of Cp channels from `lines` active lines: split by
// channels only when every worker gets whole cache lines of many of them (a narrow target, the
// 10-channel readout, split in two had both cores write one line of every active line's 80-byte
// row), in chunks of at least 128 channels (1 KB of every row).
int channelChunks(const Network &net, int Cp, long lines)
{
    const bool split = Cp >= 64 * net.threads() && long(Cp) * (lines + 1) >= 4096;
    return split ? std::max(1, std::min(net.chunks(), Cp / 128)) : 1;
}

// Neurons [begin, end) of piece c: boundaries on whole cache lines of the gradient rows at
// `base` (cpn channels a neuron).
std::pair<int, int> neuronPiece(int neurons, int c, int chunks, const double *base, int cpn)
{
    const int stride = int(sizeof(double)) * cpn;
    return {ThreadPool::chunkBoundary(neurons, c, chunks, base, stride),
            ThreadPool::chunkBoundary(neurons, c + 1, chunks, base, stride)};
}
} // namespace

Bptt::Bptt(Network &net, BpttOptions options)
    : m_opt(options)
{
    const int P = net.populationCount();
    m_prob.resize(P);
    m_gLine.resize(P);
    m_gProb.resize(P);
    m_gCur.resize(P);
    for (int pop : net.order()) {
        Population &Pp = net.population(pop);
        if (!Pp.supportsBackward())
            throw InputError("population '" + Pp.spec().name + "': its neuron kind ('"
                             + Pp.spec().kind + "') has no backward pass for training.method bptt");
        Pp.setSurrogate(options.detachSpikes ? SpikeSurrogate::Detached : options.surrogate);
    }
}

void Bptt::ensureRecording(Network &net, bool on, int steps)
{
    if (on == m_recording && (!on || steps <= m_recordSteps))
        return;
    for (int pop : net.order())
        net.population(pop).setRecording(on, steps);
    m_recording = on;
    m_recordSteps = on ? steps : 0;
}

SampleResult Bptt::run(Network &net, const std::vector<Activity> &input, int label,
                       std::uint64_t sampleSeed, Gradients *grads, StepObserver *observer,
                       const std::atomic<bool> *stop)
{
    const int T = int(input.size());
    const bool learn = grads != nullptr;
    const int R = net.readout(), C = net.numClasses();
    SampleResult res;
    res.label = label;
    res.counts.assign(C, 0);
    res.meanProb.assign(C, 0.0);
    res.spikesPerPop.assign(net.populationCount(), 0.0);
    ensureRecording(net, learn, T);
    const bool sparsity = m_opt.sparsity > 0;
    for (int pop : net.order())
        m_prob[pop].assign(sparsity ? std::size_t(T) * net.lines(pop) : 0, 0.0);
    m_rates.assign(C, 0.0);
    net.beginSample(T, sampleSeed);
    std::vector<const Activity *> in(1);
    for (int t = 0; t < T; ++t) {
        in[0] = &input[t];
        net.step(t, in, nullptr, nullptr, false);
        const auto &p = net.prob(R);
        const auto &s = net.spikes(R);
        const Activity &a = net.activity(R, t);
        for (std::size_t k = 0; k < a.lines.size(); ++k)
            m_rates[a.lines[k]] += a.value(k) / T;
        for (int o = 0; o < C; ++o) {
            res.counts[o] += s[o];
            res.meanProb[o] += p[o] / T;
        }
        for (int pop : net.order()) {
            const auto &sp = net.spikes(pop);
            res.spikesPerPop[pop] += double(std::count(sp.begin(), sp.end(), std::uint8_t(1)));
            if (sparsity)
                std::copy(net.prob(pop).begin(), net.prob(pop).end(),
                          m_prob[pop].begin() + std::ptrdiff_t(t) * net.lines(pop));
        }
        if (observer) {
            // The cross-entropy of the rates so far (the loss the sample is heading for).
            double mx = -HUGE_VAL, z = 0;
            for (int o = 0; o < C; ++o)
                mx = std::max(mx, m_rates[o] * T / (t + 1));
            for (int o = 0; o < C; ++o)
                z += std::exp(m_rates[o] * T / (t + 1) - mx);
            observer->onStep(net, t, -(m_rates[label] * T / (t + 1) - mx - std::log(z)));
        }
        if (stop && t + 1 < T && stop->load(std::memory_order_relaxed)) {
            res.complete = false;
            res.steps = t + 1;
            return res;
        }
    }
    // Loss: cross-entropy of the softmax over the readout rates, plus the sparsity term.
    m_softmax.assign(C, 0.0);
    double mx = -HUGE_VAL, zsum = 0;
    for (int o = 0; o < C; ++o)
        mx = std::max(mx, m_rates[o]);
    for (int o = 0; o < C; ++o)
        zsum += (m_softmax[o] = std::exp(m_rates[o] - mx));
    for (int o = 0; o < C; ++o)
        m_softmax[o] /= zsum;
    m_lastCe = -(m_rates[label] - mx - std::log(zsum));
    m_lastSparsity = 0;
    if (sparsity)
        for (int pop : net.order()) {
            const int L = net.lines(pop);
            for (int t = 0; t < T; ++t) {
                double s1 = 0, s2 = 0;
                for (int l = 0; l < L; ++l) {
                    const double p = m_prob[pop][std::size_t(t) * L + l];
                    s1 += p;
                    s2 += p * p;
                }
                if (s2 > 0)
                    m_lastSparsity += m_opt.sparsity * s1 * s1 / s2;
            }
        }
    res.loss = (m_opt.crossEntropy ? m_lastCe : 0.0) + m_lastSparsity;
    res.prediction = predictClass(res.counts, res.meanProb);
    res.steps = T;
    if (learn) {
        backward(net, T, label, *grads);
        ++grads->samples;
    }
    return res;
}

void Bptt::backward(Network &net, int T, int label, Gradients &grads)
{
    const int R = net.readout(), C = net.numClasses();
    const bool sparsity = m_opt.sparsity > 0;
    for (int pop : net.order()) {
        const std::size_t n = std::size_t(T) * net.lines(pop);
        m_gLine[pop].assign(n, 0.0);
        m_gProb[pop].assign(sparsity ? n : 0, 0.0);
        if (!sparsity)
            continue;
        // d/dp_l of lambda S1^2 / S2 = lambda (2 S1 / S2 - 2 S1^2 p_l / S2^2).
        const int L = net.lines(pop);
        for (int t = 0; t < T; ++t) {
            const double *p = m_prob[pop].data() + std::size_t(t) * L;
            double s1 = 0, s2 = 0;
            for (int l = 0; l < L; ++l) {
                s1 += p[l];
                s2 += p[l] * p[l];
            }
            if (!(s2 > 0))
                continue;
            double *g = m_gProb[pop].data() + std::size_t(t) * L;
            for (int l = 0; l < L; ++l)
                g[l] = m_opt.sparsity * (2 * s1 / s2 - 2 * s1 * s1 * p[l] / (s2 * s2));
        }
    }
    // dL/ds_o,t = (softmax_o - y_o) / T at every step.
    for (int t = 0; t < T && m_opt.crossEntropy; ++t)
        for (int o = 0; o < C; ++o)
            m_gLine[R][std::size_t(t) * C + o] = (m_softmax[o] - (o == label ? 1.0 : 0.0)) / T;

    const auto &order = net.order();
    const int threads = net.threads();
    for (int pop : order) {
        const std::size_t need = std::size_t(T) * std::size_t(net.population(pop).channels());
        if (m_gCur[pop].size() < need)
            m_gCur[pop].resize(need);
    }
    // Dense projections with spike inputs (and at most 64 steps) get their weight gradients
    // after the steps, line by line (scatterLines); the others step by step below.
    m_deferred.assign(std::size_t(net.projectionCount()), 0);
    for (int k = 0; k < net.projectionCount(); ++k)
        m_deferred[std::size_t(k)] = ActiveLines::fits(net, k, T);
    for (int t = T; t-- > 0;) {
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            const int pop = *it;
            Population &P = net.population(pop);
            const int L = net.lines(pop), Cp = P.channels(), cpn = P.channelsPerNeuron();
            BackIo io;
            io.t = t;
            io.gLine = m_gLine[pop].data() + std::size_t(t) * L;
            io.gProb = sparsity ? m_gProb[pop].data() + std::size_t(t) * L : nullptr;
            io.gCurrent = m_gCur[pop].data() + std::size_t(t) * Cp;
            io.gParams = grads.pop[pop].data();
            const double *gz = io.gCurrent;
            const auto &incoming = net.incoming(pop);
            // The gradient scatter of step t into projection k's rows (channelChunks pieces; the
            // first marks the touched rows).
            auto scatterChunks = [&](int k) {
                return channelChunks(net, Cp, long(net.delivered(k, t).lines.size()));
            };
            auto scatter = [&](int k, int c, int chunks) {
                const Projection &pr = net.projection(k);
                const auto [nb, ne] = neuronPiece(P.size(), c, chunks, grads.proj[k].data(), cpn);
                pr.scatter(net.delivered(k, t), gz, grads.proj[k].data(),
                           c == 0 ? &grads.touched[k] : nullptr, nb * cpn, ne * cpn);
                pr.scatterBias(gz, grads.proj[k].data(), nb * cpn, ne * cpn);
            };
            // Chunks of neurons, taken by the workers as they come free (per-neuron results).
            // When the first incoming projection's scatter splits the same way, each chunk
            // scatters its own channels right after its backward step (one join less): the
            // chunk wrote exactly the currents' gradients it reads.
            const int chunks = P.size() >= 64 * threads ? net.chunks() : 1;
            const int first = incoming.empty() ? -1 : incoming.front();
            const bool fused = first >= 0 && !m_deferred[std::size_t(first)] && chunks > 1
                               && scatterChunks(first) == chunks;
            net.forChunks(chunks, [&](int c, int w) {
                // Fused: the scatter's boundaries (on cache lines of the gradient rows).
                const auto [b, e] = fused ? neuronPiece(P.size(), c, chunks, grads.proj[first].data(), cpn)
                                          : part(P.size(), c, chunks);
                if (b < e)
                    P.backward(b, e, w, io);
                if (fused)
                    scatter(first, c, chunks);
            });
            for (int k : incoming) {
                const Projection &pr = net.projection(k);
                if (!(fused && k == first) && !m_deferred[std::size_t(k)]) {
                    const int n = scatterChunks(k);
                    net.forChunks(n, [&](int c, int) { scatter(k, c, n); });
                }
                const int src = pr.source(), ts = t - pr.delay();
                if (net.isInput(src) || ts < 0 || m_opt.detachSpikes)
                    continue;
                double *gs = m_gLine[src].data() + std::size_t(ts) * net.lines(src);
                const int lines = pr.sourceLines();
                const int lineChunks = long(lines) * Cp >= 16384 ? net.chunks() : 1;
                net.forChunks(lineChunks, [&](int c, int) {
                    const auto [lb, le] = part(lines, c, lineChunks);
                    pr.backpropagate(gz, gs, lb, le);
                });
            }
        }
    }
    for (int k = 0; k < net.projectionCount(); ++k)
        if (m_deferred[std::size_t(k)])
            scatterLines(net, k, T, grads);
}

namespace {
// row[c] += steps[0][c], then steps[1][c], ... for c in [cb, ce): one read and one write of
// the row, the additions in the order of `steps` (8 channels at a time in registers).
void addSteps(double *row, const double *const *steps, int n, int cb, int ce)
{
    int c = cb;
    for (; c + 8 <= ce; c += 8) {
        double r[8];
        for (int i = 0; i < 8; ++i)
            r[i] = row[c + i];
        for (int j = 0; j < n; ++j)
            for (int i = 0; i < 8; ++i)
                r[i] += steps[j][c + i];
        for (int i = 0; i < 8; ++i)
            row[c + i] = r[i];
    }
    for (; c < ce; ++c) {
        double r = row[c];
        for (int j = 0; j < n; ++j)
            r += steps[j][c];
        row[c] = r;
    }
}
} // namespace

void Bptt::scatterLines(Network &net, int k, int T, Gradients &grads)
{
    const Projection &pr = net.projection(k);
    const int Cp = net.population(pr.target()).channels();
    const int cpn = net.population(pr.target()).channelsPerNeuron();
    m_active.collect(net, k, T);
    const std::vector<int> &lines = m_active.lines();
    for (int line : lines)
        grads.touched[k][std::size_t(line)] = 1;
    const double *gz = m_gCur[pr.target()].data();
    double *grad = grads.proj[k].data();
    // The per-step scatter ran from the last step to the first.
    const auto rows = [&](int lb, int le, int cb, int ce) {
        const double *steps[64];
        for (int i = lb; i < le; ++i) {
            const int line = lines[std::size_t(i)];
            const std::uint64_t mask = m_active.steps(line);
            int n = 0;
            for (int t = T; t-- > 0;)
                if (mask >> t & 1)
                    steps[n++] = gz + std::size_t(t) * Cp;
            addSteps(grad + pr.rowBegin(line), steps, n, cb, ce);
        }
    };
    const auto bias = [&](int cb, int ce) {
        if (!pr.spec().bias)
            return;
        const double *steps[64];
        for (int t = T, n = 0; t-- > 0;)
            steps[n++] = gz + std::size_t(t) * Cp;
        addSteps(grad + pr.weightCount(), steps, T, cb, ce);
    };
    const int active = int(lines.size());
    if (Cp >= 64 * net.threads()) {
        // A wide target: the per-step scatter's channel pieces.
        const int chunks = channelChunks(net, Cp, active), neurons = Cp / cpn;
        net.forChunks(chunks, [&](int c, int) {
            const auto [nb, ne] = neuronPiece(neurons, c, chunks, grad, cpn);
            rows(0, active, nb * cpn, ne * cpn);
            bias(nb * cpn, ne * cpn);
        });
    } else {
        // A narrow one (the 10-channel readout): chunks of whole rows.
        const int chunks = long(active) * Cp >= 4096 ? std::min(net.chunks(), active) : 1;
        net.forChunks(chunks, [&](int c, int) {
            const auto [lb, le] = part(active, c, chunks);
            rows(lb, le, 0, Cp);
        });
        bias(0, Cp);
    }
    m_active.clear();
}

} // namespace sqsnn

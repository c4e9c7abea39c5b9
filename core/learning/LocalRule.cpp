#include "learning/LocalRule.hpp"

#include "common/Error.hpp"
#include "learning/ReadoutError.hpp"
#include "network/ThreadPool.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

namespace {
constexpr double kFloor = 1e-12;
constexpr double kBaselineMomentum = 0.99;

// Updates the running E[e^2 l], E[e^2] and returns the baseline b = E[e^2 l] / E[e^2] from
// before this step's values (0 until there are statistics).
inline double baseline(double &num, double &den, double e, double l)
{
    const double b = den > 0 ? num / den : 0.0;
    num = kBaselineMomentum * num + (1 - kBaselineMomentum) * e * e * l;
    den = kBaselineMomentum * den + (1 - kBaselineMomentum) * e * e;
    return b;
}
double safeLog(double p)
{
    return std::log(std::max(p, kFloor));
}
} // namespace

LocalRule::LocalRule(const Network &net, LearningOptions options)
    : m_opt(options)
    , m_target(net.numClasses(), 0)
{
    const int P = net.populationCount();
    m_factor.resize(P);
    m_dCur.resize(P);
    m_past.resize(P);
    m_eParams.resize(P);
    m_bParNum.resize(P);
    m_bParDen.resize(P);
    m_bChNum.resize(P);
    m_bChDen.resize(P);
    for (int i = 0; i < P; ++i) {
        if (net.isInput(i))
            continue;
        m_eParams[i].assign(net.population(i).paramCount(), 0.0);
        if (m_opt.baseline) {
            m_bParNum[i].assign(net.population(i).paramCount(), 0.0);
            m_bParDen[i].assign(net.population(i).paramCount(), 0.0);
            m_bChNum[i].assign(net.population(i).channels(), 0.0);
            m_bChDen[i].assign(net.population(i).channels(), 0.0);
        }
    }
    if (m_opt.readoutLoss != "bce" && m_opt.readoutLoss != "ce")
        throw InputError("training.readout_loss: '" + m_opt.readoutLoss + "' (use bce or ce)");
    if (m_opt.hiddenSignal != "scalar" && m_opt.hiddenSignal != "dfa")
        throw InputError("training.hidden_signal: '" + m_opt.hiddenSignal + "' (use scalar or dfa)");
    const bool ce = m_opt.readoutLoss == "ce", dfa = m_opt.hiddenSignal == "dfa";
    if ((ce || dfa) && m_opt.eligibilitySmoothing > 0)
        throw InputError("training.eligibility_smoothing: must be 0 with readout_loss 'ce' or "
                         "hidden_signal 'dfa' (their factors are known only at the sample's end)");
    if (ce && m_opt.readoutTargetWeight != 1.0)
        throw InputError("training.readout_target_weight: only for readout_loss 'bce' (the "
                         "cross-entropy balances the classes itself)");
    m_deferred.assign(P, 0);
    m_gDeferred.resize(P);
    m_feedback.resize(P);
    for (int i = 0; i < P; ++i) {
        if (net.isInput(i))
            continue;
        const Population &pop = net.population(i);
        m_deferred[i] = i == net.readout() ? ce : dfa;
        if (!m_deferred[i])
            continue;
        if (pop.stochastic() && pop.linesPerNeuron() != 1)
            throw InputError(std::string(i == net.readout() ? "training.readout_loss" : "training.hidden_signal")
                             + ": needs one I/O qubit per stochastic neuron (population '"
                             + pop.spec().name + "' has " + std::to_string(pop.linesPerNeuron()) + ")");
        m_gDeferred[i].assign(pop.paramCount(), 0.0);
        if (i != net.readout())
            m_feedback[i] = feedbackMatrix(m_opt.feedbackSeed, i, pop.size(), net.numClasses());
    }
}

SampleResult LocalRule::run(Network &net, const std::vector<Activity> &input, int label,
                            std::uint64_t sampleSeed, Gradients *grads, StepObserver *observer,
                            const std::atomic<bool> *stop)
{
    const int T = int(input.size());
    const bool learn = grads != nullptr;
    const int R = net.readout(), C = net.numClasses();
    const Population &readout = net.population(R);
    SampleResult res;
    res.label = label;
    res.counts.assign(C, 0);
    res.meanProb.assign(C, 0.0);
    res.spikesPerPop.assign(net.populationCount(), 0.0);
    for (int o = 0; o < C; ++o)
        m_target[o] = o == label ? 1 : 0;
    // A stoppable sample in the middle of a mini-batch keeps the batch's gradients so far (a
    // sample that starts a batch starts from zero gradients).
    if (learn && stop && grads->samples > 0)
        m_popBackup = grads->pop;
    if (learn) {
        for (int pop : net.order()) {
            const Population &P = net.population(pop);
            // Every entry of factor and dCur is written at its step before it is read (the
            // eligibility loop covers all channels): no clearing.
            m_factor[pop].resize(std::size_t(T) * P.channels());
            m_dCur[pop].resize(std::size_t(T) * P.channels());
            if (P.memoryPath())
                m_past[pop].assign(std::size_t(T) * P.channels(), 0.0);
            std::fill(m_eParams[pop].begin(), m_eParams[pop].end(), 0.0);
        }
    }
    net.beginSample(T, sampleSeed);
    m_logit.assign(C, 0.0);
    for (int pop : net.order())
        if (learn && m_deferred[pop])
            std::fill(m_gDeferred[pop].begin(), m_gDeferred[pop].end(), 0.0);
    std::vector<const Activity *> in(1);
    double smoothed = 0;
    for (int t = 0; t < T; ++t) {
        in[0] = &input[t];
        const bool clamp = learn && readout.stochastic() && m_opt.clampReadout;
        net.step(t, in, clamp ? m_target.data() : nullptr,
                 learn && readout.stochastic() && !clamp ? m_target.data() : nullptr, learn);
        const auto &p = net.prob(R);
        const auto &s = net.spikes(R);
        double l = 0;
        for (int o = 0; o < C; ++o) {
            l -= m_target[o] ? safeLog(p[o]) : safeLog(1 - p[o]);
            res.counts[o] += s[o];
            res.meanProb[o] += p[o] / T;
            m_logit[o] += readout.stochastic() ? p[o] : double(s[o]);
        }
        res.loss += l / T;
        for (int pop : net.order()) {
            const auto &sp = net.spikes(pop);
            res.spikesPerPop[pop] += double(std::count(sp.begin(), sp.end(), std::uint8_t(1)));
        }
        if (observer)
            observer->onStep(net, t, l);
        if (stop && t + 1 < T && stop->load(std::memory_order_relaxed)) {
            res.complete = false;
            res.steps = t + 1;
            if (learn && grads->samples > 0)
                grads->pop.swap(m_popBackup);
            else if (learn)
                for (auto &g : grads->pop)
                    std::fill(g.begin(), g.end(), 0.0);
            return res;
        }
        if (!learn)
            continue;
        smoothed = m_opt.signalSmoothing > 0
                       ? m_opt.signalSmoothing * smoothed + (1 - m_opt.signalSmoothing) * l
                       : l;
        const double ke = m_opt.eligibilitySmoothing;
        for (int pop : net.order()) {
            const Population &P = net.population(pop);
            const int n = P.size(), per = P.paramsPerNeuron(), cpn = P.channelsPerNeuron();
            const int Cp = n * cpn;
            const bool hidden = pop != R;
            if (m_deferred[pop]) {
                deferredStep(net, pop, t, hidden);
                continue;
            }
            const bool withBaseline = hidden && m_opt.baseline;
            // The learning factor of each neuron: l (hidden), -1 (stochastic readout: minus the
            // target's log-probability) or s - y (deterministic readout); the target neuron's
            // readout factor is scaled by readoutTargetWeight.
            const auto &spikes = net.spikes(pop);
            auto neuronFactor = [&](int i) {
                if (hidden)
                    return smoothed;
                const double w = m_target[i] ? m_opt.readoutTargetWeight : 1.0;
                if (P.stochastic())
                    return -w;
                return w * (double(spikes[i]) - m_target[i]);
            };
            // Every entry below belongs to one neuron (its parameters, its channels), so the
            // workers split the neurons (boundaries on whole cache lines of the gradient) and
            // the results do not depend on the split.
            const auto &dp = net.dParams(pop);
            const auto &dc = net.dCurrent(pop);
            auto &e = m_eParams[pop];
            auto &g = grads->pop[pop];
            double *factor = m_factor[pop].data() + std::size_t(t) * Cp;
            const double *past = P.memoryPath() ? net.dCurrentPast(pop).data() : nullptr;
            net.forWorkers(n >= 256 ? net.threads() : 1, [&](int w, int parts) {
                const auto [nb, ne] = ThreadPool::lineRange(
                    n, w, parts, per > 0 ? g.data() : factor, int(sizeof(double)) * (per > 0 ? per : cpn));
                // Own parameters: g += factor * e (e optionally filtered; minus the baseline).
                for (int i = nb; i < ne; ++i) {
                    const double f = neuronFactor(i);
                    for (int k = 0; k < per; ++k) {
                        const std::size_t j = std::size_t(i) * per + k;
                        e[j] = ke > 0 ? ke * e[j] + (1 - ke) * dp[j] : dp[j];
                        const double b = withBaseline ? baseline(m_bParNum[pop][j],
                                                                 m_bParDen[pop][j], e[j], f)
                                                      : 0.0;
                        g[j] += (f - b) * e[j];
                    }
                }
                // Channels: the factor for the weights, and this step's current eligibilities.
                const int cb = nb * cpn, ce = ne * cpn;
                for (int c = cb; c < ce; ++c) {
                    const double f = neuronFactor(c / cpn);
                    factor[c] = withBaseline
                                    ? f - baseline(m_bChNum[pop][c], m_bChDen[pop][c], dc[c], f)
                                    : f;
                }
                std::copy(dc.begin() + cb, dc.begin() + ce,
                          m_dCur[pop].begin() + std::ptrdiff_t(std::size_t(t) * Cp + cb));
                // exact-memory: this step's log-probability also depends on earlier currents.
                if (past)
                    for (int tp = 0; tp < t; ++tp)
                        for (int c = cb; c < ce; ++c)
                            m_past[pop][std::size_t(tp) * Cp + c]
                                += factor[c] * past[std::size_t(tp) * Cp + c];
            });
        }
    }
    // Decision: most spikes; ties to the larger mean probability. While learning, a stochastic
    // readout is clamped to the target, so its spikes say nothing: the mean probability decides.
    const bool clamped = learn && readout.stochastic() && m_opt.clampReadout;
    int best = 0;
    for (int o = 1; o < C; ++o) {
        const bool moreSpikes = !clamped && res.counts[o] > res.counts[best];
        const bool tie = clamped || res.counts[o] == res.counts[best];
        if (moreSpikes || (tie && res.meanProb[o] > res.meanProb[best]))
            best = o;
    }
    res.prediction = best;
    res.steps = T;
    if (m_opt.readoutLoss == "ce")
        res.loss = softmaxCrossEntropy(m_logit, label, m_q);
    if (learn) {
        finishDeferred(net, T, label, *grads);
        finishWeights(net, T, *grads);
        ++grads->samples;
    }
    return res;
}

// One step of a deferred population: the per-neuron dp/dpsi conversion factor d_i (s ? p :
// -(1 - p) for the score of outcome s; 1 for a deterministic surrogate) goes into the stored
// factors and own-parameter sums; finishDeferred multiplies in the end-of-sample factor.
void LocalRule::deferredStep(const Network &net, int pop, int t, bool hidden)
{
    const Population &P = net.population(pop);
    const int n = P.size(), per = P.paramsPerNeuron(), cpn = P.channelsPerNeuron(), Cp = n * cpn;
    const auto &spikes = net.spikes(pop);
    const auto &prob = net.prob(pop);
    m_neuronFactor.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) {
        // The readout's score is for its target outcome (or its clamped outcome = target).
        const int s = hidden ? spikes[i] : m_target[i];
        m_neuronFactor[i] = P.stochastic() ? (s ? prob[i] : -(1 - prob[i])) : 1.0;
    }
    const auto &dp = net.dParams(pop);
    auto &g = m_gDeferred[pop];
    for (int i = 0; i < n; ++i)
        for (int k = 0; k < per; ++k) {
            const std::size_t j = std::size_t(i) * per + k;
            g[j] += m_neuronFactor[i] * dp[j];
        }
    double *factor = m_factor[pop].data() + std::size_t(t) * Cp;
    for (int c = 0; c < Cp; ++c)
        factor[c] = m_neuronFactor[c / cpn];
    const auto &dc = net.dCurrent(pop);
    std::copy(dc.begin(), dc.end(), m_dCur[pop].begin() + std::size_t(t) * Cp);
    if (P.memoryPath()) {
        const auto &past = net.dCurrentPast(pop);
        for (int tp = 0; tp < t; ++tp)
            for (int c = 0; c < Cp; ++c)
                m_past[pop][std::size_t(tp) * Cp + c] += factor[c] * past[std::size_t(tp) * Cp + c];
    }
}

void LocalRule::finishDeferred(const Network &net, int T, int label, Gradients &grads)
{
    const int R = net.readout(), C = net.numClasses();
    if (std::none_of(m_deferred.begin(), m_deferred.end(), [](char d) { return d != 0; }))
        return;
    // The readout's error: q - y (ce) or mean_t p - y (bce).
    m_error.assign(C, 0.0);
    if (m_opt.readoutLoss == "ce")
        softmaxCrossEntropy(m_logit, label, m_q);
    for (int o = 0; o < C; ++o)
        m_error[o] = (m_opt.readoutLoss == "ce" ? m_q[o] : 0.0) - (o == label ? 1.0 : 0.0);
    if (m_opt.readoutLoss != "ce") // bce: E_o = mean_t p_o,t - y_o (deterministic: spikes)
        for (int o = 0; o < C; ++o)
            m_error[o] += m_logit[o] / T;
    for (int pop : net.order()) {
        if (!m_deferred[pop])
            continue;
        const Population &P = net.population(pop);
        const int n = P.size(), per = P.paramsPerNeuron(), cpn = P.channelsPerNeuron(), Cp = n * cpn;
        m_neuronFactor.resize(std::size_t(n));
        for (int i = 0; i < n; ++i) {
            if (pop == R) {
                m_neuronFactor[i] = m_error[i];
                continue;
            }
            double d = 0;
            const double *b = m_feedback[pop].data() + std::size_t(i) * C;
            for (int o = 0; o < C; ++o)
                d += b[o] * m_error[o];
            m_neuronFactor[i] = d;
        }
        auto &g = grads.pop[pop];
        for (int i = 0; i < n; ++i)
            for (int k = 0; k < per; ++k) {
                const std::size_t j = std::size_t(i) * per + k;
                g[j] += m_neuronFactor[i] * m_gDeferred[pop][j];
            }
        for (int t = 0; t < T; ++t)
            for (int c = 0; c < Cp; ++c) {
                m_factor[pop][std::size_t(t) * Cp + c] *= m_neuronFactor[c / cpn];
                if (P.memoryPath())
                    m_past[pop][std::size_t(t) * Cp + c] *= m_neuronFactor[c / cpn];
            }
    }
}

void LocalRule::finishWeights(Network &net, int T, Gradients &grads)
{
    const double ke = m_opt.eligibilitySmoothing;
    for (int pop : net.order()) {
        if (net.incoming(pop).empty())
            continue;
        const Population &P = net.population(pop);
        const int C = P.channels(), cpn = P.channelsPerNeuron(), n = P.size();
        const double decay = P.inputTraceDecay();
        // Every entry of F and A is written below before it is read: no clearing.
        m_F.resize(std::size_t(T) * C);
        m_A.resize(std::size_t(T) * C);
        // F and A of channels [cb, ce): each channel's are its own, so they are computed in
        // channel ranges, in the first projection's split below.
        const double *factor = m_factor[pop].data();
        const double *dCur = m_dCur[pop].data();
        const double *past = P.memoryPath() ? m_past[pop].data() : nullptr;
        const std::function<void(int, int)> computeA = [&](int cb, int ce) {
            // F(tau) = sum_{t >= tau} (1-k) k^(t-tau) factor(t)  (k = 0: F = factor).
            for (int t = T; t-- > 0;)
                for (int c = cb; c < ce; ++c) {
                    const double f = factor[std::size_t(t) * C + c];
                    const double next = t + 1 < T ? m_F[std::size_t(t + 1) * C + c] : 0.0;
                    m_F[std::size_t(t) * C + c] = ke > 0 ? (1 - ke) * f + ke * next : f;
                }
            // A(t') = sum_{tau >= t'} decay^(tau - t') F(tau) dCurrent(tau).
            for (int t = T; t-- > 0;)
                for (int c = cb; c < ce; ++c) {
                    const std::size_t j = std::size_t(t) * C + c;
                    const double u = m_F[j] * dCur[j] + (past ? past[j] : 0.0);
                    m_A[j] = u + (t + 1 < T && decay > 0 ? decay * m_A[j + C] : 0.0);
                }
        };
        bool haveA = false;
        // Split by channel ranges (aligned to neurons) over the workers; worker 0 marks rows.
        const bool split = long(C) * T >= 4096;
        for (int k : net.incoming(pop)) {
            if (rowsToSink(net, k, T, C, cpn, n, haveA ? nullptr : &computeA)) {
                haveA = true;
                continue;
            }
            net.forWorkers(split ? net.threads() : 1, [&](int w, int parts) {
                // Boundaries on whole cache lines of the gradient rows (ThreadPool::lineRange).
                const auto [nb, ne] = ThreadPool::lineRange(n, w, parts, grads.proj[k].data(),
                                                            int(sizeof(double)) * cpn);
                const int cb = nb * cpn, ce = ne * cpn;
                if (!haveA)
                    computeA(cb, ce);
                const Projection &pr = net.projection(k);
                for (int t = 0; t < T; ++t) {
                    const double *A = m_A.data() + std::size_t(t) * C;
                    pr.scatter(net.delivered(k, t), A, grads.proj[k].data(),
                               w == 0 ? &grads.touched[k] : nullptr, cb, ce);
                    pr.scatterBias(A, grads.proj[k].data(), cb, ce);
                }
            });
            haveA = true;
        }
    }
}

// The fused path: each active line's gradient row is summed over the steps it was active (in
// step order, as scatter() would) into a small buffer and handed to the sink at once.
bool LocalRule::rowsToSink(Network &net, int k, int T, int C, int cpn, int n,
                           const std::function<void(int, int)> *prepare)
{
    const Projection &pr = net.projection(k);
    if (!m_sink || !m_sink->acceptsRows(net, k) || !ActiveLines::fits(net, k, T))
        return false; // analogue inputs, channel-matched, long samples: the general path
    m_active.collect(net, k, T);
    const std::vector<int> &lines = m_active.lines();
    if (m_rowBuffer.size() < std::size_t(net.threads()))
        m_rowBuffer.resize(std::size_t(net.threads()));
    // First A, by channel chunks (each channel's A is its own); then the rows, by chunks of the
    // active lines: every weight is updated by one worker, in the same order as in one thread.
    if (prepare) {
        const int chunks = long(C) * T >= 4096 ? net.chunks() : 1;
        net.forChunks(chunks, [&](int c, int) {
            const auto [nb, ne] = ThreadPool::range(n, c, chunks);
            (*prepare)(nb * cpn, ne * cpn);
        });
    }
    const int active = int(lines.size());
    const int chunks = long(active) * C >= 4096 ? std::min(net.chunks(), active) : 1;
    // A line's gradient row is the sum of A over the steps it was active in, so lines active
    // in the same steps share it: with few steps (at most 2^kMemoSteps sets) each worker sums
    // a set once and keeps it for the sample (the same additions in the same order). Summing
    // per line was a fifth of a 784-1000-10 sample (1-5 passes over a row per active line).
    const bool memo = T <= kMemoSteps;
    if (m_stepSetSums.size() < std::size_t(net.threads()))
        m_stepSetSums.resize(std::size_t(net.threads()));
    // The row of the steps in `mask`: sum_{t in mask} A(t), from 0 in step order (as scatter).
    const auto sumSteps = [&](std::uint64_t mask, double *out) {
        std::fill(out, out + C, 0.0);
        for (; mask; mask &= mask - 1) {
            const double *A = m_A.data() + std::size_t(__builtin_ctzll(mask)) * C;
            for (int ch = 0; ch < C; ++ch)
                out[ch] += A[ch];
        }
    };
    net.forChunks(chunks, [&](int c, int w) {
        auto &buf = m_rowBuffer[w];
        if (buf.size() < std::size_t(C))
            buf.resize(std::size_t(C));
        StepSetSums &sets = m_stepSetSums[w];
        if (memo) {
            sets.slot.assign(std::size_t(1) << T, -1);
            sets.used = 0;
        }
        const int lb = int(long(active) * c / chunks), le = int(long(active) * (c + 1) / chunks);
        for (int i = lb; i < le; ++i) {
            const int line = lines[std::size_t(i)];
            const std::uint64_t mask = m_active.steps(line);
            const double *row = buf.data();
            if (memo) {
                int &s = sets.slot[mask];
                if (s < 0) {
                    s = sets.used++;
                    if (sets.sums.size() < std::size_t(sets.used) * C)
                        sets.sums.resize(std::size_t(sets.used) * C);
                    sumSteps(mask, sets.sums.data() + std::size_t(s) * C);
                }
                row = sets.sums.data() + std::size_t(s) * C;
            } else {
                sumSteps(mask, buf.data());
            }
            m_sink->applyRow(net, k, std::size_t(pr.rowBegin(line)), row, 0, C);
        }
    });
    if (pr.spec().bias) {
        auto &buf = m_rowBuffer[0];
        if (buf.size() < std::size_t(C))
            buf.resize(std::size_t(C));
        std::fill(buf.begin(), buf.begin() + C, 0.0);
        for (int t = 0; t < T; ++t)
            for (int ch = 0; ch < C; ++ch)
                buf[ch] += m_A[std::size_t(t) * C + ch];
        m_sink->applyRow(net, k, std::size_t(pr.weightCount()), buf.data(), 0, C);
    }
    m_active.clear();
    return true;
}

} // namespace sqsnn

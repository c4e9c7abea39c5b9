#pragma once
// The local learning rule of model.md section 4, applied to one sample.
// With target class c and one-hot target spike trains y_o,t = [o == c] for the readout:
//   learning signal  l_t = - sum_o [ y_o,t log p_o,t + (1 - y_o,t) log(1 - p_o,t) ]
//   readout (stochastic):                                g += - d log P(s_o,t = y_o,t)
//     (given the memory its own sampled outcomes produced; or, with clampReadout, its outcomes
//     clamped to y while training — teacher forcing, which lets a readout's memory see the label)
//   readout (deterministic QLIF/LIF):                    g += (s_o,t - y_o,t) dS/dpsi
//   hidden:                                               g += l_t * e_t
// with e_t = d log P(s^_t) (stochastic; the spike actually sampled) or the surrogate dS/dpsi
// (deterministic). Options (off by default): smoothed signal l <- k l + (1-k) l_t; filtered
// eligibilities e <- k e + (1-k) e_t. Weight eligibilities are d e / d current times the
// presynaptic activity x_p (through the target's input kernel for GLM/LIF neurons), accumulated
// event-driven at the end of the sample. Probabilities are floored at 1e-12 inside the logs.
//
// Deferred terms (issue 13, off by default; see learning/ReadoutError.hpp for the equations):
// readoutLoss "ce" replaces the readout's per-step BCE by the cross-entropy over its expected
// spike counts, and hiddenSignal "dfa" replaces a hidden neuron's scalar l_t by its own vector
// signal delta_j (the readout's error through fixed random feedback). Both multiply the
// neuron's firing-probability derivative dp_t/dpsi = (s ? p : -(1 - p)) e_t, recovered exactly
// from the score e_t of the outcome s it is for (stochastic neurons with one line each), or the
// surrogate dS/dpsi itself (deterministic neurons), summed over the sample, by a per-neuron
// factor known only at the sample's end (q_o - y_o, or delta_j).
//
// Decision rule: argmax of readout spike counts over T; ties (including no spike at all) go to
// the larger mean firing probability. While learning with a clamped stochastic readout the
// training prediction is the argmax of its mean firing probability (its spikes are the target).
#include "learning/ActiveLines.hpp"
#include "learning/Gradients.hpp"
#include "learning/LearningMethod.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace sqsnn {

struct LearningOptions
{
    double signalSmoothing = 0.0;      // k for l
    double eligibilitySmoothing = 0.0; // k for e
    // Per-parameter baseline for hidden neurons: g += (l - b) e with b = E[e^2 l] / E[e^2],
    // the expectations running averages over training steps (momentum kBaselineMomentum).
    // Circuit angles and neuron parameters get one baseline each; weights share their target
    // channel's baseline, computed from the channel eligibility (a weight's eligibility is the
    // channel's times the presynaptic spike, so per-weight statistics would cost a pass over
    // every weight per step instead of over the spikes).
    bool baseline = false;
    // Clamp a stochastic readout's outcomes to the targets while learning (teacher forcing).
    // Off: the readout samples as it will at test time, and its eligibilities are those of the
    // target outcome given the state its own samples produced.
    bool clampReadout = false;
    // Weight of the target neuron's term in the readout's gradient (1 = the plain rule). With
    // C classes, C - 1 balances the one positive target against the C - 1 negative ones (the
    // reported loss and the hidden neurons' learning signal stay unweighted).
    double readoutTargetWeight = 1.0;
    // "bce" (the per-step rule above) or "ce" (cross-entropy over the readout's spike counts).
    std::string readoutLoss = "bce";
    // "scalar" (l_t broadcast to every hidden neuron) or "dfa" (per-neuron feedback alignment).
    std::string hiddenSignal = "scalar";
    std::uint64_t feedbackSeed = 1; // draws the dfa feedback matrices (the project seed)
};

// Receives a projection's finished weight gradients row by row instead of the Gradients
// matrix, so a per-sample update can be applied while the row is in cache (the optimizer, for
// SGD with one sample per update). g holds channels [cb, ce) of the row that starts at
// parameter `first`; rows of different workers may arrive in parallel.
class RowSink
{
public:
    virtual ~RowSink() = default;
    virtual bool acceptsRows(const Network &net, int projection) const = 0;
    virtual void applyRow(Network &net, int projection, std::size_t first, const double *g,
                          int cb, int ce) = 0;
};

class LocalRule : public LearningMethod
{
public:
    LocalRule(const Network &net, LearningOptions options);

    // Runs one sample of `steps` steps; with `grads` the network learns (gradients accumulated
    // into grads, or handed to the row sink), without it the sample is only evaluated.
    // `stop` (optional, may be raised from another thread) is checked after every step but the
    // last (after the observer): when raised the sample ends there with complete = false (a
    // sample whose steps have all run completes, with its update), and grads are as
    // they were before the sample (weights are only touched at the end of a sample, so nothing
    // has reached the network either). The baseline's running statistics keep the steps run.
    SampleResult run(Network &net, const std::vector<Activity> &input, int label,
                     std::uint64_t sampleSeed, Gradients *grads, StepObserver *observer = nullptr,
                     const std::atomic<bool> *stop = nullptr) override;
    void setRowSink(RowSink *sink) { m_sink = sink; }

private:
    void finishWeights(Network &net, int steps, Gradients &grads);
    // `prepare`, when given, is called for channel ranges that cover every channel once before
    // any row of A is read (finishWeights computes A that way).
    bool rowsToSink(Network &net, int projection, int steps, int channels, int cpn, int n,
                    const std::function<void(int, int)> *prepare);
    // The deferred factors' end of sample: scales the stored per-step factors (and memory
    // paths) of deferred populations by their neurons' end-of-sample factor and adds their own
    // parameters' gradients.
    void finishDeferred(const Network &net, int T, int label, Gradients &grads);
    void deferredStep(const Network &net, int pop, int t, bool hidden);

    LearningOptions m_opt;
    std::vector<int> m_target;                       // [class] target outcome this step
    std::vector<std::vector<double>> m_factor;       // [pop][t * channels + c]
    // Baseline statistics (persist across samples): E[e^2 l] and E[e^2] per own parameter and
    // per channel.
    std::vector<std::vector<double>> m_bParNum, m_bParDen, m_bChNum, m_bChDen;
    std::vector<std::vector<double>> m_dCur;         // [pop][t * channels + c]
    std::vector<std::vector<double>> m_past;         // [pop][t' * channels + c] memory path
    std::vector<std::vector<double>> m_eParams;      // [pop][param] filtered eligibilities
    std::vector<double> m_A, m_F;                    // scratch [t * channels]
    RowSink *m_sink = nullptr;
    ActiveLines m_active;                            // rowsToSink: the sample's active lines
    std::vector<std::vector<double>> m_rowBuffer;    // per worker
    // Per worker: the gradient row of each set of active steps met so far in the sample
    // (slot[mask] indexes sums; -1 = not yet), for samples of at most kMemoSteps steps.
    static constexpr int kMemoSteps = 8;
    struct StepSetSums
    {
        std::vector<int> slot;
        std::vector<double> sums;
        int used = 0;
    };
    std::vector<StepSetSums> m_stepSetSums;
    std::vector<std::vector<double>> m_popBackup;    // grads->pop before a stoppable sample
    // Deferred terms: which populations, their own parameters' sum_t dp_t/dtheta, the fixed
    // feedback matrices, and the readout's logits u and per-step mean probability.
    std::vector<char> m_deferred;                    // [pop]
    std::vector<std::vector<double>> m_gDeferred;    // [pop][param]
    std::vector<std::vector<double>> m_feedback;     // [pop][neuron * C + class]
    std::vector<double> m_logit, m_q, m_error, m_neuronFactor;
};

} // namespace sqsnn

#pragma once
// Surrogate-gradient backpropagation through time (model.md section 4b), the authors' recipe
// for large runs, beside the local rule and sharing its forward pass (Network::step).
//
// Per sample, with label c and T steps:
//   forward   the network as always: single-shot spikes sampled from p, every neuron's state
//             (quantum memory, membrane, traces) updated by the outcome it took;
//   loss      L = CE(softmax_o(r_o), c),  r_o = (1/T) sum_t s_o,t  (readout rates; a line's
//             value, i.e. its firing probability in mean-field mode), plus, with sparsity
//             lambda > 0, lambda sum_t sum_populations ||p_t||_1^2 / ||p_t||_2^2 (Hoyer);
//   backward  reverse mode through every step and population (reverse topological order within
//             a step): dL/dr_o = softmax_o - [o == c] gives dL/ds_o,t = (softmax_o - y_o) / T;
//             each population turns dL/d(line) into dL/d(current) with its spike surrogate
//             (ds/dp = p (1 - p) "sigmoid" or 1 "straight-through" for stochastic neurons; the
//             QLIF and LIF surrogates for deterministic ones) and its exact local derivatives,
//             carrying the adjoint of its state back in time (SQS: the memory, through the
//             post-measurement normalisation); projections give dL/dW[l][c] = sum_t x_l(t-d)
//             dL/dz_c(t) (event-driven over the delivered lines), dL/db_c = sum_t dL/dz_c(t),
//             and dL/dx_l(t-d) = sum_c W[l][c] dL/dz_c(t) to their source (recurrent
//             projections included, through their delay).
// Gradients are summed per sample into Gradients; the Trainer applies their batch mean with
// the Optimizer (Adam, optional global-norm clipping) every batch_size samples.
//
// Memory: what the backward pass needs is recorded per step by each population (SQS: the
// currents, the incoming memory state vector, the outcome and the line probabilities; see
// SqsPopulation.hpp; with noise the incoming memory density matrix instead, and the backward
// step runs through the channels: SqsPopulationNoisyBackward.cpp) plus the activities the engine keeps anyway. One sample is processed at a
// time (a batch is a sum of per-sample gradients), so memory does not grow with the batch:
// O(T x neurons x 2^N_M) for the states and O(T x lines) for the line adjoints.
//
// Determinism: every gradient entry is owned by one worker (neurons, target channels or source
// lines split by index), so results are bit-identical whatever the thread count.
#include "learning/ActiveLines.hpp"
#include "learning/LearningMethod.hpp"

namespace sqsnn {

struct BpttOptions
{
    SpikeSurrogate surrogate = SpikeSurrogate::Sigmoid;
    double sparsity = 0.0; // lambda of the Hoyer term
    // For gradient checks: without the cross-entropy only the sparsity term remains, and with
    // detached spikes no gradient flows through spike values (the surrogate is not used), so
    // the gradient is the exact derivative of the loss given the sampled spikes.
    bool crossEntropy = true;
    bool detachSpikes = false;
};

class Bptt : public LearningMethod
{
public:
    // InputError when a population kind has no backward pass.
    Bptt(Network &net, BpttOptions options);

    SampleResult run(Network &net, const std::vector<Activity> &input, int label,
                     std::uint64_t sampleSeed, Gradients *grads, StepObserver *observer = nullptr,
                     const std::atomic<bool> *stop = nullptr) override;

    // The loss of the last sample run (CE and the sparsity term) — for tests.
    double lastCrossEntropy() const { return m_lastCe; }
    double lastSparsity() const { return m_lastSparsity; }

private:
    void ensureRecording(Network &net, bool on, int steps);
    void backward(Network &net, int T, int label, Gradients &grads);
    // Projection k's weight gradients from every step's current gradients (m_gCur), line by
    // line after the last backward step (each active line's row is brought in once, and one
    // fork replaces a scatter per step), its steps' contributions added in the order the
    // per-step scatter added them (the same parameters bit for bit).
    void scatterLines(Network &net, int k, int T, Gradients &grads);

    BpttOptions m_opt;
    bool m_recording = false;
    int m_recordSteps = 0;
    std::vector<std::vector<double>> m_prob;  // [pop][t * lines + l] line probabilities
    std::vector<std::vector<double>> m_gLine; // [pop][t * lines + l] dL/d(line value)
    std::vector<std::vector<double>> m_gProb; // [pop][t * lines + l] dL/dp (sparsity)
    std::vector<std::vector<double>> m_gCur;  // [pop][t * channels + c] dL/d(current)
    std::vector<char> m_deferred;             // [projection] summed by scatterLines
    ActiveLines m_active;                     // scatterLines: the sample's active lines
    std::vector<double> m_rates, m_softmax;
    double m_lastCe = 0, m_lastSparsity = 0;
};

} // namespace sqsnn

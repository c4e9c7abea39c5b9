#pragma once
// A population in the time-step engine: a group of neurons of one kind and shape.
// Each step it turns input currents (one per channel) into spikes (one per output line) and,
// when learning, into eligibilities:
//   dCurrent[c] = d log P(s) / d current_c   (stochastic neurons: the exact score)
//               = dS / d current_c           (deterministic neurons: a surrogate derivative)
//   dParams[k]  = the same for the population's own parameters (circuit angles, GLM bias...).
// s is the outcome the neuron took (sampled, or forced when the readout is clamped), or for the
// readout the target outcome whose log-probability is raised (StepIo::target). The engine multiplies eligibilities by the learning factor of model.md
// section 4 and filters them in time with inputTraceDecay() (GLM and LIF neurons see their
// input through an exponential kernel).
#include "common/Rng.hpp"
#include "network/NetworkSpec.hpp"

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace sqsnn {

struct StepIo
{
    const double *current = nullptr; // [channels]
    std::uint8_t *spikes = nullptr;  // [lines] out
    double *prob = nullptr;          // [lines] out: the probability that the line spikes
    const int *forced = nullptr;     // [size] outcome per neuron, or nullptr to sample
    // [size] the outcome whose log-probability the eligibilities are for (the readout's
    // target), or nullptr: the outcome taken.
    const int *target = nullptr;
    bool learn = false;
    double *dCurrent = nullptr;      // [channels] out when learning
    double *dParams = nullptr;       // [paramCount] out when learning
    int t = 0;                       // the step (0-based)
    // [t][channels] out when learning and memoryPath(): d log P_t / d current(t') for t' < t.
    double *dCurrentPast = nullptr;
};

// Reverse mode (bptt, core/learning/Bptt.hpp) for one step t, processed from t = T-1 down to 0.
// A population that records (setRecording) keeps what its backward pass needs for every step
// of the sample; backward() then turns dL/d(line value) at step t into dL/d(current) at step t,
// accumulates dL/d(own parameters), and carries the adjoint of its internal state (quantum
// memory, membrane, traces, last spike) to step t - 1 itself.
//   gLine[l]   dL/d(value of line l at step t): from the loss and from downstream projections
//              (a spike's value is 0/1; the surrogate ds/dp turns it into dL/dp);
//   gProb[l]   dL/dp_l directly (the sparsity term), or nullptr;
//   gCurrent   out, [channels];  gParams: accumulated (+=), [paramCount].
// The population may add to gLine of earlier steps for its own self-recurrence by keeping a
// carry (it is called with steps in decreasing order).
struct BackIo
{
    int t = 0;
    const double *gLine = nullptr;
    const double *gProb = nullptr;
    double *gCurrent = nullptr;
    double *gParams = nullptr;
};

// ds/dp of a sampled spike under bptt (model.md 4b): p (1 - p) or 1; Detached = 0 (spikes held
// fixed: no gradient through any spike value, for exact gradient checks).
enum class SpikeSurrogate { Sigmoid, StraightThrough, Detached };
inline double spikeSurrogate(SpikeSurrogate k, double p)
{
    return k == SpikeSurrogate::Sigmoid ? p * (1 - p) : k == SpikeSurrogate::StraightThrough ? 1.0 : 0.0;
}

// dL/dp(k) for every outcome k of neuron i with N I/O qubits (2^N outcomes) from the gradients
// of its lines: line b is bit b of k (I/O qubit 0 = the highest bit), and a line's gradient is
// gLine * ds/dp(p_b) + gProb (the spike's surrogate path plus the probability's own use).
inline void outcomeGradients(const BackIo &io, SpikeSurrogate kind, int i, int N,
                             const double *lineP, double *gP)
{
    const int outcomes = 1 << N;
    for (int k = 0; k < outcomes; ++k)
        gP[k] = 0;
    for (int b = 0; b < N; ++b) {
        const std::size_t l = std::size_t(i) * std::size_t(N) + std::size_t(b);
        const double g = io.gLine[l] * spikeSurrogate(kind, lineP[b]) + (io.gProb ? io.gProb[l] : 0.0);
        const int bit = 1 << (N - 1 - b);
        for (int k = 0; k < outcomes; ++k)
            if (k & bit)
                gP[k] += g;
    }
}

class Population
{
public:
    explicit Population(PopulationSpec spec)
        : m_spec(std::move(spec))
    {}
    virtual ~Population() = default;

    const PopulationSpec &spec() const { return m_spec; }
    int size() const { return m_spec.size; }
    virtual int linesPerNeuron() const { return 1; }
    virtual int channelsPerNeuron() const { return 1; }
    int lines() const { return size() * linesPerNeuron(); }
    int channels() const { return size() * channelsPerNeuron(); }

    // Own parameters, neuron by neuron (paramsPerNeuron() each).
    virtual int paramsPerNeuron() const { return 0; }
    int paramCount() const { return size() * paramsPerNeuron(); }
    std::vector<double> &params() { return m_params; }
    const std::vector<double> &params() const { return m_params; }
    // Whether own parameter k (of a neuron) is an angle (wrapped to [0, 2 pi), "angle" group).
    virtual bool paramIsAngle(int) const { return false; }
    // Draws initial parameters (model.md section 4; with normal angles, section 4b's N(0, 0.1^2)
    // for circuit angles, set before by setNormalAngleInit).
    virtual void initParams(Rng &) {}
    void setNormalAngleInit(bool normal) { m_normalAngles = normal; }
    // Applies m_params after an update (recompiles circuits). Throws InputError on bad values.
    void commitParams() { commitNeurons(0, size()); }
    // The same for neurons [begin, end) only; ranges of different workers may run in parallel.
    virtual void commitNeurons(int, int) {}

    virtual bool stochastic() const = 0;
    virtual double inputTraceDecay() const { return 0.0; }
    // Whether this step's eligibilities depend on earlier steps' currents (exact-memory).
    virtual bool memoryPath() const { return false; }

    // A fresh sample: every neuron back to its initial state; per-neuron RNG streams derived
    // from `sampleSeed` so results do not depend on how neurons are spread over threads.
    virtual void reset(std::uint64_t sampleSeed) = 0;
    // Steps neurons [begin, end) on worker `thread` (0..threads-1, see setThreads).
    virtual void step(int begin, int end, int thread, StepIo &io) = 0;
    virtual void setThreads(int) {}

    // ---- reverse mode ----
    virtual bool supportsBackward() const { return false; }
    // From the next reset() on, every step records what backward() needs (steps <= `steps`).
    virtual void setRecording(bool on, int steps) { m_recording = on; m_recordSteps = steps; }
    bool recording() const { return m_recording; }
    void setSurrogate(SpikeSurrogate k) { m_surrogate = k; }
    // Neurons [begin, end) at step io.t of the recorded sample; workers split neurons.
    virtual void backward(int /*begin*/, int /*end*/, int /*thread*/, BackIo &) {}

protected:
    // Circuit angles drawn from N(0, 0.1^2), wrapped to [0, 2 pi).
    double drawNormalAngle(Rng &rng) const
    {
        const double a = std::fmod(rng.normal(0.0, 0.1), 2 * M_PI);
        return a < 0 ? a + 2 * M_PI : a;
    }

    PopulationSpec m_spec;
    std::vector<double> m_params;
    bool m_normalAngles = false;
    bool m_recording = false;
    int m_recordSteps = 0;
    SpikeSurrogate m_surrogate = SpikeSurrogate::Sigmoid;
};

} // namespace sqsnn

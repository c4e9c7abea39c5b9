#pragma once
// The time-step engine: populations updated in topological order within a step, projections
// carrying the spikes of a step (or of `delay` steps earlier) to the next populations' input
// channels. Every sample starts from a fresh network state. The engine knows nothing about
// learning: it records, per step, what the learning rule needs (eligibilities, spikes, the
// active lines each projection delivered), and the rule (core/learning) does the rest.
#include "network/Population.hpp"
#include "network/Projection.hpp"
#include "network/SqsEstimator.hpp"
#include "project/Project.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace sqsnn {

class ThreadPool;
class WorkerBuffers;

struct NetworkOptions
{
    std::shared_ptr<SqsEstimator> estimator; // default: ExactEstimator
    std::string estimatorName = "exact";     // "seed-compat" switches SQS populations' model
    int threads = 1;
    int spsaDirections = 5;                  // seed-compat
    double spsaEpsilon = 0.03;
    bool normalAngleInit = false;            // circuit angles not in the project ~ N(0, 0.1^2)
    // Mean field: every neuron line carries its firing probability as an analogue value instead
    // of its sampled spike (the neurons still sample outcomes for their own state). With the
    // straight-through surrogate, bptt's gradient is then the exact derivative of the loss.
    bool meanField = false;
};

class Network
{
public:
    // Builds the engine from a spec that passed checkNetwork. Parameters found in `params` are
    // used (their sizes checked: InputError names the key); missing ones are drawn from `rng`.
    Network(const NetworkSpec &spec, int inputLines, int numClasses, const ParameterSet &params,
            Rng &rng, NetworkOptions options = {});
    ~Network();

    int populationCount() const { return int(m_pops.size()); }
    Population &population(int i) { return *m_pops[i]; }
    const Population &population(int i) const { return *m_pops[i]; }
    int projectionCount() const { return int(m_projs.size()); }
    Projection &projection(int i) { return m_projs[i]; }
    const Projection &projection(int i) const { return m_projs[i]; }
    int readout() const { return m_readout; }
    int numClasses() const { return m_numClasses; }
    const std::vector<int> &order() const { return m_order; } // neuron populations, topological
    const std::vector<int> &incoming(int pop) const { return m_incoming[pop]; }
    bool isInput(int pop) const { return m_pops[pop] == nullptr; }
    int lines(int pop) const { return m_lines[pop]; }

    void exportParameters(ParameterSet &out) const;
    std::int64_t parameterCount() const;

    // ---- running a sample ----
    // Clears the state and sizes the per-step records for `steps` steps.
    void beginSample(int steps, std::uint64_t sampleSeed);
    // One step. `input[k]` is the activity of the k-th data input population at this step;
    // `forcedReadout` (size numClasses) clamps the readout's outcomes, or nullptr;
    // `targetReadout` names the outcomes the readout's eligibilities are for, or nullptr.
    void step(int t, const std::vector<const Activity *> &input, const int *forcedReadout,
              const int *targetReadout, bool learn);

    // Per-step records (valid for t < steps of the current sample).
    const Activity &activity(int pop, int t) const { return m_activity[pop][t]; }
    const std::vector<std::uint8_t> &spikes(int pop) const { return m_spikes[pop]; }
    const std::vector<double> &prob(int pop) const { return m_prob[pop]; }
    // Input currents of the last step, per channel.
    const std::vector<double> &current(int pop) const { return m_current[pop]; }
    // Eligibilities of the last step.
    const std::vector<double> &dCurrent(int pop) const { return m_dCurrent[pop]; }
    const std::vector<double> &dParams(int pop) const { return m_dParams[pop]; }
    // For memoryPath() populations: [t'][channel] d log P_t / d current(t') of the last step t.
    const std::vector<double> &dCurrentPast(int pop) const { return m_dCurrentPast[pop]; }
    // The projection's delivered activity at step t (its source's activity at t - delay; empty
    // before the delay has passed).
    const Activity &delivered(int proj, int t) const;

    int threads() const { return m_threads; }
    bool meanField() const { return m_meanField; }
    // Runs f(worker, parts) for worker = 0..parts-1 with parts = min(wanted, threads()) on the
    // worker threads (worker 0 is the caller) and waits; inline when parts is 1. Work must be
    // split by worker index, never by timing.
    void forWorkers(int wanted, const std::function<void(int, int)> &f) const;
    // Runs f(chunk, worker) for chunk = 0..chunks-1, on the pool's workers as they come free
    // (ThreadPool::runChunks) or inline as worker 0. Every output item must belong to one
    // chunk, so the results do not depend on who ran which.
    void forChunks(int chunks, const std::function<void(int, int)> &f) const;
    // The number of chunks for a parallel loop: ThreadPool::kChunksPerWorker per worker, or 1.
    int chunks() const;

private:
    void buildOrder();
    void stepPopulation(int pop, int t, const int *forced, const int *target, bool learn);

    std::vector<std::unique_ptr<Population>> m_pops; // nullptr for data inputs
    std::vector<Projection> m_projs;
    std::vector<std::vector<int>> m_incoming;        // projection indices per population
    std::vector<int> m_order;
    std::vector<int> m_inputs;                       // data input populations
    std::vector<int> m_lines;
    int m_readout = -1, m_numClasses = 0;
    int m_threads = 1;
    bool m_meanField = false;
    std::unique_ptr<ThreadPool> m_pool;
    std::unique_ptr<WorkerBuffers> m_accum;          // per worker: its channels' currents

    std::vector<std::vector<Activity>> m_activity;   // [pop][t]
    std::vector<std::vector<double>> m_current;      // [pop][channel]
    std::vector<std::vector<std::uint8_t>> m_spikes; // [pop][line], last step
    std::vector<std::vector<double>> m_prob;         // [pop][line], last step
    std::vector<std::vector<double>> m_dCurrent;     // [pop][channel], last step
    std::vector<std::vector<double>> m_dParams;      // [pop][param], last step
    std::vector<std::vector<double>> m_dCurrentPast; // [pop][t' * channels + c], last step
    Activity m_empty;
};

} // namespace sqsnn

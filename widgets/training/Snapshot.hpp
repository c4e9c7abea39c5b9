#pragma once
#include <cmath>
// What the training worker tells the views: an immutable picture of the run, built on the
// worker thread and handed to the GUI as std::shared_ptr<const Snapshot> (at most ~30 per
// second, newest wins; spikes and traces accumulate until the GUI has taken them, so nothing
// is lost when snapshots are coalesced). The GUI never reads trainer internals.
#include "quantum/Circuit.hpp"
#include "training/LearningHealth.hpp"
#include "training/Metrics.hpp"
#include "training/ParameterHistograms.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sqsnn::lab {

// One spike in the raster: global step number, population, line.
struct RasterSpike
{
    std::int64_t step = 0;
    int pop = 0;
    int line = 0;
};

// The watched neuron at one time step.
struct NeuronStep
{
    std::int64_t step = 0;                       // global step number
    std::vector<Eigen::Vector3d> bloch;          // per qubit (I/O first), before measurement
    Eigen::MatrixXcd memory;                     // reduced memory state before measurement
    double purity = 1;                           // Tr sigma^2 of that state
    double entropy = 0;                          // von Neumann entropy in bits
    // Tr rho^2 of the whole register (I/O and memory) before measurement: 1 on the ideal path
    // (a pure register, however entangled); below 1 when noise has mixed it (mixed = true: the
    // population runs on the density path, quantum/RegisterSummary.hpp).
    double registerPurity = 1;
    bool mixed = false;
    double firingProbability = 0;                // p(spike) of I/O qubit 0
    int outcome = 0;                             // the measured outcome (bits of the I/O qubits)
    // What replays the step (the what-if at a paused step, core/neurons/NeuronWhatIf): the
    // input currents z (one per I/O qubit), the memory state vector the step started from and
    // the circuit angles it used. Recorded when every step is (stepping, paused, slow motion);
    // empty in the steps described from a full-speed sample; memoryIn is empty on the noisy
    // path (the what-if replays ideal steps only).
    std::vector<double> currents;
    Eigen::VectorXcd memoryIn;
    std::vector<double> parameters;
};

// The readout's probabilities at one step (kept per step while stepping or in slow motion).
struct ReadoutStep
{
    std::int64_t step = 0;
    std::vector<double> p;
};

enum class RunState { Idle, Running, Paused, Finished };

struct Snapshot
{
    // Counters. Every run starts them at 0 (globalStep, samplesDone): a run boundary.
    int epoch = 0;                // the epoch in progress (1-based; epochs done + 1)
    int epochsDone = 0;
    int targetEpochs = 0;         // the run ends when this many epochs are done
    int sample = 0;               // samples done in this epoch
    int samplesPerEpoch = 0;
    int step = 0;                 // time step within the sample (0-based), -1 between samples
    int stepsPerSample = 0;
    std::int64_t globalStep = 0;  // steps since the run started
    std::int64_t samplesDone = 0; // samples since the run started
    std::int64_t evaluationsDone = 0; // test samples evaluated since the run started
    // What the run has spent on a device (training/RunCost.hpp, from the project's hardware
    // report): circuit executions and shots; simulator-only when the gradient needs the exact
    // state (then only the forward circuits count).
    std::int64_t circuitExecutions = 0, shotsSpent = 0;
    bool costSimulatorOnly = true;
    double samplesPerSecond = 0;  // the Trainer's SampleRate: metrics.csv's definition
    // The learning method and its mini-batch: the parameters change only when a batch of
    // batchSize samples is complete (sample % batchSize == 0, and at the end of an epoch);
    // lastBatchLoss is the mean loss of the last complete batch (NaN before the first).
    std::string method = "local";
    int batchSize = 1;
    double lastBatchLoss = std::nan("");
    RunState state = RunState::Idle;
    // The end-of-epoch evaluation in progress: test samples done of testSamples.
    bool testing = false;
    int testSample = 0, testSamples = 0;

    // Populations (names, lines) and the spikes since the previous snapshot.
    std::vector<std::string> populations;
    std::vector<int> lines;
    std::vector<RasterSpike> spikes;

    // Readout probabilities of the last step, and the last learning signal l_t.
    std::vector<double> readoutProbabilities;
    // Stepping, paused or slow motion: every step was recorded (the views show the sample in
    // flight step by step, readoutSteps holds every step's readout since the last snapshot).
    bool detailed = false;
    std::vector<ReadoutStep> readoutSteps;
    std::vector<double> learningSignal; // every step's l_t since the previous snapshot
    std::int64_t learningSignalFirstStep = 0;

    // The last completed sample: what the network saw (input spikes summed over its steps,
    // width x height), its label and the prediction.
    int imageWidth = 0, imageHeight = 0;
    std::vector<float> image;
    int label = -1, prediction = -1;
    std::vector<std::string> classNames;

    // The watched neuron (population index, neuron index; -1 when none) and its steps since
    // the previous snapshot (the last entry is the newest).
    int watchedPop = -1, watchedNeuron = -1;
    int ioQubits = 0, memoryQubits = 0;
    std::vector<NeuronStep> neuron;
    // Its circuit V(theta) and current angles (after the latest update).
    Circuit circuit;
    std::vector<double> circuitParameters;

    // Every recorded epoch (the whole history, small).
    std::vector<EpochMetrics> history;
    // Firing rate per population over the last snapshot interval (spikes per line per step).
    std::vector<double> firingRates;
    // Histograms of the trained values (all weights, all angles, per projection/population),
    // recomputed by the worker at most ~4 times a second and when the run pauses or ends;
    // snapshots in between share the last ones.
    std::shared_ptr<const std::vector<ParameterHistogram>> histograms;
    // Is the run learning? (core/training/LearningHealth: computed from the history, the
    // class frequencies and the readout's mean p over the latest sample.)
    LearningHealth health;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

// True when the snapshot sits after the last of `plannedEpochs` (nothing in progress): the
// status lines then say "N of N epochs done" rather than the next epoch's number.
inline bool allEpochsDone(const Snapshot &s, int plannedEpochs)
{
    const int target = s.targetEpochs > 0 ? s.targetEpochs : plannedEpochs;
    return s.epoch > std::max(target, s.epochsDone) && !s.testing && s.sample == 0;
}
// The first global step of the sample the snapshot shows (in flight, else the last one).
inline std::int64_t sampleStart(const Snapshot &s)
{
    if (s.stepsPerSample <= 0)
        return s.globalStep;
    return s.step >= 0 ? s.globalStep - (s.step + 1) : std::max<std::int64_t>(0, s.globalStep - s.stepsPerSample);
}

// The epochs the snapshot's run trains to (a Train after a finished run adds the project's
// epoch count to those done).
inline int runTarget(const Snapshot &s, int plannedEpochs)
{
    return std::max(s.targetEpochs > 0 ? s.targetEpochs : plannedEpochs, s.epochsDone);
}

} // namespace sqsnn::lab

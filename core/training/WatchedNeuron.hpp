#pragma once
// One watched SQS neuron as the lab shows it (issue 16): its memory between steps, kept as a
// state vector on the ideal path or a density matrix on the noisy (density) path, and the
// register just before a step's measurement, recomputed from the memory the step started from
// and the step's input currents (the neuron's own step is deterministic up to the measurement,
// so this is exactly the state the run measured; no random number is drawn).
//
// replayWatched runs one sample of a split without learning, exactly as Trainer::evaluate runs
// it (same seeds), and records the watched neuron at every step; idealCopy is the same project
// with every population's noise removed: the "ideal | noisy" comparison replays a sample both
// ways with the same seed.
#include "network/Network.hpp"
#include "quantum/RegisterSummary.hpp"

#include <cstdint>
#include <vector>

namespace sqsnn {

class SqsPopulation;
class Trainer;
struct Dataset;

struct NeuronMemory
{
    Eigen::VectorXcd pure;  // ideal path
    Eigen::MatrixXcd mixed; // noisy path (then `pure` is empty)
    bool noisy() const { return mixed.size() > 0; }
    int dimension() const { return int(noisy() ? mixed.rows() : pure.size()); }
};

// The memory of neuron i now (after its last step) and at the start of a sample.
NeuronMemory currentMemory(const SqsPopulation &pop, int i);
NeuronMemory initialMemory(const SqsPopulation &pop, int i);

// The register of neuron i just before the measurement of a step with input currents z (N
// values), starting from `before`. On the noisy path every pending relaxation is applied (the
// full state before the measurement). Throws InputError if `before` does not fit the neuron.
RegisterSummary stateBeforeMeasurement(const SqsPopulation &pop, int i, const double *z,
                                       const NeuronMemory &before);
// The same register as a density matrix (noisy path only; throws InputError otherwise).
Eigen::MatrixXcd jointBeforeMeasurement(const SqsPopulation &pop, int i, const double *z,
                                        const NeuronMemory &before);

// The SQS population `pop` of net, or nullptr (out of range, a data input, another kind).
const SqsPopulation *sqsPopulation(const Network &net, int pop);

struct WatchedStep
{
    int t = 0;
    RegisterSummary state;        // just before the measurement
    std::vector<double> currents; // z (N)
    double firingProbability = 0; // p(spike) of I/O qubit 0 (the reported one with noise)
    int outcome = 0;              // the (reported) outcome, bits of the I/O qubits
    bool operator==(const WatchedStep &o) const;
};

// Runs sample `index` of `split` through trainer's network without learning (the seeds of
// Trainer::evaluateSample) and records neuron `neuron` of population `pop` at every step.
// Throws InputError when pop is not an SQS population or neuron is out of range.
std::vector<WatchedStep> replayWatched(Trainer &trainer, const Dataset &split, std::size_t index,
                                       int pop, int neuron);

// The project with every population's noise removed (the ideal circuits, same everything else).
NetworkSpec withoutNoise(const NetworkSpec &spec);
Project idealCopy(const Project &p);
// Whether any population of the spec has noise that acts.
bool hasNoise(const NetworkSpec &spec);

} // namespace sqsnn

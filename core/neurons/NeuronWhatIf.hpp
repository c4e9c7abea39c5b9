#pragma once
// What-if at a paused step (the lab's "force the other outcome"): one step of an SQS neuron
// replayed from its inputs with the measured outcome chosen, without touching the run.
//
// Given the step's input currents z, the memory m the step started from (a pure state vector,
// as on the neuron's fast path) and an outcome s of the I/O qubits:
//   a_s = (<s| (x) I) V(theta) (|psi_in(z)> (x) |m>),  p(s) = ||a_s||^2,
//   m'  = a_s / ||a_s||   (the branch's post-measurement memory, pure),
// and the next step's outcome probabilities from m' with the same currents z repeated
// (the lessons' "repeat" encoder feeds the same level every step of a sample):
//   p_next(k) = ||(<k| (x) I) V (|psi_in(z)> (x) |m'>)||^2,
// with p_next(spike) = sum of p_next(k) over the outcomes whose I/O qubit 0 bit is 1 and the
// purity Tr sigma^2 of the next step's reduced memory just before its measurement (what the
// Neuron view plots). The real run's branch is branchStep(..., real outcome); the other
// outcome of a spike is otherOutcome(s, N): I/O qubit 0 flipped, the other I/O bits kept.
#include "neurons/SqsNeuron.hpp"

#include <Eigen/Dense>

#include <span>
#include <vector>

namespace sqsnn {

struct NeuronBranch
{
    int outcome = 0;                          // s (I/O qubit 0 is the most significant bit)
    double probability = 0;                   // p(s) at this step
    bool possible = false;                    // p(s) > 1e-12; otherwise no memory below
    Eigen::VectorXcd memory;                  // m' (2^N_M amplitudes; empty when impossible)
    Eigen::MatrixXcd memoryDensity;           // m' m'^dagger
    std::vector<Eigen::Vector3d> memoryBloch; // Bloch vector of each memory qubit of m'
    std::vector<double> nextProbabilities;    // p_next(k) for every outcome k
    double nextSpike = 0;                     // p_next(I/O qubit 0 = 1)
    double nextPurity = 1;                    // purity of the next step's memory before measurement
};

// Throws InputError when z has not N values or the memory not 2^N_M amplitudes, or the
// outcome is outside 0..2^N - 1.
NeuronBranch branchStep(const SqsNeuron &neuron, std::span<const double> z,
                        const Eigen::VectorXcd &memory, int outcome);

// s with I/O qubit 0 (the spike bit, the most significant of N) flipped.
inline int otherOutcome(int s, int ioQubits) { return s ^ (1 << (ioQubits - 1)); }

} // namespace sqsnn

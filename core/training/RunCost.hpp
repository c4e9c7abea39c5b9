#pragma once
// Shots and what a run has spent on (hypothetical) hardware (issue 16).
//
// Shot estimate: a device gives no probability, only S samples of each readout line. Line l
// fires with probability p_l; S shots give k_l ~ Binomial(S, p_l) spikes and the estimate
//     p^_l = k_l / S,   with the binomial standard error  se_l = sqrt(p^_l (1 - p^_l) / S)
// (the error bar a user of the device can compute: from p^, not from the unknown p). The shots
// are drawn from Rng(seed), one Bernoulli per shot, lines in order: the same seed gives the
// same estimate.
//
// Run cost: from hardwareReport's per-training-sample counts. Every sample (training or
// evaluation) runs the forward circuit once with one shot; with the `shift` estimator a
// training sample also runs the fresh circuits of the gradient, S shots each
// (HardwareReport::shiftExecutionsPerSample includes the forward one). Other estimators need
// the exact state (a simulator): only their forward circuits count, and `simulatorOnly` says
// so.
#include "training/HardwareReport.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace sqsnn {

struct ShotEstimate
{
    int shots = 0;
    std::vector<double> p;     // k / S per line
    std::vector<double> error; // sqrt(p (1 - p) / S)
};

// Throws InputError unless 1 <= shots <= 10^6 and every p is in [0, 1].
ShotEstimate estimateFromShots(std::span<const double> p, int shots, std::uint64_t seed);

struct RunCost
{
    long long executions = 0; // circuit executions
    long long shots = 0;
    bool simulatorOnly = false; // the gradient needs a simulator (exact, exact-memory, bptt, or S = 0)
};

RunCost runCost(const HardwareReport &r, long long trainingSamples, long long evaluationSamples);

} // namespace sqsnn

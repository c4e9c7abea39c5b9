#pragma once
// Is a run learning? A quick, conservative verdict on what a user sees while training, so a
// run that cannot learn says so instead of showing flat curves with no word. Four symptoms,
// each with a one-line hint of what usually causes it and where to look:
//  - non-finite values: a loss, accuracy or readout probability is NaN or infinite;
//  - a silent or saturated readout: every readout neuron fires with p < 0.01 (silent) or
//    p > 0.99 (saturated) -- the readout's spikes then carry no class information, and the
//    local rule's score d log p vanishes with p(1 - p);
//  - the loss above the prior's: the mean learning signal per step l = -sum_o [y log p +
//    (1 - y) log(1 - p)] is above what a readout that ignores the input reaches by firing
//    each neuron o with its class frequency pi_o, L_prior = sum_o H(pi_o) (binary entropy in
//    nats; 10 balanced classes: 3.25, 2 classes: 1.39);
//  - test accuracy at chance after an epoch: within two binomial standard deviations of
//    1/K (K classes) on the test split, sqrt(p(1 - p) / n).
// Pure function of the data given; no clock, no state. The lab shows the verdict; nothing
// here changes a run.
#include "training/Metrics.hpp"

#include <string>
#include <vector>

namespace sqsnn {

struct LearningHealthInput
{
    std::vector<EpochMetrics> history;       // completed epochs, oldest first
    std::vector<double> classFrequencies;    // pi_o of the training split (empty: uniform)
    int classes = 0;                         // K (readout neurons)
    int testSamples = 0;                     // size of the test split (for the chance band)
    // The readout's p averaged over the steps of the latest sample (may be empty).
    std::vector<double> readoutProbabilities;
};

struct LearningHealth
{
    enum class Status { NoData, Learning, NonFinite, SilentReadout, SaturatedReadout,
                        LossAbovePrior, AtChance };
    Status status = Status::NoData;
    std::string summary; // one short line ("learning", "readout silent", ...)
    std::string hint;    // what usually causes it and where to look (empty when learning)
    double priorLoss = 0; // L_prior (nats per step), 0 when unknown
    bool ok() const { return status == Status::NoData || status == Status::Learning; }
};

// L_prior = sum_o H(pi_o) for the given frequencies (or K uniform classes when empty).
double priorLoss(const std::vector<double> &classFrequencies, int classes);
// The class frequencies of a label list (labels in 0..classes-1; others ignored).
std::vector<double> classFrequencies(const std::vector<int> &labels, int classes);
// The most severe symptom found (in the order listed in the header comment), else Learning
// (or NoData before the first epoch and without readout probabilities).
LearningHealth assessLearning(const LearningHealthInput &in);

} // namespace sqsnn

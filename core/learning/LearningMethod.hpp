#pragma once
// What a learning method does with one sample, whatever the method: the local rule
// (LocalRule.hpp, model.md section 4) or surrogate-gradient backpropagation through time
// (Bptt.hpp, section 4b). Both run the same forward pass of the engine (Network::step), report
// a SampleResult and accumulate gradients shaped like the network's parameters (Gradients);
// the Trainer applies them with the Optimizer at the end of a sample or mini-batch.
#include "learning/Gradients.hpp"
#include "network/Network.hpp"

#include <atomic>
#include <cstdint>
#include <vector>

namespace sqsnn {

struct SampleResult
{
    int label = 0;
    int prediction = 0;
    double loss = 0;                   // mean over steps of l_t
    std::vector<int> counts;           // readout spike counts
    std::vector<double> meanProb;      // readout mean firing probability
    std::vector<double> spikesPerPop;  // total spikes per population this sample
    // false: a stop flag ended the sample after `steps` of its T steps. Nothing of it was
    // learned (its gradients were dropped); its loss and prediction mean nothing.
    bool complete = true;
    int steps = 0;
};

// Called after every step (for the GUI's live views); may be null.
class StepObserver
{
public:
    virtual ~StepObserver() = default;
    virtual void onStep(const Network &net, int t, double learningSignal) = 0;
};

class LearningMethod
{
public:
    virtual ~LearningMethod() = default;
    // Runs one sample of input.size() steps; with `grads` the network learns (gradients
    // accumulated into grads, ++grads->samples), without it the sample is only evaluated.
    // `stop` (optional, may be raised from another thread) is checked after every step but the
    // last: when raised the sample ends there with complete = false and grads as they were.
    virtual SampleResult run(Network &net, const std::vector<Activity> &input, int label,
                             std::uint64_t sampleSeed, Gradients *grads,
                             StepObserver *observer = nullptr,
                             const std::atomic<bool> *stop = nullptr) = 0;
};

// Decision rule (model.md section 3): argmax of readout spike counts; ties (including no spike
// at all) go to the larger mean firing probability.
int predictClass(const std::vector<int> &counts, const std::vector<double> &meanProb);

} // namespace sqsnn

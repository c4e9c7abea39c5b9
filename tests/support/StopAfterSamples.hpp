#pragma once
// A training observer that raises the Trainer's stop flag once `left` whole samples are done:
// the reference for "the parameters after exactly k samples" in core and lab tests.
#include "training/Trainer.hpp"

#include <atomic>

namespace sqsnn::test {

struct StopAfterSamples : TrainingObserver
{
    explicit StopAfterSamples(int samples) : left(samples) {}
    std::atomic<bool> flag{false};
    int left = 0;
    void onSample(int, int, int, const SampleResult &) override
    {
        if (--left <= 0)
            flag.store(true);
    }
};

} // namespace sqsnn::test

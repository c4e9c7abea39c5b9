#pragma once
// "intensity": a tiny synthetic data set for watching single neurons (the lessons in
// projects/lessons/). One input line whose value is a light level v in (0, 1).
//
// Sample k of n has v = (k + 0.5) / n, an even grid over (0, 1) with no sample at exactly 0.5,
// in a seeded random order. Label 0 = "dim" (v < 0.5), 1 = "bright" (v > 0.5); for an even n
// the classes are exactly balanced. It is a static data set (width = height = 1): the "repeat"
// encoder feeds v itself at every step (an SQS neuron then sees z = w v, the same rotation
// RX(pi w v) each step), "rate" feeds Bernoulli spikes with probability min(v, pMax).
#include "common/Rng.hpp"
#include "data/Dataset.hpp"

namespace sqsnn {

// InputError when samples is 0.
Dataset makeIntensity(std::size_t samples, Rng &rng);

} // namespace sqsnn

#pragma once
// "temporal-order": a synthetic task whose answer needs memory.
//
// Lines: group A = [0, groupLines), group B = [groupLines, 2*groupLines), then noiseLines noise
// lines. A sample starts at a random onset s in [0, T - minSteps()]; one group bursts for
// burstSteps steps (each of its lines fires with probability burstP per step), then a silent gap
// of gapSteps steps, then the other group bursts likewise. Noise lines fire with probability
// noiseP at every step. Label 0 = A fired first, 1 = B first. Both groups have fired by the
// end, so the label can only be read with memory of the order.
// Labels are exactly balanced (n/2 of each, the odd one class 0), in a seeded random order.
// The result is an event-style Dataset: width = lines, height = 1, frames = T.
#include "common/Rng.hpp"
#include "data/Dataset.hpp"

namespace sqsnn {

struct TemporalOrderParams
{
    int groupLines = 8;
    int noiseLines = 4;
    int burstSteps = 3;
    int gapSteps = 4;
    double burstP = 0.8;
    double noiseP = 0.05;

    int lines() const { return 2 * groupLines + noiseLines; }
    int minSteps() const { return 2 * burstSteps + gapSteps; }
};

// InputError when timeSteps < minSteps() (the message says the minimum).
Dataset makeTemporalOrder(const TemporalOrderParams &params, int timeSteps, std::size_t samples,
                          Rng &rng);

} // namespace sqsnn

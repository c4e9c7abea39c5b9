#include "training/RunCost.hpp"

#include "common/Error.hpp"
#include "common/Rng.hpp"

#include <cmath>
#include <string>

namespace sqsnn {

ShotEstimate estimateFromShots(std::span<const double> p, int shots, std::uint64_t seed)
{
    if (shots < 1 || shots > 1000000)
        throw InputError("shots: " + std::to_string(shots) + " is not in 1..1000000");
    ShotEstimate e;
    e.shots = shots;
    Rng rng(seed);
    for (std::size_t l = 0; l < p.size(); ++l) {
        if (!(p[l] >= 0 && p[l] <= 1))
            throw InputError("shots: probability " + std::to_string(p[l]) + " of line "
                             + std::to_string(l) + " is not in [0, 1]");
        long long k = 0;
        for (int s = 0; s < shots; ++s)
            k += rng.bernoulli(p[l]) ? 1 : 0;
        const double ph = double(k) / shots;
        e.p.push_back(ph);
        e.error.push_back(std::sqrt(ph * (1 - ph) / shots));
    }
    return e;
}

RunCost runCost(const HardwareReport &r, long long trainingSamples, long long evaluationSamples)
{
    RunCost c;
    const bool shift = r.estimator == "shift";
    c.simulatorOnly = !shift || r.shots == 0;
    const long long execPerTrain = shift ? r.shiftExecutionsPerSample : 1;
    const long long shotsPerTrain = shift && r.shots > 0 ? r.shiftShotsPerSample : 1;
    c.executions = trainingSamples * execPerTrain + evaluationSamples;
    c.shots = trainingSamples * shotsPerTrain + evaluationSamples;
    return c;
}

} // namespace sqsnn

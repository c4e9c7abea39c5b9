#include "data/TemporalOrder.hpp"

#include "common/Error.hpp"

#include <algorithm>

namespace sqsnn {

Dataset makeTemporalOrder(const TemporalOrderParams &p, int timeSteps, std::size_t samples,
                          Rng &rng)
{
    if (p.groupLines < 1 || p.noiseLines < 0 || p.burstSteps < 1 || p.gapSteps < 0)
        throw InputError("temporal-order: bad task parameters");
    if (timeSteps < p.minSteps())
        throw InputError("data.time_steps: " + std::to_string(timeSteps) +
                         " is too short for temporal-order, which needs at least " +
                         std::to_string(p.minSteps()) + " steps (burst " +
                         std::to_string(p.burstSteps) + " + gap " + std::to_string(p.gapSteps) +
                         " + burst " + std::to_string(p.burstSteps) + ")");
    Dataset d;
    d.name = "temporal-order";
    d.width = p.lines();
    d.height = 1;
    d.channels = 1;
    d.frames = timeSteps;
    d.numClasses = 2;
    d.classNames = {"A first", "B first"};
    d.labels.resize(samples);
    for (std::size_t i = 0; i < samples; ++i)
        d.labels[i] = i < (samples + 1) / 2 ? 0 : 1;
    for (std::size_t i = samples; i > 1; --i)
        std::swap(d.labels[i - 1], d.labels[rng.below(i)]);
    d.spikes.resize(samples);
    const std::uint32_t lines = std::uint32_t(p.lines());
    for (std::size_t i = 0; i < samples; ++i) {
        auto &s = d.spikes[i];
        const int onset = int(rng.below(std::uint64_t(timeSteps - p.minSteps() + 1)));
        const int first = d.labels[i] == 0 ? 0 : p.groupLines;
        const int second = p.groupLines - first;
        for (int t = 0; t < timeSteps; ++t) {
            int group = -1;
            if (t >= onset && t < onset + p.burstSteps)
                group = first;
            const int second0 = onset + p.burstSteps + p.gapSteps;
            if (t >= second0 && t < second0 + p.burstSteps)
                group = second;
            const std::uint32_t base = std::uint32_t(t) * lines;
            if (group >= 0)
                for (int l = 0; l < p.groupLines; ++l)
                    if (rng.bernoulli(p.burstP))
                        s.push_back(base + std::uint32_t(group + l));
            for (int l = 0; l < p.noiseLines; ++l)
                if (rng.bernoulli(p.noiseP))
                    s.push_back(base + std::uint32_t(2 * p.groupLines + l));
        }
    }
    return d;
}

} // namespace sqsnn

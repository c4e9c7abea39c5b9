#include "data/Intensity.hpp"

#include "common/Error.hpp"

#include <numeric>

namespace sqsnn {

Dataset makeIntensity(std::size_t samples, Rng &rng)
{
    if (samples == 0)
        throw InputError("intensity: a split needs at least one sample");
    Dataset d;
    d.name = "intensity";
    d.width = 1;
    d.height = 1;
    d.channels = 1;
    d.frames = 0;
    d.numClasses = 2;
    d.classNames = {"dim", "bright"};
    std::vector<std::size_t> order(samples);
    std::iota(order.begin(), order.end(), std::size_t(0));
    for (std::size_t i = samples; i > 1; --i)
        std::swap(order[i - 1], order[rng.below(i)]);
    d.inputs.resize(samples);
    d.labels.resize(samples);
    for (std::size_t i = 0; i < samples; ++i) {
        const double v = (double(order[i]) + 0.5) / double(samples);
        d.inputs[i] = {float(v)};
        d.labels[i] = v < 0.5 ? 0 : 1;
    }
    return d;
}

} // namespace sqsnn

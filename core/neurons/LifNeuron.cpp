#include "neurons/LifNeuron.hpp"

#include "common/Error.hpp"

#include <cmath>
#include <numbers>
#include <string>

namespace sqsnn {

void validateLifParams(const LifParams &p)
{
    if (!(std::isfinite(p.membraneDecay) && p.membraneDecay >= 0.0 && p.membraneDecay <= 1.0))
        throw InputError("lif.membrane_decay: must be in [0, 1], got "
                         + std::to_string(p.membraneDecay));
    if (!(std::isfinite(p.threshold) && p.threshold > 0.0))
        throw InputError("lif.threshold: must be a finite value > 0, got "
                         + std::to_string(p.threshold));
}

LifResult lifStep(LifState &state, double current, const LifParams &p)
{
    LifResult r;
    r.v = p.membraneDecay * state.v + current;
    const double d = r.v - p.threshold;
    const double z = std::numbers::pi * d;
    r.surrogate = 1.0 / (1.0 + z * z);
    const double h = 4.0 * d;
    r.p = h >= 0.0 ? 1.0 / (1.0 + std::exp(-h)) : std::exp(h) / (1.0 + std::exp(h));
    r.spike = r.v >= p.threshold ? 1 : 0;
    state.v = r.spike ? 0.0 : r.v;
    return r;
}

} // namespace sqsnn

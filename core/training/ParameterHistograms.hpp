#pragma once
// Histograms of a network's trained values, for the lab's live view (and any report): all
// projection weights, all circuit angles, then each projection and each population on its own.
// Angles (Population::paramIsAngle) are wrapped to [0, 2 pi) and binned over that range;
// weights (with a projection's biases) and other neuron parameters over their own [min, max].
// One pass to find the range and one to bin: linear in the parameter count, no allocation
// beyond the result.
#include "network/Network.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sqsnn {

struct ParameterHistogram
{
    enum class Kind { Weights, Angles, NeuronParameters };
    Kind kind = Kind::Weights;
    std::string name;                  // "all weights", "angles hidden", "weights input->hidden"
    double lo = 0, hi = 1;             // bins split [lo, hi) evenly
    std::vector<std::int64_t> counts;  // per bin
    std::int64_t nonFinite = 0;        // NaN/inf values (in no bin)

    std::int64_t total() const;        // every value counted, binned or not
    double binWidth() const { return counts.empty() ? 0.0 : (hi - lo) / double(counts.size()); }
};

// `bins` bins per histogram (>= 1). Groups without values are left out.
std::vector<ParameterHistogram> parameterHistograms(const Network &net, int bins = 40);

// An angle in [0, 2 pi).
double wrapAngle(double a);

} // namespace sqsnn

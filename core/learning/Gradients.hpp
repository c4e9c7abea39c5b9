#pragma once
// Accumulated gradients of one sample or mini-batch, shaped like the network's parameters.
// Projection rows are marked when touched so zeroing and updating cost what the spikes cost.
#include "network/Network.hpp"

#include <vector>

namespace sqsnn {

struct Gradients
{
    explicit Gradients(const Network &net);

    std::vector<std::vector<double>> pop;    // [population][param]
    std::vector<std::vector<double>> proj;   // [projection][weights then biases]
    std::vector<std::vector<char>> touched;  // [projection][row]
    int samples = 0;

    // Zeroes what was touched (and every population gradient).
    void clear(const Network &net);
};

} // namespace sqsnn

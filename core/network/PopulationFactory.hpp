#pragma once
// Creates the engine's population for a spec's kind ("sqs", "qlif", "glm", "lif").
#include "network/Network.hpp"

#include <memory>

namespace sqsnn {

std::unique_ptr<Population> makePopulation(const PopulationSpec &spec,
                                           const NetworkOptions &options);

} // namespace sqsnn

#pragma once
// Graph-level checks of a NetworkSpec before a run, and parameter counting.
// validateNetwork reports every problem with the node or edge at fault, so the node editor can
// mark them while the user edits; checkNetwork throws the first one as an InputError.
#include "network/NetworkSpec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sqsnn {

struct NetworkIssue
{
    int population = -1; // index into NetworkSpec::populations, or -1
    int projection = -1; // index into NetworkSpec::projections, or -1
    std::string message; // names the node/edge: "population 'hidden': ..."
};

// inputLines: the number of lines each "input" population of size 0 takes from the data set
// (see data/inputLinesFor). numClasses: the readout must have one neuron per class (0 = skip).
std::vector<NetworkIssue> validateNetwork(const NetworkSpec &net, int inputLines, int numClasses);
void checkNetwork(const NetworkSpec &net, int inputLines, int numClasses);

// Spike lines a population emits per step (SQS: size * N; others: size; input: size or
// inputLines) and input channels it receives (SQS: size * N; QLIF: 2 * size, the two linear
// maps a(x) and b(x); GLM and LIF: size).
int outputLines(const PopulationSpec &p, int inputLines);
int inputChannels(const PopulationSpec &p);

// Trainable parameters of a population's neurons / of a projection / of the whole network.
std::int64_t populationParameterCount(const PopulationSpec &p);
std::int64_t projectionParameterCount(const NetworkSpec &net, const ProjectionSpec &e,
                                      int inputLines);
std::int64_t parameterCount(const NetworkSpec &net, int inputLines);

// Sizes population `hidden` (by name) so the network's parameter count is as close as possible
// to `budget`; returns the chosen size (the spec is changed in place).
int matchHiddenSize(NetworkSpec &net, const std::string &hidden, std::int64_t budget,
                    int inputLines);

} // namespace sqsnn

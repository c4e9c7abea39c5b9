#pragma once
// The network as data: what a project file stores and the node editor edits. The engine
// (Network) is built from a validated NetworkSpec; nothing here computes.
#include "neurons/Ansatz.hpp"
#include "quantum/NoiseModel.hpp"

#include <string>
#include <vector>

namespace sqsnn {

// Population kinds, as spelled in project files.
//   "input" : a data input (the data set through its encoder); size = number of pixels/lines,
//             0 means "take it from the data set".
//   "sqs"   : stochastic quantum spiking neurons (model.md sections 1-2).
//   "qlif"  : quantum leaky integrate-and-fire neurons (model.md section 6).
//   "glm"   : classical stochastic GLM spiking neurons (model.md section 6).
//   "lif"   : deterministic LIF neurons with a surrogate gradient (model.md section 6).
struct PopulationSpec
{
    std::string name;        // unique within the network; edges refer to it
    std::string kind = "sqs";
    int size = 1;            // number of neurons
    bool readout = false;    // exactly one population is the readout (one neuron per class)

    // sqs
    int ioQubits = 1;        // N: I/O qubits per neuron (each neuron emits N spike lines)
    int memoryQubits = 1;    // N_M: memory qubits per neuron
    AnsatzSpec ansatz;       // the circuit V(theta)
    NoiseModel noise;        // device noise (quantum/NoiseModel.hpp); off by default

    // qlif (Brand & Petruccione 2024)
    double qlifThreshold = 0.75; // spike when the excited population exceeds it
    double qlifT1 = 60.0;        // relaxation time, in the same units as tau

    // glm: exponential trace decays per step (0..1)
    double synapticDecay = 0.5;
    double feedbackDecay = 0.5;
    bool selfFeedback = true;

    // lif
    double membraneDecay = 0.9;  // per-step leak factor (0..1)
    double lifThreshold = 1.0;

    bool operator==(const PopulationSpec &) const = default;
};

struct ProjectionSpec
{
    std::string from;                   // source population name
    std::string to;                     // target population name
    std::string connectivity = "dense"; // "dense" or "channel-matched"
    bool bias = false;
    int delay = 0;                      // steps; recurrent edges need delay >= 1

    bool operator==(const ProjectionSpec &) const = default;
};

struct NetworkSpec
{
    std::vector<PopulationSpec> populations;
    std::vector<ProjectionSpec> projections;

    bool operator==(const NetworkSpec &) const = default;
};

} // namespace sqsnn

#pragma once
// One SQS neuron driven by a spec: what `sqsnn neuron SPEC.json` runs.
// SPEC: {"io_qubits": N, "memory_qubits": N_M,
//        "ansatz": {"generator": "sqs-crx", "layers": 1} | {"gates": [...]},
//        "params": [...], "inputs": [[z per I/O qubit], ...],
//        "force": [outcome per step, ...] (optional), "seed": 7 (optional, default 0),
//        "noise": {...} (optional, quantum/NoiseModel.hpp; docs/project-format.md "noise")}
// Each step reports p of every I/O outcome, the outcome, the Bloch vector of every qubit of the
// register just before measurement, and the memory density matrix after the update. With noise
// the neuron runs on the density path (neurons/SqsNoisyNeuron.hpp): p and the outcome are the
// REPORTED ones (readout error), the Bloch vectors shrink and the memory is mixed.
#include "neurons/SqsNeuron.hpp"
#include "quantum/NoiseModel.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace sqsnn {

struct NeuronSpec
{
    int ioQubits = 1;
    int memoryQubits = 1;
    AnsatzSpec ansatz;
    std::vector<double> params;
    std::vector<std::vector<double>> inputs;
    std::vector<int> force; // empty: sample
    std::uint64_t seed = 0;
    NoiseModel noise;
};

struct NeuronStepRecord
{
    int t = 0;
    std::vector<double> p;
    int spike = 0;
    std::vector<Eigen::Vector3d> bloch;
    Eigen::MatrixXcd memory;
};

// Throws InputError naming the field at fault ("/inputs/2: expected 1 value (one per I/O
// qubit), got 2").
NeuronSpec neuronSpecFromJson(const nlohmann::json &j);
void runNeuron(const NeuronSpec &spec, const std::function<void(const NeuronStepRecord &)> &out);
nlohmann::json neuronStepToJson(const NeuronStepRecord &r);

} // namespace sqsnn

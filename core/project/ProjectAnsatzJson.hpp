#pragma once
// The `ansatz` of an SQS population in a project file. The JSON form is the one shared with
// the CLI's neuron spec (neurons/AnsatzJson.hpp):
//   {"generator": "sqs-crx", "layers": 2}
//   {"generator": "custom", "gates": [{"gate": "CRX", "qubits": [1, 0], "param": 0}, ...]}
// On top of that form's own checks, a project checks what only the population knows: every
// gate's qubits lie in 0..io_qubits+memory_qubits-1 and a two-qubit gate's qubits differ; a
// custom ansatz carries no "layers" (it would be ignored). Messages start with the source.
#include "neurons/Ansatz.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sqsnn {

AnsatzSpec ansatzFromProjectJson(const nlohmann::json &value, const std::string &path,
                                 const std::string &source, int numQubits);
nlohmann::json ansatzToProjectJson(const AnsatzSpec &spec);

} // namespace sqsnn

#pragma once
// JSON form of an ansatz, shared by project files and the CLI's neuron spec:
//   {"generator": "sqs-crx", "layers": 1}
//   {"gates": [{"gate": "CRX", "qubits": [1, 0], "param": 0},
//              {"gate": "RY", "qubits": [0], "angle": 0.25}, ...]}   (generator "custom")
// Controlled gates list [control, target]. Errors name the JSON path ("/ansatz/gates/1/gate").
#include "neurons/Ansatz.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sqsnn {

AnsatzSpec ansatzFromJson(const nlohmann::json &j, const std::string &path);
nlohmann::json ansatzToJson(const AnsatzSpec &spec);
Gate gateFromJson(const nlohmann::json &j, const std::string &path);
nlohmann::json gateToJson(const Gate &g);

} // namespace sqsnn

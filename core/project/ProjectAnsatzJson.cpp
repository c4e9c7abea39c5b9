#include "project/ProjectAnsatzJson.hpp"

#include "common/Error.hpp"
#include "neurons/AnsatzJson.hpp"
#include "project/ProjectValidation.hpp"

namespace sqsnn {

AnsatzSpec ansatzFromProjectJson(const nlohmann::json &value, const std::string &path,
                                 const std::string &source, int numQubits)
{
    if (value.is_object() && value.contains("gates") && value.contains("layers"))
        throwAt(source, path + "/layers",
                "a custom ansatz (one that lists \"gates\") has no layers; remove this field",
                value["layers"]);
    AnsatzSpec spec;
    try {
        spec = ansatzFromJson(value, path);
    } catch (const InputError &e) {
        throw InputError(source + ": " + e.what());
    }
    for (std::size_t i = 0; i < spec.gates.size(); ++i) {
        const Gate &g = spec.gates[i];
        const std::string at = jsonPointerAppend(path + "/gates", i) + "/qubits";
        const int qubits[2] = {g.q0, g.q1};
        const int count = gateQubitCount(g.kind);
        for (int k = 0; k < count; ++k) {
            if (qubits[k] < 0 || qubits[k] >= numQubits)
                throwAt(source, jsonPointerAppend(at, std::size_t(k)),
                        "must be 0.." + std::to_string(numQubits - 1) + " (the neuron has "
                            + std::to_string(numQubits) + " qubits: io_qubits + memory_qubits)",
                        qubits[k]);
        }
        if (count == 2 && g.q0 == g.q1)
            throwAt(source, at, "a two-qubit gate needs two different qubits",
                    value["gates"][i]["qubits"]);
    }
    return spec;
}

nlohmann::json ansatzToProjectJson(const AnsatzSpec &spec)
{
    return ansatzToJson(spec);
}

} // namespace sqsnn

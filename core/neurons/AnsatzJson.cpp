#include "neurons/AnsatzJson.hpp"

#include "common/Error.hpp"
#include "common/JsonErrors.hpp"

#include <cmath>

namespace sqsnn {

namespace {
int intField(const nlohmann::json &j, const std::string &path)
{
    if (!j.is_number_integer())
        failAt(path, "must be an integer, got " + shortJson(j));
    const auto v = j.get<long long>();
    if (v < -1000000 || v > 1000000)
        failAt(path, "is out of range, got " + shortJson(j));
    return int(v);
}
} // namespace

Gate gateFromJson(const nlohmann::json &j, const std::string &path)
{
    if (!j.is_object())
        failAt(path, "must be an object like {\"gate\": \"RX\", \"qubits\": [0], \"param\": 0}");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "gate" && it.key() != "qubits" && it.key() != "param"
            && it.key() != "angle")
            failAt(path + "/" + it.key(), "unknown field (expected gate, qubits, param or angle)");
    if (!j.contains("gate") || !j["gate"].is_string())
        failAt(path + "/gate", "missing gate name");
    const std::string name = j["gate"].get<std::string>();
    const auto kind = gateKindFromName(name);
    if (!kind)
        failAt(path + "/gate", "unknown gate \"" + name
                                 + "\" (known: RX RY RZ H X Y Z S T CNOT CZ CRX CRY CRZ SWAP)");
    Gate g;
    g.kind = *kind;
    if (!j.contains("qubits") || !j["qubits"].is_array())
        failAt(path + "/qubits", "missing list of qubits");
    const auto &q = j["qubits"];
    const int need = gateQubitCount(g.kind);
    if (int(q.size()) != need)
        failAt(path + "/qubits", name + " takes " + std::to_string(need) + " qubit"
                                   + (need > 1 ? "s ([control, target])" : "") + ", got "
                                   + shortJson(q));
    g.q0 = intField(q[0], path + "/qubits/0");
    if (need == 2)
        g.q1 = intField(q[1], path + "/qubits/1");
    const bool hasParam = j.contains("param"), hasAngle = j.contains("angle");
    if (isRotation(g.kind)) {
        if (hasParam == hasAngle)
            failAt(path, name + " needs exactly one of \"param\" (a parameter index) or \"angle\"");
        if (hasParam) {
            g.param = intField(j["param"], path + "/param");
            if (g.param < 0)
                failAt(path + "/param", "must be >= 0, got " + std::to_string(g.param));
        } else {
            if (!j["angle"].is_number() || !std::isfinite(j["angle"].get<double>()))
                failAt(path + "/angle", "must be a finite number, got " + shortJson(j["angle"]));
            g.angle = j["angle"].get<double>();
        }
    } else if (hasParam || hasAngle) {
        failAt(path + (hasParam ? "/param" : "/angle"), name + " is not a rotation");
    }
    return g;
}

nlohmann::json gateToJson(const Gate &g)
{
    nlohmann::json j;
    j["gate"] = std::string(gateName(g.kind));
    j["qubits"] = gateQubitCount(g.kind) == 2 ? nlohmann::json{g.q0, g.q1} : nlohmann::json{g.q0};
    if (isRotation(g.kind)) {
        if (g.param >= 0)
            j["param"] = g.param;
        else
            j["angle"] = g.angle;
    }
    return j;
}

AnsatzSpec ansatzFromJson(const nlohmann::json &j, const std::string &path)
{
    if (!j.is_object())
        failAt(path, "must be an object: {\"generator\": \"sqs-crx\", \"layers\": 1} or "
                   "{\"gates\": [...]}");
    AnsatzSpec s;
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "generator" && it.key() != "layers" && it.key() != "gates")
            failAt(path + "/" + it.key(), "unknown field (expected generator, layers or gates)");
    if (j.contains("gates")) {
        s.generator = "custom";
        if (j.contains("generator") && j["generator"] != "custom")
            failAt(path + "/generator", "a gate list goes with generator \"custom\", got "
                                          + shortJson(j["generator"]));
        if (!j["gates"].is_array())
            failAt(path + "/gates", "must be a list of gates");
        for (std::size_t i = 0; i < j["gates"].size(); ++i)
            s.gates.push_back(gateFromJson(j["gates"][i], path + "/gates/" + std::to_string(i)));
        return s;
    }
    if (j.contains("generator")) {
        if (!j["generator"].is_string())
            failAt(path + "/generator", "must be a string, got " + shortJson(j["generator"]));
        s.generator = j["generator"].get<std::string>();
        if (s.generator != "sqs-crx" && s.generator != "hardware-efficient")
            failAt(path + "/generator", "must be \"sqs-crx\" or \"hardware-efficient\" (or give "
                                      "\"gates\" for a custom circuit), got \""
                                          + s.generator + "\"");
    }
    if (j.contains("layers")) {
        s.layers = intField(j["layers"], path + "/layers");
        if (s.layers < 1 || s.layers > 100)
            failAt(path + "/layers", "must be 1..100, got " + std::to_string(s.layers));
    }
    return s;
}

nlohmann::json ansatzToJson(const AnsatzSpec &s)
{
    if (s.generator == "custom") {
        nlohmann::json gates = nlohmann::json::array();
        for (const auto &g : s.gates)
            gates.push_back(gateToJson(g));
        return {{"generator", "custom"}, {"gates", gates}};
    }
    return {{"generator", s.generator}, {"layers", s.layers}};
}

} // namespace sqsnn

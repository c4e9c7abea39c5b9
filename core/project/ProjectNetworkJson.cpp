// The `network` object of a project file: populations (with their ansatz) and projections.
// Field-level checks only; graph checks (cycles, the readout, sizes of edges) are core/network's.
#include "common/Error.hpp"
#include "neurons/SqsNoisyNeuron.hpp"
#include "project/ProjectAnsatzJson.hpp"
#include "project/ProjectIo.hpp"
#include "project/ProjectRanges.hpp"
#include "project/ProjectValidation.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace sqsnn {

namespace {

using namespace ranges; // every range: ProjectRanges.hpp

constexpr std::size_t kMaxNameBytes = 100;

std::string formatBytes(double bytes)
{
    const char *units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (bytes >= 1024 && u < 5) {
        bytes /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g %s", bytes, units[u]);
    return buf;
}

// Names are referred to by projections and parameter keys ("projection/<from>-><to>"), so they
// may not contain '/' or '>' (which would make those keys ambiguous) or control characters.
void checkName(const ObjectReader &r, std::string_view key, const std::string &name)
{
    const nlohmann::json got = name;
    if (name.empty())
        r.fail(key, "must be a non-empty name", got);
    if (name.size() > kMaxNameBytes)
        r.fail(key, "must be at most " + std::to_string(kMaxNameBytes) + " bytes long", got);
    for (unsigned char c : name) {
        if (c == '/' || c == '>' || c < 0x20 || c == 0x7f)
            r.fail(key, "must not contain '/', '>' or control characters", got);
    }
}

std::vector<std::string_view> kindKeys(const std::string &kind)
{
    std::vector<std::string_view> keys = {"name", "kind", "size", "readout"};
    if (kind == "sqs")
        keys.insert(keys.end(), {"io_qubits", "memory_qubits", "ansatz", "noise"});
    else if (kind == "qlif")
        keys.insert(keys.end(), {"qlif_threshold", "qlif_t1"});
    else if (kind == "glm")
        keys.insert(keys.end(), {"synaptic_decay", "feedback_decay", "self_feedback"});
    else if (kind == "lif")
        keys.insert(keys.end(), {"membrane_decay", "lif_threshold"});
    return keys;
}

PopulationSpec populationFromJson(const nlohmann::json &value, const std::string &path,
                                  const std::string &source)
{
    const ObjectReader r(value, path, source,
                         {"name", "kind", "size", "readout", "io_qubits", "memory_qubits",
                          "ansatz", "noise", "qlif_threshold", "qlif_t1", "synaptic_decay",
                          "feedback_decay", "self_feedback", "membrane_decay", "lif_threshold"},
                         "a population");
    PopulationSpec p;
    if (!r.has("name"))
        r.fail("", "has no \"name\"; every population needs a unique, non-empty name");
    p.name = r.text("name", "");
    checkName(r, "name", p.name);
    p.kind = r.choice("kind", p.kind, {"input", "sqs", "qlif", "glm", "lif"});
    refuseKeysOutside(value, path, source, kindKeys(p.kind),
                      "not a field of a \"" + p.kind + "\" population");

    p.size = int(r.integer("size", p.size, p.kind == "input" ? 0 : 1, kMaxPopulationSize));
    p.readout = r.flag("readout", p.readout);
    if (p.kind == "sqs") {
        p.ioQubits = int(r.integer("io_qubits", p.ioQubits, 1, kMaxQubitsPerRegister));
        p.memoryQubits = int(r.integer("memory_qubits", p.memoryQubits, 0, kMaxQubitsPerRegister));
        const int total = p.ioQubits + p.memoryQubits;
        if (total > kMaxQubitsPerNeuron) {
            const double bytes = std::ldexp(16.0, 2 * total);
            r.fail("memory_qubits",
                   "io_qubits + memory_qubits must be at most " + std::to_string(kMaxQubitsPerNeuron)
                       + ", got " + std::to_string(p.ioQubits) + " + "
                       + std::to_string(p.memoryQubits) + " = " + std::to_string(total)
                       + ": a neuron of " + std::to_string(total) + " qubits needs 2^"
                       + std::to_string(total) + " x 2^" + std::to_string(total)
                       + " complex doubles = " + formatBytes(bytes)
                       + " for its unitary; the limit is " + std::to_string(kMaxQubitsPerNeuron));
        }
        if (const auto *a = r.find("ansatz"))
            p.ansatz = ansatzFromProjectJson(*a, r.pathOf("ansatz"), source, total);
        if (const auto *nz = r.find("noise")) {
            try {
                p.noise = noiseFromJson(*nz, r.pathOf("noise"));
            } catch (const InputError &e) {
                throwAt(source, "", e.what());
            }
            if (p.noise.enabled() && total > SqsNoisyNeuron::kMaxNoisyQubits)
                r.fail("noise", "the density path holds at most "
                                    + std::to_string(SqsNoisyNeuron::kMaxNoisyQubits)
                                    + " qubits per neuron, this population has "
                                    + std::to_string(total));
        }
    } else if (p.kind == "qlif") {
        p.qlifThreshold = r.number("qlif_threshold", p.qlifThreshold, NumberRange::closed(0, 1));
        p.qlifT1 = r.number("qlif_t1", p.qlifT1, {0, kMaxQlifT1, true, false});
    } else if (p.kind == "glm") {
        p.synapticDecay = r.number("synaptic_decay", p.synapticDecay, NumberRange::closed(0, 1));
        p.feedbackDecay = r.number("feedback_decay", p.feedbackDecay, NumberRange::closed(0, 1));
        p.selfFeedback = r.flag("self_feedback", p.selfFeedback);
    } else if (p.kind == "lif") {
        p.membraneDecay = r.number("membrane_decay", p.membraneDecay, NumberRange::closed(0, 1));
        p.lifThreshold = r.number("lif_threshold", p.lifThreshold, {0, kMaxLifThreshold, true, false});
    }
    return p;
}

ProjectionSpec projectionFromJson(const nlohmann::json &value, const std::string &path,
                                  const std::string &source,
                                  const std::vector<PopulationSpec> &populations)
{
    const ObjectReader r(value, path, source, {"from", "to", "connectivity", "bias", "delay"},
                         "a projection");
    ProjectionSpec e;
    for (const char *key : {"from", "to"}) {
        if (!r.has(key))
            r.fail("", std::string("has no \"") + key + "\"; a projection names the populations it joins");
        const std::string name = r.text(key, "");
        const bool known = std::any_of(populations.begin(), populations.end(),
                                       [&](const PopulationSpec &p) { return p.name == name; });
        if (!known)
            r.fail(key, "must name a population of the network", nlohmann::json(name));
        (key[0] == 'f' ? e.from : e.to) = name;
    }
    e.connectivity = r.choice("connectivity", e.connectivity, {"dense", "channel-matched"});
    e.bias = r.flag("bias", e.bias);
    e.delay = int(r.integer("delay", e.delay, 0, kMaxDelay));
    return e;
}

} // namespace

NetworkSpec networkFromJson(const nlohmann::json &value, const std::string &path,
                            const std::string &source)
{
    const ObjectReader r(value, path, source, {"populations", "projections"}, "the network");
    NetworkSpec net;
    if (const auto *pops = r.find("populations")) {
        if (!pops->is_array())
            r.fail("populations", "must be an array of populations", *pops);
        std::set<std::string> names;
        for (std::size_t i = 0; i < pops->size(); ++i) {
            const std::string at = jsonPointerAppend(r.pathOf("populations"), i);
            net.populations.push_back(populationFromJson((*pops)[i], at, source));
            if (!names.insert(net.populations.back().name).second)
                throwAt(source, at + "/name", "must be unique; another population has this name",
                        nlohmann::json(net.populations.back().name));
        }
    }
    if (const auto *edges = r.find("projections")) {
        if (!edges->is_array())
            r.fail("projections", "must be an array of projections", *edges);
        std::set<std::pair<std::string, std::string>> seen;
        for (std::size_t i = 0; i < edges->size(); ++i) {
            const std::string at = jsonPointerAppend(r.pathOf("projections"), i);
            net.projections.push_back(projectionFromJson((*edges)[i], at, source, net.populations));
            const auto &e = net.projections.back();
            if (!seen.insert({e.from, e.to}).second)
                throwAt(source, at,
                        "duplicate projection; another one already joins \"" + e.from
                            + "\" to \"" + e.to + "\"");
        }
    }
    return net;
}

nlohmann::json networkToJson(const NetworkSpec &network)
{
    nlohmann::json pops = nlohmann::json::array();
    for (const auto &p : network.populations) {
        nlohmann::json j = {{"name", p.name}, {"kind", p.kind}, {"size", p.size},
                            {"readout", p.readout}};
        if (p.kind == "sqs") {
            j["io_qubits"] = p.ioQubits;
            j["memory_qubits"] = p.memoryQubits;
            j["ansatz"] = ansatzToProjectJson(p.ansatz);
            if (p.noise != NoiseModel{})
                j["noise"] = noiseToJson(p.noise);
        } else if (p.kind == "qlif") {
            j["qlif_threshold"] = p.qlifThreshold;
            j["qlif_t1"] = p.qlifT1;
        } else if (p.kind == "glm") {
            j["synaptic_decay"] = p.synapticDecay;
            j["feedback_decay"] = p.feedbackDecay;
            j["self_feedback"] = p.selfFeedback;
        } else if (p.kind == "lif") {
            j["membrane_decay"] = p.membraneDecay;
            j["lif_threshold"] = p.lifThreshold;
        }
        pops.push_back(std::move(j));
    }
    nlohmann::json edges = nlohmann::json::array();
    for (const auto &e : network.projections)
        edges.push_back({{"from", e.from}, {"to", e.to}, {"connectivity", e.connectivity},
                         {"bias", e.bias}, {"delay", e.delay}});
    return {{"populations", std::move(pops)}, {"projections", std::move(edges)}};
}

} // namespace sqsnn

#include "neurons/NeuronRun.hpp"

#include "common/Error.hpp"
#include "common/JsonErrors.hpp"
#include "neurons/AnsatzJson.hpp"
#include "neurons/SqsNoisyNeuron.hpp"
#include "quantum/State.hpp"

#include <cmath>

namespace sqsnn {

namespace {
int integer(const nlohmann::json &j, const std::string &path, long lo, long hi)
{
    if (!j.is_number_integer())
        failAt(path, "must be an integer, got " + shortJson(j));
    const long long v = j.get<long long>();
    if (v < lo || v > hi)
        failAt(path, "must be " + std::to_string(lo) + ".." + std::to_string(hi) + ", got "
                       + std::to_string(v));
    return int(v);
}
double number(const nlohmann::json &j, const std::string &path)
{
    if (!j.is_number() || !std::isfinite(j.get<double>()))
        failAt(path, "must be a finite number, got " + shortJson(j));
    return j.get<double>();
}
} // namespace

NeuronSpec neuronSpecFromJson(const nlohmann::json &j)
{
    if (!j.is_object())
        failAt("/", "the spec must be a JSON object");
    static const char *known[] = {"io_qubits", "memory_qubits", "ansatz", "params",
                                  "inputs",    "force",         "seed",   "noise"};
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool ok = false;
        for (const char *k : known)
            ok = ok || it.key() == k;
        if (!ok)
            failAt("/" + it.key(), "unknown field (expected io_qubits, memory_qubits, ansatz, "
                                 "params, inputs, force, seed or noise)");
    }
    NeuronSpec s;
    if (!j.contains("io_qubits"))
        failAt("/io_qubits", "missing");
    s.ioQubits = integer(j["io_qubits"], "/io_qubits", 1, 1000);
    s.memoryQubits = j.contains("memory_qubits")
                         ? integer(j["memory_qubits"], "/memory_qubits", 0, 1000)
                         : 0;
    try {
        checkQubitCount(s.ioQubits + s.memoryQubits, "io_qubits + memory_qubits");
    } catch (const InputError &e) {
        failAt("/memory_qubits", e.what());
    }
    if (j.contains("ansatz"))
        s.ansatz = ansatzFromJson(j["ansatz"], "/ansatz");
    // Build the circuit now so a gate on a qubit out of range is reported here.
    const Circuit c = makeAnsatz(s.ansatz, s.ioQubits, s.memoryQubits);
    if (!j.contains("params") || !j["params"].is_array())
        failAt("/params", "missing list of " + std::to_string(c.paramCount()) + " angles");
    for (std::size_t k = 0; k < j["params"].size(); ++k)
        s.params.push_back(number(j["params"][k], "/params/" + std::to_string(k)));
    if (int(s.params.size()) != c.paramCount())
        failAt("/params", "the circuit has " + std::to_string(c.paramCount())
                            + " parameters, got " + std::to_string(s.params.size()));
    if (!j.contains("inputs") || !j["inputs"].is_array())
        failAt("/inputs", "missing list of steps, each a list of one z per I/O qubit");
    for (std::size_t t = 0; t < j["inputs"].size(); ++t) {
        const auto &row = j["inputs"][t];
        const std::string path = "/inputs/" + std::to_string(t);
        if (!row.is_array() || int(row.size()) != s.ioQubits)
            failAt(path, "expected a list of " + std::to_string(s.ioQubits)
                           + " value(s) (one per I/O qubit), got " + shortJson(row));
        std::vector<double> z;
        for (std::size_t n = 0; n < row.size(); ++n)
            z.push_back(number(row[n], path + "/" + std::to_string(n)));
        s.inputs.push_back(std::move(z));
    }
    if (j.contains("force")) {
        if (!j["force"].is_array() || j["force"].size() != s.inputs.size())
            failAt("/force", "expected a list of " + std::to_string(s.inputs.size())
                               + " outcomes (one per step), got " + shortJson(j["force"]));
        for (std::size_t t = 0; t < j["force"].size(); ++t)
            s.force.push_back(integer(j["force"][t], "/force/" + std::to_string(t), 0,
                                      (1L << s.ioQubits) - 1));
    }
    if (j.contains("seed")) {
        if (!j["seed"].is_number_unsigned())
            failAt("/seed", "must be a non-negative integer, got " + shortJson(j["seed"]));
        s.seed = j["seed"].get<std::uint64_t>();
    }
    if (j.contains("noise")) {
        s.noise = noiseFromJson(j["noise"], "/noise");
        if (s.noise.enabled() && s.ioQubits + s.memoryQubits > SqsNoisyNeuron::kMaxNoisyQubits)
            failAt("/noise", "the density path holds at most "
                                 + std::to_string(SqsNoisyNeuron::kMaxNoisyQubits)
                                 + " qubits per neuron, this one has "
                                 + std::to_string(s.ioQubits + s.memoryQubits));
    }
    return s;
}

namespace {
// The density path: the same records from SqsNoisyNeuron.
void runNoisyNeuron(const NeuronSpec &spec,
                    const std::function<void(const NeuronStepRecord &)> &out)
{
    const Circuit c = makeAnsatz(spec.ansatz, spec.ioQubits, spec.memoryQubits);
    SqsNoisyNeuron neuron(spec.ioQubits, spec.memoryQubits, c, spec.noise);
    neuron.setParameters(spec.params);
    SqsNoisyNeuron::Workspace w(neuron);
    Rng rng(spec.seed);
    Eigen::MatrixXcd sigma = neuron.initialMemory();
    NeuronStepRecord r;
    r.p.resize(neuron.outcomes());
    const int n = neuron.qubits();
    for (std::size_t t = 0; t < spec.inputs.size(); ++t) {
        const double *z = spec.inputs[t].data();
        neuron.joint(z, sigma, w, {}, true); // the full state before measurement
        neuron.trueProbabilities(w.rho, w.p.data());
        neuron.reportedProbabilities(w.p.data(), r.p.data());
        const DensityMatrix joint(n, w.rho);
        r.bloch.clear();
        for (int q = 0; q < n; ++q)
            r.bloch.push_back(blochVector(joint.reducedQubit(q)));
        const int s = spec.force.empty()
                          ? SqsNeuron::sampleOutcome(r.p.data(), neuron.outcomes(), rng)
                          : spec.force[t];
        if (r.p[s] <= 0)
            throw InputError("/force/" + std::to_string(t) + ": outcome " + std::to_string(s)
                             + " has probability 0 at this step");
        neuron.update(s, sigma, w);
        r.t = int(t) + 1;
        r.spike = s;
        r.memory = sigma;
        out(r);
    }
}
} // namespace

void runNeuron(const NeuronSpec &spec, const std::function<void(const NeuronStepRecord &)> &out)
{
    if (spec.noise.enabled()) {
        runNoisyNeuron(spec, out);
        return;
    }
    SqsNeuron neuron(spec.ioQubits, spec.memoryQubits, spec.ansatz);
    neuron.setParameters(spec.params);
    SqsNeuron::Workspace w(neuron);
    Rng rng(spec.seed);
    Eigen::VectorXcd mem = neuron.initialMemory();
    NeuronStepRecord r;
    r.p.resize(neuron.outcomes());
    const int n = neuron.qubits();
    for (std::size_t t = 0; t < spec.inputs.size(); ++t) {
        const double *z = spec.inputs[t].data();
        neuron.evolve(z, mem.data(), w, r.p.data());
        const PureState joint(n, w.state);
        r.bloch.clear();
        for (int q = 0; q < n; ++q)
            r.bloch.push_back(blochVector(joint.reducedQubit(q)));
        int s = spec.force.empty() ? SqsNeuron::sampleOutcome(r.p.data(), neuron.outcomes(), rng)
                                   : spec.force[t];
        if (r.p[s] <= 0)
            throw InputError("/force/" + std::to_string(t) + ": outcome " + std::to_string(s)
                             + " has probability 0 at this step");
        neuron.collapse(s, r.p[s], w, mem.data());
        r.t = int(t) + 1;
        r.spike = s;
        r.memory = mem * mem.adjoint();
        out(r);
    }
}

nlohmann::json neuronStepToJson(const NeuronStepRecord &r)
{
    nlohmann::json j;
    j["t"] = r.t;
    j["p"] = r.p;
    j["spike"] = r.spike;
    nlohmann::json bloch = nlohmann::json::array();
    for (const auto &b : r.bloch)
        bloch.push_back({b.x(), b.y(), b.z()});
    j["bloch"] = bloch;
    nlohmann::json re = nlohmann::json::array(), im = nlohmann::json::array();
    for (Eigen::Index a = 0; a < r.memory.rows(); ++a) {
        std::vector<double> rr, ii;
        for (Eigen::Index b = 0; b < r.memory.cols(); ++b) {
            rr.push_back(r.memory(a, b).real());
            ii.push_back(r.memory(a, b).imag());
        }
        re.push_back(rr);
        im.push_back(ii);
    }
    j["memory"] = {{"re", re}, {"im", im}};
    return j;
}

} // namespace sqsnn

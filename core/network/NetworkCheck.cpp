#include "network/NetworkCheck.hpp"

#include "common/Error.hpp"
#include "quantum/Register.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

namespace sqsnn {

namespace {

bool knownKind(const std::string &k)
{
    return k == "input" || k == "sqs" || k == "qlif" || k == "glm" || k == "lif";
}

int bitsPerNeuron(const PopulationSpec &p)
{
    return p.kind == "sqs" ? p.ioQubits : 1;
}

std::string popName(const PopulationSpec &p)
{
    return "population '" + p.name + "'";
}

std::string edgeName(const ProjectionSpec &e)
{
    return "projection '" + e.from + "' -> '" + e.to + "'";
}

} // namespace

int outputLines(const PopulationSpec &p, int inputLines)
{
    if (p.kind == "input")
        return p.size > 0 ? p.size : inputLines;
    return p.size * bitsPerNeuron(p);
}

int inputChannels(const PopulationSpec &p)
{
    if (p.kind == "input")
        return 0;
    // QLIF neurons read two linear maps of their input: theta = pi |a(x)|, tau = 200 |b(x)|.
    return p.kind == "qlif" ? 2 * p.size : p.size * bitsPerNeuron(p);
}

std::int64_t populationParameterCount(const PopulationSpec &p)
{
    if (p.kind == "sqs") {
        if (p.ioQubits < 1 || p.memoryQubits < 0 || p.ioQubits + p.memoryQubits > kMaxQubits)
            return 0;
        try {
            return std::int64_t(p.size) * makeAnsatz(p.ansatz, p.ioQubits, p.memoryQubits).paramCount();
        } catch (const Error &) {
            return 0;
        }
    }
    if (p.kind == "glm")
        return std::int64_t(p.size) * (p.selfFeedback ? 2 : 1); // bias + self-feedback weight
    return 0;
}

std::int64_t projectionParameterCount(const NetworkSpec &net, const ProjectionSpec &e,
                                      int inputLines)
{
    const PopulationSpec *src = nullptr, *dst = nullptr;
    for (const auto &p : net.populations) {
        if (p.name == e.from)
            src = &p;
        if (p.name == e.to)
            dst = &p;
    }
    if (!src || !dst)
        return 0;
    std::int64_t w = 0;
    const std::int64_t channels = inputChannels(*dst);
    // Channel-matched: channel n of a target neuron listens to bit n of every source neuron.
    const std::int64_t perChannel = e.connectivity == "channel-matched" && src->kind != "input"
                                        ? src->size
                                        : outputLines(*src, inputLines);
    w = perChannel * channels;
    if (e.bias)
        w += channels;
    return w;
}

std::int64_t parameterCount(const NetworkSpec &net, int inputLines)
{
    std::int64_t n = 0;
    for (const auto &p : net.populations)
        n += populationParameterCount(p);
    for (const auto &e : net.projections)
        n += projectionParameterCount(net, e, inputLines);
    return n;
}

std::vector<NetworkIssue> validateNetwork(const NetworkSpec &net, int inputLines, int numClasses)
{
    std::vector<NetworkIssue> issues;
    auto popIssue = [&](int i, std::string m) {
        issues.push_back({i, -1, popName(net.populations[i]) + ": " + std::move(m)});
    };
    auto edgeIssue = [&](int i, std::string m) {
        issues.push_back({-1, i, edgeName(net.projections[i]) + ": " + std::move(m)});
    };
    std::map<std::string, int> index;
    int readouts = 0, inputs = 0;
    for (int i = 0; i < int(net.populations.size()); ++i) {
        const auto &p = net.populations[i];
        if (p.name.empty())
            issues.push_back({i, -1, "population " + std::to_string(i) + ": has no name"});
        else if (!index.emplace(p.name, i).second)
            popIssue(i, "the name is used twice");
        if (!knownKind(p.kind)) {
            popIssue(i, "unknown node type \"" + p.kind + "\" (known: input, sqs, qlif, glm, lif)");
            continue;
        }
        inputs += p.kind == "input";
        if (p.size < (p.kind == "input" ? 0 : 1) || p.size > 1000000)
            popIssue(i, "size must be " + std::string(p.kind == "input" ? "0" : "1")
                            + "..1000000, got " + std::to_string(p.size));
        if (p.kind == "sqs") {
            if (p.ioQubits < 1 || p.memoryQubits < 0 || p.ioQubits + p.memoryQubits > kMaxQubits) {
                const int n = p.ioQubits + p.memoryQubits;
                std::string m = "a neuron of " + std::to_string(p.ioQubits) + " I/O + "
                                + std::to_string(p.memoryQubits) + " memory qubits";
                if (n > kMaxQubits)
                    m += " needs a " + std::to_string(1 << std::min(n, 30)) + "x"
                         + std::to_string(1 << std::min(n, 30)) + " unitary ("
                         + humanBytes(std::ldexp(16.0, 2 * n)) + "); the limit is "
                         + std::to_string(kMaxQubits) + " qubits per neuron";
                else
                    m += " is not possible (N >= 1, N_M >= 0)";
                popIssue(i, m);
            } else {
                try {
                    makeAnsatz(p.ansatz, p.ioQubits, p.memoryQubits);
                } catch (const Error &e) {
                    popIssue(i, e.what());
                }
            }
        }
        if (p.readout) {
            ++readouts;
            if (p.kind == "input")
                popIssue(i, "an input cannot be the readout");
            else if (bitsPerNeuron(p) != 1)
                popIssue(i, "readout neurons must have 1 I/O qubit (one spike line per class), got "
                                + std::to_string(p.ioQubits));
            else if (numClasses > 0 && p.size != numClasses)
                popIssue(i, "the readout has " + std::to_string(p.size)
                                + " neurons but the data set has " + std::to_string(numClasses)
                                + " classes (one readout neuron per class)");
        }
    }
    if (net.populations.empty())
        issues.push_back({-1, -1, "the network is empty"});
    else if (inputs == 0)
        issues.push_back({-1, -1, "the network has no data input"});
    if (readouts == 0 && !net.populations.empty())
        issues.push_back({-1, -1, "no readout: mark one population as the readout"});
    if (readouts > 1)
        for (int i = 0; i < int(net.populations.size()); ++i)
            if (net.populations[i].readout)
                popIssue(i, "more than one readout population");

    std::vector<bool> fed(net.populations.size(), false);
    std::set<std::pair<int, int>> seen;
    // Zero-delay adjacency for the cycle check.
    std::vector<std::vector<std::pair<int, int>>> adj(net.populations.size());
    for (int k = 0; k < int(net.projections.size()); ++k) {
        const auto &e = net.projections[k];
        const auto a = index.find(e.from), b = index.find(e.to);
        if (a == index.end()) {
            edgeIssue(k, "no population named '" + e.from + "'");
            continue;
        }
        if (b == index.end()) {
            edgeIssue(k, "no population named '" + e.to + "'");
            continue;
        }
        const auto &src = net.populations[a->second], &dst = net.populations[b->second];
        if (dst.kind == "input")
            edgeIssue(k, "a data input cannot receive a projection");
        if (e.connectivity != "dense" && e.connectivity != "channel-matched")
            edgeIssue(k, "connectivity must be \"dense\" or \"channel-matched\", got \""
                             + e.connectivity + "\"");
        if (e.connectivity == "channel-matched" && src.kind != "input"
            && bitsPerNeuron(src) != bitsPerNeuron(dst))
            edgeIssue(k, "shape mismatch: channel-matched needs the same number of I/O qubits on "
                         "both sides, got "
                             + std::to_string(bitsPerNeuron(src)) + " and "
                             + std::to_string(bitsPerNeuron(dst)));
        if (e.delay < 0 || e.delay > 1000)
            edgeIssue(k, "delay must be 0..1000 steps, got " + std::to_string(e.delay));
        if (!seen.emplace(a->second, b->second).second)
            edgeIssue(k, "a second projection between the same populations");
        fed[b->second] = true;
        if (e.delay == 0)
            adj[a->second].push_back({b->second, k});
    }
    for (int i = 0; i < int(net.populations.size()); ++i)
        if (!fed[i] && net.populations[i].kind != "input" && knownKind(net.populations[i].kind))
            popIssue(i, "receives no projection");

    // Cycles through zero-delay edges: depth-first search, reporting the closing edge.
    std::vector<int> state(net.populations.size(), 0);
    std::function<void(int)> dfs = [&](int u) {
        state[u] = 1;
        for (auto [v, k] : adj[u]) {
            if (state[v] == 1)
                edgeIssue(k, "closes a cycle without delay; a recurrent projection needs a delay "
                             "of at least 1 step");
            else if (state[v] == 0)
                dfs(v);
        }
        state[u] = 2;
    };
    for (int i = 0; i < int(net.populations.size()); ++i)
        if (state[i] == 0)
            dfs(i);

    // What the machine can hold: weights (value, gradient, optimiser state) dominate.
    const double bytes = 4.0 * 8.0 * double(parameterCount(net, inputLines));
    if (bytes > 16.0 * 1024 * 1024 * 1024)
        issues.push_back({-1, -1, "the network's parameters would need about " + humanBytes(bytes)
                                      + " while training; the limit is 16 GiB"});
    return issues;
}

void checkNetwork(const NetworkSpec &net, int inputLines, int numClasses)
{
    const auto issues = validateNetwork(net, inputLines, numClasses);
    if (!issues.empty())
        throw InputError("network: " + issues.front().message);
}

int matchHiddenSize(NetworkSpec &net, const std::string &hidden, std::int64_t budget,
                    int inputLines)
{
    auto it = std::find_if(net.populations.begin(), net.populations.end(),
                           [&](const PopulationSpec &p) { return p.name == hidden; });
    if (it == net.populations.end())
        throw InputError("parameter matching: no population named '" + hidden + "'");
    const std::size_t idx = std::size_t(it - net.populations.begin());
    auto countAt = [&](int size) {
        net.populations[idx].size = size;
        return parameterCount(net, inputLines);
    };
    // The count grows with the size: find the last size whose count is <= budget, then take
    // whichever of it and the next is closer.
    int lo = 1, hi = 1000000;
    if (countAt(lo) >= budget) {
        countAt(lo);
        return lo;
    }
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        (countAt(mid) <= budget ? lo : hi) = mid;
    }
    const int best = std::llabs(countAt(lo) - budget) <= std::llabs(countAt(hi) - budget) ? lo : hi;
    countAt(best);
    return best;
}

} // namespace sqsnn

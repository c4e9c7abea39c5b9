#include "training/HardwareReport.hpp"

#include "neurons/Ansatz.hpp"

#include <algorithm>
#include <cstdio>

namespace sqsnn {

namespace {

PopulationHardware countPopulation(const PopulationSpec &pop, const TrainingSpec &t, int T)
{
    PopulationHardware h;
    h.name = pop.name;
    h.neurons = pop.size;
    h.ioQubits = pop.ioQubits;
    h.memoryQubits = pop.memoryQubits;
    h.qubits = pop.ioQubits + pop.memoryQubits;
    const Circuit c = makeAnsatz(pop.ansatz, pop.ioQubits, pop.memoryQubits);
    std::vector<int> level(std::size_t(h.qubits), 0);
    // The embedding: one RX per I/O qubit, all in the first layer.
    for (int q = 0; q < pop.ioQubits; ++q)
        level[std::size_t(q)] = 1;
    h.gates = pop.ioQubits;
    long long shift = 1 + 2LL * t.spsaDirections;
    for (const auto &g : c.gates) {
        ++h.gates;
        int at = level[std::size_t(g.q0)];
        if (gateQubitCount(g.kind) == 2) {
            ++h.twoQubitGates;
            at = std::max(at, level[std::size_t(g.q1)]);
            level[std::size_t(g.q1)] = at + 1;
        }
        level[std::size_t(g.q0)] = at + 1;
        if (g.param >= 0 && isRotation(g.kind))
            shift += isControlledRotation(g.kind) ? 4 : 2; // the four- and two-term rules
    }
    h.depth = *std::max_element(level.begin(), level.end());
    h.measurementsPerSample = pop.ioQubits * T;
    h.resetsPerSample = pop.ioQubits * std::max(T - 1, 0);
    h.shiftExecutionsPerStep = shift;
    return h;
}

} // namespace

HardwareReport hardwareReport(const Project &p)
{
    HardwareReport r;
    r.timeSteps = p.data.timeSteps;
    r.trainSamples = p.data.trainSamples;
    r.estimator = p.training.method == "bptt" ? "bptt" : p.training.estimator;
    r.shots = p.training.shots;
    r.spsaDirections = p.training.spsaDirections;
    long long perSample = 1; // the forward circuit, one shot
    long long shots = 1;
    for (const auto &pop : p.network.populations) {
        if (pop.kind != "sqs")
            continue;
        r.populations.push_back(countPopulation(pop, p.training, r.timeSteps));
        const auto &h = r.populations.back();
        const long long e = h.shiftExecutionsPerStep * h.neurons * r.timeSteps;
        perSample += e;
        shots += e * r.shots;
    }
    r.shiftExecutionsPerSample = perSample;
    r.shiftShotsPerSample = shots;
    r.shiftExecutionsPerEpoch = perSample * r.trainSamples;
    r.shiftShotsPerEpoch = shots * r.trainSamples;
    return r;
}

std::string formatHardwareReport(const HardwareReport &r)
{
    std::string out = "hardware (per neuron and step; embedding counted on every I/O qubit):\n";
    char buf[512];
    if (r.populations.empty())
        return out + "  no SQS population: nothing runs on a quantum device\n";
    for (const auto &h : r.populations) {
        std::snprintf(buf, sizeof buf,
                      "  %-12s %d qubits (%d I/O + %d memory), %d gates (%d two-qubit), depth %d; "
                      "per sample: %d mid-circuit measurements, %d resets; shift: %lld "
                      "circuit executions per step\n",
                      h.name.c_str(), h.qubits, h.ioQubits, h.memoryQubits, h.gates,
                      h.twoQubitGates, h.depth, h.measurementsPerSample, h.resetsPerSample,
                      h.shiftExecutionsPerStep);
        out += buf;
    }
    const std::string shots = r.shots == 0
                                  ? std::string("shots n/a (S = 0: exact probabilities, a "
                                                "simulator only)")
                                  : std::to_string(r.shiftShotsPerSample) + " shots";
    std::snprintf(buf, sizeof buf,
                  "  per training sample: forward 1 circuit execution (1 shot); shift (K = %d, "
                  "S = %d): %lld executions, %s; exact, exact-memory, bptt: simulator only\n",
                  r.spsaDirections, r.shots, r.shiftExecutionsPerSample, shots.c_str());
    out += buf;
    if (r.trainSamples > 0)
        std::snprintf(buf, sizeof buf,
                      "  per epoch (%d training samples): shift %lld executions%s; forward "
                      "only %d executions\n",
                      r.trainSamples, r.shiftExecutionsPerEpoch,
                      r.shots == 0 ? ""
                                   : (", " + std::to_string(r.shiftShotsPerEpoch) + " shots").c_str(),
                      r.trainSamples);
    else
        std::snprintf(buf, sizeof buf,
                      "  per epoch: the per-sample figures times the training-set size\n");
    out += buf;
    return out;
}

} // namespace sqsnn

#pragma once
// What a project would cost on quantum hardware (issue 16): per SQS population, the circuit of
// one neuron step and, per estimator, the circuit executions and shots the local rule spends.
// No Qt; `sqsnn info` prints it and the inspector can show it.
//
// Counting rules (one neuron, one step):
//  - gates: the embedding (one RX per I/O qubit, counted as if every I/O qubit were driven,
//    the worst case) plus the ansatz's gates; two-qubit gates = CNOT CZ CRX CRY CRZ SWAP, each
//    one native gate (a device may decompose CRX into two CNOTs and rotations);
//  - depth: ASAP layers of that gate list (a gate sits one layer above the latest gate on
//    any of its qubits), the embedding included, the measurement not;
//  - per sample of T steps: N*T mid-circuit measurements (the I/O register each step) and
//    N*(T-1) resets (the I/O qubits between steps; the memory is never reset within a sample);
//  - forward: the whole network is ONE circuit per sample (neurons feed spikes forward
//    classically, mid-circuit), run once with one shot: the single-shot spikes of the model;
//  - `shift` (what hardware can run): per neuron and step, fresh single-step circuits:
//    1 (the unshifted p) + per parametrised rotation 2 (RX/RY/RZ) or 4 (controlled rotations:
//    the four-term rule; ShiftEstimator::shiftRules runs exactly these) + 2K
//    (SPSA over the currents, when any z_n > 0; counted always, the worst case); each
//    execution takes S shots (S = 0 means exact probabilities: a simulator only);
//  - `exact`, `exact-memory`, `bptt`: need the exact memory state or reverse mode, which a
//    device cannot give: simulator only (no executions counted).
#include "project/Project.hpp"

#include <string>
#include <vector>

namespace sqsnn {

struct PopulationHardware
{
    std::string name;
    int neurons = 0;
    int qubits = 0, ioQubits = 0, memoryQubits = 0;
    int gates = 0, twoQubitGates = 0, depth = 0;    // per step, embedding included
    int measurementsPerSample = 0, resetsPerSample = 0;
    long long shiftExecutionsPerStep = 0;           // per neuron
};

struct HardwareReport
{
    int timeSteps = 0;
    int trainSamples = 0;             // 0: the whole training split (size unknown without data)
    std::string estimator;
    int shots = 0, spsaDirections = 0;
    std::vector<PopulationHardware> populations;
    // The project under the shift estimator, per training sample and per epoch (trainSamples
    // > 0), the forward circuit included.
    long long shiftExecutionsPerSample = 0, shiftShotsPerSample = 0;
    long long shiftExecutionsPerEpoch = 0, shiftShotsPerEpoch = 0;
};

// Throws InputError if an SQS population's ansatz cannot be built.
HardwareReport hardwareReport(const Project &p);
// The report as text lines for `sqsnn info`.
std::string formatHardwareReport(const HardwareReport &r);

} // namespace sqsnn

#pragma once
// OpenQASM 3 for an SQS neuron run over T steps, with mid-circuit measurement and reset, so it
// runs on hardware services that accept OpenQASM 3 with dynamic circuits. Per step: the input
// embedding RX(pi z_n) on I/O qubit n where z_n > 0, the ansatz with its angles filled in,
// `spikes[t*N + n] = measure q[n]` for every I/O qubit, then `reset q[n]`. The memory qubits
// are never measured: they carry the state forward.
//
// The reader accepts exactly the subset the writer emits (one statement per line, comments,
// `qubit[n] q;`, `bit[m] spikes;`, stdgates.inc gate calls on q[i] with literal angles,
// `spikes[k] = measure q[i];`, `reset q[i];`) and reports the line of anything else.
#include "quantum/Circuit.hpp"

#include <string>
#include <vector>

namespace sqsnn {

struct QasmNeuronProgram
{
    std::string title;                      // written as a comment
    int ioQubits = 1;
    int memoryQubits = 0;
    Circuit circuit;                        // the ansatz on N + N_M qubits
    std::vector<double> params;             // its angles
    std::vector<std::vector<double>> inputs; // z per step per I/O qubit
};

std::string writeQasm(const QasmNeuronProgram &program);

// One parsed operation: a gate (with its resolved angle), a measurement into a bit, or a reset.
struct QasmOp
{
    enum Kind { Gate, Measure, Reset } kind = Gate;
    sqsnn::Gate gate;  // angle in gate.angle, param = -1
    int qubit = 0;     // measure / reset
    int bit = 0;       // measure
};

struct QasmProgram
{
    int qubits = 0;
    int bits = 0;
    std::vector<QasmOp> ops;
};

// Throws InputError "<source>: line L: ..." for anything outside the subset.
QasmProgram readQasm(const std::string &text, const std::string &source = "qasm");

} // namespace sqsnn

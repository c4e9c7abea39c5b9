#pragma once
// The ansatz V(theta) of an SQS neuron (model.md section 2), generated from a spec:
//   "sqs-crx" (default): per layer, CRX(theta) from every memory qubit to every I/O qubit,
//       then RX(theta) on every memory qubit, then RX(theta) on every I/O qubit.
//       Parameters per layer: N*N_M + N_M + N; for N = N_M = 1: [theta_ent, theta_mem, theta_in].
//   "hardware-efficient": per layer RY(theta) and RZ(theta) on every qubit, then a ring of CZ.
//   "custom": the gate list given by the user.
#include "quantum/Circuit.hpp"

#include <string>
#include <vector>

namespace sqsnn {

struct AnsatzSpec
{
    std::string generator = "sqs-crx"; // "sqs-crx" | "hardware-efficient" | "custom"
    int layers = 1;                    // for the generators
    std::vector<Gate> gates;           // for "custom"

    bool operator==(const AnsatzSpec &) const = default;
};

// Builds the circuit on N + N_M qubits (I/O first). Throws InputError naming the problem
// (unknown generator, layers < 1, a custom gate on a qubit out of range...).
Circuit makeAnsatz(const AnsatzSpec &spec, int ioQubits, int memoryQubits);

} // namespace sqsnn

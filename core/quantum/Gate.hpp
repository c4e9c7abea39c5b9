#pragma once
// A gate is data: its kind, its qubits and, for rotations, either the index of a trainable
// parameter or a fixed angle. Conventions (model.md): qubit 0 is the most significant bit of a
// basis index; RX(a) = exp(-i a X / 2) and likewise RY, RZ; controlled gates list
// [control, target]; CRX(a) applies RX(a) to the target when the control is |1>.
#include <optional>
#include <string>
#include <string_view>

namespace sqsnn {

enum class GateKind { RX, RY, RZ, H, X, Y, Z, S, T, CNOT, CZ, CRX, CRY, CRZ, SWAP };

struct Gate
{
    GateKind kind = GateKind::X;
    int q0 = 0;        // the qubit; for two-qubit gates the control (SWAP: the first qubit)
    int q1 = -1;       // the target of a two-qubit gate, -1 otherwise
    int param = -1;    // trainable parameter index for rotations, -1 for a fixed angle
    double angle = 0;  // the fixed angle (radians) when param < 0

    bool operator==(const Gate &) const = default;
};

std::string_view gateName(GateKind kind);
std::optional<GateKind> gateKindFromName(std::string_view name);
int gateQubitCount(GateKind kind);
bool isRotation(GateKind kind);           // RX RY RZ CRX CRY CRZ
bool isControlledRotation(GateKind kind); // CRX CRY CRZ

} // namespace sqsnn

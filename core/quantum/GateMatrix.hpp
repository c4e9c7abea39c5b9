#pragma once
// The 2x2 matrix a gate applies to its (target) qubit, and for rotations the Pauli generator:
// R(a) = exp(-i a P / 2), so dR/da = -i/2 P R. Two-qubit gates are "controlled 2x2" (CNOT = C-X,
// CZ = C-Z, CRX/CRY/CRZ) except SWAP, which the kernels treat as a permutation.
#include "quantum/Gate.hpp"
#include "quantum/Register.hpp"

#include <Eigen/Dense>

namespace sqsnn {

using Mat2 = Eigen::Matrix2cd;

Mat2 gateMatrix(GateKind kind, double angle);
// The Pauli generator of a rotation (X for RX/CRX, ...). Precondition: isRotation(kind).
Mat2 rotationGenerator(GateKind kind);

} // namespace sqsnn

#pragma once
// In-place gate kernels on raw amplitude arrays (state vectors) and on density matrices.
// No operator larger than 2x2 is ever built here. Qubit 0 is the most significant bit.
#include "quantum/GateMatrix.hpp"

#include <Eigen/Dense>

namespace sqsnn {

// A gate with its angle resolved: the 2x2 matrix u acting on `target`, applied only where the
// `control` bit is 1 (control < 0: everywhere); a SWAP exchanges `target` and `other`.
struct ResolvedGate
{
    int target = 0;
    int control = -1;
    int other = -1;
    bool swap = false;
    Mat2 u = Mat2::Identity();
};

ResolvedGate resolveGate(const Gate &g, double angle);

// v <- U v on a register of n qubits (v has 2^n entries).
void applyToVector(cplx *v, int n, const ResolvedGate &g);
// v <- U^dagger v.
void applyAdjointToVector(cplx *v, int n, const ResolvedGate &g);
// rho <- U rho U^dagger (rho is 2^n x 2^n, column-major as Eigen stores it).
void applyToDensity(Eigen::MatrixXcd &rho, int n, const ResolvedGate &g);

} // namespace sqsnn

namespace sqsnn {
// <bra| M_c |ket>, where M_c applies the 2x2 matrix m to `target` on the control = 1 subspace
// (everywhere when control < 0) and is zero elsewhere. Used for exact (adjoint) gradients.
cplx sandwich(const cplx *bra, const cplx *ket, int n, int target, int control, const Mat2 &m);
} // namespace sqsnn

#pragma once
// Fused density-matrix kernels for the noisy neuron's inner loop: one pass over the 2x2 blocks
// of a gate's target qubit instead of separate passes for relaxation, the unitary and the
// depolarising channel. Each equals the composition of the separate maps of NoiseModel.hpp
// (tests/core/quantum/NoiseModelTest.cpp checks it against them). rho must be Hermitian (a
// density matrix): only the blocks on and above the diagonal are computed, the others mirrored.
#include "quantum/Kernels.hpp"

namespace sqsnn {

// On qubit q (a one-qubit gate u, no control): B <- D_p(U R_{e1,e2}(B) U^dagger) for every
// 2x2 block B of rho on that qubit (R: relaxation with factors e1, e2; D_p: depolarising).
void noisyOneQubitGate(Eigen::MatrixXcd &rho, int n, int q, const Mat2 &u, double e1,
                       double e2, double p);
// rho <- U rho U^dagger for a resolved gate, in one pass over the target's blocks (controlled
// gates: U on the rows / columns whose control bit is 1). SWAP falls back to applyToDensity.
void unitaryToDensity(Eigen::MatrixXcd &rho, int n, const ResolvedGate &g);

} // namespace sqsnn

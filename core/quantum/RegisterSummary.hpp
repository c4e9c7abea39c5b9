#pragma once
// What the lab shows of one neuron's register just before its measurement (issue 16): the
// Bloch vector of every qubit's reduced state, the memory's reduced state with its purity and
// entropy, and the purity of the whole register. Qubits 0..N-1 are the I/O qubits (most
// significant), N..N+N_M-1 the memory; index i = s * 2^N_M + a (I/O index s, memory index a).
//
//   Bloch vector of qubit q:  r_q = (Tr X rho_q, Tr Y rho_q, Tr Z rho_q), rho_q = Tr_{not q} rho;
//                             |r_q| = 1 for a pure, unentangled qubit, < 1 when it is mixed
//                             (entangled with the other qubits, or decohered by noise);
//   memory state:             sigma = Tr_IO rho, purity Tr sigma^2, entropy -Tr sigma log2 sigma;
//   register purity:          Tr rho^2: exactly 1 on the ideal (pure) path, whatever the
//                             entanglement; below 1 only when noise has mixed the register.
// Without memory qubits sigma is the 1x1 matrix [1] (purity 1, entropy 0).
#include <Eigen/Dense>

#include <vector>

namespace sqsnn {

struct RegisterSummary
{
    std::vector<Eigen::Vector3d> bloch; // per qubit, I/O first
    Eigen::MatrixXcd memory;            // sigma (2^N_M x 2^N_M)
    double memoryPurity = 1;
    double memoryEntropy = 0;           // bits
    double registerPurity = 1;
};

// From the pure joint state psi (2^(N+N_M) amplitudes).
RegisterSummary summarizePure(const Eigen::VectorXcd &psi, int qubits, int memoryQubits);
// From the joint density matrix rho (2^(N+N_M) square).
RegisterSummary summarizeMixed(const Eigen::MatrixXcd &rho, int qubits, int memoryQubits);

} // namespace sqsnn

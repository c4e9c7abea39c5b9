#include "quantum/RegisterSummary.hpp"

#include "quantum/State.hpp"

#include <cassert>

namespace sqsnn {

RegisterSummary summarizePure(const Eigen::VectorXcd &psi, int qubits, int memoryQubits)
{
    assert(psi.size() == (Eigen::Index(1) << qubits) && memoryQubits <= qubits);
    RegisterSummary s;
    const PureState state(qubits, psi);
    for (int q = 0; q < qubits; ++q)
        s.bloch.push_back(blochVector(state.reducedQubit(q)));
    // sigma_ab = sum_s psi_sa conj(psi_sb): psi as a 2^N_M x 2^N matrix (column s).
    const Eigen::Index dimM = Eigen::Index(1) << memoryQubits;
    Eigen::Map<const Eigen::MatrixXcd> a(psi.data(), dimM, psi.size() / dimM);
    s.memory = a * a.adjoint();
    s.memoryPurity = purity(s.memory);
    s.memoryEntropy = vonNeumannEntropy(s.memory);
    // Tr rho^2 of rho = |psi><psi| is <psi|psi>^2 (1 for a normalised state).
    const double norm2 = psi.squaredNorm();
    s.registerPurity = norm2 * norm2;
    return s;
}

RegisterSummary summarizeMixed(const Eigen::MatrixXcd &rho, int qubits, int memoryQubits)
{
    assert(rho.rows() == (Eigen::Index(1) << qubits) && rho.cols() == rho.rows()
           && memoryQubits <= qubits);
    RegisterSummary s;
    const DensityMatrix state(qubits, rho);
    for (int q = 0; q < qubits; ++q)
        s.bloch.push_back(blochVector(state.reducedQubit(q)));
    // sigma_ab = sum_s rho_(s a),(s b): the partial trace over the I/O qubits.
    const Eigen::Index dimM = Eigen::Index(1) << memoryQubits, dimIo = rho.rows() / dimM;
    s.memory = Eigen::MatrixXcd::Zero(dimM, dimM);
    for (Eigen::Index io = 0; io < dimIo; ++io)
        s.memory += rho.block(io * dimM, io * dimM, dimM, dimM);
    s.memoryPurity = purity(s.memory);
    s.memoryEntropy = vonNeumannEntropy(s.memory);
    s.registerPurity = purity(rho);
    return s;
}

} // namespace sqsnn

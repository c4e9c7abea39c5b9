// RegisterSummary (what the Neuron view shows of a register) against closed forms: product
// states of given Bloch vectors, a Bell state (pure register, mixed qubits), a dephased Bell
// state (register purity 1/2 + (1 - q)^2 / 2), and no memory qubits.
#include "quantum/RegisterSummary.hpp"
#include "quantum/State.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {
using cd = std::complex<double>;

Eigen::Matrix2cd fromBloch(const Eigen::Vector3d &r)
{
    Eigen::Matrix2cd m;
    m << cd(1 + r.z(), 0), cd(r.x(), -r.y()), cd(r.x(), r.y()), cd(1 - r.z(), 0);
    return m / 2.0;
}

Eigen::MatrixXcd kron(const Eigen::MatrixXcd &a, const Eigen::MatrixXcd &b)
{
    Eigen::MatrixXcd k(a.rows() * b.rows(), a.cols() * b.cols());
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j)
            k.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
    return k;
}

double binaryEntropy(double l) { return -l * std::log2(l) - (1 - l) * std::log2(1 - l); }
} // namespace

TEST(RegisterSummary, ProductOfMixedQubitsMatchesClosedForms)
{
    const Eigen::Vector3d ra(0.3, -0.2, 0.5), rb(-0.1, 0.6, 0.25);
    const Eigen::MatrixXcd rho = kron(fromBloch(ra), fromBloch(rb));
    const RegisterSummary s = summarizeMixed(rho, 2, 1);
    ASSERT_EQ(s.bloch.size(), 2u);
    EXPECT_TRUE(s.bloch[0].isApprox(ra, 1e-14));
    EXPECT_TRUE(s.bloch[1].isApprox(rb, 1e-14));
    EXPECT_TRUE(s.memory.isApprox(fromBloch(rb), 1e-14));
    // Tr rho_q^2 = (1 + |r|^2) / 2; the register's purity is the product for a product state.
    EXPECT_NEAR(s.memoryPurity, (1 + rb.squaredNorm()) / 2, 1e-14);
    EXPECT_NEAR(s.registerPurity, (1 + ra.squaredNorm()) / 2 * (1 + rb.squaredNorm()) / 2, 1e-14);
    EXPECT_NEAR(s.memoryEntropy, binaryEntropy((1 + rb.norm()) / 2), 1e-12);
    EXPECT_LT(s.bloch[1].norm(), 1.0) << "a mixed qubit's vector lies inside the sphere";
}

TEST(RegisterSummary, BellStateIsAPureRegisterOfMixedQubits)
{
    Eigen::VectorXcd psi = Eigen::VectorXcd::Zero(4);
    psi(0) = psi(3) = 1 / std::sqrt(2.0);
    for (const RegisterSummary &s : {summarizePure(psi, 2, 1), summarizeMixed(psi * psi.adjoint(), 2, 1)}) {
        EXPECT_NEAR(s.bloch[0].norm(), 0, 1e-15);
        EXPECT_NEAR(s.bloch[1].norm(), 0, 1e-15);
        EXPECT_NEAR(s.memoryPurity, 0.5, 1e-15);
        EXPECT_NEAR(s.memoryEntropy, 1, 1e-12);
        EXPECT_NEAR(s.registerPurity, 1, 1e-15);
    }
}

TEST(RegisterSummary, DephasedBellStateLosesRegisterPurity)
{
    for (double q : {0.0, 0.25, 0.7, 1.0}) {
        Eigen::MatrixXcd rho = Eigen::MatrixXcd::Zero(4, 4);
        rho(0, 0) = rho(3, 3) = 0.5;
        rho(0, 3) = rho(3, 0) = (1 - q) / 2;
        const RegisterSummary s = summarizeMixed(rho, 2, 1);
        EXPECT_NEAR(s.registerPurity, 0.5 + (1 - q) * (1 - q) / 2, 1e-15) << q;
        EXPECT_NEAR(s.memoryPurity, 0.5, 1e-15) << "the reduced state cannot tell";
    }
}

TEST(RegisterSummary, TwoMemoryQubitsAndNoMemory)
{
    // |1> (x) |+> (x) |0>, I/O qubit first: memory = |+><+| (x) |0><0|.
    PureState st(3);
    st.apply(Gate{GateKind::X, 0});
    st.apply(Gate{GateKind::H, 1});
    const RegisterSummary s = summarizePure(st.amplitudes(), 3, 2);
    EXPECT_TRUE(s.bloch[0].isApprox(Eigen::Vector3d(0, 0, -1), 1e-14));
    EXPECT_TRUE(s.bloch[1].isApprox(Eigen::Vector3d(1, 0, 0), 1e-14));
    EXPECT_TRUE(s.bloch[2].isApprox(Eigen::Vector3d(0, 0, 1), 1e-14));
    ASSERT_EQ(s.memory.rows(), 4);
    EXPECT_TRUE(s.memory.isApprox(kron(fromBloch({1, 0, 0}), fromBloch({0, 0, 1})), 1e-14));
    const RegisterSummary m = summarizeMixed(st.density(), 3, 2);
    EXPECT_TRUE(m.memory.isApprox(s.memory, 1e-14));
    EXPECT_NEAR(m.registerPurity, 1, 1e-14);

    const RegisterSummary none = summarizeMixed(fromBloch({0, 0, 0.2}), 1, 0);
    ASSERT_EQ(none.memory.rows(), 1);
    EXPECT_NEAR(none.memory(0, 0).real(), 1, 1e-15);
    EXPECT_NEAR(none.memoryPurity, 1, 1e-15);
    EXPECT_NEAR(none.registerPurity, (1 + 0.04) / 2, 1e-15);
}

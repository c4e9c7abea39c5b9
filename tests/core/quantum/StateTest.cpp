// Partial trace, reduced states, Bloch vectors, probabilities, measurement, purity, entropy,
// and the size limit.
#include "common/Error.hpp"
#include "quantum/State.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {
PureState bell()
{
    PureState s(2);
    s.apply(Gate{GateKind::H, 0});
    s.apply(Gate{GateKind::CNOT, 0, 1});
    return s;
}
} // namespace

TEST(State, BlochVectorsOfKnownStates)
{
    PureState plus(1);
    plus.apply(Gate{GateKind::H, 0});
    EXPECT_TRUE(blochVector(plus.reducedQubit(0)).isApprox(Eigen::Vector3d(1, 0, 0), 1e-14));
    PureState plusI(1);
    plusI.apply(Gate{GateKind::H, 0});
    plusI.apply(Gate{GateKind::S, 0});
    EXPECT_TRUE(blochVector(plusI.reducedQubit(0)).isApprox(Eigen::Vector3d(0, 1, 0), 1e-14));
    PureState one(1);
    one.apply(Gate{GateKind::X, 0});
    EXPECT_TRUE(blochVector(one.reducedQubit(0)).isApprox(Eigen::Vector3d(0, 0, -1), 1e-14));
    // RY(a)|0> has Bloch vector (sin a, 0, cos a).
    PureState ry(1);
    ry.apply(Gate{GateKind::RY, 0}, 0.9);
    EXPECT_TRUE(blochVector(ry.reducedQubit(0))
                    .isApprox(Eigen::Vector3d(std::sin(0.9), 0, std::cos(0.9)), 1e-14));
}

TEST(State, BellStateReducesToMaximallyMixedQubits)
{
    const PureState b = bell();
    for (int q = 0; q < 2; ++q) {
        EXPECT_NEAR(blochVector(b.reducedQubit(q)).norm(), 0.0, 1e-14);
        const DensityMatrix red = DensityMatrix(2, b.density()).partialTrace({q});
        EXPECT_TRUE(red.matrix().isApprox(Eigen::MatrixXcd::Identity(2, 2) * 0.5, 1e-14));
        EXPECT_NEAR(red.purity(), 0.5, 1e-14);
        EXPECT_NEAR(red.entropy(), 1.0, 1e-12);
    }
    EXPECT_NEAR(DensityMatrix(2, b.density()).purity(), 1.0, 1e-14);
    EXPECT_NEAR(DensityMatrix(2, b.density()).entropy(), 0.0, 1e-9);
}

TEST(State, PartialTraceKeepsOrderAndProductFactors)
{
    // |0> (x) |+> (x) |1>: keep [2, 1] gives |1> (x) |+>.
    PureState s(3);
    s.apply(Gate{GateKind::H, 1});
    s.apply(Gate{GateKind::X, 2});
    const DensityMatrix r = DensityMatrix(3, s.density()).partialTrace({2, 1});
    Eigen::VectorXcd expect(4);
    expect << 0, 0, 1 / std::sqrt(2.0), 1 / std::sqrt(2.0);
    EXPECT_TRUE(r.matrix().isApprox(expect * expect.adjoint(), 1e-14));
    EXPECT_TRUE(r.reducedQubit(0).isApprox(DensityMatrix(3, s.density()).reducedQubit(2), 1e-14));
}

TEST(State, SubsetProbabilitiesReadFirstListedQubitAsMostSignificant)
{
    PureState s(3);
    s.apply(Gate{GateKind::X, 2}); // |001>
    EXPECT_EQ(s.probabilities({2, 0}), (std::vector<double>{0, 0, 1, 0}));
    EXPECT_EQ(s.probabilities({0, 2}), (std::vector<double>{0, 1, 0, 0}));
    const DensityMatrix d(3, s.density());
    EXPECT_EQ(d.probabilities({2}), (std::vector<double>{0, 1}));
}

TEST(State, MeasurementCollapsesAndFollowsBornRule)
{
    Rng rng(11);
    int ones = 0;
    const int shots = 20000;
    for (int i = 0; i < shots; ++i) {
        PureState s(2);
        s.apply(Gate{GateKind::RY, 0}, 2 * std::asin(std::sqrt(0.3)));
        s.apply(Gate{GateKind::CNOT, 0, 1});
        const int r = s.measure({0}, rng);
        ones += r;
        // Post-measurement: qubit 1 is perfectly correlated.
        EXPECT_NEAR(s.probabilities({1})[r], 1.0, 1e-12);
    }
    const double sigma = std::sqrt(0.3 * 0.7 / shots);
    EXPECT_NEAR(ones / double(shots), 0.3, 5 * sigma);

    DensityMatrix d(2, bell().density());
    const int r = d.measure({1}, rng);
    EXPECT_NEAR(d.probabilities({0})[r], 1.0, 1e-12);
    EXPECT_NEAR(d.matrix().trace().real(), 1.0, 1e-12);
}

TEST(State, SizeLimitIsRefusedWithTheMemoryItWouldTake)
{
    EXPECT_NO_THROW(PureState(12));
    try {
        PureState s(40);
        FAIL();
    } catch (const InputError &e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("40 qubits"), std::string::npos) << m;
        EXPECT_NE(m.find("limit of 12"), std::string::npos) << m;
        EXPECT_NE(m.find("16 TiB"), std::string::npos) << m; // 2^40 * 16 bytes
    }
    EXPECT_THROW(DensityMatrix(13), InputError);
    EXPECT_THROW(PureState(0), InputError);
}

// Every gate against its textbook matrix, and the in-place kernels against full operators.
#include "common/Error.hpp"
#include "quantum/Circuit.hpp"
#include "quantum/Kernels.hpp"
#include "quantum/State.hpp"
#include "reference/NaiveNeuron.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {
const cplx I1(0, 1);

Eigen::MatrixXcd textbook(GateKind k, double a)
{
    const double c = std::cos(a / 2), s = std::sin(a / 2), r = 1 / std::sqrt(2.0);
    Eigen::MatrixXcd m;
    auto mk = [](std::initializer_list<cplx> v, int d) {
        Eigen::MatrixXcd x(d, d);
        int i = 0;
        for (cplx e : v) {
            x(i / d, i % d) = e;
            ++i;
        }
        return x;
    };
    switch (k) {
    case GateKind::RX: return mk({c, -I1 * s, -I1 * s, c}, 2);
    case GateKind::RY: return mk({c, -s, s, c}, 2);
    case GateKind::RZ: return mk({std::exp(-I1 * a / 2.0), 0, 0, std::exp(I1 * a / 2.0)}, 2);
    case GateKind::H: return mk({r, r, r, -r}, 2);
    case GateKind::X: return mk({0, 1, 1, 0}, 2);
    case GateKind::Y: return mk({0, -I1, I1, 0}, 2);
    case GateKind::Z: return mk({1, 0, 0, -1}, 2);
    case GateKind::S: return mk({1, 0, 0, I1}, 2);
    case GateKind::T: return mk({1, 0, 0, std::exp(I1 * M_PI / 4.0)}, 2);
    case GateKind::CNOT: return mk({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0}, 4);
    case GateKind::CZ: return mk({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1}, 4);
    case GateKind::CRX: return mk({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, c, -I1 * s, 0, 0, -I1 * s, c}, 4);
    case GateKind::CRY: return mk({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, c, -s, 0, 0, s, c}, 4);
    case GateKind::CRZ:
        return mk({1, 0, 0, 0, 0, 1, 0, 0, 0, 0, std::exp(-I1 * a / 2.0), 0, 0, 0, 0,
                   std::exp(I1 * a / 2.0)},
                  4);
    case GateKind::SWAP: return mk({1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1}, 4);
    }
    return m;
}

const GateKind kAll[] = {GateKind::RX, GateKind::RY, GateKind::RZ,  GateKind::H,   GateKind::X,
                         GateKind::Y,  GateKind::Z,  GateKind::S,   GateKind::T,   GateKind::CNOT,
                         GateKind::CZ, GateKind::CRX, GateKind::CRY, GateKind::CRZ, GateKind::SWAP};
} // namespace

TEST(Gate, EveryGateMatchesItsTextbookMatrix)
{
    for (GateKind k : kAll) {
        const double a = 0.731;
        const int q = gateQubitCount(k);
        Circuit c{q, {Gate{k, 0, q == 2 ? 1 : -1, isRotation(k) ? 0 : -1, 0.0}}};
        const std::vector<double> params{a};
        const Eigen::MatrixXcd u = compileUnitary(c, params);
        EXPECT_TRUE(u.isApprox(textbook(k, a), 1e-12)) << gateName(k) << "\n" << u;
        EXPECT_TRUE((u * u.adjoint()).isIdentity(1e-12)) << gateName(k);
    }
}

TEST(Gate, ControlledGatesRespectControlAndTargetOrder)
{
    // CNOT with control 1, target 0 on |01> (qubit 1 = 1) gives |11>.
    PureState s(2);
    s.apply(Gate{GateKind::X, 1});
    s.apply(Gate{GateKind::CNOT, 1, 0});
    EXPECT_NEAR(std::norm(s.amplitudes()(3)), 1.0, 1e-14);
}

TEST(Gate, NamesRoundTrip)
{
    for (GateKind k : kAll)
        EXPECT_EQ(gateKindFromName(gateName(k)), k);
    EXPECT_FALSE(gateKindFromName("FOO").has_value());
}

TEST(Kernels, VectorAndDensityKernelsMatchFullOperatorsOnRandomCircuits)
{
    Rng rng(5);
    for (int trial = 0; trial < 40; ++trial) {
        const int n = 2 + int(rng.below(4));
        Circuit c{n, {}};
        for (int g = 0; g < 12; ++g) {
            const GateKind k = kAll[rng.below(15)];
            const int a = int(rng.below(n));
            int b = int(rng.below(n - 1));
            if (b >= a)
                ++b;
            c.gates.push_back(
                Gate{k, a, gateQubitCount(k) == 2 ? b : -1, -1, rng.uniform(-4, 4)});
        }
        Eigen::MatrixXcd full = Eigen::MatrixXcd::Identity(1 << n, 1 << n);
        for (const auto &g : c.gates)
            full = naive::fullGate(g, g.angle, n) * full;
        EXPECT_TRUE(compileUnitary(c, {}).isApprox(full, 1e-11));

        Eigen::VectorXcd v = Eigen::VectorXcd::Random(1 << n);
        v.normalize();
        PureState ps(n, v);
        ps.apply(c, {});
        EXPECT_TRUE(ps.amplitudes().isApprox(full * v, 1e-11));

        DensityMatrix dm(n, v * v.adjoint());
        dm.apply(c, {});
        EXPECT_TRUE(dm.matrix().isApprox(full * v * v.adjoint() * full.adjoint(), 1e-11));

        // The adjoint kernel undoes the gate.
        Eigen::VectorXcd w = v;
        for (const auto &g : c.gates)
            applyToVector(w.data(), n, resolveGate(g, g.angle));
        for (std::size_t i = c.gates.size(); i-- > 0;)
            applyAdjointToVector(w.data(), n, resolveGate(c.gates[i], c.gates[i].angle));
        EXPECT_TRUE(w.isApprox(v, 1e-11));
    }
}

TEST(Circuit, ValidationNamesTheGateAndQubit)
{
    Circuit c{2, {Gate{GateKind::CRX, 0, 2, 0}}};
    try {
        c.validate("/ansatz/gates");
        FAIL() << "expected an error";
    } catch (const InputError &e) {
        EXPECT_STREQ(e.what(), "/ansatz/gates/0 (CRX): qubit 2 is out of range 0..1");
    }
    Circuit d{2, {Gate{GateKind::H, 0, -1, 3}}};
    EXPECT_THROW(d.validate(), InputError);
    Circuit e{2, {Gate{GateKind::CZ, 1, 1}}};
    EXPECT_THROW(e.validate(), InputError);
}

TEST(Circuit, ParamCountAndMissingParameters)
{
    Circuit c{1, {Gate{GateKind::RX, 0, -1, 2}, Gate{GateKind::RY, 0, -1, -1, 0.3}}};
    EXPECT_EQ(c.paramCount(), 3);
    const std::vector<double> two{0.1, 0.2};
    EXPECT_THROW(compileUnitary(c, two), InputError);
}

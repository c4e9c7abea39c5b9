// The noise channels of quantum/NoiseModel.hpp against their closed forms on the Bloch vector,
// against textbook Kraus sums (tests/reference/NaiveNoise.hpp) on random multi-qubit states,
// and the `noise` object's presets, round trip and validation messages.
#include "common/Error.hpp"
#include "quantum/NoiseModel.hpp"
#include "quantum/NoisyGateKernels.hpp"
#include "quantum/State.hpp"
#include "reference/NaiveNoise.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

Eigen::MatrixXcd fromBloch(const Eigen::Vector3d &r)
{
    Eigen::MatrixXcd rho(2, 2);
    rho << (1 + r.z()) / 2, cplx(r.x(), -r.y()) / 2.0, cplx(r.x(), r.y()) / 2.0, (1 - r.z()) / 2;
    return rho;
}

Eigen::Vector3d bloch(const Eigen::MatrixXcd &rho1)
{
    return blochVector(Mat2(rho1));
}

Eigen::Vector3d randomBloch(Rng &rng)
{
    Eigen::Vector3d r(rng.normal(0, 1), rng.normal(0, 1), rng.normal(0, 1));
    return r.normalized() * rng.uniform(0.2, 1.0);
}

// A random mixed state of n qubits: a random Gram matrix, normalised.
Eigen::MatrixXcd randomDensity(int n, Rng &rng)
{
    const int d = 1 << n;
    Eigen::MatrixXcd A(d, d);
    for (int i = 0; i < d; ++i)
        for (int j = 0; j < d; ++j)
            A(i, j) = cplx(rng.normal(0, 1), rng.normal(0, 1));
    Eigen::MatrixXcd rho = A * A.adjoint();
    return rho / rho.trace().real();
}

std::string messageOf(const nlohmann::json &j)
{
    try {
        noiseFromJson(j, "/noise");
    } catch (const InputError &e) {
        return e.what();
    }
    return "(accepted)";
}

} // namespace

TEST(NoiseChannels, DepolarisingScalesTheBlochVector)
{
    Rng rng(1);
    for (int trial = 0; trial < 50; ++trial) {
        const Eigen::Vector3d r = randomBloch(rng);
        const double p = rng.uniform(0, 0.75);
        Eigen::MatrixXcd rho = fromBloch(r);
        depolarize1(rho, 1, 0, p);
        EXPECT_TRUE(bloch(rho).isApprox((1 - 4 * p / 3) * r, 1e-12)) << "p = " << p;
        EXPECT_NEAR(rho.trace().real(), 1.0, 1e-14);
    }
}

TEST(NoiseChannels, TwoQubitDepolarisingIsTheFifteenPauliMixture)
{
    Rng rng(2);
    for (int trial = 0; trial < 20; ++trial) {
        const Eigen::MatrixXcd rho0 = randomDensity(2, rng);
        const double p = rng.uniform(0, 15.0 / 16);
        Eigen::MatrixXcd rho = rho0;
        depolarize2(rho, 2, 0, 1, p);
        // Closed form on two qubits: (1 - 16p/15) rho + (16p/15) I/4.
        const Eigen::MatrixXcd expect = (1 - 16 * p / 15) * rho0
                                        + (16 * p / 15) * Eigen::MatrixXcd::Identity(4, 4) / 4.0;
        EXPECT_TRUE(rho.isApprox(expect, 1e-12));
        EXPECT_TRUE(rho.isApprox(naive::depol2(rho0, 0, 1, 2, p), 1e-12));
    }
}

TEST(NoiseChannels, AmplitudeDampingAndDephasingFollowT1AndT2)
{
    Rng rng(3);
    for (int trial = 0; trial < 50; ++trial) {
        const Eigen::Vector3d r = randomBloch(rng);
        NoiseModel m;
        m.t1Us = rng.uniform(5, 100);
        const double ns = rng.uniform(10, 50000), t = ns * 1e-3;
        // T1 only: z -> 1 - (1 - z) e^{-t/T1}, x, y -> e^{-t/(2 T1)}.
        Eigen::MatrixXcd rho = fromBloch(r);
        relaxAll(rho, 1, m, ns);
        const double e1 = std::exp(-t / m.t1Us);
        Eigen::Vector3d expect(r.x() * std::exp(-t / (2 * m.t1Us)),
                               r.y() * std::exp(-t / (2 * m.t1Us)), 1 - (1 - r.z()) * e1);
        EXPECT_TRUE(bloch(rho).isApprox(expect, 1e-12));
        // With T2 <= 2 T1: x, y -> e^{-t/T2}; z as before.
        m.t2Us = rng.uniform(0.1, 2.0) * m.t1Us;
        rho = fromBloch(r);
        relaxAll(rho, 1, m, ns);
        expect.x() = r.x() * std::exp(-t / m.t2Us);
        expect.y() = r.y() * std::exp(-t / m.t2Us);
        EXPECT_TRUE(bloch(rho).isApprox(expect, 1e-12));
        // Pure dephasing alone (T1 off): z is kept.
        NoiseModel d;
        d.t2Us = m.t2Us;
        rho = fromBloch(r);
        relaxAll(rho, 1, d, ns);
        EXPECT_TRUE(bloch(rho).isApprox(Eigen::Vector3d(r.x() * std::exp(-t / d.t2Us),
                                                        r.y() * std::exp(-t / d.t2Us), r.z()),
                                        1e-12));
    }
}

// On one qubit of a random mixed register the local kernels equal the textbook Kraus sums.
TEST(NoiseChannels, LocalKernelsMatchKrausSumsOnRandomRegisters)
{
    Rng rng(4);
    for (int n = 2; n <= 5; ++n) {
        const Eigen::MatrixXcd rho0 = randomDensity(n, rng);
        const int q = int(rng.below(n));
        int q1 = int(rng.below(n - 1));
        if (q1 >= q)
            ++q1;
        const double p = rng.uniform(0, 0.5);
        Eigen::MatrixXcd a = rho0;
        depolarize1(a, n, q, p);
        EXPECT_TRUE(a.isApprox(naive::depol1(rho0, q, n, p), 1e-12)) << "n = " << n;
        a = rho0;
        depolarize2(a, n, q, q1, p);
        EXPECT_TRUE(a.isApprox(naive::depol2(rho0, q, q1, n, p), 1e-12)) << "n = " << n;
        NoiseModel m;
        m.t1Us = 20;
        m.t2Us = 15;
        naive::NaiveNoise nn;
        nn.T1 = 20;
        nn.T2 = 15;
        a = rho0;
        relaxAll(a, n, m, 3000);
        EXPECT_TRUE(a.isApprox(naive::relaxEvery(rho0, n, nn, 3000), 1e-12)) << "n = " << n;
    }
}

TEST(NoiseChannels, ReadoutConditionalIsAProbabilityOverReports)
{
    NoiseModel m;
    m.readoutP01 = 0.03;
    m.readoutP10 = 0.08;
    for (int N = 1; N <= 3; ++N)
        for (int s = 0; s < (1 << N); ++s) {
            double total = 0;
            for (int r = 0; r < (1 << N); ++r)
                total += readoutConditional(m, N, r, s);
            EXPECT_NEAR(total, 1.0, 1e-14);
        }
    EXPECT_DOUBLE_EQ(readoutConditional(m, 1, 1, 0), 0.03);
    EXPECT_DOUBLE_EQ(readoutConditional(m, 1, 0, 1), 0.08);
    EXPECT_DOUBLE_EQ(readoutConditional(m, 2, 0b10, 0b11), 0.92 * 0.08);
}

TEST(NoiseJson, PresetsRoundTripAndKeysOverridePresets)
{
    for (const char *name : {"superconducting", "neutral-atom"}) {
        const NoiseModel m = noisePreset(name);
        EXPECT_TRUE(m.enabled());
        EXPECT_NO_THROW(m.validate("/noise"));
        EXPECT_EQ(noiseFromJson(noiseToJson(m), "/noise"), m) << name;
    }
    const NoiseModel m = noiseFromJson({{"preset", "superconducting"}, {"t1_us", 50}}, "/noise");
    EXPECT_EQ(m.t1Us, 50);
    EXPECT_EQ(m.depolarizing2q, noisePreset("superconducting").depolarizing2q);
    EXPECT_EQ(noiseFromJson(noiseToJson(m), "/noise"), m);
    // No key: no noise (the ideal path).
    EXPECT_FALSE(noiseFromJson(nlohmann::json::object(), "/noise").enabled());
    EXPECT_TRUE(noiseFromJson({{"t1_us", 30}}, "/noise").enabled());
}

TEST(NoiseJson, BadValuesGetOneLineNamingTheKey)
{
    EXPECT_EQ(messageOf({{"depolarizing_1q", 1.5}}),
              "/noise/depolarizing_1q: must be a probability in [0, 1], got 1.5");
    EXPECT_EQ(messageOf({{"readout_p01", -0.1}}),
              "/noise/readout_p01: must be a probability in [0, 1], got -0.1");
    EXPECT_EQ(messageOf({{"t1_us", 10}, {"t2_us", 30}}),
              "/noise/t2_us: must be at most 2 * t1_us = 20 (T2 <= 2 T1 for any physical qubit), "
              "got 30");
    EXPECT_EQ(messageOf({{"t1_us", 0}}),
              "/noise/t1_us: must be a time > 0 in microseconds (leave it out for none), got 0");
    EXPECT_EQ(messageOf({{"gate_ns_2q", -5}}),
              "/noise/gate_ns_2q: must be a finite duration >= 0 in nanoseconds, got -5");
    EXPECT_EQ(messageOf({{"idle_ns", "long"}}),
              "/noise/idle_ns: must be a finite number, got \"long\"");
    EXPECT_EQ(messageOf({{"preset", "trapped-ion"}}),
              "/noise/preset: must be \"superconducting\" or \"neutral-atom\", got \"trapped-ion\"");
    EXPECT_EQ(messageOf({{"t1", 10}}).substr(0, 33), "/noise/t1: unknown noise key (exp");
    EXPECT_EQ(messageOf(3), "/noise: must be an object of noise settings (see "
                            "docs/project-format.md, \"noise\")");
    EXPECT_EQ(messageOf({{"depolarizing_1q", 0.8}}),
              "/noise/depolarizing_1q: must be at most 3/4 (complete depolarisation), got 0.8");
    EXPECT_EQ(messageOf({{"readout_p01", 0.6}, {"readout_p10", 0.5}}).substr(0, 47),
              "/noise/readout_p10: readout_p01 + readout_p10 m");
}

// The fused kernels of NoisyGateKernels.hpp equal the separate maps they replace.
TEST(NoiseChannels, FusedKernelsEqualTheSeparateMaps)
{
    Rng rng(8);
    for (int n = 1; n <= 5; ++n)
        for (int trial = 0; trial < 4; ++trial) {
            const Eigen::MatrixXcd rho0 = randomDensity(n, rng);
            const int q = int(rng.below(n));
            const Gate g{GateKind::RY, q, -1, -1, 0};
            const ResolvedGate r = resolveGate(g, rng.uniform(-3, 3));
            const double e1 = rng.uniform(0.5, 1), e2 = rng.uniform(0.3, 1) * std::sqrt(e1);
            const double p = rng.uniform(0, 0.5);
            Eigen::MatrixXcd fused = rho0, separate = rho0;
            noisyOneQubitGate(fused, n, q, r.u, e1, e2, p);
            relaxQubit(separate, n, q, e1, e2);
            applyToDensity(separate, n, r);
            depolarize1(separate, n, q, p);
            EXPECT_TRUE(fused.isApprox(separate, 1e-12)) << "n = " << n;
            if (n < 2)
                continue;
            int c = int(rng.below(n - 1));
            if (c >= q)
                ++c;
            for (GateKind k : {GateKind::CRX, GateKind::CNOT, GateKind::CRZ, GateKind::SWAP}) {
                const ResolvedGate rc = resolveGate(Gate{k, c, q, -1, 0}, rng.uniform(-3, 3));
                Eigen::MatrixXcd a = rho0, b = rho0;
                unitaryToDensity(a, n, rc);
                applyToDensity(b, n, rc);
                EXPECT_TRUE(a.isApprox(b, 1e-12)) << "n = " << n;
            }
        }
}

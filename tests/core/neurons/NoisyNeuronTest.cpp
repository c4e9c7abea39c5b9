// The SQS neuron on the density path under noise (neurons/SqsNoisyNeuron.hpp): against an
// independent naive full-density-matrix Kraus implementation on random circuits (N_tot up to
// 6), the readout-error memory update against the mixture formula built from the ideal
// neuron's Kraus operators, the zero-noise limit, and the parameter-shift gradients against
// finite differences.
#include "common/Error.hpp"
#include "neurons/SqsNoisyNeuron.hpp"
#include "quantum/State.hpp"
#include "reference/NaiveNoise.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

Circuit randomCircuit(int n, Rng &rng, int &params)
{
    const GateKind kinds[] = {GateKind::RX,  GateKind::RY,   GateKind::RZ, GateKind::H,
                              GateKind::X,   GateKind::Y,    GateKind::Z,  GateKind::S,
                              GateKind::T,   GateKind::CNOT, GateKind::CZ, GateKind::CRX,
                              GateKind::CRY, GateKind::CRZ,  GateKind::SWAP};
    Circuit c{n, {}};
    params = 0;
    const int count = 2 * n + int(rng.below(5));
    for (int i = 0; i < count; ++i) {
        const GateKind k = kinds[rng.below(15)];
        const int a = int(rng.below(n));
        int b = int(rng.below(n - 1));
        if (b >= a)
            ++b;
        Gate g{k, a, gateQubitCount(k) == 2 ? b : -1, -1, 0.0};
        if (isRotation(k)) {
            if (rng.bernoulli(0.8))
                g.param = params++;
            else
                g.angle = rng.uniform(-3, 3);
        }
        c.gates.push_back(g);
    }
    return c;
}

// A noise model with every channel on, random strengths.
void randomNoise(Rng &rng, NoiseModel &m, naive::NaiveNoise &nn)
{
    m.depolarizing1q = nn.p1 = rng.uniform(0, 0.05);
    m.depolarizing2q = nn.p2 = rng.uniform(0, 0.1);
    m.t1Us = nn.T1 = rng.uniform(5, 50);
    m.t2Us = nn.T2 = rng.uniform(0.2, 2.0) * m.t1Us;
    m.gateNs1q = nn.ns1 = rng.uniform(10, 200);
    m.gateNs2q = nn.ns2 = rng.uniform(10, 500);
    m.idleNs = nn.idle = rng.uniform(0, 3000);
    m.readoutP01 = nn.p01 = rng.uniform(0, 0.1);
    m.readoutP10 = nn.p10 = rng.uniform(0, 0.1);
}

} // namespace

TEST(SqsNoisyNeuron, MatchesNaiveKrausDensityMatricesOnRandomCircuits)
{
    Rng rng(16);
    for (int ntot = 1; ntot <= 6; ++ntot) {
        for (int trial = 0; trial < (ntot <= 4 ? 6 : 2); ++trial) {
            const int N = 1 + int(rng.below(std::min(ntot, 3)));
            const int M = ntot - N;
            int params = 0;
            const Circuit c = ntot >= 2 ? randomCircuit(ntot, rng, params)
                                        : Circuit{1, {Gate{GateKind::RY, 0, -1, 0, 0}}};
            params = c.paramCount();
            std::vector<double> theta(params);
            for (auto &t : theta)
                t = rng.uniform(-4, 4);
            NoiseModel m;
            naive::NaiveNoise nn;
            randomNoise(rng, m, nn);
            SqsNoisyNeuron n(N, M, c, m);
            n.setParameters(theta);
            naive::NaiveNeuron ref{N, M, c.gates, theta, {}};
            SqsNoisyNeuron::Workspace w(n);
            Eigen::MatrixXcd sigma = n.initialMemory(), sigmaRef = sigma;
            std::vector<double> p(n.outcomes());
            for (int t = 0; t < 5; ++t) {
                std::vector<double> z(N);
                for (auto &v : z)
                    v = rng.uniform(-0.5, 1.2);
                const int r = int(rng.below(n.outcomes()));
                n.step(z.data(), sigma, rng, p.data(), w, r);
                const std::vector<double> pRef = naive::noisyStep(ref, nn, z, sigmaRef, r);
                for (int s = 0; s < n.outcomes(); ++s)
                    ASSERT_NEAR(p[s], pRef[s], 1e-10) << "N_tot " << ntot << " step " << t;
                ASSERT_TRUE(sigma.isApprox(sigmaRef, 1e-9)) << "N_tot " << ntot << " step " << t;
                ASSERT_NEAR(sigma.trace().real(), 1.0, 1e-12);
            }
        }
    }
}

// Readout error only: sigma' = sum_s Q(r|s) K_s sigma K_s^dagger / P(r) with the ideal neuron's
// Kraus operators K_s (the formula), and the memory becomes mixed.
TEST(SqsNoisyNeuron, ReadoutErrorUpdatesTheMemoryByTheMixtureFormula)
{
    Rng rng(5);
    for (int trial = 0; trial < 10; ++trial) {
        const int N = 1 + int(rng.below(2)), M = 1 + int(rng.below(2));
        SqsNeuron ideal(N, M, AnsatzSpec{});
        std::vector<double> theta(ideal.paramCount());
        for (auto &t : theta)
            t = rng.uniform(0, 6.28);
        ideal.setParameters(theta);
        NoiseModel m;
        m.readoutP01 = rng.uniform(0.01, 0.2);
        m.readoutP10 = rng.uniform(0.01, 0.2);
        SqsNoisyNeuron n(N, M, ideal.circuit(), m);
        n.setParameters(theta);
        SqsNoisyNeuron::Workspace w(n);
        Eigen::MatrixXcd sigma = n.initialMemory(), expect = sigma;
        std::vector<double> p(n.outcomes());
        for (int t = 0; t < 6; ++t) {
            std::vector<double> z(N);
            for (auto &v : z)
                v = rng.uniform(0, 1);
            const int r = int(rng.below(n.outcomes()));
            n.step(z.data(), sigma, rng, p.data(), w, r);
            Eigen::MatrixXcd mix = Eigen::MatrixXcd::Zero(n.memoryDim(), n.memoryDim());
            double P = 0;
            for (int s = 0; s < n.outcomes(); ++s) {
                const Eigen::MatrixXcd K = ideal.kraus(z.data(), s);
                double q = 1;
                for (int b = 0; b < N; ++b) {
                    const int rb = (r >> b) & 1, sb = (s >> b) & 1;
                    q *= sb ? (rb ? 1 - m.readoutP10 : m.readoutP10)
                            : (rb ? m.readoutP01 : 1 - m.readoutP01);
                }
                const Eigen::MatrixXcd KsK = K * expect * K.adjoint();
                mix += q * KsK;
                P += q * KsK.trace().real();
            }
            ASSERT_NEAR(p[r], P, 1e-12);
            expect = mix / P;
            ASSERT_TRUE(sigma.isApprox(expect, 1e-11)) << "trial " << trial << " step " << t;
        }
        EXPECT_LT(purity(sigma), 1 - 1e-6) << "readout error must mix the memory";
    }
}

// With a model that does nothing the density path reproduces the ideal neuron.
TEST(SqsNoisyNeuron, ZeroNoiseReproducesTheIdealNeuron)
{
    Rng rng(6);
    SqsNeuron ideal(2, 2, AnsatzSpec{});
    std::vector<double> theta(ideal.paramCount());
    for (auto &t : theta)
        t = rng.uniform(0, 6.28);
    ideal.setParameters(theta);
    SqsNoisyNeuron n(2, 2, ideal.circuit(), NoiseModel{});
    n.setParameters(theta);
    SqsNeuron::Workspace wi(ideal);
    SqsNoisyNeuron::Workspace w(n);
    Eigen::VectorXcd mem = ideal.initialMemory();
    Eigen::MatrixXcd sigma = n.initialMemory();
    for (int t = 0; t < 8; ++t) {
        const double z[2] = {rng.uniform(-0.3, 1), rng.uniform(-0.3, 1)};
        double p[4], q[4];
        const int s = ideal.step(z, mem.data(), rng, p, wi);
        n.step(z, sigma, rng, q, w, s);
        for (int k = 0; k < 4; ++k)
            ASSERT_NEAR(p[k], q[k], 1e-12);
        ASSERT_TRUE(sigma.isApprox(mem * mem.adjoint(), 1e-10));
    }
}

// Under T1 alone with idle time the memory relaxes to |0> and its purity first falls.
TEST(SqsNoisyNeuron, IdleRelaxationDrivesTheMemoryToGround)
{
    NoiseModel m;
    m.t1Us = 10;
    m.t2Us = 5;
    m.gateNs1q = m.gateNs2q = 0;
    m.idleNs = 2000;
    // Memory rotated to |+y> by a fixed RX(pi/2) on the memory, only at the first step.
    SqsNoisyNeuron n(1, 1, Circuit{2, {}}, m);
    Eigen::MatrixXcd sigma(2, 2);
    sigma << 0.5, cplx(0, 0.5), cplx(0, -0.5), 0.5;
    SqsNoisyNeuron::Workspace w(n);
    Rng rng(0);
    double p[2];
    const double z = 0;
    const Eigen::Vector3d r0 = blochVector(Mat2(sigma));
    for (int t = 1; t <= 10; ++t) {
        n.step(&z, sigma, rng, p, w, 0);
        const Eigen::Vector3d r = blochVector(Mat2(sigma));
        const double ts = 2.0 * t;
        EXPECT_NEAR(r.y(), r0.y() * std::exp(-ts / 5), 1e-12);
        EXPECT_NEAR(r.z(), 1 - std::exp(-ts / 10), 1e-12);
    }
}

// Parameter-shift derivatives on the density path against central finite differences.
TEST(SqsNoisyNeuron, ShiftRuleGradientsMatchFiniteDifferences)
{
    Rng rng(7);
    for (int trial = 0; trial < 6; ++trial) {
        const int N = 1 + int(rng.below(2)), M = 1 + int(rng.below(2));
        int params = 0;
        const Circuit c = randomCircuit(N + M, rng, params);
        std::vector<double> theta(c.paramCount());
        for (auto &t : theta)
            t = rng.uniform(-3, 3);
        NoiseModel m;
        naive::NaiveNoise nn;
        randomNoise(rng, m, nn);
        SqsNoisyNeuron n(N, M, c, m);
        n.setParameters(theta);
        SqsNoisyNeuron::Workspace w(n);
        // A mixed incoming memory (two noisy steps in).
        Eigen::MatrixXcd sigma = n.initialMemory();
        std::vector<double> p(n.outcomes());
        std::vector<double> z(N, 0.6);
        n.step(z.data(), sigma, rng, p.data(), w);
        n.step(z.data(), sigma, rng, p.data(), w);
        for (auto &v : z)
            v = rng.uniform(0.1, 1.0);
        const int r = int(rng.below(n.outcomes()));
        std::vector<double> dTheta(theta.size()), dPhi(N);
        n.probabilityGradient(z.data(), sigma, r, w, dTheta.data(), dPhi.data());
        const double h = 1e-5;
        for (std::size_t k = 0; k < theta.size(); ++k) {
            auto th = theta;
            th[k] += h;
            n.setParameters(th);
            const double up = n.probability(z.data(), sigma, r, {}, w);
            th[k] -= 2 * h;
            n.setParameters(th);
            const double dn = n.probability(z.data(), sigma, r, {}, w);
            n.setParameters(theta);
            EXPECT_NEAR(dTheta[k], (up - dn) / (2 * h), 1e-8) << "trial " << trial << " k " << k;
        }
        for (int q = 0; q < N; ++q) {
            auto zz = z;
            zz[q] += h;
            const double up = n.probability(zz.data(), sigma, r, {}, w);
            zz[q] -= 2 * h;
            const double dn = n.probability(zz.data(), sigma, r, {}, w);
            EXPECT_NEAR(M_PI * dPhi[q], (up - dn) / (2 * h), 1e-8) << "trial " << trial;
        }
    }
}

TEST(SqsNoisyNeuron, RefusesRegistersTooLargeForTheDensityPath)
{
    try {
        SqsNoisyNeuron n(3, 8, Circuit{11, {}}, noisePreset("superconducting"));
        FAIL() << "accepted 11 qubits";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("at most 10 qubits"), std::string::npos) << e.what();
    }
}

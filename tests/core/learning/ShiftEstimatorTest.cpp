// The shift estimator: with S = 0 it equals the exact derivatives on fresh circuits (two- and
// four-term rules, shared parameters); with finite S its probability-gradient estimate is
// unbiased within statistical bounds.
#include "learning/ShiftEstimator.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {
Circuit mixedCircuit()
{
    // Every rotation kind, controlled ones included, and a parameter used twice.
    return Circuit{3,
                   {{GateKind::H, 2, -1, -1, 0.0},
                    {GateKind::CRX, 2, 0, 0, 0.0},
                    {GateKind::CRY, 1, 0, 1, 0.0},
                    {GateKind::RY, 1, -1, 2, 0.0},
                    {GateKind::CRZ, 0, 2, 3, 0.0},
                    {GateKind::RZ, 0, -1, 4, 0.0},
                    {GateKind::CNOT, 0, 1, -1, 0.0},
                    {GateKind::RX, 0, -1, 0, 0.0},
                    {GateKind::RX, 1, -1, 5, 0.0}}};
}
} // namespace

TEST(ShiftEstimator, ExactProbabilitiesReproduceTheExactGradientOnFreshCircuits)
{
    Rng rng(4);
    for (int trial = 0; trial < 20; ++trial) {
        const bool mixed = trial % 2 == 0;
        SqsNeuron n = mixed ? SqsNeuron(2, 1, mixedCircuit()) : SqsNeuron(1, 1, AnsatzSpec{});
        std::vector<double> th(n.paramCount());
        for (auto &t : th)
            t = rng.uniform(0, 6.2);
        n.setParameters(th);
        const int N = n.ioQubits();
        std::vector<double> z(N);
        for (auto &v : z)
            v = rng.uniform(0.05, 1.0);
        const Eigen::VectorXcd fresh = n.initialMemory();
        SqsNeuron::Workspace w(n);
        ShiftEstimator shift(0, 1, 1e-4);
        for (int s = 0; s < n.outcomes(); ++s) {
            std::vector<double> exactTh(n.paramCount()), exactPhi(N), shTh(n.paramCount()),
                shZ(N), scratch(64);
            n.probabilityGradient(z.data(), fresh.data(), s, w, exactTh.data(), exactPhi.data());
            shift.probabilityGradient(n, z.data(), s, w, rng, shTh.data(), shZ.data(),
                                      scratch.data());
            for (int k = 0; k < n.paramCount(); ++k)
                EXPECT_NEAR(shTh[k], exactTh[k], 1e-12) << "trial " << trial << " k " << k;
            // SPSA along one +-1 direction: exact for N = 1 up to O(eps^2).
            if (N == 1)
                EXPECT_NEAR(shZ[0], M_PI * exactPhi[0], 1e-6);
        }
    }
}

// What a device would run: one circuit per call of prob, 4 per controlled rotation and 2 per
// other rotation (per gate occurrence), 2K for SPSA (HardwareReport counts the same), and the
// four-term rule alone gives the exact derivative (checked against the adjoint gradient).
TEST(ShiftEstimator, RunsFourCircuitsPerControlledRotationAndTwoPerRotation)
{
    SqsNeuron n(2, 1, mixedCircuit());
    n.setParameters(std::vector<double>{0.4, 1.1, 2.0, 0.7, 1.9, 2.5});
    const double z[2] = {0.3, 0.6};
    SqsNeuron::Workspace w(n);
    const Eigen::VectorXcd fresh = n.initialMemory();
    double exactTh[6], exactPhi[2];
    n.probabilityGradient(z, fresh.data(), 1, w, exactTh, exactPhi);
    const int K = 3;
    ShiftEstimator shift(0, K, 1e-4);
    std::vector<int> calls(n.circuit().gates.size() + 1, 0);
    auto prob = [&](const double *zz, int gate, double sh) {
        ++calls[std::size_t(gate + 1)];
        return n.freshProbability(zz, 1, gate, sh, w);
    };
    Rng rng(3);
    double th[6], dz[2], scratch[64];
    shift.shiftRules(n.circuit(), 2, z, prob, rng, th, dz, scratch);
    EXPECT_EQ(calls[0], 2 * K); // SPSA: the unshifted circuit at z +- eps D
    int total = calls[0];
    for (std::size_t g = 0; g < n.circuit().gates.size(); ++g) {
        const Gate &gate = n.circuit().gates[g];
        const int want = gate.param < 0 ? 0 : isControlledRotation(gate.kind) ? 4 : 2;
        EXPECT_EQ(calls[g + 1], want) << "gate " << g;
        total += calls[g + 1];
    }
    EXPECT_EQ(total, 3 * 4 + 4 * 2 + 2 * K);
    for (int k = 0; k < 6; ++k)
        EXPECT_NEAR(th[k], exactTh[k], 1e-12) << k;
}

TEST(ShiftEstimator, SpsaAveragesToTheCurrentGradient)
{
    SqsNeuron n(2, 1, mixedCircuit());
    n.setParameters(std::vector<double>{0.4, 1.1, 2.0, 0.7, 1.9, 2.5});
    const double z[2] = {0.3, 0.6};
    SqsNeuron::Workspace w(n);
    const Eigen::VectorXcd fresh = n.initialMemory();
    double exactTh[6], exactPhi[2];
    n.probabilityGradient(z, fresh.data(), 1, w, exactTh, exactPhi);
    ShiftEstimator shift(0, 4000, 1e-3);
    Rng rng(2);
    double th[6], dz[2], scratch[64];
    shift.probabilityGradient(n, z, 1, w, rng, th, dz, scratch);
    for (int q = 0; q < 2; ++q) // the cross term averages out as 1/sqrt(K)
        EXPECT_NEAR(dz[q], M_PI * exactPhi[q], 0.08) << q;
}

TEST(ShiftEstimator, FiniteShotsAreUnbiased)
{
    SqsNeuron n(1, 1, AnsatzSpec{});
    n.setParameters(std::vector<double>{1.3, 0.7, 0.4});
    const double z = 0.35;
    SqsNeuron::Workspace w(n);
    const Eigen::VectorXcd fresh = n.initialMemory();
    double exactTh[3], exactPhi[1];
    n.probabilityGradient(&z, fresh.data(), 1, w, exactTh, exactPhi);
    const int S = 5, reps = 20000;
    ShiftEstimator shift(S, 1, 0.03);
    Rng rng(77);
    double sum[3] = {0, 0, 0}, sumSq[3] = {0, 0, 0};
    for (int r = 0; r < reps; ++r) {
        double th[3], dz[1], scratch[64];
        shift.probabilityGradient(n, &z, 1, w, rng, th, dz, scratch);
        for (int k = 0; k < 3; ++k) {
            sum[k] += th[k];
            sumSq[k] += th[k] * th[k];
        }
    }
    for (int k = 0; k < 3; ++k) {
        const double mean = sum[k] / reps;
        const double sd = std::sqrt(std::max(1e-30, sumSq[k] / reps - mean * mean));
        EXPECT_NEAR(mean, exactTh[k], 5 * sd / std::sqrt(double(reps)) + 1e-12) << "param " << k;
    }
}

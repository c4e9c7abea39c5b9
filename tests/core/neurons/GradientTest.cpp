// Exact (adjoint) derivatives of p(s) against central finite differences, and seed-compat.
#include "neurons/SeedCompatNeuron.hpp"
#include "neurons/SqsNeuron.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {
double probOf(SqsNeuron &n, const std::vector<double> &th, const std::vector<double> &z,
              const Eigen::VectorXcd &mem, int s)
{
    n.setParameters(th);
    SqsNeuron::Workspace w(n);
    std::vector<double> p(n.outcomes());
    n.evolve(z.data(), mem.data(), w, p.data());
    return p[s];
}
} // namespace

TEST(Gradient, AdjointDerivativesMatchFiniteDifferences)
{
    Rng rng(3);
    for (auto [N, M, gen] : {std::tuple{1, 1, "sqs-crx"}, {2, 2, "sqs-crx"}, {1, 2, "hardware-efficient"},
                             {3, 2, "sqs-crx"}, {2, 1, "hardware-efficient"}}) {
        SqsNeuron n(N, M, AnsatzSpec{gen, 2, {}});
        std::vector<double> th(n.paramCount());
        for (auto &t : th)
            t = rng.uniform(-3, 3);
        // A random normalised memory state.
        Eigen::VectorXcd mem = Eigen::VectorXcd::Random(n.memoryDim());
        mem.normalize();
        std::vector<double> z(N);
        for (int q = 0; q < N; ++q)
            z[q] = q == 0 ? -0.3 : rng.uniform(0.1, 1.2); // qubit 0 gets no input
        for (int s = 0; s < n.outcomes(); ++s) {
            n.setParameters(th);
            SqsNeuron::Workspace w(n);
            std::vector<double> dTh(n.paramCount()), dPhi(N);
            n.probabilityGradient(z.data(), mem.data(), s, w, dTh.data(), dPhi.data());
            const double h = 1e-6;
            for (int k = 0; k < n.paramCount(); ++k) {
                auto tp = th, tm = th;
                tp[k] += h;
                tm[k] -= h;
                const double fd = (probOf(n, tp, z, mem, s) - probOf(n, tm, z, mem, s)) / (2 * h);
                EXPECT_NEAR(dTh[k], fd, 1e-7) << gen << " N=" << N << " s=" << s << " k=" << k;
            }
            for (int q = 0; q < N; ++q) {
                if (z[q] <= 0) {
                    EXPECT_EQ(dPhi[q], 0.0);
                    continue;
                }
                // phi = pi z, so dp/dphi = (dp/dz) / pi.
                auto zp = z, zm = z;
                zp[q] += h;
                zm[q] -= h;
                const double fd = (probOf(n, th, zp, mem, s) - probOf(n, th, zm, mem, s)) / (2 * h);
                EXPECT_NEAR(dPhi[q], fd / M_PI, 1e-7) << gen << " N=" << N << " q=" << q;
            }
        }
    }
}

TEST(SeedCompat, ReducesToAOneQubitNeuronWithASelfLoop)
{
    SeedCompatNeuron n;
    n.setParameters({1.3, 0.7, 0.4});
    // s_0 = 0: p_1 = sin^2((pi z + theta_mem + theta_in) / 2).
    EXPECT_NEAR(n.probability(0.3, 0), std::pow(std::sin((0.3 * M_PI + 1.1) / 2), 2), 1e-15);
    // After a spike the entangling angle adds in; negative input adds nothing.
    EXPECT_NEAR(n.probability(-0.2, 1), std::pow(std::sin((1.1 + 1.3) / 2), 2), 1e-15);
    const double h = 1e-6;
    const double fd = (n.probability(0.5 + h / M_PI, 1) - n.probability(0.5 - h / M_PI, 1)) / (2 * h);
    EXPECT_NEAR(n.probabilityDerivative(0.5, 1), fd, 1e-8);
    Rng a(4), b(4);
    int pa = 0, pb = 0;
    for (int t = 0; t < 20; ++t)
        EXPECT_EQ(n.step(0.4, pa, a, nullptr), n.step(0.4, pb, b, nullptr));
}

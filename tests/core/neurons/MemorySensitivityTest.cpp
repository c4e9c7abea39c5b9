// exact-memory: the gradient of a whole sequence's log-likelihood, memory path included,
// against central finite differences of the exact log-probabilities.
#include "neurons/SqsMemorySensitivity.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {
// Sum over steps of log p_t(s_t) with the outcomes forced.
double logLikelihood(SqsNeuron &n, const std::vector<double> &th,
                     const std::vector<std::vector<double>> &z, const std::vector<int> &s)
{
    n.setParameters(th);
    SqsNeuron::Workspace w(n);
    Eigen::VectorXcd mem = n.initialMemory();
    Rng rng(0);
    std::vector<double> p(n.outcomes());
    double L = 0;
    for (std::size_t t = 0; t < z.size(); ++t) {
        n.step(z[t].data(), mem.data(), rng, p.data(), w, s[t]);
        L += std::log(p[s[t]]);
    }
    return L;
}
} // namespace

TEST(MemorySensitivity, SequenceGradientMatchesFiniteDifferences)
{
    Rng rng(8);
    for (auto [N, M, gen] : {std::tuple{1, 1, "sqs-crx"}, {2, 2, "sqs-crx"}, {1, 2, "hardware-efficient"},
                             {2, 1, "sqs-crx"}}) {
        SqsNeuron n(N, M, AnsatzSpec{gen, 1, {}});
        std::vector<double> th(n.paramCount());
        for (auto &t : th)
            t = rng.uniform(0.3, 2.8);
        const int T = 5;
        std::vector<std::vector<double>> z(T, std::vector<double>(N));
        for (auto &row : z)
            for (auto &v : row)
                v = rng.uniform(-0.3, 1.0);
        // Sample an outcome history once, then keep it fixed.
        n.setParameters(th);
        SqsNeuron::Workspace w(n);
        Eigen::VectorXcd mem = n.initialMemory();
        std::vector<int> s;
        std::vector<double> p(n.outcomes());
        SqsMemorySensitivity sens(n);
        sens.reset();
        std::vector<double> gTheta(n.paramCount(), 0.0), gZ(T * N, 0.0);
        std::vector<double> dTh(n.paramCount()), dZ(T * N);
        for (int t = 0; t < T; ++t) {
            n.evolve(z[t].data(), mem.data(), w, p.data());
            const int out = SqsNeuron::sampleOutcome(p.data(), n.outcomes(), rng);
            s.push_back(out);
            sens.step(n, t, mem.data(), z[t].data(), out, p[out], out, w, dTh.data(), dZ.data());
            for (int k = 0; k < n.paramCount(); ++k)
                gTheta[k] += dTh[k];
            for (int k = 0; k < (t + 1) * N; ++k)
                gZ[k] += dZ[k];
            n.evolve(z[t].data(), mem.data(), w, p.data());
            n.collapse(out, p[out], w, mem.data());
        }
        const double h = 1e-6;
        for (int k = 0; k < n.paramCount(); ++k) {
            auto tp = th, tm = th;
            tp[k] += h;
            tm[k] -= h;
            const double fd = (logLikelihood(n, tp, z, s) - logLikelihood(n, tm, z, s)) / (2 * h);
            EXPECT_NEAR(gTheta[k], fd, 1e-5 * std::max(1.0, std::abs(fd)))
                << gen << " N=" << N << " M=" << M << " theta " << k;
        }
        for (int t = 0; t < T; ++t)
            for (int q = 0; q < N; ++q) {
                if (z[t][q] <= 0)
                    continue;
                auto zp = z, zm = z;
                zp[t][q] += h;
                zm[t][q] -= h;
                const double fd = (logLikelihood(n, th, zp, s) - logLikelihood(n, th, zm, s)) / (2 * h);
                EXPECT_NEAR(gZ[t * N + q], fd, 1e-5 * std::max(1.0, std::abs(fd)))
                    << gen << " N=" << N << " z(" << t << "," << q << ")";
            }
    }
}

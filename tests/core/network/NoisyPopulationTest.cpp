// An SQS population with noise: the step runs the density path (its spikes and probabilities
// are SqsNoisyNeuron's, its memory a density matrix), and the exact estimator's eligibilities
// are d log P(r) of the REPORTED outcome (readout error included), checked against finite
// differences through the population itself on a one-step sample (where the exact estimator,
// which ignores the memory path by design, is the full derivative).
#include "network/SqsPopulation.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

PopulationSpec noisySpec()
{
    PopulationSpec p;
    p.name = "q";
    p.kind = "sqs";
    p.size = 2;
    p.ioQubits = 1;
    p.memoryQubits = 1;
    p.noise = noisePreset("superconducting");
    p.noise.t1Us = 0.5; // strong enough to matter over one step
    p.noise.t2Us = 0.6;
    return p;
}

// Runs two steps with forced outcomes from the population's current parameters.
void twoSteps(SqsPopulation &pop)
{
    const double cur[2][2] = {{0.7, 0.4}, {0.3, 0.9}};
    const int forced[2][2] = {{1, 0}, {1, 1}};
    pop.reset(42);
    std::vector<std::uint8_t> spikes(2);
    std::vector<double> prob(2);
    for (int t = 0; t < 2; ++t) {
        StepIo io;
        io.current = cur[t];
        io.spikes = spikes.data();
        io.prob = prob.data();
        io.forced = forced[t];
        io.t = t;
        pop.step(0, pop.size(), 0, io);
    }
}

} // namespace

TEST(NoisyPopulation, RunsTheDensityPathAndItsMemoryIsMixed)
{
    SqsPopulation pop(noisySpec(), std::make_shared<ExactEstimator>());
    ASSERT_TRUE(pop.noisy());
    Rng rng(3);
    pop.initParams(rng);
    twoSteps(pop);
    for (int i = 0; i < 2; ++i) {
        const Eigen::MatrixXcd &s = pop.memoryDensity(i);
        EXPECT_NEAR(s.trace().real(), 1.0, 1e-12);
        EXPECT_LT((s * s).trace().real(), 1 - 1e-3);
    }
    // The same two steps through SqsNoisyNeuron directly give the same memory.
    SqsNoisyNeuron n(1, 1, pop.neuron(0).circuit(), noisySpec().noise);
    n.setParameters(pop.neuron(0).parameters());
    SqsNoisyNeuron::Workspace w(n);
    Eigen::MatrixXcd sigma = n.initialMemory();
    Rng unused(0);
    double p[2];
    const double z0 = 0.7, z1 = 0.3;
    n.step(&z0, sigma, unused, p, w, 1);
    n.step(&z1, sigma, unused, p, w, 1);
    EXPECT_TRUE(sigma.isApprox(pop.memoryDensity(0), 1e-14));
}

TEST(NoisyPopulation, ExactEligibilitiesMatchFiniteDifferencesOfLogP)
{
    SqsPopulation pop(noisySpec(), std::make_shared<ExactEstimator>());
    Rng rng(4);
    pop.initParams(rng);
    const std::vector<double> theta = pop.params();
    const double h = 1e-6;
    // One step from a fresh memory: the exact eligibility is the full derivative.
    auto oneStep = [&](std::vector<double> *g, std::vector<double> *gc, const double *z) {
        const int forced[2] = {1, 0};
        pop.reset(7);
        std::vector<std::uint8_t> spikes(2);
        std::vector<double> prob(2), d(pop.paramCount()), c(2);
        StepIo io;
        io.current = z;
        io.spikes = spikes.data();
        io.prob = prob.data();
        io.forced = forced;
        io.learn = g != nullptr;
        io.dParams = d.data();
        io.dCurrent = c.data();
        pop.step(0, pop.size(), 0, io);
        if (g) {
            *g = d;
            *gc = c;
        }
        return std::log(prob[0]) + std::log(1 - prob[1]);
    };
    const double z[2] = {0.6, 0.35};
    std::vector<double> g, gc;
    oneStep(&g, &gc, z);
    for (std::size_t k = 0; k < theta.size(); ++k) {
        auto th = theta;
        th[k] += h;
        pop.params() = th;
        pop.commitParams();
        const double up = oneStep(nullptr, nullptr, z);
        th[k] -= 2 * h;
        pop.params() = th;
        pop.commitParams();
        const double dn = oneStep(nullptr, nullptr, z);
        EXPECT_NEAR(g[k], (up - dn) / (2 * h), 1e-6) << "parameter " << k;
    }
    pop.params() = theta;
    pop.commitParams();
    for (int c = 0; c < 2; ++c) {
        double zz[2] = {z[0], z[1]};
        zz[c] += h;
        const double up = oneStep(nullptr, nullptr, zz);
        zz[c] -= 2 * h;
        const double dn = oneStep(nullptr, nullptr, zz);
        EXPECT_NEAR(gc[c], (up - dn) / (2 * h), 1e-6) << "current " << c;
    }
}

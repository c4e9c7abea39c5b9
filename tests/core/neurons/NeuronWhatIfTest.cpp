// The what-if branch of a paused step (core/neurons/NeuronWhatIf) against the neuron's own
// step with a forced outcome, against the density path (Kraus form), and against model.md's
// closed form of the paper's 1 + 1 neuron.
#include "neurons/NeuronWhatIf.hpp"

#include "common/Error.hpp"
#include "common/Rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

Eigen::VectorXcd randomMemory(int dim, Rng &rng)
{
    Eigen::VectorXcd m(dim);
    for (int k = 0; k < dim; ++k)
        m[k] = cplx(rng.uniform() - 0.5, rng.uniform() - 0.5);
    return m / m.norm();
}

std::vector<double> randomAngles(int count, Rng &rng)
{
    std::vector<double> th(static_cast<std::size_t>(count));
    for (double &t : th)
        t = 2 * M_PI * rng.uniform();
    return th;
}

// Every outcome of a few neurons (closed-form, dense and larger registers) with random angles,
// memory and currents.
void checkAgainstOwnStep(int io, int memory, const AnsatzSpec &ansatz, std::uint64_t seed)
{
    SCOPED_TRACE(testing::Message() << io << "+" << memory << " " << ansatz.generator);
    Rng rng(seed);
    SqsNeuron n(io, memory, ansatz);
    n.setParameters(randomAngles(n.paramCount(), rng));
    std::vector<double> z(static_cast<std::size_t>(io));
    for (double &v : z)
        v = rng.uniform();
    const Eigen::VectorXcd m = randomMemory(n.memoryDim(), rng);
    for (int s = 0; s < n.outcomes(); ++s) {
        SCOPED_TRACE(s);
        const NeuronBranch b = branchStep(n, z, m, s);
        // The neuron's own step, forced to s, then one more step with the same currents.
        SqsNeuron::Workspace w(n);
        std::vector<double> p(std::size_t(n.outcomes())), pNext(p.size());
        Eigen::VectorXcd mem = m;
        Rng unused(0);
        EXPECT_EQ(n.step(z.data(), mem.data(), unused, p.data(), w, s), s);
        ASSERT_TRUE(b.possible);
        EXPECT_NEAR(b.probability, p[std::size_t(s)], 1e-13);
        ASSERT_EQ(b.memory.size(), mem.size());
        EXPECT_LT((b.memory - mem).norm(), 1e-12);
        n.evolve(z.data(), mem.data(), w, pNext.data());
        double spike = 0;
        for (int k = 0; k < n.outcomes(); ++k) {
            EXPECT_NEAR(b.nextProbabilities[std::size_t(k)], pNext[std::size_t(k)], 1e-13);
            if (k & (1 << (io - 1)))
                spike += pNext[std::size_t(k)];
        }
        EXPECT_NEAR(b.nextSpike, spike, 1e-13);
        // The density path: sigma' = K_s sigma K_s^dagger / p(s), and the next p from sigma'.
        Eigen::MatrixXcd sigma = m * m.adjoint();
        EXPECT_NEAR(n.updateDensity(z.data(), s, sigma), b.probability, 1e-12);
        EXPECT_LT((sigma - b.memoryDensity).norm(), 1e-11);
        std::vector<double> pd(p.size());
        n.probabilitiesDensity(z.data(), sigma, pd.data());
        for (int k = 0; k < n.outcomes(); ++k)
            EXPECT_NEAR(b.nextProbabilities[std::size_t(k)], pd[std::size_t(k)], 1e-12);
        // The next purity: the reduced memory of the joint density before measurement.
        const Eigen::MatrixXcd joint = n.jointDensity(z.data(), sigma);
        const int dM = n.memoryDim();
        Eigen::MatrixXcd reduced = Eigen::MatrixXcd::Zero(dM, dM);
        for (int k = 0; k < n.outcomes(); ++k)
            reduced += joint.block(k * dM, k * dM, dM, dM);
        EXPECT_NEAR(b.nextPurity, (reduced * reduced).trace().real(), 1e-12);
        ASSERT_EQ(int(b.memoryBloch.size()), memory);
        for (const Eigen::Vector3d &v : b.memoryBloch)
            EXPECT_LE(v.norm(), 1 + 1e-12);
    }
}

} // namespace

TEST(NeuronWhatIf, BranchEqualsTheNeuronsOwnForcedStep)
{
    checkAgainstOwnStep(1, 1, AnsatzSpec{}, 3);                      // closed-form kernel
    checkAgainstOwnStep(1, 2, AnsatzSpec{"sqs-crx", 1, {}}, 4);      // dense
    checkAgainstOwnStep(2, 1, AnsatzSpec{"sqs-crx", 2, {}}, 5);      // two I/O qubits
    checkAgainstOwnStep(1, 0, AnsatzSpec{}, 6);                      // no memory
}

// model.md's closed form, N = N_M = 1, default ansatz [theta_ent, theta_mem, theta_in]:
// g_a = phi + theta_in + a theta_ent; block s of the output is RX(theta_mem)(m_a c_a) for s = 0
// and -i RX(theta_mem)(m_a s_a) for s = 1 (c_a = cos(g_a/2), s_a = sin(g_a/2)).
TEST(NeuronWhatIf, PaperNeuronClosedForm)
{
    const double thEnt = M_PI / 2, thMem = M_PI / 3, thIn = 0.0, z = 0.35;
    SqsNeuron n(1, 1, AnsatzSpec{});
    n.setParameters(std::vector<double>{thEnt, thMem, thIn});
    const double alpha = 0.6;
    Eigen::VectorXcd m(2);
    m << std::cos(alpha), std::sin(alpha);
    const double phi = M_PI * z;
    const double g[2] = {phi + thIn, phi + thIn + thEnt};
    for (int s = 0; s < 2; ++s) {
        double amp[2], ps = 0;
        for (int a = 0; a < 2; ++a) {
            amp[a] = m[a].real() * (s ? std::sin(g[a] / 2) : std::cos(g[a] / 2));
            ps += amp[a] * amp[a];
        }
        const NeuronBranch b = branchStep(n, std::vector<double>{z}, m, s);
        EXPECT_NEAR(b.probability, ps, 1e-14);
        // m' = RX(theta_mem)(amp)/sqrt(ps) up to a global phase: compare m' m'^dagger.
        Eigen::Matrix2cd rx;
        rx << std::cos(thMem / 2), cplx(0, -std::sin(thMem / 2)), cplx(0, -std::sin(thMem / 2)),
            std::cos(thMem / 2);
        Eigen::Vector2cd expect = rx * Eigen::Vector2cd(amp[0], amp[1]) / std::sqrt(ps);
        EXPECT_LT((b.memoryDensity - expect * expect.adjoint()).norm(), 1e-13);
        const double pNext = std::norm(expect[0]) * std::pow(std::sin(g[0] / 2), 2)
                             + std::norm(expect[1]) * std::pow(std::sin(g[1] / 2), 2);
        EXPECT_NEAR(b.nextSpike, pNext, 1e-13);
        EXPECT_NEAR(b.nextProbabilities[1], pNext, 1e-13);
        // The memory qubit's Bloch vector z = |m'_0|^2 - |m'_1|^2.
        EXPECT_NEAR(b.memoryBloch[0].z(), std::norm(expect[0]) - std::norm(expect[1]), 1e-13);
    }
    // The two branches differ (the back-action): a spike pulls the memory toward |1>.
    const NeuronBranch spike = branchStep(n, std::vector<double>{z}, m, 1);
    const NeuronBranch silence = branchStep(n, std::vector<double>{z}, m, otherOutcome(1, 1));
    EXPECT_EQ(silence.outcome, 0);
    EXPECT_NEAR(spike.probability + silence.probability, 1.0, 1e-14);
    EXPECT_GT(std::abs(spike.nextSpike - silence.nextSpike), 0.01);
}

TEST(NeuronWhatIf, ImpossibleBranchAndBadInput)
{
    // theta_in = 0, no input, memory |0>: the I/O qubit stays |0>, a spike has p = 0.
    SqsNeuron n(1, 1, AnsatzSpec{});
    n.setParameters(std::vector<double>{1.0, 0.5, 0.0});
    const Eigen::VectorXcd m0 = n.initialMemory();
    const NeuronBranch b = branchStep(n, std::vector<double>{0.0}, m0, 1);
    EXPECT_FALSE(b.possible);
    EXPECT_EQ(b.probability, 0.0);
    EXPECT_EQ(b.memory.size(), 0);
    EXPECT_EQ(otherOutcome(0b10, 2), 0b00);
    EXPECT_EQ(otherOutcome(0b01, 2), 0b11);
    EXPECT_THROW(branchStep(n, std::vector<double>{0.1, 0.2}, m0, 0), InputError);
    EXPECT_THROW(branchStep(n, std::vector<double>{0.1}, Eigen::VectorXcd::Zero(4), 0), InputError);
    EXPECT_THROW(branchStep(n, std::vector<double>{0.1}, m0, 2), InputError);
}

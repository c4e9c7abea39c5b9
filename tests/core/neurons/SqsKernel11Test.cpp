// The SIMD 1+1 kernel against SqsNeuron's scalar closed form (same Philox draws): outcomes
// identical, probabilities and memories within 1e-14 at every step; results bit-identical
// whatever the thread count and split.
#include "common/Error.hpp"
#include "common/Philox.hpp"
#include "neurons/SqsKernel11.hpp"
#include "neurons/SqsNeuron.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

using namespace sqsnn;

namespace {

struct Scalar
{
    std::vector<SqsNeuron> neurons;
    std::vector<Eigen::VectorXcd> mem;
};

// n neurons with random angles in both kernels.
Scalar makeNeurons(int n, SqsKernel11 &k, Rng &rng)
{
    Scalar s;
    for (int i = 0; i < n; ++i) {
        s.neurons.emplace_back(1, 1, AnsatzSpec{});
        const std::vector<double> th{rng.uniform(-7, 7), rng.uniform(-7, 7), rng.uniform(-7, 7)};
        s.neurons.back().setParameters(th);
        EXPECT_EQ(s.neurons.back().kernel(), SqsNeuron::Kernel::ClosedForm);
        k.setNeuron(i, s.neurons.back());
        s.mem.push_back(s.neurons.back().initialMemory());
    }
    return s;
}

// Currents of every kind: negative (no rotation), zero, ordinary, large, NaN-free.
double current(Rng &rng, int t, int i)
{
    switch ((t * 7 + i) % 11) {
    case 0: return 0.0;
    case 1: return -rng.uniform(0, 3);
    case 2: return rng.uniform(0, 1e5);
    case 3: return 1e-300;
    default: return rng.uniform(-0.5, 3.0);
    }
}

} // namespace

TEST(SqsKernel11, AgreesWithScalarClosedForm)
{
    const int n = 203, T = 60; // not a multiple of any lane count
    const std::uint64_t seed = 0x5eed0123456789abULL;
    Rng rng(3);
    SqsKernel11 k(n);
    Scalar s = makeNeurons(n, k, rng);
    SqsNeuron::Workspace w(s.neurons.front());
    std::vector<double> z(n), pk(n), p(2);
    std::vector<std::uint8_t> spikes(n);
    int ones = 0;
    double worstP = 0, worstM = 0;
    for (int t = 0; t < T; ++t) {
        for (int i = 0; i < n; ++i)
            z[i] = current(rng, t, i);
        k.step(0, n, z.data(), seed, std::uint32_t(t), spikes.data(), pk.data());
        for (int i = 0; i < n; ++i) {
            const SqsNeuron &nr = s.neurons[i];
            nr.evolve(&z[i], s.mem[i].data(), w, p.data());
            // SqsNeuron::sampleOutcome's rule for two outcomes, on the kernel's uniform.
            const double u = SqsKernel11::uniform(seed, std::uint32_t(t), std::uint32_t(i));
            int o = u < p[0] ? 0 : 1;
            if (p[o] <= 0)
                o = 1 - o;
            nr.collapse(o, p[o], w, s.mem[i].data());
            ASSERT_EQ(int(spikes[i]), o) << "neuron " << i << " step " << t;
            worstP = std::max(worstP, std::abs(pk[i] - p[1]));
            for (int a = 0; a < 2; ++a)
                worstM = std::max(worstM, std::abs(k.memory(i, a) - s.mem[i](a)));
            ones += o;
        }
    }
    EXPECT_LE(worstP, 1e-14);
    EXPECT_LE(worstM, 1e-14);
    // Both outcomes occur often (the comparison is not of a constant).
    EXPECT_GT(ones, n * T / 10);
    EXPECT_LT(ones, n * T * 9 / 10);
}

TEST(SqsKernel11, IdenticalWhateverTheThreadsAndSplit)
{
    const int n = 1001, T = 20;
    auto run = [&](int threads) {
        Rng rng(9);
        SqsKernel11 k(n);
        makeNeurons(n, k, rng);
        std::vector<double> z(n), p(n);
        std::vector<std::uint8_t> spikes(n);
        std::vector<double> trace;
        for (int t = 0; t < T; ++t) {
            for (int i = 0; i < n; ++i)
                z[i] = rng.uniform(-0.5, 1.5);
            std::vector<std::thread> pool;
            for (int w = 0; w < threads; ++w) {
                // Uneven ranges, boundaries inside SIMD vectors and cache lines.
                const int b = int(long(n) * w * w / (threads * threads));
                const int e = int(long(n) * (w + 1) * (w + 1) / (threads * threads));
                pool.emplace_back([&, b, e] { k.step(b, e, z.data(), 77, std::uint32_t(t),
                                                     spikes.data(), p.data()); });
            }
            for (auto &th : pool)
                th.join();
            for (int i = 0; i < n; ++i) {
                trace.push_back(p[i] + spikes[i]);
                trace.push_back(k.memory(i, 1).imag());
            }
        }
        return trace;
    };
    const auto one = run(1);
    EXPECT_EQ(run(2), one);
    EXPECT_EQ(run(3), one);
}

TEST(SqsKernel11, DrawsAreKeyedBySeedStepAndNeuron)
{
    // The kernel's own (vectorised) draw is the one uniform() reports: a neuron whose p(0) is
    // set just above or below that very u must spike exactly when u >= p(0). theta_in = theta_ent
    // = 0 and memory |0> make p(1) = sin^2(pi z / 2), so z picks p(0).
    for (std::uint32_t t = 0; t < 64; ++t) {
        SqsKernel11 k(19);
        std::vector<double> z(19);
        for (int i = 0; i < 19; ++i) {
            const double u = SqsKernel11::uniform(99, t, std::uint32_t(i));
            // p(0) = cos^2(pi z / 2) = u -> z = 2 acos(sqrt(u)) / pi, then nudged across u.
            z[i] = 2 * std::acos(std::sqrt(u)) / M_PI * (i % 2 ? 1.01 : 0.99);
        }
        std::vector<std::uint8_t> spikes(19);
        std::vector<double> p(19);
        k.step(0, 19, z.data(), 99, t, spikes.data(), p.data());
        for (int i = 0; i < 19; ++i) {
            const double u = SqsKernel11::uniform(99, t, std::uint32_t(i));
            ASSERT_EQ(int(spikes[i]), u < 1 - p[i] ? 0 : 1) << "t " << t << " neuron " << i;
        }
    }
    const auto x = Philox4x32::generate({4, 9, 0, 0}, Philox4x32::key(123));
    EXPECT_EQ(SqsKernel11::uniform(123, 4, 9), Philox4x32::uniform(x[0], x[1]));
    EXPECT_NE(SqsKernel11::uniform(123, 4, 9), SqsKernel11::uniform(124, 4, 9));
    EXPECT_NE(SqsKernel11::uniform(123, 4, 9), SqsKernel11::uniform(123, 5, 9));
    EXPECT_NE(SqsKernel11::uniform(123, 4, 9), SqsKernel11::uniform(123, 4, 8));
}

TEST(SqsKernel11, RefusesANeuronWithoutTheClosedForm)
{
    SqsKernel11 k(2);
    const SqsNeuron twoQubit(1, 2, AnsatzSpec{});
    try {
        k.setNeuron(0, twoQubit);
        FAIL() << "accepted a 1+2 neuron";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("closed form"), std::string::npos) << e.what();
    }
}

// Clamped outcomes (a readout in training): SqsNeuron::step with the same forced outcome, p(0)
// and p(1) both within 1e-14; a forced outcome of probability 0 leaves the memory as it was.
TEST(SqsKernel11, ForcedOutcomesAgreeWithTheScalarStep)
{
    const int n = 29, T = 40;
    Rng rng(8);
    SqsKernel11 k(n);
    Scalar s = makeNeurons(n, k, rng);
    SqsNeuron::Workspace w(s.neurons.front());
    std::vector<double> z(n), pk(n), p(2);
    std::vector<int> forced(n);
    std::vector<std::uint8_t> spikes(n);
    double worst = 0;
    for (int t = 0; t < T; ++t) {
        for (int i = 0; i < n; ++i) {
            z[i] = current(rng, t, i);
            forced[i] = int(rng.below(2));
        }
        k.stepForced(0, n, z.data(), forced.data(), spikes.data(), pk.data());
        for (int i = 0; i < n; ++i) {
            s.neurons[i].step(&z[i], s.mem[i].data(), rng, p.data(), w, forced[i]);
            ASSERT_EQ(int(spikes[i]), forced[i]);
            worst = std::max({worst, std::abs(pk[i] - p[1]), std::abs(k.pZero(i) - p[0])});
            for (int a = 0; a < 2; ++a)
                worst = std::max(worst, std::abs(k.memory(i, a) - s.mem[i](a)));
        }
    }
    EXPECT_LE(worst, 1e-14);
    // Zero angles, memory |0>, no current: p(1) = 0 exactly, so forcing 1 keeps the memory.
    SqsKernel11 zero(1);
    const double z0 = 0.0;
    const int one = 1;
    std::uint8_t spike = 0;
    double p1 = -1;
    zero.stepForced(0, 1, &z0, &one, &spike, &p1);
    EXPECT_EQ(spike, 1);
    EXPECT_EQ(p1, 0.0);
    EXPECT_EQ(zero.pZero(0), 1.0);
    EXPECT_EQ(zero.memory(0, 0), cplx(1.0));
    EXPECT_EQ(zero.memory(0, 1), cplx(0.0));
}

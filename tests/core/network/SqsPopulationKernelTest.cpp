// The 1+1 SQS population on the SIMD path (SqsKernel11) against the scalar path
// (setSimdKernel(false)) fed the same outcomes: line probabilities, memories, the local rule's
// eligibilities (exact and exact-memory estimators, sampled, clamped and target outcomes) and
// bptt's backward pass agree to 1e-14. The draws are Philox of (seed, step, neuron), whatever
// the split of neurons over workers.
#include "network/SqsPopulation.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

constexpr int kNeurons = 37; // not a multiple of any SIMD width
constexpr int kSteps = 6;

PopulationSpec spec()
{
    PopulationSpec p;
    p.name = "h";
    p.kind = "sqs";
    p.size = kNeurons;
    p.ioQubits = 1;
    p.memoryQubits = 1;
    return p;
}

double maxDiff(const std::vector<double> &a, const std::vector<double> &b)
{
    double d = 0;
    for (std::size_t k = 0; k < a.size(); ++k)
        d = std::max(d, std::abs(a[k] - b[k]));
    return d;
}

// Eligibilities are d log p(g) = (dp(g)) / p(g): the kernel's ~1e-16 differences in the
// memory come out multiplied by 1/p(g), up to ~300 here. They are compared as p(g) times the
// eligibility, i.e. as the gradient of the probability itself: w[neuron] = p(g) of that neuron,
// `per` entries per neuron (a row of neurons repeats for dCurrentPast).
double maxScaledDiff(const std::vector<double> &a, const std::vector<double> &b,
                     const std::vector<double> &w, int per)
{
    double d = 0;
    for (std::size_t k = 0; k < a.size(); ++k)
        d = std::max(d, std::abs(a[k] - b[k]) * w[(k / std::size_t(per)) % w.size()]);
    return d;
}

struct StepOut
{
    std::vector<std::uint8_t> spikes = std::vector<std::uint8_t>(kNeurons);
    std::vector<double> prob = std::vector<double>(kNeurons);
    std::vector<double> dCur = std::vector<double>(kNeurons);
    std::vector<double> dPar = std::vector<double>(3 * kNeurons);
    std::vector<double> past = std::vector<double>(kSteps * kNeurons);
};

// Steps both populations through one sample: `simd` samples (or takes `clamp`), `scalar` is
// forced to the outcomes `simd` took; every output is compared after every step.
void compareSample(SqsPopulation &simd, SqsPopulation &scalar, const double (*cur)[kNeurons],
                   const int *clamp, const int *target, bool learn, double tol = 1e-14)
{
    simd.reset(0x5eedULL);
    scalar.reset(0x5eedULL);
    StepOut a, b;
    std::vector<int> taken(kNeurons);
    for (int t = 0; t < kSteps; ++t) {
        StepIo ia, ib;
        ia.current = ib.current = cur[t];
        ia.t = ib.t = t;
        ia.learn = ib.learn = learn;
        ia.target = ib.target = target;
        ia.forced = clamp;
        ia.spikes = a.spikes.data(), ib.spikes = b.spikes.data();
        ia.prob = a.prob.data(), ib.prob = b.prob.data();
        ia.dCurrent = a.dCur.data(), ib.dCurrent = b.dCur.data();
        ia.dParams = a.dPar.data(), ib.dParams = b.dPar.data();
        ia.dCurrentPast = a.past.data(), ib.dCurrentPast = b.past.data();
        simd.step(0, kNeurons, 0, ia);
        for (int i = 0; i < kNeurons; ++i)
            taken[i] = a.spikes[i];
        ib.forced = taken.data();
        scalar.step(0, kNeurons, 0, ib);
        EXPECT_EQ(a.spikes, b.spikes);
        EXPECT_LT(maxDiff(a.prob, b.prob), 1e-14) << "step " << t;
        for (int i = 0; i < kNeurons; ++i) {
            EXPECT_LT((simd.memory(i) - scalar.memory(i)).norm(), 1e-14) << "step " << t;
            EXPECT_LT(maxDiff(simd.lastOutcomeProbabilities(i), scalar.lastOutcomeProbabilities(i)),
                      1e-14);
        }
        if (learn) {
            std::vector<double> pg(kNeurons);
            for (int i = 0; i < kNeurons; ++i)
                pg[i] = scalar.lastOutcomeProbabilities(i)[target ? target[i] : taken[i]];
            EXPECT_LT(maxScaledDiff(a.dCur, b.dCur, pg, 1), tol) << "step " << t;
            EXPECT_LT(maxScaledDiff(a.dPar, b.dPar, pg, 3), tol) << "step " << t;
            EXPECT_LT(maxScaledDiff(a.past, b.past, pg, 1), tol) << "step " << t;
        }
    }
}

struct Currents
{
    double z[kSteps][kNeurons];
    Currents()
    {
        Rng rng(11);
        for (auto &row : z)
            for (double &v : row)
                v = rng.uniform(-0.3, 1.3); // both sides of the z > 0 switch
    }
};

void makePair(std::shared_ptr<SqsEstimator> est, std::unique_ptr<SqsPopulation> &simd,
              std::unique_ptr<SqsPopulation> &scalar)
{
    simd = std::make_unique<SqsPopulation>(spec(), est);
    scalar = std::make_unique<SqsPopulation>(spec(), est);
    scalar->setSimdKernel(false);
    Rng ra(5), rb(5);
    simd->initParams(ra);
    scalar->initParams(rb);
    ASSERT_TRUE(simd->simdKernel());
    ASSERT_FALSE(scalar->simdKernel());
}

} // namespace

TEST(SqsPopulationKernel, AgreesWithTheScalarPathSampledClampedAndForATarget)
{
    const Currents c;
    std::vector<int> clamp(kNeurons), target(kNeurons);
    for (int i = 0; i < kNeurons; ++i) {
        clamp[i] = (i * 7) % 3 == 0;
        target[i] = i % 2;
    }
    for (bool memoryPath : {false, true}) {
        SCOPED_TRACE(memoryPath ? "exact-memory" : "exact");
        std::shared_ptr<SqsEstimator> est = memoryPath
                                                ? std::make_shared<ExactMemoryEstimator>()
                                                : std::make_shared<ExactEstimator>();
        // exact-memory carries d(memory)/d(angles) through every earlier step, each divided by
        // sqrt(p) of that step's outcome: the differences of the trajectories (sincos within a
        // few ulp) grow with it, to 4.5e-14 here by step 6 (measured), hence 1e-13 for it.
        const double tol = memoryPath ? 1e-13 : 1e-14;
        std::unique_ptr<SqsPopulation> a, b;
        makePair(est, a, b);
        compareSample(*a, *b, c.z, nullptr, nullptr, true, tol);
        compareSample(*a, *b, c.z, clamp.data(), nullptr, true, tol);
        compareSample(*a, *b, c.z, clamp.data(), target.data(), true, tol);
        compareSample(*a, *b, c.z, nullptr, nullptr, false, tol);
    }
}

TEST(SqsPopulationKernel, BpttBackwardAgreesWithTheScalarPath)
{
    const Currents c;
    std::unique_ptr<SqsPopulation> a, b;
    makePair(std::make_shared<ExactEstimator>(), a, b);
    a->setRecording(true, kSteps);
    b->setRecording(true, kSteps);
    compareSample(*a, *b, c.z, nullptr, nullptr, false);
    Rng rng(17);
    std::vector<double> gLine(kNeurons), gProb(kNeurons);
    std::vector<double> gcA(kNeurons), gcB(kNeurons), gpA(3 * kNeurons, 0.0), gpB(3 * kNeurons, 0.0);
    for (int t = kSteps - 1; t >= 0; --t) {
        for (int i = 0; i < kNeurons; ++i) {
            gLine[i] = rng.uniform(-1, 1);
            gProb[i] = rng.uniform(-1, 1);
        }
        BackIo ia{t, gLine.data(), gProb.data(), gcA.data(), gpA.data()};
        BackIo ib{t, gLine.data(), gProb.data(), gcB.data(), gpB.data()};
        a->backward(0, kNeurons, 0, ia);
        b->backward(0, kNeurons, 0, ib);
        EXPECT_LT(maxDiff(gcA, gcB), 1e-14) << "step " << t;
    }
    EXPECT_LT(maxDiff(gpA, gpB), 1e-14);
    double norm = 0;
    for (double g : gpA)
        norm += std::abs(g);
    EXPECT_GT(norm, 0.1) << "the backward pass produced gradients";
}

TEST(SqsPopulationKernel, DrawsArePhiloxOfSeedStepAndNeuronWhateverTheSplit)
{
    const Currents c;
    SqsPopulation one(spec(), std::make_shared<ExactEstimator>());
    SqsPopulation two(spec(), std::make_shared<ExactEstimator>());
    Rng ra(5), rb(5);
    one.initParams(ra);
    two.initParams(rb);
    two.setThreads(2);
    const std::uint64_t seed = 0xabcdef0123ULL;
    one.reset(seed);
    two.reset(seed);
    StepOut x, y;
    int ones = 0;
    for (int t = 0; t < kSteps; ++t) {
        StepIo ix, iy;
        ix.current = iy.current = c.z[t];
        ix.t = iy.t = t;
        ix.spikes = x.spikes.data(), iy.spikes = y.spikes.data();
        ix.prob = x.prob.data(), iy.prob = y.prob.data();
        one.step(0, kNeurons, 0, ix);
        two.step(13, kNeurons, 1, iy); // a later range first, on the other worker
        two.step(0, 13, 0, iy);
        EXPECT_EQ(x.spikes, y.spikes);
        EXPECT_EQ(x.prob, y.prob);
        for (int i = 0; i < kNeurons; ++i) {
            const double u = SqsKernel11::uniform(seed, std::uint32_t(t), std::uint32_t(i));
            const double p0 = one.lastOutcomeProbabilities(i)[0];
            if (p0 > 0 && x.prob[i] > 0)
                EXPECT_EQ(x.spikes[i], u < p0 ? 0 : 1) << "t " << t << " neuron " << i;
            ones += x.spikes[i];
        }
    }
    EXPECT_GT(ones, 0);
    EXPECT_LT(ones, kSteps * kNeurons);
}

// The learning-health verdict: the prior's loss against its closed form, and each symptom
// (non-finite, silent / saturated readout, loss above the prior's, chance accuracy) found from
// the numbers a run reports, in the documented order of severity.
#include "training/LearningHealth.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace sqsnn;
using S = LearningHealth::Status;

namespace {

EpochMetrics epoch(double trainLoss, double testAccuracy)
{
    EpochMetrics m;
    m.epoch = 1;
    m.trainLoss = trainLoss;
    m.testLoss = trainLoss;
    m.trainAccuracy = testAccuracy;
    m.testAccuracy = testAccuracy;
    return m;
}

LearningHealthInput input(int classes, int tests, std::vector<EpochMetrics> h)
{
    LearningHealthInput in;
    in.classes = classes;
    in.testSamples = tests;
    in.history = std::move(h);
    return in;
}

} // namespace

TEST(LearningHealth, PriorLossIsTheSumOfBinaryEntropies)
{
    // K balanced classes: K * H(1/K), H(p) = -p ln p - (1-p) ln(1-p).
    EXPECT_NEAR(priorLoss({}, 2), 2 * std::log(2.0), 1e-12);
    EXPECT_NEAR(priorLoss({}, 10), 10 * (0.1 * std::log(10.0) + 0.9 * std::log(1 / 0.9)), 1e-12);
    EXPECT_NEAR(priorLoss({}, 10), 3.2508297, 1e-6);
    // Unbalanced: the given frequencies.
    EXPECT_NEAR(priorLoss({0.25, 0.75}, 2), 2 * (-0.25 * std::log(0.25) - 0.75 * std::log(0.75)), 1e-12);
    EXPECT_EQ(classFrequencies({0, 1, 1, 1, 7}, 2), (std::vector<double>{0.25, 0.75}));
}

TEST(LearningHealth, TheTenClassSymptomsOfIssue14)
{
    // Flat 10 % and a loss of 9.7 (issue 14's 10-class run): above the prior's 3.25 first.
    const LearningHealth h = assessLearning(input(10, 1000, {epoch(9.7, 0.10)}));
    EXPECT_EQ(h.status, S::LossAbovePrior);
    EXPECT_FALSE(h.ok());
    EXPECT_NE(h.summary.find("9.70"), std::string::npos) << h.summary;
    EXPECT_NE(h.summary.find("3.25"), std::string::npos) << h.summary;
    EXPECT_FALSE(h.hint.empty());
    // A loss below the prior's but still 10 %: at chance.
    EXPECT_EQ(assessLearning(input(10, 1000, {epoch(3.0, 0.11)})).status, S::AtChance);
}

TEST(LearningHealth, ChanceBandIsTwoBinomialDeviations)
{
    // 2 classes, 100 test samples: band 2 * sqrt(0.25 / 100) = 0.1 around 0.5.
    EXPECT_EQ(assessLearning(input(2, 100, {epoch(1.0, 0.59)})).status, S::AtChance);
    EXPECT_EQ(assessLearning(input(2, 100, {epoch(1.0, 0.61)})).status, S::Learning);
    // More test samples, narrower band.
    EXPECT_EQ(assessLearning(input(2, 10000, {epoch(1.0, 0.52)})).status, S::Learning);
}

TEST(LearningHealth, ReadoutSilentOrSaturated)
{
    LearningHealthInput in = input(3, 100, {});
    in.readoutProbabilities = {0.001, 0.002, 0.0005};
    EXPECT_EQ(assessLearning(in).status, S::SilentReadout);
    in.readoutProbabilities = {0.995, 0.999, 1.0};
    EXPECT_EQ(assessLearning(in).status, S::SaturatedReadout);
    in.readoutProbabilities = {0.001, 0.5, 0.999}; // one neuron informative: fine
    EXPECT_EQ(assessLearning(in).status, S::Learning);
    in.readoutProbabilities.clear();
    EXPECT_EQ(assessLearning(in).status, S::NoData);
    EXPECT_TRUE(assessLearning(in).ok());
}

TEST(LearningHealth, NonFiniteComesFirst)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    LearningHealthInput in = input(2, 100, {epoch(nan, 0.5)});
    in.readoutProbabilities = {0.0, 0.0}; // silent too: non-finite is reported
    EXPECT_EQ(assessLearning(in).status, S::NonFinite);
    in = input(2, 100, {epoch(1.0, 0.9)});
    in.readoutProbabilities = {0.3, std::numeric_limits<double>::infinity()};
    EXPECT_EQ(assessLearning(in).status, S::NonFinite);
}

TEST(LearningHealth, ALearningRunIsLearning)
{
    const LearningHealth h = assessLearning(input(2, 125, {epoch(1.6, 0.5), epoch(1.1, 0.92)}));
    EXPECT_EQ(h.status, S::Learning);
    EXPECT_TRUE(h.ok());
    EXPECT_TRUE(h.hint.empty());
}

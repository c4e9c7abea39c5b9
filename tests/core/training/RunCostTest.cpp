// Shot estimates (exact at p = 0 and 1, repeatable, unbiased with the binomial spread) and the
// run's circuit executions and shots against a hand count.
#include "common/Error.hpp"
#include "training/RunCost.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

TEST(ShotEstimate, EdgesRepeatabilityAndSpread)
{
    const std::vector<double> p{0.0, 1.0, 0.3};
    const ShotEstimate a = estimateFromShots(p, 200, 7);
    EXPECT_EQ(a.p[0], 0.0);
    EXPECT_EQ(a.p[1], 1.0);
    EXPECT_EQ(a.error[0], 0.0);
    EXPECT_EQ(a.error[1], 0.0);
    EXPECT_NEAR(a.error[2], std::sqrt(a.p[2] * (1 - a.p[2]) / 200), 1e-15);
    const ShotEstimate b = estimateFromShots(p, 200, 7);
    EXPECT_EQ(a.p, b.p) << "same seed, same shots";
    EXPECT_NE(estimateFromShots(p, 200, 8).p[2], a.p[2]) << "another seed, other shots (this pair)";
    // Over 2000 seeds the estimate's mean is p and its spread sqrt(p (1 - p) / S).
    const int S = 50, runs = 2000;
    double sum = 0, sum2 = 0;
    for (int k = 0; k < runs; ++k) {
        const double e = estimateFromShots(std::vector<double>{0.3}, S, 1000 + k).p[0];
        sum += e;
        sum2 += e * e;
    }
    const double mean = sum / runs, sd = std::sqrt(sum2 / runs - mean * mean);
    const double se = std::sqrt(0.3 * 0.7 / S);
    EXPECT_NEAR(mean, 0.3, 4 * se / std::sqrt(double(runs)));
    EXPECT_NEAR(sd, se, 0.1 * se);
}

TEST(ShotEstimate, BadInputIsNamed)
{
    EXPECT_THROW(estimateFromShots(std::vector<double>{0.5}, 0, 1), InputError);
    try {
        estimateFromShots(std::vector<double>{0.5, 1.5}, 10, 1);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
    }
}

TEST(RunCost, HandCountedExecutionsAndShots)
{
    // Hand count: one SQS population of 2 neurons, N = N_M = 1, sqs-crx (embedding RX, CRX,
    // RX, RX): shift per neuron and step 1 + 4 (CRX's four-term rule) + 2 + 2 + 2K = 19 with
    // K = 5; T = 4 steps, so a training sample runs 1 (forward) + 2 * 4 * 19 = 153 circuits; with
    // S = 100 shots each gradient circuit: 1 + 152 * 100 = 15201 shots.
    Project p;
    PopulationSpec in;
    in.name = "in";
    in.kind = "input";
    in.size = 3;
    PopulationSpec r;
    r.name = "r";
    r.size = 2;
    r.readout = true;
    p.network.populations = {in, r};
    p.data.timeSteps = 4;
    p.training.estimator = "shift";
    p.training.spsaDirections = 5;
    p.training.shots = 100;
    const HardwareReport h = hardwareReport(p);
    ASSERT_EQ(h.shiftExecutionsPerSample, 153);
    // 3 training samples and 2 evaluation samples (forward only: 1 execution, 1 shot each).
    RunCost c = runCost(h, 3, 2);
    EXPECT_EQ(c.executions, 3 * 153 + 2);
    EXPECT_EQ(c.shots, 3 * 15201 + 2);
    EXPECT_FALSE(c.simulatorOnly);
    // exact: the gradient needs a simulator; only the forward circuits count.
    p.training.estimator = "exact";
    c = runCost(hardwareReport(p), 3, 2);
    EXPECT_EQ(c.executions, 5);
    EXPECT_EQ(c.shots, 5);
    EXPECT_TRUE(c.simulatorOnly);
    EXPECT_EQ(runCost(hardwareReport(p), 0, 0).executions, 0);
}

// QLIF neuron: model.md §6 test vector, reset, channel map, derivatives vs finite differences.
#include "neurons/QlifNeuron.hpp"

#include "common/Error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace sqsnn;

namespace {
constexpr double kTol = 1e-6; // model.md lists 6 decimals
constexpr double kPi = std::numbers::pi;

struct Row
{
    double theta, tau;
    int x;
    int spike;
    double alpha;
};
} // namespace

// The seven rows of model.md §6 form ONE chained sequence: only the first row is reached from
// alpha = 0; each later row starts from the previous row's alpha (from alpha = 0 the second row
// would give sin^2(0.4) = 0.151647, and every x = 0 row would give 0).
TEST(QlifNeuron, ModelTestVectorIsAChainedSequence)
{
    const Row rows[]
        = {{1.0, 50, 1, 0, 0.229849}, {0.8, 50, 1, 0, 0.613601},  {0.0, 30, 0, 0, 0.058303},
           {1.2, 10, 1, 0, 0.558338}, {0.0, 100, 0, 0, 0.240991}, {0.5, 20, 1, 0, 0.477741},
           {0.0, 60, 0, 0, 0.105334}};
    QlifParams p;
    double alpha = 0.0;
    for (const Row &r : rows) {
        const QlifResult res = qlifStepAngles(alpha, r.theta, r.tau, r.x, p);
        EXPECT_EQ(res.spike, r.spike) << "row theta=" << r.theta << " tau=" << r.tau;
        EXPECT_NEAR(res.alpha, r.alpha, kTol) << "row theta=" << r.theta << " tau=" << r.tau;
        EXPECT_EQ(res.alpha, alpha);
    }
}

TEST(QlifNeuron, OnlyTheFirstRowHoldsFromRest)
{
    QlifParams p;
    double alpha = 0.0;
    EXPECT_NEAR(qlifStepAngles(alpha, 1.0, 50, 1, p).alpha, 0.229849, kTol);
    alpha = 0.0;
    EXPECT_NEAR(qlifStepAngles(alpha, 0.8, 50, 1, p).alpha, std::pow(std::sin(0.4), 2), 1e-15);
    alpha = 0.0;
    EXPECT_EQ(qlifStepAngles(alpha, 0.0, 30, 0, p).alpha, 0.0); // x = 0 from rest stays at rest
}

TEST(QlifNeuron, SpikeThenResetThenFreshStart)
{
    QlifParams p;
    double alpha = 0.0;
    QlifResult r = qlifStepAngles(alpha, 2.5, 50, 1, p);
    EXPECT_EQ(r.spike, 1);
    EXPECT_NEAR(r.alpha, 0.900572, kTol);
    EXPECT_NEAR(r.alpha, std::pow(std::sin(1.25), 2), 1e-15);

    r = qlifStepAngles(alpha, 1.0, 50, 1, p); // alpha >= thr: reset whatever the input
    EXPECT_EQ(r.spike, 0);
    EXPECT_EQ(r.alpha, 0.0);
    EXPECT_EQ(alpha, 0.0);
    EXPECT_EQ(r.dAlphaDa, 0.0);
    EXPECT_EQ(r.dAlphaDb, 0.0);

    r = qlifStepAngles(alpha, 1.0, 50, 1, p);
    EXPECT_EQ(r.spike, 0);
    EXPECT_NEAR(r.alpha, 0.229849, kTol);
}

TEST(QlifNeuron, ResetAtExactlyThresholdAndSpikeIsStrict)
{
    QlifParams p;
    p.threshold = 0.5;
    double alpha = 0.5; // alpha >= thr resets
    EXPECT_EQ(qlifStepAngles(alpha, 1.0, 10, 1, p).alpha, 0.0);
    // alpha' = sin^2(theta/2) = 0.5 exactly at theta = pi/2 (up to round-off); use a margin.
    alpha = 0.0;
    EXPECT_EQ(qlifStepAngles(alpha, kPi / 2 - 1e-9, 10, 1, p).spike, 0);
    alpha = 0.0;
    EXPECT_EQ(qlifStepAngles(alpha, kPi / 2 + 1e-9, 10, 1, p).spike, 1);
    // A tie without round-off: thr = 1 and alpha' = sin^2(pi/2) = 1 exactly, which is not > thr
    // (and not > 1, so it is kept).
    p.threshold = 1.0;
    alpha = 0.0;
    const QlifResult tie = qlifStepAngles(alpha, kPi, 10, 1, p);
    ASSERT_EQ(tie.alpha, 1.0);
    EXPECT_EQ(tie.spike, 0);
}

TEST(QlifNeuron, CurrentsMapToAngles)
{
    QlifParams p;
    for (double a0 : {0.0, 0.3}) {
        for (auto [a, b] : {std::pair {0.4, -0.2}, {-0.25, 0.15}, {0.0, 0.3}, {-0.1, -0.05}}) {
            double alphaC = a0, alphaA = a0;
            const QlifResult rc = qlifStep(alphaC, a, b, p);
            const QlifResult ra
                = qlifStepAngles(alphaA, kPi * std::abs(a), 200.0 * std::abs(b), a > 0 ? 1 : 0, p);
            EXPECT_EQ(rc.alpha, ra.alpha) << "a=" << a << " b=" << b;
            EXPECT_EQ(rc.spike, ra.spike);
        }
    }
}

TEST(QlifNeuron, LeakWithoutInputFollowsClosedForm)
{
    // x = 0: alpha' = sin^2(asin sqrt(alpha) - asin sqrt(alpha e^(-tau/T1))).
    QlifParams p;
    for (double a0 : {0.1, 0.4, 0.7}) {
        for (double tau : {5.0, 60.0, 300.0}) {
            double alpha = a0;
            const double expect
                = std::pow(std::sin(std::asin(std::sqrt(a0))
                                    - std::asin(std::sqrt(a0 * std::exp(-tau / 60.0)))),
                           2);
            EXPECT_NEAR(qlifStepAngles(alpha, 0.0, tau, 0, p).alpha, expect, 1e-14);
        }
    }
}

TEST(QlifNeuron, DerivativesMatchCentralDifferences)
{
    QlifParams p;
    const double h = 1e-6;
    auto alphaAfter = [&](double a0, double a, double b) {
        double alpha = a0;
        return qlifStep(alpha, a, b, p).alpha;
    };
    // Away from the kinks a = 0, b = 0 and from the reset (alpha0 < thr).
    for (double a0 : {0.0, 0.2, 0.55, 0.74}) {
        for (auto [a, b] : {std::pair {0.3, 0.2},
                            {0.7, -0.1},
                            {-0.3, 0.15},
                            {-0.6, -0.4},
                            {-0.2, 0.02},
                            {0.05, 1.0}}) {
            double alpha = a0;
            const QlifResult r = qlifStep(alpha, a, b, p);
            const double fdA = (alphaAfter(a0, a + h, b) - alphaAfter(a0, a - h, b)) / (2 * h);
            const double fdB = (alphaAfter(a0, a, b + h) - alphaAfter(a0, a, b - h)) / (2 * h);
            EXPECT_NEAR(r.dAlphaDa, fdA, 1e-7) << "alpha0=" << a0 << " a=" << a << " b=" << b;
            EXPECT_NEAR(r.dAlphaDb, fdB, 1e-7) << "alpha0=" << a0 << " a=" << a << " b=" << b;
            // Exactly one channel is active: a drives x = 1 steps, b drives x = 0 steps.
            if (a > 0)
                EXPECT_EQ(r.dAlphaDb, 0.0);
            else
                EXPECT_EQ(r.dAlphaDa, 0.0);
        }
    }
}

TEST(QlifNeuron, AngleDerivativesMatchCentralDifferences)
{
    QlifParams p;
    const double h = 1e-6;
    auto at = [&](double a0, double th, double tau, int x) {
        double alpha = a0;
        return qlifStepAngles(alpha, th, tau, x, p).alpha;
    };
    for (double a0 : {0.1, 0.5}) {
        double alpha = a0;
        QlifResult r = qlifStepAngles(alpha, 0.9, 40, 1, p);
        EXPECT_NEAR(r.dAlphaDa, (at(a0, 0.9 + h, 40, 1) - at(a0, 0.9 - h, 40, 1)) / (2 * h), 1e-8);
        alpha = a0;
        r = qlifStepAngles(alpha, 0.0, 40, 0, p);
        EXPECT_NEAR(r.dAlphaDb, (at(a0, 0, 40 + h, 0) - at(a0, 0, 40 - h, 0)) / (2 * h), 1e-8);
        EXPECT_GT(r.dAlphaDb, 0.0); // a longer leak time empties the qubit further
    }
}

TEST(QlifNeuron, SurrogatePeaksAtZero)
{
    EXPECT_EQ(qlifSurrogate(0.0), 1.0);
    EXPECT_NEAR(qlifSurrogate(1.0 / kPi), 0.5, 1e-15);
    EXPECT_LT(qlifSurrogate(0.8), qlifSurrogate(0.3));
}

TEST(QlifNeuron, ValidationNamesTheField)
{
    EXPECT_NO_THROW(validateQlifParams(QlifParams {}));
    try {
        validateQlifParams(QlifParams {1.5, 60.0});
        FAIL() << "threshold 1.5 accepted";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("threshold"), std::string::npos);
    }
    EXPECT_THROW(validateQlifParams(QlifParams {0.75, 0.0}), InputError);
    EXPECT_THROW(validateQlifParams(QlifParams {0.75, NAN}), InputError);
}

// Deterministic LIF neuron: closed-form charging and time to first spike, reset by zero,
// surrogate and probability proxy.
#include "neurons/LifNeuron.hpp"

#include "common/Error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace sqsnn;

namespace {
// v_t = I (1 - beta^t) / (1 - beta) from rest.
double charged(double current, double beta, int t)
{
    return current * (1.0 - std::pow(beta, t)) / (1.0 - beta);
}
// Smallest t with v_t >= thr: t* = ceil(log(1 - thr (1 - beta) / I) / log beta).
int firstSpikeTime(double current, double beta, double thr)
{
    return int(std::ceil(std::log(1.0 - thr * (1.0 - beta) / current) / std::log(beta)));
}
} // namespace

TEST(LifNeuron, ConstantCurrentChargesInClosedForm)
{
    LifParams p; // beta 0.9, threshold 1
    LifState st;
    for (int t = 1; t <= 6; ++t) { // I = 0.2: first spike at t = 7
        const LifResult r = lifStep(st, 0.2, p);
        EXPECT_NEAR(r.v, charged(0.2, 0.9, t), 1e-14) << "t=" << t;
        EXPECT_EQ(r.spike, 0) << "t=" << t;
        EXPECT_EQ(st.v, r.v);
    }
}

TEST(LifNeuron, TimeToFirstSpikeAndRegularFiringMatchClosedForm)
{
    for (auto [current, beta, thr] : {std::tuple {0.2, 0.9, 1.0},
                                      {0.35, 0.8, 1.0},
                                      {1.5, 0.9, 1.0},
                                      {0.05, 0.99, 2.0},
                                      {0.3, 0.5, 0.5}}) {
        const int tStar = firstSpikeTime(current, beta, thr);
        // Keep the cases clear of a float tie at the threshold.
        ASSERT_GT(charged(current, beta, tStar) - thr, 1e-9);
        ASSERT_LT(charged(current, beta, tStar - 1) - thr, -1e-9);
        LifParams p {beta, thr};
        LifState st;
        // Reset by zero restarts the same charging curve: spikes at tStar, 2 tStar, ...
        for (int t = 1; t <= 4 * tStar; ++t) {
            const LifResult r = lifStep(st, current, p);
            EXPECT_EQ(r.spike, t % tStar == 0 ? 1 : 0)
                << "I=" << current << " beta=" << beta << " t=" << t << " t*=" << tStar;
        }
    }
    EXPECT_EQ(firstSpikeTime(0.2, 0.9, 1.0), 7);
}

TEST(LifNeuron, SubthresholdCurrentNeverFires)
{
    LifParams p; // asymptote I / (1 - beta) = 0.9 < 1
    LifState st;
    LifResult r;
    for (int t = 0; t < 1000; ++t) {
        r = lifStep(st, 0.09, p);
        ASSERT_EQ(r.spike, 0) << "t=" << t;
    }
    EXPECT_NEAR(r.v, 0.9, 1e-12);
}

TEST(LifNeuron, ResetByZeroReportsThePreResetPotential)
{
    LifParams p;
    LifState st {0.5};
    const LifResult r = lifStep(st, 0.8, p); // v = 0.45 + 0.8 = 1.25
    EXPECT_EQ(r.spike, 1);
    EXPECT_NEAR(r.v, 1.25, 1e-15);
    EXPECT_EQ(st.v, 0.0);
    EXPECT_NEAR(r.surrogate, 1.0 / (1.0 + std::pow(std::numbers::pi * 0.25, 2)), 1e-15);
    const LifResult next = lifStep(st, 0.3, p);
    EXPECT_NEAR(next.v, 0.3, 1e-15); // the excess 0.25 was discarded
}

TEST(LifNeuron, SpikeAtExactlyThreshold)
{
    LifParams p;
    LifState st;
    EXPECT_EQ(lifStep(st, 1.0, p).spike, 1); // v >= thr
}

TEST(LifNeuron, SurrogateAndProxyPeakAtThreshold)
{
    LifParams p {0.9, 1.3};
    LifState st;
    const LifResult at = lifStep(st, 1.3, p);
    EXPECT_EQ(at.surrogate, 1.0);
    EXPECT_EQ(at.p, 0.5);
    double prev = 0.0;
    for (double v : {-1.0, 0.0, 0.8, 1.2, 1.3, 1.4, 1.8, 3.0}) {
        LifState s;
        const LifResult r = lifStep(s, v, p);
        const double d = v - 1.3;
        EXPECT_NEAR(r.surrogate, 1.0 / (1.0 + std::pow(std::numbers::pi * d, 2)), 1e-15);
        EXPECT_LE(r.surrogate, 1.0);
        EXPECT_NEAR(r.p, 1.0 / (1.0 + std::exp(-4.0 * d)), 1e-15);
        EXPECT_GT(r.p, prev); // the proxy increases with v
        prev = r.p;
    }
    // Symmetric about the threshold.
    LifState a, b;
    EXPECT_NEAR(lifStep(a, 1.3 + 0.2, p).surrogate, lifStep(b, 1.3 - 0.2, p).surrogate, 1e-15);
}

TEST(LifNeuron, ValidationNamesTheField)
{
    EXPECT_NO_THROW(validateLifParams(LifParams {}));
    try {
        validateLifParams(LifParams {1.1, 1.0});
        FAIL() << "decay 1.1 accepted";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("membrane_decay"), std::string::npos);
    }
    EXPECT_THROW(validateLifParams(LifParams {0.9, 0.0}), InputError);
    EXPECT_THROW(validateLifParams(LifParams {0.9, INFINITY}), InputError);
}

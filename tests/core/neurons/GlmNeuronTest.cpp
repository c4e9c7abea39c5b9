// Classical stochastic GLM neuron: traces and score by hand, exact score vs finite differences,
// sampling frequency, forced outcomes.
#include "neurons/GlmNeuron.hpp"

#include "common/Error.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {
double logP(int s, double h)
{
    const double p = glmSigmoid(h);
    return s ? std::log(p) : std::log(1.0 - p);
}
} // namespace

// Defaults d_syn = d_fb = 0.5, bias 0.1, w_self -0.7, currents [1, 0, -0.5, 2.5], forced
// spikes [1, 0, 1, 1]. By hand:
//   t1: u = 1,      f = 0,                    h = 1 + 0.1 + 0          = 1.1
//   t2: u = 0.5,    f = 0.5*0 + 1 = 1,        h = 0.5 + 0.1 - 0.7      = -0.1
//   t3: u = -0.25,  f = 0.5*1 + 0 = 0.5,      h = -0.25 + 0.1 - 0.35   = -0.5
//   t4: u = 2.375,  f = 0.5*0.5 + 1 = 1.25,   h = 2.375 + 0.1 - 0.875  = 1.6
TEST(GlmNeuron, TracesAndScoreByHand)
{
    const double current[] = {1.0, 0.0, -0.5, 2.5};
    const int forced[] = {1, 0, 1, 1};
    const double u[] = {1.0, 0.5, -0.25, 2.375};
    const double f[] = {0.0, 1.0, 0.5, 1.25};
    const double h[] = {1.1, -0.1, -0.5, 1.6};
    const double p[]
        = {0.75026010559511769, 0.47502081252105999, 0.37754066879814541, 0.83201838513392445};
    GlmParams params;
    GlmState st;
    Rng rng(1);
    for (int t = 0; t < 4; ++t) {
        const GlmResult r = glmStep(st, current[t], 0.1, -0.7, params, rng, forced[t]);
        EXPECT_NEAR(st.u, u[t], 1e-15) << "t=" << t + 1;
        EXPECT_NEAR(r.feedback, f[t], 1e-15) << "t=" << t + 1;
        EXPECT_NEAR(r.preActivation, h[t], 1e-15) << "t=" << t + 1;
        EXPECT_NEAR(r.p, p[t], 1e-15) << "t=" << t + 1;
        EXPECT_EQ(r.spike, forced[t]);
        EXPECT_EQ(st.lastSpike, forced[t]);
        EXPECT_NEAR(r.score, forced[t] - p[t], 1e-15) << "t=" << t + 1;
    }
}

TEST(GlmNeuron, SelfFeedbackOffDropsTheTrace)
{
    GlmParams params;
    params.selfFeedback = false;
    GlmState st;
    Rng rng(1);
    glmStep(st, 1.0, 0.0, -5.0, params, rng, 1);
    const GlmResult r = glmStep(st, 0.0, 0.0, -5.0, params, rng, 1);
    EXPECT_EQ(r.feedback, 0.0);
    EXPECT_NEAR(r.preActivation, 0.5, 1e-15); // only the synaptic trace
}

// The score is d log P(s)/dh; check it against the bias, w_self and a past current by central
// differences of log P over a whole replayed sequence (forced spikes keep the path fixed).
TEST(GlmNeuron, ScoreIsTheExactLogLikelihoodGradient)
{
    const double current[] = {0.4, -0.3, 0.9, 0.2, -0.6};
    const int forced[] = {0, 1, 1, 0, 1};
    GlmParams params;
    params.synapticDecay = 0.7;
    params.feedbackDecay = 0.3;
    const double bias = -0.2, wSelf = 0.8, eps = 1e-6;

    // log P(s_t) at the last step T = 5 as a function of (bias, wSelf, current at t' = 3).
    auto lastLogP = [&](double b, double w, double c3) {
        GlmState st;
        Rng rng(0);
        GlmResult r;
        for (int t = 0; t < 5; ++t)
            r = glmStep(st, t == 2 ? c3 : current[t], b, w, params, rng, forced[t]);
        return logP(forced[4], r.preActivation);
    };
    GlmState st;
    Rng rng(0);
    GlmResult r;
    for (int t = 0; t < 5; ++t)
        r = glmStep(st, current[t], bias, wSelf, params, rng, forced[t]);

    const double c3 = current[2];
    const double dBias
        = (lastLogP(bias + eps, wSelf, c3) - lastLogP(bias - eps, wSelf, c3)) / (2 * eps);
    const double dW
        = (lastLogP(bias, wSelf + eps, c3) - lastLogP(bias, wSelf - eps, c3)) / (2 * eps);
    const double dC3
        = (lastLogP(bias, wSelf, c3 + eps) - lastLogP(bias, wSelf, c3 - eps)) / (2 * eps);
    EXPECT_NEAR(r.score, dBias, 1e-8);
    EXPECT_NEAR(r.score * r.feedback, dW, 1e-8);
    EXPECT_NEAR(r.score * std::pow(params.synapticDecay, 4 - 2), dC3, 1e-8);
}

TEST(GlmNeuron, SamplingFrequencyMatchesP)
{
    GlmParams params;
    Rng rng(2024);
    const int n = 200000;
    for (double target : {0.05, 0.3, 0.8}) {
        const double h = std::log(target / (1.0 - target));
        int spikes = 0;
        for (int i = 0; i < n; ++i) {
            GlmState st; // fresh state: p is the same every draw
            const GlmResult r = glmStep(st, h, 0.0, 0.0, params, rng);
            ASSERT_NEAR(r.p, target, 1e-12);
            spikes += r.spike;
        }
        const double sigma = std::sqrt(target * (1 - target) / n);
        EXPECT_NEAR(double(spikes) / n, target, 5 * sigma) << "p=" << target;
    }
}

TEST(GlmNeuron, SampleIsUniformBelowP)
{
    // The contract: s = [rng.uniform() < p], one draw per unforced step.
    GlmParams params;
    Rng rng(7), mirror(7);
    GlmState st;
    for (int t = 0; t < 50; ++t) {
        const GlmResult r = glmStep(st, 0.3 * std::sin(t), 0.1, -0.5, params, rng);
        EXPECT_EQ(r.spike, mirror.uniform() < r.p ? 1 : 0) << "t=" << t;
    }
}

TEST(GlmNeuron, ForcedOutcomeDrawsNothing)
{
    GlmParams params;
    Rng rng(11), copy(11);
    GlmState st;
    const GlmResult r1 = glmStep(st, -40.0, 0.0, 0.0, params, rng, 1); // p ~ 4e-18, forced spike
    EXPECT_EQ(r1.spike, 1);
    EXPECT_NEAR(r1.score, 1.0, 1e-15);
    const GlmResult r0 = glmStep(st, 80.0, 0.0, 0.0, params, rng, 0); // p ~ 1, forced silence
    EXPECT_EQ(r0.spike, 0);
    EXPECT_NEAR(r0.score, -1.0, 1e-15);
    EXPECT_EQ(rng.next(), copy.next());
}

TEST(GlmNeuron, SigmoidIsStableInTheTails)
{
    EXPECT_EQ(glmSigmoid(0.0), 0.5);
    EXPECT_EQ(glmSigmoid(-800.0), 0.0);
    EXPECT_EQ(glmSigmoid(800.0), 1.0);
    EXPECT_NEAR(glmSigmoid(-30.0), std::exp(-30.0), 1e-25);
}

TEST(GlmNeuron, ValidationNamesTheField)
{
    EXPECT_NO_THROW(validateGlmParams(GlmParams {}));
    try {
        validateGlmParams(GlmParams {0.5, 1.2, true});
        FAIL() << "feedback decay 1.2 accepted";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("feedback_decay"), std::string::npos);
    }
    EXPECT_THROW(validateGlmParams(GlmParams {-0.1, 0.5, true}), InputError);
}

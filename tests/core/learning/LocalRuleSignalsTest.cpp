// Issue 13's options of the local rule against finite differences: the cross-entropy readout
// term is the exact gradient of -log softmax(sum_t p_t) (given the sampled outcomes), the dfa
// hidden term is delta_j times d(sum_t p_j,t), and the dead-zone surrogate is the one-sided
// derivative at z = 0+ faded by e^(z/w).
#include "learning/DeadZoneSurrogate.hpp"
#include "learning/Estimators.hpp"
#include "learning/LocalRule.hpp"
#include "learning/ReadoutError.hpp"

#include "common/Error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

using namespace sqsnn;

namespace {

PopulationSpec pop(const std::string &name, const std::string &kind, int size, int M,
                   bool readout = false)
{
    PopulationSpec p;
    p.name = name;
    p.kind = kind;
    p.size = size;
    p.ioQubits = 1;
    p.memoryQubits = M;
    p.readout = readout;
    return p;
}

PopulationSpec input(int lines)
{
    PopulationSpec p;
    p.name = "in";
    p.kind = "input";
    p.size = lines;
    return p;
}

std::vector<Activity> randomInput(int lines, int T, Rng &rng)
{
    std::vector<Activity> in(T);
    for (auto &a : in)
        for (int l = 0; l < lines; ++l)
            if (rng.bernoulli(0.5))
                a.lines.push_back(l);
    return in;
}

// sum_t prob(pop) of a forward run with the learning run's seed (the same sampled outcomes).
std::vector<double> summedProb(Network &net, const std::vector<Activity> &in, int which)
{
    net.beginSample(int(in.size()), 42);
    std::vector<double> u(std::size_t(net.population(which).lines()), 0.0);
    for (int t = 0; t < int(in.size()); ++t) {
        net.step(t, {&in[t]}, nullptr, nullptr, false);
        for (std::size_t o = 0; o < u.size(); ++o)
            u[o] += net.prob(which)[o];
    }
    return u;
}

double ceLoss(Network &net, const std::vector<Activity> &in, int label)
{
    std::vector<double> q;
    return softmaxCrossEntropy(summedProb(net, in, net.readout()), label, q);
}

// Central differences of f over every weight of projection k and every own parameter of
// population p, against the gradients g.
void expectGradient(Network &net, const Gradients &g, int k, int p,
                    const std::function<double()> &f, double tol)
{
    const double h = 1e-6;
    auto &w = net.projection(k).params();
    for (std::size_t j = 0; j < w.size(); ++j) {
        const double keep = w[j];
        w[j] = keep + h;
        const double up = f();
        w[j] = keep - h;
        const double down = f();
        w[j] = keep;
        EXPECT_NEAR(g.proj[k][j], (up - down) / (2 * h), tol) << "weight " << j;
    }
    auto &th = net.population(p).params();
    for (std::size_t j = 0; j < th.size(); ++j) {
        const double keep = th[j];
        th[j] = keep + h;
        net.population(p).commitParams();
        const double up = f();
        th[j] = keep - h;
        net.population(p).commitParams();
        const double down = f();
        th[j] = keep;
        net.population(p).commitParams();
        EXPECT_NEAR(g.pop[p][j], (up - down) / (2 * h), tol) << "own parameter " << j;
    }
}

LearningOptions ce(std::string hidden = "scalar")
{
    LearningOptions o;
    o.readoutLoss = "ce";
    o.hiddenSignal = std::move(hidden);
    o.feedbackSeed = 11;
    return o;
}

} // namespace

// Memoryless SQS readout (exact estimator), and GLM readout (kernel and self-feedback): the
// readout's gradient is d/dpsi of -log softmax(sum_t p_t)_label.
TEST(LocalRuleSignals, CrossEntropyReadoutIsTheExactGradient)
{
    for (const std::string kind : {"sqs", "glm"}) {
        SCOPED_TRACE(kind);
        NetworkSpec spec;
        spec.populations = {input(5), pop("out", kind, 3, 0, true)};
        spec.projections = {{"in", "out", "dense", true, 0}};
        Rng rng(3);
        Network net(spec, 5, 3, {}, rng);
        if (kind == "glm") // move the GLM off its all-zero start so every term is alive
            for (auto &v : net.population(1).params())
                v = rng.uniform(-0.5, 0.5);
        LocalRule rule(net, ce());
        Gradients g(net);
        const auto in = randomInput(5, 4, rng);
        const SampleResult r = rule.run(net, in, 2, 42, &g);
        EXPECT_NEAR(r.loss, ceLoss(net, in, 2), 1e-12); // the reported loss is the CE
        expectGradient(net, g, 0, 1, [&] { return ceLoss(net, in, 2); }, 2e-6);
    }
}

// With a memory qubit and exact-memory, the same holds through the memory, for the outcomes
// the readout sampled (unclamped: its own trajectory).
TEST(LocalRuleSignals, CrossEntropyReadoutThroughTheMemory)
{
    NetworkSpec spec;
    spec.populations = {input(4), pop("out", "sqs", 3, 1, true)};
    spec.projections = {{"in", "out", "dense", true, 0}};
    Rng rng(5);
    NetworkOptions no;
    no.estimator = std::make_shared<ExactMemoryEstimator>();
    Network net(spec, 4, 3, {}, rng, no);
    LocalRule rule(net, ce());
    Gradients g(net);
    const auto in = randomInput(4, 5, rng);
    rule.run(net, in, 0, 42, &g);
    expectGradient(net, g, 0, 1, [&] { return ceLoss(net, in, 0); }, 2e-6);
}

// dfa: a hidden neuron's gradient is delta_j d(sum_t p_j,t) with delta = B (q - y), B the fixed
// feedback matrix drawn from the seed; SQS and GLM hidden layers.
TEST(LocalRuleSignals, FeedbackAlignmentHiddenTerm)
{
    for (const std::string kind : {"sqs", "glm"}) {
        SCOPED_TRACE(kind);
        NetworkSpec spec;
        spec.populations = {input(4), pop("h", kind, 3, 0), pop("out", "sqs", 3, 0, true)};
        spec.projections = {{"in", "h", "dense", true, 0}, {"h", "out", "dense", false, 0}};
        Rng rng(7);
        Network net(spec, 4, 3, {}, rng);
        // Biases off 0: a step without active lines would otherwise sit exactly on the
        // embedding's kink at z = 0, where central differences are not the derivative.
        auto &w0 = net.projection(0).params();
        for (std::size_t j = 12; j < w0.size(); ++j)
            w0[j] = rng.uniform(0.1, 0.4);
        LocalRule rule(net, ce("dfa"));
        Gradients g(net);
        const auto in = randomInput(4, 3, rng);
        const SampleResult r = rule.run(net, in, 1, 42, &g);
        std::vector<double> u(3), q;
        for (int o = 0; o < 3; ++o)
            u[o] = 3 * r.meanProb[o];
        softmaxCrossEntropy(u, 1, q);
        const auto B = feedbackMatrix(11, 1, 3, 3);
        std::vector<double> delta(3, 0.0);
        for (int j = 0; j < 3; ++j)
            for (int o = 0; o < 3; ++o)
                delta[j] += B[j * 3 + o] * (q[o] - (o == 1));
        auto f = [&] {
            const auto s = summedProb(net, in, 1);
            double v = 0;
            for (int j = 0; j < 3; ++j)
                v += delta[j] * s[j];
            return v;
        };
        expectGradient(net, g, 0, 1, f, 2e-6);
    }
}

TEST(LocalRuleSignals, FeedbackIsFixedBySeedAndPopulation)
{
    EXPECT_EQ(feedbackMatrix(3, 1, 100, 10), feedbackMatrix(3, 1, 100, 10));
    EXPECT_NE(feedbackMatrix(3, 1, 100, 10), feedbackMatrix(4, 1, 100, 10));
    EXPECT_NE(feedbackMatrix(3, 1, 100, 10), feedbackMatrix(3, 2, 100, 10));
    double ss = 0;
    for (double b : feedbackMatrix(3, 1, 100, 10))
        ss += b * b;
    EXPECT_NEAR(ss / 1000, 0.1, 0.015); // N(0, 1/C)
}

TEST(LocalRuleSignals, BadCombinationsAreRefusedWithTheirKey)
{
    NetworkSpec spec;
    spec.populations = {input(4), pop("h", "sqs", 2, 0), pop("out", "sqs", 2, 0, true)};
    spec.populations[1].ioQubits = 2; // two I/O qubits: a joint outcome, not one spike each
    spec.projections = {{"in", "h", "dense", false, 0}, {"h", "out", "dense", false, 0}};
    Rng rng(1);
    Network net(spec, 4, 2, {}, rng);
    auto message = [&](LearningOptions o) {
        try {
            LocalRule rule(net, o);
        } catch (const InputError &e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(message(ce()), "");
    EXPECT_NE(message(ce("dfa")).find("training.hidden_signal: needs one I/O qubit"), std::string::npos);
    LearningOptions o = ce();
    o.eligibilitySmoothing = 0.5;
    EXPECT_NE(message(o).find("training.eligibility_smoothing"), std::string::npos);
    o = ce();
    o.readoutTargetWeight = 9;
    EXPECT_NE(message(o).find("training.readout_target_weight"), std::string::npos);
    o = {};
    o.readoutLoss = "mse";
    EXPECT_NE(message(o).find("training.readout_loss"), std::string::npos);
    o = {};
    o.hiddenSignal = "loud";
    EXPECT_NE(message(o).find("training.hidden_signal"), std::string::npos);
    TrainingSpec ts;
    ts.deadZoneSurrogate = 0.5;
    ts.estimator = "shift";
    try {
        makeEstimator(ts);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("training.dead_zone_surrogate"), std::string::npos);
    }
}

// z > 0: the exact derivative, untouched. z <= 0: the one-sided derivative at 0+ (finite
// differences of log p just above the dead zone) times e^(z/w); the forward p is unchanged.
TEST(LocalRuleSignals, DeadZoneSurrogateIsTheEdgeDerivativeFaded)
{
    SqsNeuron n(1, 1, AnsatzSpec{});
    n.setParameters(std::vector<double>{1.3, 0.7, 0.4});
    SqsNeuron::Workspace w(n);
    const Eigen::VectorXcd mem = Eigen::VectorXcd::Unit(2, 0) * 0.6
                                 + Eigen::VectorXcd::Unit(2, 1) * std::complex<double>(0, 0.8);
    ExactEstimator exact;
    DeadZoneSurrogate sur(std::make_shared<ExactEstimator>(), 0.25);
    Rng rng(1);
    double p[2], scratch[64];
    auto logp = [&](double z, int s) {
        n.evolve(&z, mem.data(), w, p);
        return std::log(p[s]);
    };
    for (int s = 0; s < 2; ++s) {
        double th1[3], th2[3], dz1 = 0, dz2 = 0;
        const double zPos = 0.3;
        n.evolve(&zPos, mem.data(), w, p);
        exact.logProbGradient(n, mem.data(), &zPos, s, p[s], w, rng, th1, &dz1, scratch);
        sur.logProbGradient(n, mem.data(), &zPos, s, p[s], w, rng, th2, &dz2, scratch);
        EXPECT_EQ(dz1, dz2);
        const double edge = (logp(1.5e-4, s) - logp(0.5e-4, s)) / 1e-4; // d log p / dz at 1e-4
        ASSERT_GT(std::abs(edge), 0.1);
        for (const double z : {0.0, -0.5}) {
            n.evolve(&z, mem.data(), w, p);
            exact.logProbGradient(n, mem.data(), &z, s, p[s], w, rng, th1, &dz1, scratch);
            sur.logProbGradient(n, mem.data(), &z, s, p[s], w, rng, th2, &dz2, scratch);
            EXPECT_EQ(dz1, 0.0); // the true derivative in the dead zone
            EXPECT_NEAR(dz2, std::exp(z / 0.25) * edge, 2e-3 * std::abs(edge)) << "z " << z;
            for (int k = 0; k < 3; ++k)
                EXPECT_NEAR(th1[k], th2[k], 1e-9);
        }
    }
}

// Under ce + dfa the shift estimator hands the deferred terms p e = the shift estimate of dp
// itself: with exact probabilities (S = 0) that is the exact dp(s)/dtheta of the fresh circuit,
// whatever p(s) the population passes (no division by a shot estimate).
TEST(LocalRuleSignals, ShiftEstimatorForDeferredTermsGivesDp)
{
    TrainingSpec ts;
    ts.estimator = "shift";
    ts.readoutLoss = "ce";
    ts.hiddenSignal = "dfa";
    const auto est = makeEstimator(ts);
    SqsNeuron n(1, 1, AnsatzSpec{});
    n.setParameters(std::vector<double>{1.3, 0.7, 0.4});
    SqsNeuron::Workspace w(n);
    const Eigen::VectorXcd fresh = n.initialMemory();
    Rng rng(2);
    double scratch[64];
    const double z = 0.4;
    for (int s = 0; s < 2; ++s) {
        double exactTh[3], exactPhi[1], th[3], dz = 0;
        n.probabilityGradient(&z, fresh.data(), s, w, exactTh, exactPhi);
        const double ps = 0.37; // any p: it cancels in p e
        est->logProbGradient(n, fresh.data(), &z, s, ps, w, rng, th, &dz, scratch);
        for (int k = 0; k < 3; ++k)
            EXPECT_NEAR(ps * th[k], exactTh[k], 1e-12) << "angle " << k << " outcome " << s;
    }
}

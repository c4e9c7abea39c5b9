// The local rule against finite differences of the exact log-probabilities.
#include "learning/LocalRule.hpp"
#include "learning/Estimators.hpp"
#include "learning/Optimizer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <mutex>

using namespace sqsnn;

namespace {

PopulationSpec sqs(const std::string &name, int size, int N, int M, bool readout = false)
{
    PopulationSpec p;
    p.name = name;
    p.kind = "sqs";
    p.size = size;
    p.ioQubits = N;
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

// Sum over steps of log P(readout outcomes = targets), the readout clamped to the targets.
double clampedLogLikelihood(Network &net, const std::vector<Activity> &in, int label)
{
    const int C = net.numClasses();
    std::vector<int> target(C);
    for (int o = 0; o < C; ++o)
        target[o] = o == label;
    net.beginSample(int(in.size()), 42);
    double L = 0;
    for (int t = 0; t < int(in.size()); ++t) {
        net.step(t, {&in[t]}, target.data(), nullptr, false);
        for (int o = 0; o < C; ++o) {
            const double p = net.prob(net.readout())[o];
            L += std::log(target[o] ? p : 1 - p);
        }
    }
    return L;
}

} // namespace

// Without memory qubits the exact estimator is the exact gradient of the clamped readout's
// log-likelihood: g = -dL/dpsi for every weight, bias and angle.
TEST(LocalRule, ReadoutGradientIsMinusTheLogLikelihoodGradient)
{
    NetworkSpec spec;
    spec.populations = {input(5), sqs("out", 2, 1, 0, true)};
    spec.projections = {{"in", "out", "dense", true, 0}};
    Rng rng(1);
    Network net(spec, 5, 2, {}, rng);
    LocalRule rule(net, {});
    Gradients g(net);
    const auto in = randomInput(5, 4, rng);
    rule.run(net, in, 1, 42, &g);

    const double h = 1e-6;
    auto &w = net.projection(0).params();
    for (std::size_t j = 0; j < w.size(); ++j) {
        const double keep = w[j];
        w[j] = keep + h;
        const double up = clampedLogLikelihood(net, in, 1);
        w[j] = keep - h;
        const double down = clampedLogLikelihood(net, in, 1);
        w[j] = keep;
        EXPECT_NEAR(g.proj[0][j], -(up - down) / (2 * h), 1e-6) << "weight " << j;
    }
    auto &th = net.population(1).params();
    for (std::size_t j = 0; j < th.size(); ++j) {
        const double keep = th[j];
        th[j] = keep + h;
        net.population(1).commitParams();
        const double up = clampedLogLikelihood(net, in, 1);
        th[j] = keep - h;
        net.population(1).commitParams();
        const double down = clampedLogLikelihood(net, in, 1);
        th[j] = keep;
        net.population(1).commitParams();
        EXPECT_NEAR(g.pop[1][j], -(up - down) / (2 * h), 1e-6) << "angle " << j;
    }
}

// A hidden neuron's gradient is l_t times d log P(s^) of the spike it sampled (one step).
TEST(LocalRule, HiddenGradientIsLearningSignalTimesScore)
{
    NetworkSpec spec;
    spec.populations = {input(4), sqs("h", 3, 1, 0), sqs("out", 2, 1, 0, true)};
    spec.projections = {{"in", "h", "dense", false, 0}, {"h", "out", "dense", false, 0}};
    Rng rng(7);
    Network net(spec, 4, 2, {}, rng);
    LocalRule rule(net, {});
    Gradients g(net);
    const auto in = randomInput(4, 1, rng);

    struct Capture : StepObserver
    {
        void onStep(const Network &n, int, double l) override
        {
            signal = l;
            spikes = n.spikes(1);
        }
        double signal = 0;
        std::vector<std::uint8_t> spikes;
    } cap;
    rule.run(net, in, 0, 9, &g, &cap);

    // log P(s^) of the hidden population at step 1, as a function of its parameters.
    auto logP = [&] {
        net.beginSample(1, 9);
        net.step(0, {&in[0]}, nullptr, nullptr, false);
        double L = 0;
        for (int i = 0; i < 3; ++i) {
            const double p = net.prob(1)[i];
            L += std::log(cap.spikes[i] ? p : 1 - p);
        }
        return L;
    };
    const double h = 1e-6;
    auto &w = net.projection(0).params();
    for (std::size_t j = 0; j < w.size(); ++j) {
        const double keep = w[j];
        w[j] = keep + h;
        const double up = logP();
        w[j] = keep - h;
        const double down = logP();
        w[j] = keep;
        EXPECT_NEAR(g.proj[0][j], cap.signal * (up - down) / (2 * h), 1e-6) << "weight " << j;
    }
    EXPECT_GT(cap.signal, 0.0);
}

TEST(Optimizer, ClipsPerGroupAndWrapsAngles)
{
    NetworkSpec spec;
    spec.populations = {input(2), sqs("out", 2, 1, 1, true)};
    spec.projections = {{"in", "out", "dense", false, 0}};
    Rng rng(3);
    Network net(spec, 2, 2, {}, rng);
    TrainingSpec ts;
    ts.learningRate = 0.1;
    ts.clipReadout = 0.05;
    Optimizer opt(net, ts);
    Gradients g(net);
    const auto before = net.projection(0).params();
    const auto angles = net.population(1).params();
    g.proj[0][0] = 10.0;  // clipped to 0.05
    g.proj[0][1] = -0.01; // not clipped
    g.touched[0][0] = 1;
    g.pop[1][0] = -1e3;   // pushes the angle up by 0.1 * 0.05
    g.samples = 1;
    opt.apply(net, g);
    const auto &after = net.projection(0).params();
    EXPECT_NEAR(after[0], before[0] - 0.1 * 0.05, 1e-15);
    EXPECT_NEAR(after[1], before[1] + 0.1 * 0.01, 1e-15);
    EXPECT_EQ(after[2], before[2]); // row 1 untouched
    EXPECT_NEAR(net.population(1).params()[0], std::fmod(angles[0] + 0.005, 2 * M_PI), 1e-12);
    for (double a : net.population(1).params()) {
        EXPECT_GE(a, 0.0);
        EXPECT_LT(a, 2 * M_PI);
    }
    EXPECT_EQ(g.proj[0][0], 0.0); // cleared
}

// With memory qubits, exact-memory is the exact gradient of the clamped readout's
// log-likelihood through the memory, for weights (all earlier steps' currents) and angles.
TEST(LocalRule, ExactMemoryReadoutGradientIncludesTheMemoryPath)
{
    NetworkSpec spec;
    spec.populations = {input(4), sqs("out", 2, 1, 1, true)};
    spec.projections = {{"in", "out", "dense", true, 0}};
    Rng rng(5);
    NetworkOptions opt;
    opt.estimator = std::make_shared<ExactMemoryEstimator>();
    Network net(spec, 4, 2, {}, rng, opt);
    LocalRule rule(net, LearningOptions{0, 0, false, true}); // clamped: a deterministic trajectory
    Gradients g(net);
    const auto in = randomInput(4, 5, rng);
    rule.run(net, in, 0, 42, &g);

    const double h = 1e-6;
    auto &w = net.projection(0).params();
    for (std::size_t j = 0; j < w.size(); ++j) {
        const double keep = w[j];
        w[j] = keep + h;
        const double up = clampedLogLikelihood(net, in, 0);
        w[j] = keep - h;
        const double down = clampedLogLikelihood(net, in, 0);
        w[j] = keep;
        EXPECT_NEAR(g.proj[0][j], -(up - down) / (2 * h), 2e-6) << "weight " << j;
    }
    auto &th = net.population(1).params();
    for (std::size_t j = 0; j < th.size(); ++j) {
        const double keep = th[j];
        th[j] = keep + h;
        net.population(1).commitParams();
        const double up = clampedLogLikelihood(net, in, 0);
        th[j] = keep - h;
        net.population(1).commitParams();
        const double down = clampedLogLikelihood(net, in, 0);
        th[j] = keep;
        net.population(1).commitParams();
        EXPECT_NEAR(g.pop[1][j], -(up - down) / (2 * h), 2e-6) << "angle " << j;
    }

    // The plain exact estimator misses the memory path: it differs somewhere.
    Rng rng2(5);
    Network plain(spec, 4, 2, {}, rng2);
    LocalRule rule2(plain, LearningOptions{0, 0, false, true});
    Gradients g2(plain);
    rule2.run(plain, in, 0, 42, &g2);
    double diff = 0;
    for (std::size_t j = 0; j < g.pop[1].size(); ++j)
        diff += std::abs(g.pop[1][j] - g2.pop[1][j]);
    EXPECT_GT(diff, 1e-6);
}

// The fused per-sample path hands each active line's gradient row to a RowSink (SGD with batch
// 1) instead of scattering it into Gradients. It sums the steps' A rows of a line's set of
// active steps once per set and reuses it for every line active in the same steps (samples of
// at most 8 steps), or sums per line (longer samples): either way every row it hands over must
// be the Gradients path's row bit for bit, on 1 and 2 threads, and only active lines get one.
TEST(LocalRule, RowsHandedToASinkAreTheGradientRowsBitForBit)
{
    struct Recorder : RowSink
    {
        std::map<std::pair<int, std::size_t>, std::vector<double>> rows;
        std::mutex mutex; // workers hand rows over concurrently
        bool acceptsRows(const Network &, int) const override { return true; }
        void applyRow(Network &net, int k, std::size_t first, const double *g, int cb,
                      int ce) override
        {
            std::lock_guard lock(mutex);
            auto &r = rows[{k, first}];
            r.resize(std::size_t(net.projection(k).rowLength()), std::nan(""));
            std::copy(g + cb, g + ce, r.begin() + cb);
        }
    };
    NetworkSpec spec;
    spec.populations = {input(300), sqs("hidden", 256, 1, 0), sqs("out", 10, 1, 0, true)};
    spec.projections = {{"in", "hidden", "dense", true, 0}, {"hidden", "out", "dense", true, 0}};
    for (int T : {5, 8, 12}) {
        for (int threads : {1, 2}) {
            SCOPED_TRACE("T = " + std::to_string(T) + ", threads " + std::to_string(threads));
            NetworkOptions opt;
            opt.threads = threads;
            Rng r1(3), r2(3);
            Network a(spec, 300, 10, {}, r1, opt), b(spec, 300, 10, {}, r2, opt);
            Rng data(7);
            const auto in = randomInput(300, T, data);
            LocalRule scatter(a, {}), fused(b, {});
            Recorder sink;
            fused.setRowSink(&sink);
            Gradients ga(a), gb(b);
            scatter.run(a, in, 3, 42, &ga);
            fused.run(b, in, 3, 42, &gb);
            for (int k = 0; k < 2; ++k) {
                const Projection &pr = a.projection(k);
                const std::size_t len = std::size_t(pr.rowLength());
                int handed = 0;
                for (int line = 0; line < pr.sourceLines(); ++line) {
                    const auto it = sink.rows.find({k, std::size_t(pr.rowBegin(line))});
                    const bool active = ga.touched[k][std::size_t(line)];
                    ASSERT_EQ(it != sink.rows.end(), bool(active)) << "projection " << k << " line " << line;
                    if (!active)
                        continue;
                    ++handed;
                    const double *want = ga.proj[k].data() + pr.rowBegin(line);
                    for (std::size_t c = 0; c < len; ++c)
                        ASSERT_EQ(std::memcmp(&it->second[c], &want[c], sizeof(double)), 0)
                            << "projection " << k << " line " << line << " channel " << c;
                }
                EXPECT_GT(handed, pr.sourceLines() / 4) << "projection " << k;
                const auto bias = sink.rows.find({k, std::size_t(pr.weightCount())});
                ASSERT_NE(bias, sink.rows.end());
                for (std::size_t c = 0; c < len; ++c)
                    ASSERT_EQ(bias->second[c], ga.proj[k][std::size_t(pr.weightCount()) + c]);
            }
            EXPECT_EQ(ga.pop, gb.pop);
        }
    }
}

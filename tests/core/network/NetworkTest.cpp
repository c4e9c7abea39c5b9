// The time-step engine: currents are exactly the weighted sums of the spikes that arrived
// (dense, channel-matched, bias, analogue values), delays deliver earlier steps' spikes,
// recurrent projections run, and parameters round-trip through a ParameterSet.
#include "common/Error.hpp"
#include "network/Network.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;

namespace {

PopulationSpec pop(const std::string &name, const std::string &kind, int size, int N = 1,
                   bool readout = false)
{
    PopulationSpec p;
    p.name = name;
    p.kind = kind;
    p.size = size;
    p.ioQubits = N;
    p.memoryQubits = 1;
    p.readout = readout;
    return p;
}

Activity act(std::vector<int> lines, std::vector<float> values = {})
{
    Activity a;
    a.lines = std::move(lines);
    a.values.assign(values.begin(), values.end());
    return a;
}

} // namespace

TEST(Network, DenseCurrentsAreWeightedSumsOfTheActiveLines)
{
    NetworkSpec spec;
    spec.populations = {pop("in", "input", 6), pop("out", "lif", 2, 1, true)};
    spec.projections = {{"in", "out", "dense", true, 0}};
    Rng rng(1);
    Network net(spec, 6, 2, {}, rng);
    auto &w = net.projection(0).params(); // [line][channel], then 2 biases
    for (std::size_t j = 0; j < w.size(); ++j)
        w[j] = 0.01 * double(j + 1);
    net.beginSample(2, 1);
    const Activity a = act({1, 4});
    net.step(0, {&a}, nullptr, nullptr, false);
    for (int c = 0; c < 2; ++c)
        EXPECT_DOUBLE_EQ(net.current(1)[c], w[1 * 2 + c] + w[4 * 2 + c] + w[12 + c]);
    // Analogue values scale their rows; no active line leaves the bias only.
    const Activity b = act({0, 5}, {0.5f, 0.25f});
    net.step(1, {&b}, nullptr, nullptr, false);
    for (int c = 0; c < 2; ++c)
        EXPECT_DOUBLE_EQ(net.current(1)[c], 0.5 * w[c] + 0.25 * w[10 + c] + w[12 + c]);
}

TEST(Network, ChannelMatchedChannelsHearTheirOwnBit)
{
    NetworkSpec spec;
    spec.populations = {pop("in", "input", 4), pop("a", "sqs", 3, 2), pop("b", "sqs", 2, 2),
                        pop("out", "lif", 2, 1, true)};
    spec.projections = {{"in", "a"}, {"a", "b", "channel-matched"}, {"b", "out"}};
    Rng rng(2);
    Network net(spec, 4, 2, {}, rng);
    const auto &w = net.projection(1).params(); // [source neuron j][target neuron i][bit n]
    ASSERT_EQ(w.size(), 3u * 2u * 2u);
    net.beginSample(1, 3);
    const Activity in = act({0, 1, 2, 3});
    net.step(0, {&in}, nullptr, nullptr, false);
    const auto &spikes = net.spikes(1); // lines j*2 + n
    for (int i = 0; i < 2; ++i)
        for (int n = 0; n < 2; ++n) {
            double expect = 0;
            for (int j = 0; j < 3; ++j)
                if (spikes[j * 2 + n])
                    expect += w[(j * 2 + i) * 2 + n];
            EXPECT_DOUBLE_EQ(net.current(2)[i * 2 + n], expect) << i << "," << n;
        }
}

TEST(Network, DelaysDeliverEarlierStepsAndRecurrenceRuns)
{
    NetworkSpec spec;
    spec.populations = {pop("in", "input", 3), pop("h", "sqs", 4), pop("out", "sqs", 2, 1, true)};
    spec.projections = {{"in", "h", "dense", false, 2}, {"h", "h", "dense", false, 1}, {"h", "out"}};
    Rng rng(3);
    Network net(spec, 3, 2, {}, rng);
    const int T = 6;
    net.beginSample(T, 9);
    std::vector<Activity> in(T);
    for (int t = 0; t < T; ++t) {
        in[t] = act({t % 3});
        net.step(t, {&in[t]}, nullptr, nullptr, false);
        // The input projection delivers what the input did 2 steps earlier.
        const Activity &d = net.delivered(0, t);
        if (t < 2)
            EXPECT_TRUE(d.lines.empty());
        else
            EXPECT_EQ(d.lines, in[t - 2].lines);
        // The recurrent projection delivers h's own spikes of the previous step.
        if (t >= 1)
            EXPECT_EQ(net.delivered(1, t).lines, net.activity(1, t - 1).lines);
    }
}

TEST(Network, ParametersRoundTripAndAreCheckedBySize)
{
    NetworkSpec spec;
    spec.populations = {pop("in", "input", 5), pop("h", "sqs", 3), pop("out", "sqs", 2, 1, true)};
    spec.projections = {{"in", "h"}, {"h", "out"}};
    Rng rng(4);
    Network a(spec, 5, 2, {}, rng);
    ParameterSet ps;
    a.exportParameters(ps);
    EXPECT_EQ(ps.size(), 4u);
    EXPECT_EQ(ps.at("projection/in->h").size(), 15u);
    Rng other(99);
    Network b(spec, 5, 2, ps, other);
    ParameterSet ps2;
    b.exportParameters(ps2);
    EXPECT_EQ(ps, ps2);
    // Two readout neurons start antisymmetric: negated weights, theta_mem + pi.
    const auto &w = a.projection(1).params();
    for (int line = 0; line < 3; ++line)
        EXPECT_DOUBLE_EQ(w[line * 2 + 1], -w[line * 2]);
    ps["projection/in->h"].pop_back();
    try {
        Network c(spec, 5, 2, ps, other);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("/parameters/projection/in->h: expected 15 values, got 14"),
                  std::string::npos)
            << e.what();
    }
}

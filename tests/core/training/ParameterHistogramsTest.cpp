// Histograms of the trained values: every parameter counted once per group it belongs to,
// angles wrapped to [0, 2 pi), weights over their own range, classical parameters apart.
#include "project/ProjectIo.hpp"
#include "training/ParameterHistograms.hpp"
#include "training/Trainer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace sqsnn;

namespace {

Project quickstart()
{
    Project p = loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json");
    p.data.trainSamples = 20;
    p.data.testSamples = 10;
    p.training.epochs = 1;
    return p;
}

std::map<std::string, ParameterHistogram> byName(const Network &net, int bins = 40)
{
    std::map<std::string, ParameterHistogram> out;
    for (auto &h : parameterHistograms(net, bins))
        out[h.name] = h;
    return out;
}

} // namespace

TEST(ParameterHistograms, EveryValueCountedOncePerGroup)
{
    Trainer t(quickstart(), TrainerOptions{1});
    t.trainEpoch();
    const Network &net = t.network();
    const auto h = byName(net);
    std::int64_t weights = 0, angles = 0;
    for (int k = 0; k < net.projectionCount(); ++k) {
        const Projection &pr = net.projection(k);
        const std::string name = "weights " + pr.spec().from + "->" + pr.spec().to;
        ASSERT_TRUE(h.count(name)) << name;
        EXPECT_EQ(h.at(name).total(), std::int64_t(pr.params().size()));
        EXPECT_EQ(h.at(name).counts.size(), 40u);
        weights += std::int64_t(pr.params().size());
    }
    for (int p = 0; p < net.populationCount(); ++p) {
        if (net.isInput(p))
            continue;
        const std::string name = "angles " + net.population(p).spec().name;
        ASSERT_TRUE(h.count(name)) << name;
        EXPECT_EQ(h.at(name).total(), net.population(p).paramCount());
        EXPECT_EQ(h.at(name).lo, 0.0);
        EXPECT_EQ(h.at(name).hi, 2 * M_PI);
        angles += net.population(p).paramCount();
    }
    EXPECT_EQ(h.at("all weights").total(), weights);
    EXPECT_EQ(h.at("all circuit angles").total(), angles);
    EXPECT_EQ(weights + angles, net.parameterCount());
    EXPECT_EQ(parameterHistograms(net).front().name, "all weights");
}

TEST(ParameterHistograms, AnglesWrapAndWeightsSpanTheirRange)
{
    Trainer t(quickstart(), TrainerOptions{1});
    Network &net = t.network();
    auto &angles = net.population(1).params();
    angles[0] = -0.1;              // 2 pi - 0.1: the last bin
    angles[1] = 2 * M_PI + 0.05;   // 0.05: the first bin
    angles[2] = -1e-300;           // rounds to 2 pi when wrapped naively: bin 0
    auto &w = net.projection(0).params();
    const auto [mn, mx] = std::minmax_element(w.begin(), w.end());
    const auto h = byName(net, 36);
    const ParameterHistogram &a = h.at("angles " + net.population(1).spec().name);
    std::vector<std::int64_t> expected(36, 0);
    for (double x : angles)
        ++expected[std::size_t(std::min(35.0, std::floor(wrapAngle(x) / (2 * M_PI) * 36)))];
    EXPECT_EQ(a.counts, expected);
    EXPECT_GE(a.counts.back(), 1);
    EXPECT_GE(a.counts.front(), 2);
    const ParameterHistogram &wh
        = h.at("weights " + net.projection(0).spec().from + "->" + net.projection(0).spec().to);
    EXPECT_EQ(wh.lo, *mn);
    EXPECT_EQ(wh.hi, *mx);
    EXPECT_GE(wh.counts.front(), 1);
    EXPECT_GE(wh.counts.back(), 1) << "the maximum goes into the last bin";
    for (double x : {-1e-300, -0.0, 2 * M_PI, -2 * M_PI, 1e6, -1e6}) {
        EXPECT_GE(wrapAngle(x), 0.0) << x;
        EXPECT_LT(wrapAngle(x), 2 * M_PI) << x;
    }
}

TEST(ParameterHistograms, ClassicalParametersAndConstantValuesAndNaN)
{
    nlohmann::json j = projectToJson(quickstart());
    j["network"]["populations"][1] = {{"name", "hidden"}, {"kind", "glm"}, {"size", 8}};
    Trainer t(projectFromJson(j, "glm"), TrainerOptions{1});
    Network &net = t.network();
    const auto h = byName(net);
    const std::string glm = "parameters " + net.population(1).spec().name;
    ASSERT_TRUE(h.count(glm));
    EXPECT_EQ(h.at(glm).kind, ParameterHistogram::Kind::NeuronParameters);
    EXPECT_EQ(h.at(glm).total(), net.population(1).paramCount());
    EXPECT_FALSE(h.count("angles " + net.population(1).spec().name));
    EXPECT_EQ(h.at("all circuit angles").total(), net.population(2).paramCount());
    // A group of equal values gets a unit-wide range around them; NaN is counted apart.
    auto &w = net.projection(0).params();
    std::fill(w.begin(), w.end(), 0.25);
    w[0] = std::nan("");
    const auto h2 = byName(net);
    const ParameterHistogram &c
        = h2.at("weights " + net.projection(0).spec().from + "->" + net.projection(0).spec().to);
    EXPECT_DOUBLE_EQ(c.lo, -0.25);
    EXPECT_DOUBLE_EQ(c.hi, 0.75);
    EXPECT_EQ(c.nonFinite, 1);
    EXPECT_EQ(c.total(), std::int64_t(w.size()));
}

// Graph validation messages, parameter counts of the paper's networks, and budget matching.
#include "common/Error.hpp"
#include "network/NetworkCheck.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;

namespace {

PopulationSpec pop(const std::string &name, const std::string &kind, int size, bool readout = false)
{
    PopulationSpec p;
    p.name = name;
    p.kind = kind;
    p.size = size;
    p.readout = readout;
    return p;
}

NetworkSpec threeLayer(int hidden, bool direct)
{
    NetworkSpec n;
    n.populations = {pop("in", "input", 0), pop("h", "sqs", hidden), pop("out", "sqs", 2, true)};
    n.projections = {{"in", "h"}, {"h", "out"}};
    if (direct)
        n.projections.push_back({"in", "out"});
    return n;
}

bool mentions(const std::vector<NetworkIssue> &issues, const std::string &text)
{
    for (const auto &i : issues)
        if (i.message.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST(NetworkCheck, ThePapersNetworksHaveThePapersParameterCounts)
{
    // Local rule: 16x16 inputs, 2 hidden + 2 readout, direct input-to-readout: 1,040.
    EXPECT_EQ(parameterCount(threeLayer(2, true), 256), 1040);
    // Images: 784-1000-10 without bias: 797,030.
    NetworkSpec big = threeLayer(1000, false);
    big.populations[2].size = 10;
    EXPECT_EQ(parameterCount(big, 784), 797030);
    // MNIST-DVS: 676-256-10 with bias: 176,680 = 676*256 + 256 + 256*10 + 10 + 266*3 - ...
    NetworkSpec dvs = threeLayer(256, false);
    dvs.populations[2].size = 10;
    dvs.projections[0].bias = dvs.projections[1].bias = true;
    EXPECT_EQ(parameterCount(dvs, 676), 676 * 256 + 256 + 256 * 10 + 10 + 266 * 3);
    EXPECT_TRUE(validateNetwork(big, 784, 10).empty());
}

TEST(NetworkCheck, BaselinesCountTheirOwnParameters)
{
    NetworkSpec n = threeLayer(5, false);
    n.populations[1].kind = "qlif"; // two linear maps per neuron
    EXPECT_EQ(projectionParameterCount(n, n.projections[0], 10), 10 * 2 * 5);
    n.populations[1].kind = "glm"; // bias + self-feedback per neuron
    EXPECT_EQ(populationParameterCount(n.populations[1]), 10);
    n.populations[1].selfFeedback = false;
    EXPECT_EQ(populationParameterCount(n.populations[1]), 5);
    n.populations[1].kind = "lif";
    EXPECT_EQ(populationParameterCount(n.populations[1]), 0);
    // Channel-matched: channel n of a target neuron hears bit n of each source neuron.
    NetworkSpec m = threeLayer(4, false);
    m.populations[1].ioQubits = 2;
    m.populations.push_back(pop("h2", "sqs", 3));
    m.populations.back().ioQubits = 2;
    m.projections.push_back({"h", "h2", "channel-matched"});
    m.projections.push_back({"h2", "out"});
    EXPECT_EQ(projectionParameterCount(m, m.projections[2], 10), 4 * 3 * 2);
}

TEST(NetworkCheck, ProblemsNameTheNodeOrEdgeAtFault)
{
    NetworkSpec n = threeLayer(3, false);
    n.projections.push_back({"out", "h"}); // a cycle without delay
    auto issues = validateNetwork(n, 10, 2);
    EXPECT_TRUE(mentions(issues, "projection 'out' -> 'h': closes a cycle without delay"));
    n.projections.back().delay = 1;
    EXPECT_TRUE(validateNetwork(n, 10, 2).empty());

    n = threeLayer(3, false);
    n.populations[2].size = 3;
    EXPECT_TRUE(mentions(validateNetwork(n, 10, 2),
                         "population 'out': the readout has 3 neurons but the data set has 2 classes"));
    n = threeLayer(3, false);
    n.populations[2].readout = false;
    EXPECT_TRUE(mentions(validateNetwork(n, 10, 2), "no readout"));
    n = threeLayer(3, false);
    n.populations[1].kind = "hopfield";
    EXPECT_TRUE(mentions(validateNetwork(n, 10, 2), "population 'h': unknown node type \"hopfield\""));
    n = threeLayer(3, false);
    n.populations[1].ioQubits = 6;
    n.populations[1].memoryQubits = 34;
    EXPECT_TRUE(mentions(validateNetwork(n, 10, 2), "the limit is 12 qubits per neuron"));
    n = threeLayer(3, false);
    n.projections.push_back({"h", "nowhere"});
    EXPECT_TRUE(mentions(validateNetwork(n, 10, 2), "no population named 'nowhere'"));
    n = threeLayer(3, false);
    n.populations[1].ioQubits = 2;
    n.projections[1].connectivity = "channel-matched";
    EXPECT_TRUE(mentions(validateNetwork(n, 10, 2), "shape mismatch"));
    n = threeLayer(3, false);
    n.populations[1].size = 1000000;
    n.populations.push_back(pop("h2", "sqs", 1000000));
    n.projections.push_back({"h", "h2", "dense", false, 1});
    EXPECT_TRUE(mentions(validateNetwork(n, 10, 2), "the limit is 16 GiB"));
    EXPECT_THROW(checkNetwork(n, 10, 2), InputError);
}

TEST(NetworkCheck, HiddenSizeMatchesABudgetClosely)
{
    for (long budget : {1040L, 80000L, 797030L, 176680L}) {
        NetworkSpec n = threeLayer(1, true);
        n.populations[1].kind = "glm";
        const int size = matchHiddenSize(n, "h", budget, 784);
        const long count = parameterCount(n, 784);
        EXPECT_EQ(n.populations[1].size, size);
        if (budget > 20000)
            EXPECT_LT(std::abs(count - budget), 0.02 * budget) << budget;
        // No other size is closer.
        for (int other : {size - 1, size + 1}) {
            if (other < 1)
                continue;
            n.populations[1].size = other;
            EXPECT_GE(std::abs(parameterCount(n, 784) - budget), std::abs(count - budget));
        }
    }
}

// The temporal-order task: labels follow the group that fires first, classes are balanced,
// and a too-short T is refused with the minimum.
#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "data/TemporalOrder.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;

TEST(TemporalOrder, LabelFollowsFirstGroup)
{
    const TemporalOrderParams p;
    Rng rng(11);
    const Dataset d = makeTemporalOrder(p, 14, 301, rng);
    ASSERT_EQ(d.size(), 301u);
    EXPECT_EQ(d.frames, 14);
    EXPECT_EQ(d.inputLines(), 20);
    int zeros = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        zeros += d.labels[i] == 0;
        int firstA = 1000, firstB = 1000, lastA = -1, lastB = -1;
        for (std::uint32_t k : d.spikes[i]) {
            const int t = int(k / 20), line = int(k % 20);
            if (line < 8) {
                firstA = std::min(firstA, t);
                lastA = std::max(lastA, t);
            } else if (line < 16) {
                firstB = std::min(firstB, t);
                lastB = std::max(lastB, t);
            }
        }
        ASSERT_LT(lastA, 1000); // both groups fire (p = 0.8 on 8 lines over 3 steps)
        ASSERT_GE(lastB, 0);
        if (d.labels[i] == 0)
            EXPECT_LT(lastA, firstB) << i; // A's burst ends before B's begins
        else
            EXPECT_LT(lastB, firstA) << i;
    }
    EXPECT_EQ(zeros, 151);
}

TEST(TemporalOrder, LoadDataDefaultsAndErrors)
{
    DataSpec spec;
    spec.dataset = "temporal-order";
    spec.encoder = "events";
    spec.timeSteps = 12;
    const DataSplit a = loadData(spec, 3);
    EXPECT_EQ(a.train.size(), 400u);
    EXPECT_EQ(a.test.size(), 100u);
    EXPECT_EQ(inputLinesFor(spec), 20);
    const DataSplit b = loadData(spec, 3);
    EXPECT_EQ(a.train.spikes, b.train.spikes);
    EXPECT_EQ(a.train.labels, b.train.labels);
    EXPECT_NE(a.train.spikes, a.test.spikes);
    spec.timeSteps = 9;
    try {
        loadData(spec, 3);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_STREQ(e.what(), "data.time_steps: 9 is too short for temporal-order, which needs at "
                               "least 10 steps (burst 3 + gap 4 + burst 3)");
    }
}

// The intensity data set: one line, an even grid of levels in a seeded order, dim/bright labels
// split at 0.5, defaults and a class subset through loadData, and clear errors.
#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "data/Encoder.hpp"
#include "data/Intensity.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace sqsnn;

TEST(Intensity, EvenGridOfLevelsWithDimAndBrightLabels)
{
    Rng rng(5);
    const Dataset d = makeIntensity(10, rng);
    ASSERT_EQ(d.size(), 10u);
    EXPECT_EQ(d.inputLines(), 1);
    EXPECT_FALSE(d.isEvents());
    EXPECT_EQ(d.numClasses, 2);
    EXPECT_EQ(d.classNames, (std::vector<std::string>{"dim", "bright"}));
    std::vector<float> levels;
    int bright = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        ASSERT_EQ(d.inputs[i].size(), 1u);
        const float v = d.inputs[i][0];
        levels.push_back(v);
        EXPECT_EQ(d.labels[i], v < 0.5f ? 0 : 1) << v;
        bright += d.labels[i];
    }
    EXPECT_EQ(bright, 5);
    EXPECT_FALSE(std::is_sorted(levels.begin(), levels.end())) << "shuffled";
    std::sort(levels.begin(), levels.end());
    for (int k = 0; k < 10; ++k)
        EXPECT_FLOAT_EQ(levels[k], (k + 0.5f) / 10.0f);
    Rng again(5);
    EXPECT_EQ(makeIntensity(10, again).inputs, d.inputs) << "deterministic for a seed";
}

TEST(Intensity, LoadDataDefaultsSubsetAndRepeatEncoder)
{
    DataSpec spec;
    spec.dataset = "intensity";
    spec.encoder = "repeat";
    spec.timeSteps = 7;
    EXPECT_EQ(inputLinesFor(spec), 1);
    const DataSplit a = loadData(spec, 3);
    EXPECT_EQ(a.train.size(), std::size_t(kDefaultIntensityTrain));
    EXPECT_EQ(a.test.size(), std::size_t(kDefaultIntensityTest));
    EXPECT_EQ(loadData(spec, 3).train.inputs, a.train.inputs);
    EXPECT_NE(loadData(spec, 4).train.inputs, a.train.inputs) << "the order follows the seed";

    // The repeat encoder feeds the level itself at every step.
    const auto enc = makeEncoder(spec, a.train);
    SpikeTrain st;
    Rng rng(1);
    enc->encode(a.train, 0, rng, st);
    ASSERT_EQ(st.steps, 7);
    for (int t = 0; t < 7; ++t) {
        ASSERT_EQ(st.active[t], std::vector<int>{0});
        EXPECT_FLOAT_EQ(st.analog[t][0], a.train.inputs[0][0]);
    }

    // classes [1, 0]: bright becomes class 0.
    spec.classes = {1, 0};
    spec.trainSamples = 8;
    spec.testSamples = 4;
    const DataSplit b = loadData(spec, 3);
    ASSERT_EQ(b.train.size(), 8u);
    EXPECT_EQ(b.train.classNames, (std::vector<std::string>{"bright", "dim"}));
    for (std::size_t i = 0; i < b.train.size(); ++i)
        EXPECT_EQ(b.train.labels[i], b.train.inputs[i][0] > 0.5f ? 0 : 1);
    spec.classes = {1};
    EXPECT_EQ(loadData(spec, 3).train.size(), 4u) << "only the bright half";
}

TEST(Intensity, BadClassIsNamed)
{
    DataSpec spec;
    spec.dataset = "intensity";
    spec.classes = {2};
    try {
        loadData(spec, 1);
        FAIL() << "class 2 accepted";
    } catch (const InputError &e) {
        EXPECT_STREQ(e.what(), "data.classes: class 2 is not in intensity (classes 0..1)");
    }
    Rng rng(1);
    EXPECT_THROW(makeIntensity(0, rng), InputError);
}

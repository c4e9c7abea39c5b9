// Resizing (area average down, bilinear up), class subsets and seeded subsampling.
#include "common/Error.hpp"
#include "data/ImageOps.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;

namespace {

Dataset smallSet(int n, int classes, int side = 4)
{
    Dataset d;
    d.name = "toy";
    d.width = d.height = side;
    d.numClasses = classes;
    for (int c = 0; c < classes; ++c)
        d.classNames.push_back("c" + std::to_string(c));
    for (int i = 0; i < n; ++i) {
        d.inputs.push_back(std::vector<float>(side * side, float(i) / float(n)));
        d.labels.push_back(i % classes);
    }
    return d;
}

} // namespace

TEST(Resample, AreaAverageExactBlocks)
{
    // 4x4 -> 2x2: each output is the mean of a 2x2 block.
    const std::vector<float> in = {0, 1, 0, 0,  //
                                   1, 0, 0, 0,  //
                                   1, 1, 1, 0,  //
                                   1, 1, 0, 0.2f};
    std::vector<float> out(4);
    Resampler r(4, 4, 2, 2);
    r.apply(in.data(), out.data());
    EXPECT_FLOAT_EQ(out[0], 0.5f);
    EXPECT_FLOAT_EQ(out[1], 0.0f);
    EXPECT_FLOAT_EQ(out[2], 1.0f);
    EXPECT_FLOAT_EQ(out[3], 0.3f);
}

TEST(Resample, AreaAverageFractional)
{
    // 3 -> 2 in x: outputs cover [0,1.5) and [1.5,3): (a + b/2)/1.5 and (b/2 + c)/1.5.
    const std::vector<float> in = {0.3f, 0.6f, 0.9f};
    std::vector<float> out(2);
    Resampler r(3, 1, 2, 1);
    r.apply(in.data(), out.data());
    EXPECT_NEAR(out[0], (0.3 + 0.3) / 1.5, 1e-6);
    EXPECT_NEAR(out[1], (0.3 + 0.9) / 1.5, 1e-6);
}

TEST(Resample, BilinearUpscaleAndIdentity)
{
    // 2 -> 4: centres at -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1.
    const std::vector<float> in = {0.0f, 1.0f};
    std::vector<float> out(4);
    Resampler up(2, 1, 4, 1);
    up.apply(in.data(), out.data());
    EXPECT_FLOAT_EQ(out[0], 0.0f);
    EXPECT_FLOAT_EQ(out[1], 0.25f);
    EXPECT_FLOAT_EQ(out[2], 0.75f);
    EXPECT_FLOAT_EQ(out[3], 1.0f);
    const std::vector<float> img = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
    std::vector<float> same(6);
    Resampler id(3, 2, 3, 2);
    id.apply(img.data(), same.data());
    EXPECT_EQ(same, img);
}

TEST(Resample, ResizeImagesKeepsMean)
{
    Dataset d = smallSet(3, 3, 28);
    d.inputs[1][5] = 1.0f;
    resizeImages(d, 14);
    EXPECT_EQ(d.width, 14);
    ASSERT_EQ(d.inputs[1].size(), 196u);
    double s = 0;
    for (float v : d.inputs[1])
        s += v;
    EXPECT_NEAR(s / 196, (784 * (1.0 / 3) + (1 - 1.0 / 3)) / 784, 1e-5);
}

TEST(ClassSubset, RelabelsInGivenOrder)
{
    Dataset d = smallSet(12, 4);
    selectClasses(d, {3, 1}, "data.classes");
    EXPECT_EQ(d.numClasses, 2);
    EXPECT_EQ(d.classNames, (std::vector<std::string>{"c3", "c1"}));
    ASSERT_EQ(d.size(), 6u);
    // originals in order: 1(c1), 3(c3), 5(c1), 7(c3), 9(c1), 11(c3)
    EXPECT_EQ(d.labels, (std::vector<int>{1, 0, 1, 0, 1, 0}));
    EXPECT_FLOAT_EQ(d.inputs[1][0], 3.0f / 12.0f);
    try {
        selectClasses(d, {0, 5}, "data.classes");
        FAIL();
    } catch (const InputError &e) {
        EXPECT_STREQ(e.what(), "data.classes: class 5 is not in toy (classes 0..1)");
    }
    EXPECT_THROW(selectClasses(d, {1, 1}, "data.classes"), InputError);
}

TEST(Subsample, DeterministicBalancedAndChecked)
{
    const Dataset full = smallSet(1000, 4);
    Dataset a = full, b = full, c = full;
    Rng r1(5), r2(5), r3(6);
    subsample(a, 100, r1, "data.train_samples");
    subsample(b, 100, r2, "data.train_samples");
    subsample(c, 100, r3, "data.train_samples");
    EXPECT_EQ(a.inputs, b.inputs);
    EXPECT_NE(a.inputs, c.inputs);
    std::vector<int> counts(4, 0);
    for (int l : a.labels)
        ++counts[l];
    EXPECT_EQ(counts, (std::vector<int>{25, 25, 25, 25}));
    for (std::size_t i = 1; i < a.size(); ++i)
        EXPECT_LT(a.inputs[i - 1][0], a.inputs[i][0]); // original order kept
    // Unbalanced classes: take what the small class has, fill from the rest.
    Dataset u = smallSet(10, 2);
    u.labels = {0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    Rng r4(1);
    subsample(u, 5, r4, "f");
    int zeros = 0;
    for (int l : u.labels)
        zeros += l == 0;
    EXPECT_EQ(zeros, 1);
    Rng r5(1);
    Dataset small = smallSet(10, 2);
    try {
        subsample(small, 11, r5, "data.test_samples");
        FAIL();
    } catch (const InputError &e) {
        EXPECT_STREQ(e.what(), "data.test_samples: 11 samples asked but only 10 are available");
    }
}

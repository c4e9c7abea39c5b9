// The real Fashion-MNIST package (Debian dataset-fashion-mnist, installed on the lab machines):
// sizes, labels, a known pixel statistic, load time, and the DataSpec pipeline on it.
#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "data/ImageDatasets.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

using namespace sqsnn;

namespace {

double meanPixel(const Dataset &d)
{
    double s = 0;
    std::size_t n = 0;
    for (const auto &img : d.inputs) {
        for (float v : img)
            s += v;
        n += img.size();
    }
    return s / double(n);
}

} // namespace

TEST(FashionMnist, RealPackageLoads)
{
    ASSERT_TRUE(std::filesystem::exists("/usr/share/datasets/fashion-mnist"))
        << "install the Debian package dataset-fashion-mnist";
    const auto t0 = std::chrono::steady_clock::now();
    const DataSplit s = loadIdxImages("fashion-mnist", "");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Reported, not asserted: speed is measured with benchmarks, never with timed tests (a loaded
    // machine took 5 s here).
    std::printf("Fashion-MNIST train+test load: %.3f s\n", seconds);
    ASSERT_EQ(s.train.size(), 60000u);
    ASSERT_EQ(s.test.size(), 10000u);
    EXPECT_EQ(s.train.width, 28);
    EXPECT_EQ(s.train.height, 28);
    EXPECT_EQ(s.train.inputLines(), 784);
    EXPECT_EQ(s.train.numClasses, 10);
    EXPECT_EQ(s.train.classNames.at(0), "T-shirt/top");
    EXPECT_EQ(s.train.classNames.at(9), "Ankle boot");
    std::vector<int> counts(10, 0);
    for (int l : s.train.labels) {
        ASSERT_GE(l, 0);
        ASSERT_LT(l, 10);
        ++counts[l];
    }
    for (int c : counts)
        EXPECT_EQ(c, 6000); // Fashion-MNIST is exactly balanced
    // Published statistic: mean pixel 0.2860 (train), 0.2868 (test).
    EXPECT_NEAR(meanPixel(s.train), 0.2860, 5e-4);
    EXPECT_NEAR(meanPixel(s.test), 0.2868, 5e-4);
    EXPECT_EQ(s.train.labels[0], 9); // the first training image is an ankle boot
}

TEST(FashionMnist, PipelineSubsetResizeSubsample)
{
    DataSpec spec;
    spec.classes = {7, 1};
    spec.imageSize = 16;
    spec.trainSamples = 500;
    spec.testSamples = 125;
    const DataSplit a = loadData(spec, 42);
    EXPECT_EQ(a.train.size(), 500u);
    EXPECT_EQ(a.test.size(), 125u);
    EXPECT_EQ(a.train.width, 16);
    EXPECT_EQ(a.train.inputs[0].size(), 256u);
    EXPECT_EQ(a.train.classNames, (std::vector<std::string>{"Sneaker", "Trouser"}));
    int zeros = 0;
    for (int l : a.train.labels)
        zeros += l == 0;
    EXPECT_EQ(zeros, 250); // stratified: balanced
    EXPECT_EQ(inputLinesFor(spec), 256);
    const DataSplit b = loadData(spec, 42);
    EXPECT_EQ(a.train.labels, b.train.labels);
    EXPECT_EQ(a.train.inputs, b.train.inputs);
    const DataSplit c = loadData(spec, 43);
    EXPECT_NE(a.train.inputs, c.train.inputs);
    spec.trainSamples = 20000;
    try {
        loadData(spec, 1);
        FAIL() << "no error for too many samples";
    } catch (const InputError &e) {
        EXPECT_STREQ(e.what(), "data.train_samples: 20000 samples asked but only 12000 are available");
    }
}

// DataSpec validation and inputLinesFor without loading.
#include "support/ErrorOf.hpp"
#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace sqsnn;

namespace {

using sqsnn::test::errorOf;

} // namespace

TEST(DataLoader, SpecErrorsNameTheField)
{
    DataSpec spec;
    spec.dataset = "cifar";
    EXPECT_EQ(errorOf([&] { inputLinesFor(spec); }).rfind("data.dataset: unknown data set 'cifar'", 0),
              0u);
    spec = {};
    spec.imageSize = 257;
    EXPECT_EQ(errorOf([&] { loadData(spec, 1); }),
              "/data/image_size: must be 0..256 (0 = native size), got 257");
    spec.imageSize = -1;
    EXPECT_THROW(inputLinesFor(spec), InputError);
    spec = {};
    spec.pMax = std::nan("");
    EXPECT_EQ(errorOf([&] { loadData(spec, 1); }), "data.p_max: nan is not in (0, 1]");
    spec = {};
    spec.binMs = -1;
    EXPECT_THROW(loadData(spec, 1), InputError);
    spec = {};
    spec.trainSamples = -5;
    EXPECT_THROW(loadData(spec, 1), InputError);
    spec = {};
    spec.classes = {3, 11};
    EXPECT_EQ(errorOf([&] { loadData(spec, 1); }),
              "data.classes: class 11 is not in fashion-mnist (classes 0..9)");
}

TEST(DataLoader, MissingDataSetSaysWhereItLooked)
{
    DataSpec spec;
    spec.dataset = "mnist";
    spec.path = "/nonexistent/mnist-dir";
    const std::string msg = errorOf([&] { loadData(spec, 1); });
    EXPECT_NE(msg.find("train-images-idx3-ubyte[.gz]"), std::string::npos) << msg;
    EXPECT_NE(msg.find("t10k-labels-idx1-ubyte[.gz]"), std::string::npos) << msg;
    EXPECT_NE(msg.find("in /nonexistent/mnist-dir"), std::string::npos) << msg;
    spec.dataset = "idx";
    spec.path = "";
    EXPECT_NE(errorOf([&] { loadData(spec, 1); }).find("needs `path`"), std::string::npos);
    spec.dataset = "nmnist";
    EXPECT_NE(errorOf([&] { loadData(spec, 1); }).find("needs `path`"), std::string::npos);
    if (!std::filesystem::exists("/usr/share/datasets/kmnist")) {
        spec.dataset = "kmnist";
        const std::string def = errorOf([&] { loadData(spec, 1); });
        EXPECT_NE(def.find("set data.path"), std::string::npos) << def;
    }
}

TEST(DataLoader, InputLinesWithoutLoading)
{
    DataSpec spec;
    EXPECT_EQ(inputLinesFor(spec), 784);
    spec.imageSize = 16;
    EXPECT_EQ(inputLinesFor(spec), 256);
    spec.dataset = "mnist";
    spec.path = "/nonexistent"; // not read
    EXPECT_EQ(inputLinesFor(spec), 256);
    spec = {};
    spec.dataset = "nmnist";
    EXPECT_EQ(inputLinesFor(spec), 34 * 34);
    spec.crop = 26;
    EXPECT_EQ(inputLinesFor(spec), 676); // the authors' MNIST-DVS input size
    spec.mergePolarities = false;
    EXPECT_EQ(inputLinesFor(spec), 1352);
    spec.crop = 40;
    EXPECT_THROW(inputLinesFor(spec), InputError);
    spec = {};
    spec.dataset = "events-emulated";
    EXPECT_EQ(inputLinesFor(spec), 784);
}

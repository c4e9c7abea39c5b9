// metrics.csv: what `sqsnn train` writes reads back (for overlaying a CLI run in the lab), and
// a file that is not a metrics.csv is refused with its file and line.
#include "common/Error.hpp"
#include "training/Metrics.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace sqsnn;
namespace fs = std::filesystem;

namespace {

std::string write(const std::string &name, const std::string &text)
{
    const fs::path p = fs::temp_directory_path() / ("sqsnn-metrics-" + name + ".csv");
    std::ofstream(p) << text;
    return p.string();
}

std::string errorOf(const std::string &path)
{
    try {
        readMetricsCsv(path);
    } catch (const InputError &e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST(Metrics, CsvRoundTrip)
{
    std::vector<EpochMetrics> h(3);
    for (int i = 0; i < 3; ++i) {
        h[i].epoch = i + 1;
        h[i].trainLoss = 0.5 / (i + 1);
        h[i].trainAccuracy = 0.6 + 0.1 * i;
        h[i].testLoss = 0.55 / (i + 1);
        h[i].testAccuracy = 0.61 + 0.1 * i;
        h[i].seconds = 1.5;
        h[i].samplesPerSecond = 1234.5;
    }
    std::string text = metricsCsvHeader() + "\n";
    for (const auto &m : h)
        text += metricsCsvRow(m) + "\r\n"; // line ends of another system too
    const auto back = readMetricsCsv(write("roundtrip", text));
    ASSERT_EQ(back.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(back[i].epoch, i + 1);
        EXPECT_NEAR(back[i].testAccuracy, h[i].testAccuracy, 1e-9);
        EXPECT_NEAR(back[i].testLoss, h[i].testLoss, 1e-9);
        EXPECT_NEAR(back[i].trainLoss, h[i].trainLoss, 1e-9);
        EXPECT_NEAR(back[i].samplesPerSecond, 1234.5, 1e-9);
    }
    // Columns by name: reordered and extra columns are fine, optional ones read as NaN.
    const auto some = readMetricsCsv(write("columns", "test_accuracy,extra,epoch\n0.75,x,1\n"));
    ASSERT_EQ(some.size(), 1u);
    EXPECT_EQ(some[0].testAccuracy, 0.75);
    EXPECT_TRUE(std::isnan(some[0].testLoss));
    EXPECT_TRUE(readMetricsCsv(write("header-only", metricsCsvHeader() + "\n")).empty());
}

TEST(Metrics, BadCsvNamesFileAndLine)
{
    EXPECT_NE(errorOf("/nonexistent/metrics.csv").find("cannot open"), std::string::npos);
    EXPECT_NE(errorOf(write("empty", "")).find("empty"), std::string::npos);
    EXPECT_NE(errorOf(write("results", "model,seed,epoch\nsqs,1,1\n")).find("test_accuracy"),
              std::string::npos);
    const std::string e = errorOf(write("nan", metricsCsvHeader() + "\n1,0.1,0.5,0.2,abc,1,2\n"));
    EXPECT_NE(e.find("line 2"), std::string::npos) << e;
    EXPECT_NE(e.find("test_accuracy"), std::string::npos) << e;
    EXPECT_NE(errorOf(write("short", "epoch,test_accuracy\n1\n")).find("line 2"), std::string::npos);
    EXPECT_NE(errorOf(write("epoch0", "epoch,test_accuracy\n0,0.5\n")).find("epoch"), std::string::npos);
}

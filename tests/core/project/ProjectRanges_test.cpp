// Every numeric key has one range (core/project/ProjectRanges.hpp): the loader accepts its
// bounds, refuses just past them with a message naming the JSON key, and docs/project-format.md
// states the same range in the key's table row.
#include "project/ProjectIo.hpp"
#include "project/ProjectRanges.hpp"
#include "common/Error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

namespace sqsnn {
namespace {

using nlohmann::json;
using namespace ranges;

struct KeyRange
{
    const char *object; // "data", "training", or a population kind
    const char *key;
    double lo, hi;
    bool loOpen, integer;
};

const KeyRange kRanges[] = {
    {"data", "image_size", 0, double(kMaxImageSize), false, true},
    {"data", "crop", 0, double(kMaxCrop), false, true},
    {"data", "time_steps", 1, double(kMaxTimeSteps), false, true},
    {"data", "bin_ms", 0, kMaxBinMs, true, false},
    {"data", "p_max", 0, 1, true, false},
    {"training", "epochs", 0, double(kMaxEpochs), false, true},
    {"training", "batch_size", 1, double(kMaxBatch), false, true},
    {"training", "learning_rate", 0, kMaxLearningRate, true, false},
    {"training", "hidden_learning_rate_scale", 0, kMaxRateScale, false, false},
    {"training", "clip_readout", 0, kMaxClip, false, false},
    {"training", "clip_hidden_weights", 0, kMaxClip, false, false},
    {"training", "clip_hidden_angles", 0, kMaxClip, false, false},
    {"training", "clip_norm", 0, kMaxClip, false, false},
    {"training", "shots", 0, double(kMaxShots), false, true},
    {"training", "spsa_directions", 1, double(kMaxSpsaDirections), false, true},
    {"training", "spsa_epsilon", 0, kMaxSpsaEpsilon, true, false},
    {"training", "readout_target_weight", 0, kMaxReadoutTargetWeight, true, false},
    {"training", "sparsity", 0, kMaxSparsity, false, false},
    {"training", "dead_zone_surrogate", 0, kMaxDeadZoneWidth, false, false},
    {"qlif", "qlif_t1", 0, kMaxQlifT1, true, false},
    {"lif", "lif_threshold", 0, kMaxLifThreshold, true, false},
};

json baseDoc()
{
    return {{"format_version", 1},
            {"network",
             {{"populations",
               {{{"name", "image"}, {"kind", "input"}},
                {{"name", "q"}, {"kind", "qlif"}, {"size", 2}},
                {{"name", "l"}, {"kind", "lif"}, {"size", 2}, {"readout", true}}}},
              {"projections", json::array()}}}};
}

json withValue(const KeyRange &r, const json &v)
{
    json doc = baseDoc();
    const std::string obj = r.object;
    if (obj == "qlif")
        doc["network"]["populations"][1][r.key] = v;
    else if (obj == "lif")
        doc["network"]["populations"][2][r.key] = v;
    else
        doc[obj][r.key] = v;
    return doc;
}

std::string errorOf(const json &doc)
{
    try {
        projectFromJson(doc, "r.sqsnn.json");
    } catch (const InputError &e) {
        return e.what();
    }
    return "";
}

json valueOf(double v, bool integer)
{
    return integer ? json(static_cast<long long>(v)) : json(v);
}

TEST(ProjectRanges, BoundsAreAcceptedAndValuesPastThemRefusedByKey)
{
    for (const auto &r : kRanges) {
        SCOPED_TRACE(r.key);
        EXPECT_EQ(errorOf(withValue(r, valueOf(r.hi, r.integer))), "");
        if (!r.loOpen)
            EXPECT_EQ(errorOf(withValue(r, valueOf(r.lo, r.integer))), "");
        const json above = r.integer ? json(static_cast<long long>(r.hi) + 1) : json(r.hi * 1.5 + 1);
        const std::string e = errorOf(withValue(r, above));
        EXPECT_NE(e.find(std::string("/") + r.key + ": "), std::string::npos) << e;
        EXPECT_EQ(e.rfind("r.sqsnn.json: ", 0), 0u) << e;
        // The probe's values: the edge of the double range is refused at load.
        if (!r.integer)
            EXPECT_NE(errorOf(withValue(r, 1e308)), "") << r.key;
        if (r.loOpen)
            EXPECT_NE(errorOf(withValue(r, valueOf(r.lo, r.integer))), "") << r.key;
    }
}

TEST(ProjectRanges, TrainedParametersAreBounded)
{
    json doc = baseDoc();
    doc["parameters"] = {{"population/q", {0.5, kMaxParameter}}};
    EXPECT_EQ(errorOf(doc), "");
    doc["parameters"] = {{"population/q", {0.5, 1e308}}};
    const std::string e = errorOf(doc);
    EXPECT_NE(e.find("/parameters/population~1q/1: must be in [-1000000, 1000000]"),
              std::string::npos)
        << e;
}

// The "rule" cell of the key's row in docs/project-format.md starts with the same range.
TEST(ProjectRanges, TheFormatDocumentStatesTheSameRanges)
{
    std::ifstream in(std::string(SQSNN_SOURCE_DIR) + "/docs/project-format.md");
    std::stringstream doc;
    doc << in.rdbuf();
    const std::string text = doc.str();
    ASSERT_FALSE(text.empty());
    for (const auto &r : kRanges) {
        SCOPED_TRACE(r.key);
        const std::regex row("\\| `" + std::string(r.key) + "` \\| [a-z]+ \\| `[^`]*` \\| ([^|;]*)");
        std::smatch m;
        ASSERT_TRUE(std::regex_search(text, m, row)) << "no table row for " << r.key;
        const std::string rule = m[1];
        std::smatch b;
        if (r.integer) {
            ASSERT_TRUE(std::regex_search(rule, b, std::regex("([0-9]+)\\.\\.([0-9]+)"))) << rule;
        } else {
            ASSERT_TRUE(std::regex_search(rule, b, std::regex("([\\[(])([-0-9.e]+), ([-0-9.e]+)\\]")))
                << rule;
            EXPECT_EQ(b[1] == "(", r.loOpen) << rule;
        }
        const std::size_t first = r.integer ? 1 : 2;
        EXPECT_EQ(std::strtod(b[first].str().c_str(), nullptr), r.lo) << rule;
        EXPECT_EQ(std::strtod(b[first + 1].str().c_str(), nullptr), r.hi) << rule;
    }
}

} // namespace
} // namespace sqsnn

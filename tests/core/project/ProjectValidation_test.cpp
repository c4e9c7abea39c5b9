// The checked JSON reader behind every project message.
#include "ProjectFixtures.hpp"

#include "project/ProjectValidation.hpp"

#include <gtest/gtest.h>

namespace sqsnn {
namespace {

using nlohmann::json;
using test::inputErrorOf;

TEST(ProjectValidation, JsonPointerEscapesTildeAndSlash)
{
    EXPECT_EQ(jsonPointerAppend("/parameters", "population/a~b"), "/parameters/population~1a~0b");
    EXPECT_EQ(jsonPointerAppend("", std::size_t(3)), "/3");
    // The escaped path finds the value again.
    const json j = {{"parameters", {{"population/a~b", {1, 2}}}}};
    EXPECT_EQ(j.at(json::json_pointer(jsonPointerAppend("/parameters", "population/a~b"))), json({1, 2}));
}

TEST(ProjectValidation, ValuesAreDescribedShortlyAndSafely)
{
    EXPECT_EQ(describeJsonValue(json(40)), "40");
    EXPECT_EQ(describeJsonValue(json(2.5)), "2.5");
    EXPECT_EQ(describeJsonValue(json("NaN")), "\"NaN\"");
    EXPECT_EQ(describeJsonValue(json(nullptr)), "null");
    EXPECT_EQ(describeJsonValue(json::array({1, 2, 3})), "an array of 3 elements");
    EXPECT_EQ(describeJsonValue(json::object()), "an empty object");
    EXPECT_EQ(describeJsonValue(json(std::nan(""))), "NaN");
    const std::string longText(200, 'x');
    EXPECT_EQ(describeJsonValue(json(longText)), "\"" + std::string(60, 'x') + "...\" (200 bytes)");
    // Invalid UTF-8 (possible in memory, not from a parsed file) does not throw.
    EXPECT_NO_THROW(describeJsonValue(json(std::string("a\xff\xfe"))));
    // A cut never splits a multi-byte character.
    std::string accents;
    for (int i = 0; i < 40; ++i)
        accents += "\xc3\xa9";
    const std::string shown = describeJsonValue(json(accents));
    const json parsed = json::parse("[" + shown.substr(0, shown.find("...")) + "\"]", nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << shown;
}

TEST(ProjectValidation, RangesDescribeThemselves)
{
    EXPECT_EQ(NumberRange::above(0).describe(), "must be a finite number > 0");
    EXPECT_EQ(NumberRange::atLeast(0).describe(), "must be a finite number >= 0");
    EXPECT_EQ(NumberRange::closed(0, 1).describe(), "must be in [0, 1]");
    EXPECT_EQ((NumberRange{0, 1, true, false}).describe(), "must be in (0, 1]");
    EXPECT_EQ(NumberRange{}.describe(), "must be a finite number");
    EXPECT_FALSE(NumberRange::above(0).contains(0));
    EXPECT_TRUE(NumberRange::atLeast(0).contains(0));
    EXPECT_FALSE(NumberRange{}.contains(std::numeric_limits<double>::infinity()));
}

TEST(ProjectValidation, IntegersAreStrict)
{
    EXPECT_EQ(readInteger(json(5), 0, 10, "s", "/x"), 5);
    EXPECT_EQ(inputErrorOf([] { readInteger(json(5.0), 0, 10, "s", "/x"); }),
              "s: /x: must be an integer in 0..10, got 5.0");
    EXPECT_EQ(inputErrorOf([] { readInteger(json(true), 0, 10, "s", "/x"); }),
              "s: /x: must be an integer in 0..10, got true");
    EXPECT_EQ(inputErrorOf([] { readInteger(json(18446744073709551615ULL), 0, 10, "s", "/x"); }),
              "s: /x: must be 0..10, got 18446744073709551615");
    EXPECT_EQ(inputErrorOf([] { readInteger(json(-9223372036854775807LL - 1), 1, 10, "s", "/x"); }),
              "s: /x: must be 1..10, got -9223372036854775808");
    EXPECT_EQ(inputErrorOf([] { readInteger(json(0), 1, 10, "s", "/x"); }), "s: /x: must be 1..10, got 0");
}

TEST(ProjectValidation, UnknownKeysAreNamedWithASuggestion)
{
    const json j = {{"learning_rat", 0.1}};
    EXPECT_EQ(inputErrorOf([&] {
                  ObjectReader r(j, "/training", "s", {"learning_rate", "epochs"}, "the training settings");
              }),
              "s: /training/learning_rat: unknown key \"learning_rat\" (did you mean "
              "\"learning_rate\"?); the training settings has: learning_rate, epochs");
    const json far = {{"zzz", 1}};
    const std::string msg = inputErrorOf([&] { ObjectReader r(far, "", "s", {"epochs"}, "x"); });
    EXPECT_EQ(msg.find("did you mean"), std::string::npos) << msg;
    EXPECT_EQ(msg.rfind("s: /zzz: unknown key \"zzz\"", 0), 0u) << msg;
}

TEST(ProjectValidation, ReaderGivesDefaultsForAbsentKeys)
{
    const json j = json::object();
    const ObjectReader r(j, "/t", "s", {"a", "b", "c", "d"}, "t");
    EXPECT_EQ(r.text("a", "x"), "x");
    EXPECT_EQ(r.integer("b", 4, 0, 10), 4);
    EXPECT_EQ(r.number("c", 0.5, NumberRange::closed(0, 1)), 0.5);
    EXPECT_TRUE(r.flag("d", true));
    EXPECT_EQ(r.choice("a", "sgd", {"sgd", "adam"}), "sgd");
}

TEST(ProjectValidation, DepthIsBounded)
{
    json deep = 1;
    for (int i = 0; i < 200; ++i)
        deep = json::array({deep});
    EXPECT_EQ(jsonDepth(json(1), 10), 1);
    EXPECT_EQ(jsonDepth(json::array({json::array({1})}), 10), 3);
    EXPECT_GT(jsonDepth(deep, 63), 63);
    EXPECT_EQ(jsonDepth(deep, 1000), 201);
}

} // namespace
} // namespace sqsnn

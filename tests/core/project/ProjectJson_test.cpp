// projectToJson / projectFromJson: canonical round trips, defaults, canonical shape.
#include "ProjectFixtures.hpp"

#include "project/ProjectIo.hpp"

#include <gtest/gtest.h>

namespace sqsnn {
namespace {

using test::inputErrorOf;
using test::richProject;

TEST(ProjectJson, RichProjectRoundTripsThroughJson)
{
    const Project p = richProject();
    const nlohmann::json j = projectToJson(p);
    const Project back = projectFromJson(j, "rich");
    EXPECT_EQ(back.network, p.network);
    EXPECT_EQ(back.data, p.data);
    EXPECT_EQ(back.training, p.training);
    EXPECT_EQ(back.parameters, p.parameters);
    EXPECT_EQ(back.history, p.history);
    EXPECT_EQ(back.ui, p.ui);
    EXPECT_EQ(back.seed, p.seed);
    EXPECT_TRUE(back == p);
}

TEST(ProjectJson, CanonicalJsonIsAFixedPoint)
{
    const nlohmann::json j = projectToJson(richProject());
    const nlohmann::json again = projectToJson(projectFromJson(j, "rich"));
    EXPECT_EQ(again, j);
    EXPECT_EQ(again.dump(2), j.dump(2)); // same text, byte for byte (number forms, key order)
    // And through text, as a file would go.
    const nlohmann::json reparsed = parseProjectText(j.dump(2), "text");
    EXPECT_EQ(projectToJson(projectFromJson(reparsed, "text")).dump(2), j.dump(2));
}

TEST(ProjectJson, DefaultProjectRoundTrips)
{
    const Project p;
    EXPECT_TRUE(projectFromJson(projectToJson(p), "default") == p);
}

TEST(ProjectJson, EveryFieldIsWritten)
{
    const nlohmann::json j = projectToJson(richProject());
    for (const char *key : {"format_version", "title", "description", "lesson", "seed", "network",
                            "data", "training", "parameters", "history", "ui"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["format_version"], kProjectFormatVersion);
    EXPECT_EQ(j["data"].size(), 12u);
    EXPECT_EQ(j["training"].size(), 26u);
    for (const char *key : {"readout_loss", "hidden_signal", "dead_zone_surrogate"})
        EXPECT_TRUE(j["training"].contains(key)) << key;
    EXPECT_EQ(j["network"]["projections"][0].size(), 5u);
    EXPECT_EQ(j["seed"].get<std::uint64_t>(), 9'223'372'036'854'775'813ULL);
}

TEST(ProjectJson, PopulationsWriteOnlyTheFieldsOfTheirKind)
{
    const nlohmann::json pops = projectToJson(richProject())["network"]["populations"];
    auto keys = [](const nlohmann::json &o) {
        std::vector<std::string> k;
        for (const auto &item : o.items())
            k.push_back(item.key());
        return k;
    };
    using V = std::vector<std::string>;
    EXPECT_EQ(keys(pops[0]), (V{"kind", "name", "readout", "size"}));
    EXPECT_EQ(keys(pops[1]),
              (V{"ansatz", "io_qubits", "kind", "memory_qubits", "name", "readout", "size"}));
    EXPECT_EQ(keys(pops[3]), (V{"kind", "name", "qlif_t1", "qlif_threshold", "readout", "size"}));
    EXPECT_EQ(keys(pops[4]), (V{"feedback_decay", "kind", "name", "readout", "self_feedback",
                                "size", "synaptic_decay"}));
    EXPECT_EQ(keys(pops[5]),
              (V{"kind", "lif_threshold", "membrane_decay", "name", "readout", "size"}));
    EXPECT_EQ(pops[1]["ansatz"], (nlohmann::json{{"generator", "hardware-efficient"}, {"layers", 4}}));
    EXPECT_EQ(pops[2]["ansatz"]["gates"][0],
              (nlohmann::json{{"gate", "CRX"}, {"qubits", {1, 0}}, {"param", 0}}));
    EXPECT_EQ(pops[2]["ansatz"]["gates"][1]["angle"], 0.123456789012345678);
    EXPECT_FALSE(pops[2]["ansatz"]["gates"][2].contains("param"));
}

TEST(ProjectJson, AbsentFieldsTakeTheirDefaults)
{
    const nlohmann::json j = {
        {"format_version", 1},
        {"network",
         {{"populations",
           {{{"name", "in"}, {"kind", "input"}}, {{"name", "h"}}, {{"name", "g"}, {"kind", "glm"}}}},
          {"projections", {{{"from", "in"}, {"to", "h"}}}}}}};
    const Project p = projectFromJson(j, "minimal");
    Project expected;
    PopulationSpec in, h, g;
    in.name = "in";
    in.kind = "input";
    in.size = 1;
    h.name = "h";
    g.name = "g";
    g.kind = "glm";
    expected.network.populations = {in, h, g};
    ProjectionSpec e;
    e.from = "in";
    e.to = "h";
    expected.network.projections = {e};
    EXPECT_TRUE(p == expected);
    EXPECT_EQ(projectFromJson(nlohmann::json{{"format_version", 1}}, "empty"), Project{});
}

TEST(ProjectJson, MessagesStartWithTheSourceAndThePath)
{
    nlohmann::json j = projectToJson(richProject());
    j["network"]["populations"][2]["memory_qubits"] = 40;
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "my.sqsnn.json"); }),
              "my.sqsnn.json: /network/populations/2/memory_qubits: must be 0..10, got 40");
}

TEST(ProjectJson, UnknownKeysAreRefusedEverywhereButUiAndHistory)
{
    const nlohmann::json good = projectToJson(richProject());
    const std::vector<std::string> objects = {
        "",
        "/network",
        "/network/populations/0",
        "/network/populations/1",
        "/network/populations/1/ansatz",
        "/network/populations/2/ansatz/gates/3",
        "/network/populations/3",
        "/network/populations/4",
        "/network/populations/5",
        "/network/projections/6",
        "/data",
        "/training",
    };
    for (const auto &at : objects) {
        nlohmann::json j = good;
        j[nlohmann::json::json_pointer(at)]["surprise"] = 1;
        const std::string msg = inputErrorOf([&] { projectFromJson(j, "f"); });
        EXPECT_NE(msg.find("f: " + at + "/surprise: unknown"), std::string::npos) << msg;
    }
    nlohmann::json free = good;
    free["ui"]["surprise"] = {{"anything", "goes"}};
    free["history"][0]["surprise"] = 1;
    EXPECT_NO_THROW(projectFromJson(free, "f"));
}

TEST(ProjectJson, ParameterKeysWithSlashesAreEscapedInPaths)
{
    nlohmann::json j = projectToJson(richProject());
    j["parameters"]["projection/pixels->hidden"][1] = "x";
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "f"); }),
              "f: /parameters/projection~1pixels->hidden/1: must be in [-1000000, 1000000], got \"x\"");
}

TEST(ProjectJson, NonFiniteNumbersInMemoryAreRefused)
{
    // JSON text cannot hold NaN, but a document built in memory can.
    nlohmann::json j = projectToJson(richProject());
    j["training"]["learning_rate"] = std::nan("");
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "f"); }),
              "f: /training/learning_rate: must be in (0, 10], got NaN");
    j = projectToJson(richProject());
    j["parameters"]["population/hidden"][0] = -std::numeric_limits<double>::infinity();
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "f"); }),
              "f: /parameters/population~1hidden/0: must be in [-1000000, 1000000], got -inf");
}

TEST(ProjectJson, LargestNeuronIsAccepted)
{
    nlohmann::json j = projectToJson(richProject());
    j["network"]["populations"][1]["io_qubits"] = 2;
    j["network"]["populations"][1]["memory_qubits"] = 10;
    EXPECT_NO_THROW(projectFromJson(j, "f"));
    j["network"]["populations"][1]["io_qubits"] = 3;
    EXPECT_NE(inputErrorOf([&] { projectFromJson(j, "f"); }).find("= 1 GiB"), std::string::npos);
}

} // namespace
} // namespace sqsnn

namespace sqsnn {
namespace {

// The optional lesson text (Markdown) survives a round trip through text, defaults to empty,
// must be a string, and a misspelt key is refused with a suggestion.
TEST(ProjectJson, LessonRoundTripsAndIsChecked)
{
    Project p;
    p.lesson = "## What you see\n\nOne neuron: p = sin\xc2\xb2(\xcf\x86/2).\n\n1. Step\n2. Watch\n";
    const std::string text = projectToJson(p).dump(2);
    const Project back = projectFromJson(parseProjectText(text, "lesson"), "lesson");
    EXPECT_EQ(back.lesson, p.lesson);
    EXPECT_TRUE(back == p);

    nlohmann::json j = projectToJson(Project{});
    EXPECT_EQ(j["lesson"], "");
    j.erase("lesson");
    EXPECT_EQ(projectFromJson(j, "f").lesson, "") << "absent = no lesson";
    j["lesson"] = 3;
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "f"); }), "f: /lesson: must be a string, got 3");
    j.erase("lesson");
    j["lessn"] = "typo";
    EXPECT_NE(inputErrorOf([&] { projectFromJson(j, "f"); }).find("did you mean \"lesson\"?"),
              std::string::npos);
}

} // namespace
} // namespace sqsnn

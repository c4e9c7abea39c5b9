// format_version handling: newer refused, missing refused, v0 upgraded through the chain.
#include "ProjectFixtures.hpp"

#include "project/ProjectIo.hpp"
#include "project/ProjectUpgrade.hpp"

#include <gtest/gtest.h>

namespace sqsnn {
namespace {

using test::inputErrorOf;

nlohmann::json v0Document()
{
    return nlohmann::json::parse(R"({
      "format_version": 0,
      "title": "pre-release",
      "seed": 3,
      "network": {
        "populations": [
          {"name": "in", "kind": "input", "size": 0},
          {"name": "hidden", "kind": "sqs", "size": 2, "io_qubits": 1, "memory_qubits": 2,
           "ansatz": "hardware-efficient", "layers": 3},
          {"name": "custom", "kind": "sqs", "size": 1, "ansatz": "custom", "layers": 5,
           "gates": [{"gate": "CRX", "qubits": [1, 0], "param": 0},
                     {"gate": "RY", "qubits": [0], "angle": 0.25}]},
          {"name": "plain", "kind": "sqs", "size": 1, "layers": 2},
          {"name": "out", "kind": "sqs", "size": 2, "readout": true}
        ],
        "projections": [{"from": "in", "to": "hidden"}, {"from": "hidden", "to": "out"}]
      },
      "training": {"lr": 0.05, "hidden_lr_scale": 0.3, "epochs": 4}
    })");
}

TEST(ProjectUpgrade, ChainHasOneUpgraderPerVersion)
{
    EXPECT_EQ(projectUpgraders().size(), std::size_t(kProjectFormatVersion));
}

TEST(ProjectUpgrade, V0IsUpgradedToCurrent)
{
    const nlohmann::json up = upgradeProjectJson(v0Document(), "old.json");
    EXPECT_EQ(up["format_version"], kProjectFormatVersion);
    const auto &pops = up["network"]["populations"];
    EXPECT_EQ(pops[1]["ansatz"], (nlohmann::json{{"generator", "hardware-efficient"}, {"layers", 3}}));
    EXPECT_FALSE(pops[1].contains("layers"));
    EXPECT_EQ(pops[2]["ansatz"]["generator"], "custom");
    EXPECT_EQ(pops[2]["ansatz"]["gates"].size(), 2u);
    EXPECT_FALSE(pops[2].contains("layers"));
    EXPECT_FALSE(pops[2].contains("gates"));
    EXPECT_EQ(pops[3]["ansatz"], (nlohmann::json{{"generator", "sqs-crx"}, {"layers", 2}}));
    EXPECT_FALSE(pops[4].contains("ansatz")); // nothing to move: the default stays implicit
    EXPECT_EQ(up["training"]["learning_rate"], 0.05);
    EXPECT_EQ(up["training"]["hidden_learning_rate_scale"], 0.3);
    EXPECT_FALSE(up["training"].contains("lr"));

    const Project p = projectFromJson(v0Document(), "old.json");
    EXPECT_EQ(p.formatVersion, kProjectFormatVersion);
    EXPECT_EQ(p.title, "pre-release");
    EXPECT_EQ(p.network.populations[1].ansatz.generator, "hardware-efficient");
    EXPECT_EQ(p.network.populations[1].ansatz.layers, 3);
    EXPECT_EQ(p.network.populations[1].memoryQubits, 2);
    EXPECT_EQ(p.network.populations[2].ansatz.gates.size(), 2u);
    EXPECT_EQ(p.network.populations[2].ansatz.gates[0].kind, GateKind::CRX);
    EXPECT_EQ(p.network.populations[2].ansatz.gates[1].angle, 0.25);
    EXPECT_EQ(p.network.populations[3].ansatz.layers, 2);
    EXPECT_DOUBLE_EQ(p.training.learningRate, 0.05);
    EXPECT_DOUBLE_EQ(p.training.hiddenLearningRateScale, 0.3);
    EXPECT_EQ(p.training.epochs, 4);
    // Saved again it is a current document.
    EXPECT_EQ(projectToJson(p)["format_version"], kProjectFormatVersion);
}

TEST(ProjectUpgrade, CurrentDocumentIsUnchanged)
{
    const nlohmann::json j = projectToJson(test::richProject());
    EXPECT_EQ(upgradeProjectJson(j, "x"), j);
}

TEST(ProjectUpgrade, NewerVersionIsRefused)
{
    nlohmann::json j = projectToJson(test::richProject());
    j["format_version"] = 7;
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "new.json"); }),
              "new.json: was written by a newer SQSNN Lab (format_version 7); this build reads up to 1");
    EXPECT_EQ(inputErrorOf([&] { upgradeProjectJson(j, "new.json"); }),
              "new.json: was written by a newer SQSNN Lab (format_version 7); this build reads up to 1");
    j["format_version"] = 18446744073709551615ULL;
    EXPECT_NE(inputErrorOf([&] { projectFromJson(j, "new.json"); }).find("newer"), std::string::npos);
}

TEST(ProjectUpgrade, MissingOrBadVersionIsNotGuessed)
{
    nlohmann::json j = projectToJson(test::richProject());
    j.erase("format_version");
    EXPECT_NE(inputErrorOf([&] { projectFromJson(j, "f"); })
                  .find("f: /format_version: missing; a project file must say which format it uses"),
              std::string::npos);
    j["format_version"] = 1.0;
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "f"); }),
              "f: /format_version: must be a non-negative integer, got 1.0");
}

TEST(ProjectUpgrade, ErrorsInUpgradedFilesSayTheyWereUpgraded)
{
    nlohmann::json j = v0Document();
    j["network"]["populations"][1]["layers"] = 0;
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "old.json"); }),
              "old.json (upgraded from format_version 0): /network/populations/1/ansatz/layers: "
              "must be 1..100, got 0");
}

TEST(ProjectUpgrade, AmbiguousOldAndNewNamesAreRefused)
{
    nlohmann::json j = v0Document();
    j["training"]["learning_rate"] = 0.1;
    EXPECT_EQ(inputErrorOf([&] { projectFromJson(j, "old.json"); }),
              "old.json: /training: has both \"lr\" (format_version 0) and \"learning_rate\" (its "
              "newer name); keep one");
}

TEST(ProjectUpgrade, UpgradersTolerateOddShapes)
{
    // The upgrader moves what it knows and leaves the rest to validation.
    for (const char *text :
         {R"({"format_version": 0, "network": []})", R"({"format_version": 0, "network": {"populations": 3}})",
          R"({"format_version": 0, "network": {"populations": [1, null, {"name": "x", "ansatz": 5}]}})",
          R"({"format_version": 0, "training": []})"}) {
        const nlohmann::json j = nlohmann::json::parse(text);
        EXPECT_NO_THROW(upgradeProjectJson(j, "odd")) << text;
        EXPECT_NE(inputErrorOf([&] { projectFromJson(j, "odd"); }).find("odd (upgraded from format_version 0): /"),
                  std::string::npos)
            << text;
    }
}

} // namespace
} // namespace sqsnn

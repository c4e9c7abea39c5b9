// The `noise` key of an SQS population (docs/project-format.md): parsed, validated with the
// key's path, saved and reloaded to an equal project; what noise does not support yet is
// refused at load with one line.
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace sqsnn;

namespace {

nlohmann::json twoClass()
{
    return parseProjectText(R"({
      "format_version": 1, "seed": 3,
      "network": {"populations": [
          {"name": "image", "kind": "input", "size": 0},
          {"name": "readout", "kind": "sqs", "size": 2, "readout": true, "io_qubits": 1,
           "memory_qubits": 1}],
        "projections": [{"from": "image", "to": "readout"}]},
      "data": {"dataset": "fashion-mnist", "classes": [1, 7], "image_size": 8,
               "train_samples": 20, "test_samples": 10, "time_steps": 4},
      "training": {"estimator": "shift", "epochs": 1}})",
                             "two.sqsnn.json");
}

std::string messageOf(const nlohmann::json &doc)
{
    try {
        projectFromJson(doc, "p.sqsnn.json");
    } catch (const InputError &e) {
        return e.what();
    }
    return "(accepted)";
}

} // namespace

TEST(ProjectNoise, RoundTripsThroughSaveAndLoad)
{
    nlohmann::json doc = twoClass();
    doc["network"]["populations"][1]["noise"] = {{"preset", "neutral-atom"}, {"t1_us", 2e6},
                                                 {"readout_p10", 0.01}};
    const Project p = projectFromJson(doc, "p.sqsnn.json");
    const NoiseModel &m = p.network.populations[1].noise;
    EXPECT_EQ(m.preset, "neutral-atom");
    EXPECT_EQ(m.t1Us, 2e6);
    EXPECT_EQ(m.readoutP10, 0.01);
    EXPECT_EQ(m.depolarizing2q, noisePreset("neutral-atom").depolarizing2q);
    const auto dir = std::filesystem::temp_directory_path() / "sqsnn-noise-project";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "p.sqsnn.json").string();
    saveProject(p, path);
    const Project back = loadProject(path);
    EXPECT_EQ(back.network, p.network);
    EXPECT_EQ(back.network.populations[1].noise, m);
    std::filesystem::remove_all(dir);
}

TEST(ProjectNoise, AnEmptyNoiseObjectIsNoNoiseAndIsNotWritten)
{
    nlohmann::json doc = twoClass();
    doc["network"]["populations"][1]["noise"] = nlohmann::json::object();
    const Project p = projectFromJson(doc, "p.sqsnn.json");
    EXPECT_FALSE(p.network.populations[1].noise.enabled());
    EXPECT_FALSE(projectToJson(p)["network"]["populations"][1].contains("noise"));
    EXPECT_EQ(p.network, projectFromJson(twoClass(), "p.sqsnn.json").network);
}

TEST(ProjectNoise, BadNoiseAndUnsupportedTrainingGetOneLine)
{
    nlohmann::json doc = twoClass();
    doc["network"]["populations"][1]["noise"] = {{"depolarizing_2q", 2}};
    EXPECT_EQ(messageOf(doc), "p.sqsnn.json: /network/populations/1/noise/depolarizing_2q: must "
                              "be a probability in [0, 1], got 2");
    doc["network"]["populations"][1]["noise"] = {{"t1_us", 10}, {"T2_us", 5}};
    EXPECT_EQ(messageOf(doc).substr(0, 82), "p.sqsnn.json: /network/populations/1/noise/T2_us: "
                                            "unknown noise key (expected pres");
    doc["network"]["populations"][1]["noise"] = {{"preset", "superconducting"}};
    doc["training"]["method"] = "bptt"; // reverse mode through the channels: accepted
    EXPECT_EQ(projectFromJson(doc, "p.sqsnn.json").training.method, "bptt");
    doc["training"]["method"] = "local";
    doc["training"]["estimator"] = "exact-memory";
    EXPECT_EQ(messageOf(doc), "p.sqsnn.json: /training/estimator: population 'readout' has "
                              "noise: the exact-memory estimator with noise is not supported yet "
                              "(use exact or shift)");
    // A noise object on a population of another kind is not one of its fields.
    doc = twoClass();
    doc["network"]["populations"][0]["noise"] = {{"preset", "superconducting"}};
    EXPECT_NE(messageOf(doc).find("/network/populations/0/noise"), std::string::npos);
}

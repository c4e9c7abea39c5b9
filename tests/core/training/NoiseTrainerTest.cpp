// Training with noisy SQS populations: without noise (no key, an empty object, zero
// strengths) the ideal path runs bit-identically; with noise the local rule trains with the
// exact (density-path parameter-shift) and shift (noisy fresh circuits) estimators; bptt is
// refused by the trainer as well.
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;

namespace {

Project twoClass(const nlohmann::json &noise, const std::string &estimator)
{
    nlohmann::json doc = parseProjectText(R"({
      "format_version": 1, "seed": 5,
      "network": {"populations": [
          {"name": "image", "kind": "input", "size": 0},
          {"name": "hidden", "kind": "sqs", "size": 2, "io_qubits": 1, "memory_qubits": 1},
          {"name": "readout", "kind": "sqs", "size": 2, "readout": true, "io_qubits": 1,
           "memory_qubits": 1}],
        "projections": [{"from": "image", "to": "hidden"}, {"from": "hidden", "to": "readout"},
                        {"from": "image", "to": "readout"}]},
      "data": {"dataset": "fashion-mnist", "classes": [1, 7], "image_size": 8,
               "train_samples": 40, "test_samples": 20, "time_steps": 5},
      "training": {"epochs": 1, "learning_rate": 0.02, "spsa_directions": 3}})",
                                          "two.sqsnn.json");
    doc["training"]["estimator"] = estimator;
    if (!noise.is_null())
        for (auto &pop : doc["network"]["populations"])
            if (pop["kind"] == "sqs")
                pop["noise"] = noise;
    return projectFromJson(doc, "two.sqsnn.json");
}

std::vector<double> trainedParameters(const Project &p)
{
    Trainer t(p, TrainerOptions{1});
    t.trainEpoch();
    ParameterSet ps;
    t.network().exportParameters(ps);
    std::vector<double> flat;
    for (const auto &[key, v] : ps)
        flat.insert(flat.end(), v.begin(), v.end());
    return flat;
}

} // namespace

TEST(NoiseTrainer, WithoutNoiseTheIdealPathRunsBitIdentically)
{
    for (const char *est : {"exact", "shift"}) {
        const auto ideal = trainedParameters(twoClass(nullptr, est));
        EXPECT_EQ(trainedParameters(twoClass(nlohmann::json::object(), est)), ideal) << est;
        EXPECT_EQ(trainedParameters(twoClass({{"depolarizing_1q", 0}, {"readout_p01", 0}}, est)),
                  ideal)
            << est;
    }
}

TEST(NoiseTrainer, NoisyNetworksTrainWithExactAndShift)
{
    for (const char *est : {"exact", "shift"}) {
        const Project p = twoClass({{"preset", "superconducting"}}, est);
        const auto noisy = trainedParameters(p);
        for (double v : noisy)
            ASSERT_TRUE(std::isfinite(v)) << est;
        EXPECT_NE(noisy, trainedParameters(twoClass(nullptr, est))) << est;
        // Deterministic for a seed.
        EXPECT_EQ(noisy, trainedParameters(p)) << est;
    }
}

// bptt trains a noisy network (reverse mode through the channels): finite parameters, moved
// by the noise, deterministic for a seed.
TEST(NoiseTrainer, BpttTrainsNoisyNetworks)
{
    Project p = twoClass({{"preset", "superconducting"}}, "exact");
    p.training.method = "bptt";
    Project ideal = twoClass(nullptr, "exact");
    ideal.training.method = "bptt";
    const auto noisy = trainedParameters(p);
    for (double v : noisy)
        ASSERT_TRUE(std::isfinite(v));
    EXPECT_NE(noisy, trainedParameters(ideal));
    EXPECT_EQ(noisy, trainedParameters(p));
}


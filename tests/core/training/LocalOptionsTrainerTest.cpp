// The local rule's issue-13 options (readout_loss ce, hidden_signal dfa, dead_zone_surrogate)
// end to end: bit-identical whatever the thread count, a checkpoint resumes exactly, and the
// project keys are refused with their name when bad.
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace sqsnn;
namespace fs = std::filesystem;

namespace {

Project withOptions(int train, int test)
{
    Project p = loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json");
    p.data.trainSamples = train;
    p.data.testSamples = test;
    p.training.epochs = 1;
    p.training.readoutLoss = "ce";
    p.training.hiddenSignal = "dfa";
    p.training.deadZoneSurrogate = 0.5;
    p.training.optimizer = "adam";
    p.training.learningRate = 1e-3;
    p.training.batchSize = 8;
    return p;
}

} // namespace

TEST(LocalOptions, BitIdenticalForASeedWhateverTheThreads)
{
    Project p = withOptions(200, 100);
    p.network.populations[1].size = 300; // big enough for the engine to split work
    Trainer one(p, TrainerOptions{1}), two(p, TrainerOptions{2});
    const EpochMetrics a = one.trainEpoch(), b = two.trainEpoch();
    EXPECT_EQ(a.trainLoss, b.trainLoss);
    EXPECT_EQ(a.testLoss, b.testLoss);
    ParameterSet pa, pb, before;
    one.network().exportParameters(pa);
    two.network().exportParameters(pb);
    EXPECT_EQ(pa, pb);
    Trainer fresh(p, TrainerOptions{1});
    fresh.network().exportParameters(before);
    EXPECT_NE(before, pa); // it learned something
    // Another seed draws other feedback matrices (and everything else).
    p.seed = 2;
    Trainer other(p, TrainerOptions{1});
    EXPECT_NE(other.trainEpoch().trainLoss, a.trainLoss);
}

TEST(LocalOptions, ACheckpointResumesExactly)
{
    Project p = withOptions(100, 50);
    // SGD: Adam's moments are not part of a checkpoint (they restart on resume), whatever the
    // local rule's options.
    p.training.optimizer = "sgd";
    p.training.learningRate = 0.02;
    p.training.epochs = 2;
    Trainer straight(p, TrainerOptions{1});
    straight.run();
    ASSERT_EQ(straight.epochsDone(), 2);
    p.training.epochs = 1;
    Trainer first(p, TrainerOptions{1});
    first.run();
    const auto dir = fs::temp_directory_path() / ("sqsnn-local-resume-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string ckpt = (dir / "ckpt.sqsnn.json").string();
    saveProject(first.result(), ckpt);
    Project resumed = loadProject(ckpt);
    EXPECT_EQ(resumed.training.readoutLoss, "ce"); // the keys survive the file
    EXPECT_EQ(resumed.training.hiddenSignal, "dfa");
    EXPECT_EQ(resumed.training.deadZoneSurrogate, 0.5);
    resumed.training.epochs = 2;
    Trainer second(resumed, TrainerOptions{1});
    second.run();
    EXPECT_EQ(second.history().back().testLoss, straight.history().back().testLoss);
    EXPECT_EQ(second.history().back().trainLoss, straight.history().back().trainLoss);
    ParameterSet a, b;
    straight.network().exportParameters(a);
    second.network().exportParameters(b);
    EXPECT_EQ(a, b);
    fs::remove_all(dir);
}

TEST(LocalOptions, BadKeysAreRefusedWithTheirName)
{
    nlohmann::json j = projectToJson(withOptions(10, 10));
    for (const auto &[key, value] : std::vector<std::pair<std::string, nlohmann::json>>{
             {"readout_loss", "mse"}, {"hidden_signal", 3}, {"dead_zone_surrogate", -1.0}}) {
        nlohmann::json bad = j;
        bad["training"][key] = value;
        try {
            projectFromJson(bad, "bad");
            ADD_FAILURE() << key << " accepted";
        } catch (const InputError &e) {
            EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
        }
    }
}

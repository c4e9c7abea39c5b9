// training.method = "bptt" through the Trainer: it learns ten classes on a slice, results are
// bit-identical whatever the thread count, a checkpoint (with Adam's state) resumes exactly, and
// a stopped batch leaves the parameters unchanged.
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"

#include "support/StopAfterSamples.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace sqsnn;
namespace fs = std::filesystem;

namespace {

Project tenClass(int train, int test, int hidden, int batch)
{
    Project p = loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/fmnist-10class.sqsnn.json");
    EXPECT_EQ(p.training.method, "bptt") << "the 10-class example trains with bptt";
    p.data.trainSamples = train;
    p.data.testSamples = test;
    p.network.populations[1].size = hidden;
    p.training.batchSize = batch;
    p.training.epochs = 1;
    return p;
}

} // namespace

TEST(BpttTrainer, LearnsTenClassesWellAboveChanceOnASlice)
{
    Project p = tenClass(3000, 500, 100, 64);
    p.training.learningRate = 2e-3;
    Trainer t(p, TrainerOptions{1});
    const EpochMetrics m = t.trainEpoch();
    EXPECT_GT(m.testAccuracy, 0.45) << "chance is 0.10";
    EXPECT_LT(m.testLoss, std::log(10.0)) << "below the loss of a uniform prediction";
}

TEST(BpttTrainer, BitIdenticalWhateverTheThreads)
{
    for (const char *kind : {"sqs", "glm", "lif", "qlif"}) {
        SCOPED_TRACE(kind);
        Project p = tenClass(48, 16, 200, 16); // wide enough for the engine to split the work
        for (auto &pop : p.network.populations)
            if (pop.kind != "input")
                pop.kind = kind;
        Trainer one(p, TrainerOptions{1}), two(p, TrainerOptions{2});
        const EpochMetrics a = one.trainEpoch(), b = two.trainEpoch();
        EXPECT_EQ(a.trainLoss, b.trainLoss);
        EXPECT_EQ(a.testLoss, b.testLoss);
        ParameterSet pa, pb;
        one.network().exportParameters(pa);
        two.network().exportParameters(pb);
        EXPECT_EQ(pa, pb);
    }
}

TEST(BpttTrainer, ACheckpointWithAdamStateResumesExactly)
{
    for (const char *method : {"bptt", "local"}) {
        SCOPED_TRACE(method);
        Project p = tenClass(40, 10, 20, 8);
        p.training.method = method;
        p.training.optimizer = "adam";
        p.training.epochs = 2;
        Trainer straight(p, TrainerOptions{1});
        straight.run();
        p.training.epochs = 1;
        Trainer first(p, TrainerOptions{1});
        first.run();
        const Project ckpt = first.result();
        ASSERT_TRUE(ckpt.optimizerState.is_object()) << "Adam's state is in the checkpoint";
        const auto dir = fs::temp_directory_path() / ("sqsnn-bptt-resume-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        const std::string file = (dir / "ckpt.sqsnn.json").string();
        saveProject(ckpt, file);
        Project resumed = loadProject(file);
        resumed.training.epochs = 2;
        Trainer second(resumed, TrainerOptions{1});
        second.run();
        EXPECT_EQ(second.history().back().trainLoss, straight.history().back().trainLoss);
        ParameterSet a, b;
        straight.network().exportParameters(a);
        second.network().exportParameters(b);
        EXPECT_EQ(a, b);
        // Without the state, Adam restarts and the run differs: the check is not vacuous.
        Project restarted = resumed;
        restarted.optimizerState = nullptr;
        Trainer third(restarted, TrainerOptions{1});
        third.run();
        ParameterSet c;
        third.network().exportParameters(c);
        EXPECT_NE(a, c);
        fs::remove_all(dir);
    }
}

TEST(BpttTrainer, AnOptimizerStateThatDoesNotFitIsRefusedWithItsKey)
{
    Project p = tenClass(16, 8, 20, 8);
    p.training.epochs = 1;
    Trainer t(p, TrainerOptions{1});
    t.run();
    Project ckpt = t.result();
    ckpt.optimizerState["moments"]["projection/image->hidden"]["m"].erase(0);
    try {
        Trainer bad(ckpt, TrainerOptions{1});
        FAIL() << "accepted";
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("/optimizer_state/moments/projection/image->hidden/m"),
                  std::string::npos)
            << e.what();
    }
}

TEST(BpttTrainer, AStoppedBatchLeavesTheParametersUnchanged)
{
    Project p = tenClass(40, 10, 20, 16);
    Trainer t(p, TrainerOptions{1});
    ParameterSet before;
    t.network().exportParameters(before);
    sqsnn::test::StopAfterSamples stopper(5); // within the first batch of 16
    t.setStopFlag(&stopper.flag);
    const EpochMetrics m = t.trainEpoch(&stopper);
    EXPECT_FALSE(m.complete);
    ParameterSet after;
    t.network().exportParameters(after);
    EXPECT_EQ(after, before);
    // A stop after the first complete batch keeps that batch's update only.
    Trainer u(p, TrainerOptions{1});
    sqsnn::test::StopAfterSamples later(20);
    u.setStopFlag(&later.flag);
    u.trainEpoch(&later);
    ParameterSet oneBatch;
    u.network().exportParameters(oneBatch);
    EXPECT_NE(oneBatch, before);
}

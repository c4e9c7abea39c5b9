// The trainer: every example project trains, results are bit-identical for a seed whatever the
// thread count, checkpoints resume exactly, and the quickstart learns.
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"

#include "support/StopAfterSamples.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>

using namespace sqsnn;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> exampleProjects()
{
    std::vector<std::string> out;
    for (const auto &e : fs::recursive_directory_iterator(fs::path(SQSNN_SOURCE_DIR) / "projects"))
        if (e.path().string().ends_with(".sqsnn.json"))
            out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

Project small(Project p, int train, int test)
{
    p.data.trainSamples = train;
    p.data.testSamples = test;
    p.training.epochs = 1;
    return p;
}

} // namespace

TEST(Trainer, EveryExampleProjectLoadsAndTrainsBriefly)
{
    const auto files = exampleProjects();
    ASSERT_GE(files.size(), 3u) << "projects/ should hold quickstart, local-rule-2class, temporal";
    for (const auto &f : files) {
        SCOPED_TRACE(f);
        Project p = loadProject(f);
        if (p.data.dataset == "temporal-order" || p.data.classes.size() >= 2)
            p = small(p, 2 * std::max<int>(2, int(p.data.classes.size())), 4);
        else
            p = small(p, 20, 10);
        Trainer t(p, TrainerOptions{1});
        ParameterSet before;
        t.network().exportParameters(before);
        const EpochMetrics m = t.trainEpoch();
        EXPECT_TRUE(std::isfinite(m.trainLoss));
        EXPECT_TRUE(std::isfinite(m.testLoss));
        EXPECT_GE(m.testAccuracy, 0.0);
        EXPECT_LE(m.testAccuracy, 1.0);
        ParameterSet after;
        t.network().exportParameters(after);
        EXPECT_NE(before, after) << "training changed no parameter";
        // The result is a valid project again.
        EXPECT_NO_THROW(projectFromJson(projectToJson(t.result()), "result"));
    }
}

TEST(Trainer, BitIdenticalForASeedWhateverTheThreads)
{
    Project p = small(loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json"),
                      200, 100);
    p.network.populations[1].size = 300; // big enough for the engine to split work
    Trainer one(p, TrainerOptions{1}), two(p, TrainerOptions{2});
    const EpochMetrics a = one.trainEpoch(), b = two.trainEpoch();
    EXPECT_EQ(a.trainLoss, b.trainLoss);
    EXPECT_EQ(a.testLoss, b.testLoss);
    EXPECT_EQ(a.testAccuracy, b.testAccuracy);
    ParameterSet pa, pb;
    one.network().exportParameters(pa);
    two.network().exportParameters(pb);
    EXPECT_EQ(pa, pb);
    // And another seed gives other results.
    p.seed = 2;
    Trainer other(p, TrainerOptions{1});
    EXPECT_NE(other.trainEpoch().trainLoss, a.trainLoss);
}

// The local rule's per-step bookkeeping and its end-of-sample weight factors are split over the
// workers for a wide hidden layer (>= 256 neurons; >= 4096 channel-steps): every option that
// touches them (baseline, eligibility and signal smoothing, the exact-memory estimator's past
// eligibilities) gives bit-identical results on 1 and 2 threads.
TEST(Trainer, LocalRuleBookkeepingSplitIsBitIdentical)
{
    Project p = small(loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json"),
                      24, 8);
    p.network.populations[1].size = 1000; // 1000 channels x 5 steps: every loop splits
    for (const char *est : {"exact", "exact-memory"}) {
        SCOPED_TRACE(est);
        p.training.estimator = est;
        p.training.baseline = true;
        p.training.eligibilitySmoothing = 0.3;
        p.training.signalSmoothing = 0.2;
        Trainer one(p, TrainerOptions{1}), two(p, TrainerOptions{2});
        const EpochMetrics a = one.trainEpoch(), b = two.trainEpoch();
        EXPECT_EQ(a.trainLoss, b.trainLoss);
        ParameterSet pa, pb, before;
        one.network().exportParameters(pa);
        two.network().exportParameters(pb);
        EXPECT_EQ(pa, pb);
        Trainer fresh(p, TrainerOptions{1});
        fresh.network().exportParameters(before);
        EXPECT_NE(before, pa);
    }
}

// The 784-1000-10 benchmark network (local rule, SGD, batch 1: the fused row updates): the
// hidden layer's rows and the 10-channel readout's rows (~1,000 active hidden lines a sample)
// are cut into chunks the workers take as they come free; 1, 2 and 3 threads must give the
// same parameters bit for bit (a chunk that skipped or repeated a row would not).
TEST(Trainer, ChunkedRowUpdatesAreBitIdenticalWhateverTheThreads)
{
    Project p = small(loadProject(std::string(SQSNN_SOURCE_DIR)
                                  + "/projects/benchmarks/fmnist-784-1000-10.sqsnn.json"),
                      12, 4);
    // bptt (batch 4, so the update runs): the forward and backward steps and the hidden layer's
    // gradient rows in chunks.
    for (const char *method : {"local", "bptt"}) {
    SCOPED_TRACE(method);
    p.training.method = method;
    if (std::string(method) == "bptt") {
        p.training.optimizer = "adam";
        p.training.learningRate = 5e-4;
        p.training.batchSize = 4;
        p.training.clipReadout = p.training.clipHiddenWeights = p.training.clipHiddenAngles = 0;
    }
    ParameterSet first;
    for (int threads : {1, 2, 3}) {
        SCOPED_TRACE(threads);
        Trainer t(p, TrainerOptions{threads});
        t.trainEpoch();
        ParameterSet params;
        t.network().exportParameters(params);
        if (threads == 1) {
            first = params;
            ParameterSet before;
            Trainer(p, TrainerOptions{1}).network().exportParameters(before);
            EXPECT_NE(before.at("projection/hidden->readout"), first.at("projection/hidden->readout"));
            EXPECT_NE(before.at("projection/image->hidden"), first.at("projection/image->hidden"));
        } else {
            EXPECT_EQ(params, first);
        }
    }
    }
}

TEST(Trainer, ACheckpointResumesExactly)
{
    Project p = small(loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json"),
                      100, 50);
    p.training.epochs = 2;
    Trainer straight(p, TrainerOptions{1});
    straight.run();
    ASSERT_EQ(straight.epochsDone(), 2);

    p.training.epochs = 1;
    Trainer first(p, TrainerOptions{1});
    first.run();
    const auto dir = fs::temp_directory_path() / ("sqsnn-resume-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string ckpt = (dir / "ckpt.sqsnn.json").string();
    saveProject(first.result(), ckpt);
    Project resumed = loadProject(ckpt);
    resumed.training.epochs = 2;
    Trainer second(resumed, TrainerOptions{1});
    EXPECT_EQ(second.epochsDone(), 1);
    second.run();
    EXPECT_EQ(second.history().back().testLoss, straight.history().back().testLoss);
    EXPECT_EQ(second.history().back().trainLoss, straight.history().back().trainLoss);
    ParameterSet a, b;
    straight.network().exportParameters(a);
    second.network().exportParameters(b);
    EXPECT_EQ(a, b);
    fs::remove_all(dir);
}

TEST(Trainer, QuickstartLearnsWellAboveChance)
{
    Trainer t(loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json"),
              TrainerOptions{});
    t.run();
    EXPECT_GT(t.history().back().testAccuracy, 0.8); // chance is 0.5
    EXPECT_LT(t.history().back().testLoss, t.history().front().testLoss);
}

TEST(Trainer, BadSettingsAreRefusedWithTheirField)
{
    Project p = small(loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json"),
                      10, 10);
    p.training.estimator = "magic";
    try {
        Trainer t(p);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("/training/estimator"), std::string::npos) << e.what();
    }
    p.training.estimator = "exact";
    p.network.populations[2].size = 3; // two classes
    try {
        Trainer t(p);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("the readout has 3 neurons but the data set has 2 classes"),
                  std::string::npos)
            << e.what();
    }
}

// Every estimator and learning option trains end to end (finite metrics, parameters move).
TEST(Trainer, EveryEstimatorAndOptionTrains)
{
    const Project base = small(
        loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json"), 60, 20);
    std::vector<std::pair<std::string, std::function<void(TrainingSpec &)>>> variants = {
        {"exact-memory", [](TrainingSpec &t) { t.estimator = "exact-memory"; }},
        {"shift S=5", [](TrainingSpec &t) { t.estimator = "shift"; t.shots = 5; }},
        {"shift S=0", [](TrainingSpec &t) { t.estimator = "shift"; }},
        {"seed-compat", [](TrainingSpec &t) { t.estimator = "seed-compat"; }},
        {"baseline", [](TrainingSpec &t) { t.baseline = true; }},
        {"smoothing", [](TrainingSpec &t) { t.signalSmoothing = 0.5; t.eligibilitySmoothing = 0.5; }},
        {"adam", [](TrainingSpec &t) { t.optimizer = "adam"; t.learningRate = 0.001; }},
        {"batch 4", [](TrainingSpec &t) { t.batchSize = 4; }},
        {"clamped readout", [](TrainingSpec &t) { t.clampReadout = true; }},
        {"readout target weight", [](TrainingSpec &t) { t.readoutTargetWeight = 3.0; }},
    };
    for (const auto &[name, change] : variants) {
        SCOPED_TRACE(name);
        Project p = base;
        change(p.training);
        Trainer t(p, TrainerOptions{1});
        ParameterSet before, after;
        t.network().exportParameters(before);
        const EpochMetrics m = t.trainEpoch();
        t.network().exportParameters(after);
        EXPECT_TRUE(std::isfinite(m.trainLoss) && std::isfinite(m.testLoss));
        EXPECT_NE(before, after);
    }
}

TEST(Trainer, StoppingMidEpochRecordsNothingAndResumesTheSameEpoch)
{
    Project p = small(loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json"),
                      50, 10);
    Trainer t(p, TrainerOptions{1});
    std::atomic<bool> stop{false};
    struct StopAt : TrainingObserver
    {
        void onSample(int, int index, int, const SampleResult &) override
        {
            if (index == 9)
                flag->store(true);
        }
        std::atomic<bool> *flag;
    } obs;
    obs.flag = &stop;
    t.setStopFlag(&stop);
    const EpochMetrics m = t.trainEpoch(&obs);
    EXPECT_FALSE(m.complete);
    EXPECT_EQ(t.epochsDone(), 0);
    EXPECT_TRUE(t.result().history.empty());
}

namespace {

// Raises a stop flag at a chosen time step (counted over the whole epoch, training and test
// steps alike) and counts the steps seen after it.
struct StopAtStep : StepObserver, TrainingObserver
{
    std::atomic<bool> flag{false};
    long stopAt = -1, steps = 0, stepsAfter = 0;
    int samples = 0, testStarts = 0, testSamples = 0, epochs = 0;
    void onStep(const Network &, int, double) override
    {
        if (flag.load())
            ++stepsAfter;
        if (++steps == stopAt)
            flag.store(true);
    }
    void onSample(int, int, int, const SampleResult &) override { ++samples; }
    void onTestStart(int, int) override { ++testStarts; }
    void onTestSample(int, int, int, const SampleResult &) override { ++testSamples; }
    void onEpoch(const EpochMetrics &) override { ++epochs; }
};

// The parameters after exactly `samples` whole training samples of the first epoch.
ParameterSet afterSamples(const Project &p, int samples)
{
    sqsnn::test::StopAfterSamples stopper(samples);
    Trainer t(p, TrainerOptions{1});
    t.setStopFlag(&stopper.flag);
    t.trainEpoch(&stopper);
    ParameterSet out;
    t.network().exportParameters(out);
    return out;
}

Project quickstartSlice(int train, int test)
{
    return small(loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json"),
                 train, test);
}

} // namespace

// Stop mid-sample: the sample ends at the step the flag was raised, none of its update is
// applied (per-sample SGD and mid-mini-batch alike), and the epoch is not recorded.
TEST(Trainer, StopMidSampleTakesEffectAtTheNextStepAndDropsTheSampleUpdate)
{
    for (int batch : {1, 4}) {
        SCOPED_TRACE("batch " + std::to_string(batch));
        Project p = quickstartSlice(30, 10);
        p.training.batchSize = batch;
        const int T = p.data.timeSteps;
        ASSERT_GT(T, 4);
        Trainer t(p, TrainerOptions{1});
        StopAtStep obs;
        obs.stopAt = 5L * T + 3; // the 3rd step of the 6th sample
        t.setStopFlag(&obs.flag);
        t.setStepObserver(&obs);
        const EpochMetrics m = t.trainEpoch(&obs);
        EXPECT_FALSE(m.complete);
        EXPECT_EQ(obs.stepsAfter, 0) << "no time step after the flag";
        EXPECT_EQ(obs.samples, 5) << "the interrupted sample is not reported as done";
        EXPECT_EQ(obs.epochs, 0);
        EXPECT_EQ(t.epochsDone(), 0);
        EXPECT_TRUE(t.result().history.empty());
        EXPECT_EQ(t.result().parameters, afterSamples(p, 5))
            << "the parameters are those after the 5 whole samples";
        // The trainer stays usable: training again starts the epoch over, as a fresh one does.
        obs.flag.store(false);
        obs.stopAt = -1;
        t.setStepObserver(nullptr);
        const EpochMetrics again = t.trainEpoch();
        EXPECT_TRUE(again.complete);
        EXPECT_EQ(again.epoch, 1);
    }
}

TEST(Trainer, TrainSampleWithTheStopFlagRaisedAppliesNothing)
{
    const Project p = quickstartSlice(10, 5);
    Trainer t(p, TrainerOptions{1});
    ParameterSet before;
    t.network().exportParameters(before);
    StopAtStep obs;
    obs.stopAt = 2;
    t.setStopFlag(&obs.flag);
    const SampleResult r = t.trainSample(1, 0, &obs);
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(r.steps, 2);
    ParameterSet after;
    t.network().exportParameters(after);
    EXPECT_EQ(after, before);
    obs.flag.store(false);
    obs.stopAt = -1;
    const SampleResult whole = t.trainSample(1, 0, &obs);
    EXPECT_TRUE(whole.complete);
    EXPECT_EQ(whole.steps, p.data.timeSteps);
    t.network().exportParameters(after);
    EXPECT_NE(after, before);
}

// Stop during the end-of-epoch evaluation: within one time step; the epoch's training updates
// stay (as for any stopped epoch), its partial test metrics are dropped and nothing is recorded.
TEST(Trainer, StopDuringTheEvaluationTakesEffectAtTheNextStepAndRecordsNothing)
{
    const Project p = quickstartSlice(12, 8);
    const int T = p.data.timeSteps;
    Trainer ref(p, TrainerOptions{1});
    const EpochMetrics whole = ref.trainEpoch();
    ASSERT_TRUE(whole.complete);
    const auto [loss, acc] = ref.evaluate(ref.data().test);
    EXPECT_EQ(whole.testLoss, loss) << "the epoch's evaluation is evaluate()'s";
    EXPECT_EQ(whole.testAccuracy, acc);

    Trainer t(p, TrainerOptions{1});
    StopAtStep obs;
    obs.stopAt = 12L * T + 3L * T + 2; // the 2nd step of the 4th test sample
    t.setStopFlag(&obs.flag);
    t.setStepObserver(&obs);
    const EpochMetrics m = t.trainEpoch(&obs);
    EXPECT_FALSE(m.complete);
    EXPECT_EQ(obs.samples, 12);
    EXPECT_EQ(obs.testStarts, 1);
    EXPECT_EQ(obs.testSamples, 3);
    EXPECT_EQ(obs.stepsAfter, 0);
    EXPECT_EQ(obs.epochs, 0);
    EXPECT_EQ(t.epochsDone(), 0);
    EXPECT_EQ(t.result().parameters, ref.result().parameters) << "the epoch's updates stay";
}

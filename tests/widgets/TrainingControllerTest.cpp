// The TrainingController over the core trainer (offscreen, no window): start, pause within one
// time step, single steps (time step / sample / epoch) with their counters and exact
// parameter updates, stop, reset, results identical to the Trainer that `sqsnn train` runs,
// pause and stop within one time step during the end-of-epoch evaluation and mid-sample (the
// sample in flight dropped with its update), parameter histograms in the snapshots, and a
// stress run of random commands (start/pause/step/stop/reset/evaluate/rates).
#include "TestSupport.hpp"
#include "model/ProjectModel.hpp"
#include "project/ProjectIo.hpp"
#include "training/ParameterHistograms.hpp"
#include "training/Trainer.hpp"
#include "training/TrainingController.hpp"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include "support/StopAfterSamples.hpp"

#include <gtest/gtest.h>

#include <random>

namespace sqsnn::lab::test {

namespace {

bool waitFor(const std::function<bool()> &cond, int ms = 30000)
{
    return QTest::qWaitFor(cond, ms);
}

// The reference: a Trainer stopped after `samples` training samples of the first epoch.
std::unique_ptr<Trainer> trainerAfter(const Project &p, int samples)
{
    sqsnn::test::StopAfterSamples stopper(samples);
    auto t = std::make_unique<Trainer>(p, TrainerOptions{1});
    t->setStopFlag(&stopper.flag);
    if (samples > 0)
        t->trainEpoch(&stopper);
    t->setStopFlag(nullptr);
    return t;
}

ParameterSet referenceAfter(const Project &p, int samples)
{
    return trainerAfter(p, samples)->result().parameters;
}

struct Fixture
{
    explicit Fixture(const Project &p)
    {
        model.resetProject(p, QString());
        controller = std::make_unique<TrainingController>(&model, nullptr, 1);
    }
    bool paused() { return waitFor([&] { return controller->state() == RunState::Paused; }); }
    bool idle(int ms = 30000) { return waitFor([&] { return !controller->isBusy(); }, ms); }
    ProjectModel model;
    std::unique_ptr<TrainingController> controller;
};

} // namespace

TEST(TrainingController, RunMatchesTheTrainerAndCommitsOneUndoableStep)
{
    const Project p = quickstart(60, 30, 2);
    Fixture f(p);
    const int before = f.model.undoStack()->count();
    int snapshots = 0;
    QObject::connect(f.controller.get(), &TrainingController::snapshot, [&] { ++snapshots; });
    f.controller->train();
    EXPECT_TRUE(f.controller->isActive());
    ASSERT_TRUE(f.idle());
    EXPECT_EQ(f.controller->state(), RunState::Finished);
    EXPECT_GT(snapshots, 0);

    Trainer cli(p, TrainerOptions{1}); // as `sqsnn train` runs it
    cli.run(p.training.epochs);
    const Project gui = f.model.project();
    ASSERT_EQ(gui.history.size(), 2u);
    for (int e = 0; e < 2; ++e) {
        const EpochMetrics g = EpochMetrics::fromJson(gui.history[e]);
        const EpochMetrics &c = cli.history()[e];
        EXPECT_EQ(g.trainLoss, c.trainLoss);
        EXPECT_EQ(g.trainAccuracy, c.trainAccuracy);
        EXPECT_EQ(g.testLoss, c.testLoss);
        EXPECT_EQ(g.testAccuracy, c.testAccuracy);
    }
    EXPECT_EQ(gui.parameters, cli.result().parameters);
    EXPECT_EQ(f.model.undoStack()->count(), before + 1) << "one undoable step per run";
    // Saved with the project.
    QTemporaryDir dir;
    const std::string file = dir.filePath("trained.sqsnn.json").toStdString();
    saveProject(f.model.project(), file);
    const Project back = loadProject(file);
    EXPECT_EQ(back.parameters, cli.result().parameters);
    ASSERT_EQ(back.history.size(), 2u);
    EXPECT_EQ(EpochMetrics::fromJson(back.history[1]).testLoss, cli.history()[1].testLoss);
    f.model.undoStack()->undo();
    EXPECT_TRUE(f.model.project().history.empty());
    EXPECT_EQ(f.model.project().parameters, p.parameters);
}

TEST(TrainingController, PausesWithinOneTimeStepAndResumes)
{
    Fixture f(quickstart(1000, 20, 50));
    f.controller->train();
    ASSERT_TRUE(waitFor([&] { return f.controller->stepsTaken() > 50; }));
    f.controller->pause();
    const std::int64_t s0 = f.controller->stepsTaken();
    ASSERT_TRUE(f.paused());
    const std::int64_t s1 = f.controller->stepsTaken();
    EXPECT_LE(s1 - s0, 1) << "pause must take effect within one time step";
    QTest::qWait(150);
    EXPECT_EQ(f.controller->stepsTaken(), s1) << "nothing runs while paused";
    ASSERT_TRUE(waitFor([&] { return f.controller->latest() && f.controller->latest()->globalStep == s1; }));
    f.controller->resume();
    ASSERT_TRUE(waitFor([&] { return f.controller->stepsTaken() > s1 + 10; }));
    f.controller->stop();
    ASSERT_TRUE(f.idle(5000)) << "stop must end the run promptly";
    EXPECT_EQ(f.controller->state(), RunState::Idle);
    EXPECT_FALSE(f.controller->isActive());
}

TEST(TrainingController, StepsExactlyOneTimeStepSampleAndEpoch)
{
    const Project p = quickstart(12, 6, 3);
    const int T = p.data.timeSteps;
    Fixture f(p);
    f.controller->stepTime();
    ASSERT_TRUE(f.paused());
    EXPECT_EQ(f.controller->stepsTaken(), 1);
    ASSERT_TRUE(waitFor([&] { return f.controller->latest() && f.controller->latest()->step == 0; }));
    f.controller->stepTime();
    ASSERT_TRUE(waitFor([&] { return f.controller->stepsTaken() == 2; }));
    QTest::qWait(100);
    ASSERT_TRUE(f.paused());
    EXPECT_EQ(f.controller->stepsTaken(), 2);
    EXPECT_EQ(f.controller->samplesTaken(), 0);
    // The first sample completes (with its update), then one more sample.
    for (int k = 1; k <= 2; ++k) {
        f.controller->stepSample();
        ASSERT_TRUE(waitFor([&] { return f.controller->samplesTaken() == k; }));
        QTest::qWait(100);
        ASSERT_TRUE(f.paused());
        EXPECT_EQ(f.controller->samplesTaken(), k);
        EXPECT_EQ(f.controller->stepsTaken(), k * T);
        ASSERT_TRUE(waitFor([&] { return f.model.project().parameters == referenceAfter(p, k); }, 5000))
            << "after " << k << " sample step(s) the parameters are the Trainer's after exactly " << k
            << " update(s)";
    }
    // The rest of the epoch.
    f.controller->stepEpoch();
    ASSERT_TRUE(waitFor([&] { return f.model.project().history.size() == 1; }));
    ASSERT_TRUE(f.paused());
    EXPECT_EQ(f.controller->samplesTaken(), 12);
    Trainer ref(p, TrainerOptions{1});
    const EpochMetrics m = ref.trainEpoch();
    const EpochMetrics g = EpochMetrics::fromJson(f.model.project().history[0]);
    EXPECT_EQ(g.trainLoss, m.trainLoss);
    EXPECT_EQ(g.testAccuracy, m.testAccuracy);
    EXPECT_EQ(f.model.project().parameters, ref.result().parameters);
    f.controller->stop();
    ASSERT_TRUE(f.idle(5000));
}

TEST(TrainingController, StopKeepsTheUpdatesAndResetRestoresTheStart)
{
    const Project p = quickstart(1000, 20, 50);
    Fixture f(p);
    f.controller->train();
    ASSERT_TRUE(waitFor([&] { return f.controller->samplesTaken() > 20; }));
    f.controller->stop();
    ASSERT_TRUE(f.idle(5000));
    EXPECT_NE(f.model.project().parameters, p.parameters) << "a stopped run keeps its updates";
    EXPECT_TRUE(f.controller->canReset());
    f.controller->reset();
    EXPECT_EQ(f.model.project().parameters, p.parameters);
    EXPECT_EQ(f.model.project().history, p.history);
    // Reset while running: stops, then restores.
    f.controller->train();
    ASSERT_TRUE(waitFor([&] { return f.controller->samplesTaken() > 40; }));
    f.controller->reset();
    ASSERT_TRUE(f.idle(5000));
    EXPECT_EQ(f.model.project().parameters, p.parameters);
}

TEST(TrainingController, LearningRateChangesWhilePaused)
{
    Fixture f(quickstart(200, 10, 5));
    f.controller->stepSample();
    ASSERT_TRUE(f.paused());
    EXPECT_TRUE(f.controller->setLearningRate(0.05, 0.25));
    ASSERT_TRUE(waitFor([&] { return f.model.project().training.learningRate == 0.05; }, 5000));
    EXPECT_EQ(f.model.project().training.hiddenLearningRateScale, 0.25);
    f.controller->stop();
    ASSERT_TRUE(f.idle(5000));
}

TEST(TrainingController, SurvivesAThousandRandomCommands)
{
    Fixture f(quickstart(30, 10, 2));
    const unsigned seed = std::random_device{}();
    SCOPED_TRACE("command seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 1000; ++i) {
        switch (rng() % 12) {
        case 0: f.controller->train(); break;
        case 1: f.controller->pause(); break;
        case 2: f.controller->stepTime(); break;
        case 3: f.controller->stepSample(); break;
        case 4: f.controller->stepEpoch(); break;
        case 5: f.controller->stop(); break;
        case 6: f.controller->togglePause(); break;
        case 7: f.controller->setSpeed(rng() % 2 ? 0 : 2000); break;
        case 8: f.controller->setWatched(int(rng() % 3), int(rng() % 3)); break;
        case 9: f.controller->reset(); break;
        case 10: f.controller->evaluate(); break;
        case 11: f.controller->setLearningRate(0.01 + 0.01 * (rng() % 3), 0.5); break;
        }
        if (rng() % 4 == 0)
            QCoreApplication::processEvents();
    }
    f.controller->stop();
    ASSERT_TRUE(f.idle(30000)) << "hung after random commands";
    EXPECT_LT(timer.elapsed(), 120000);
    // Still usable afterwards.
    f.controller->setSpeed(0);
    f.controller->stepTime();
    ASSERT_TRUE(f.paused());
    f.controller->stop();
    ASSERT_TRUE(f.idle(5000));
}

} // namespace sqsnn::lab::test

namespace sqsnn::lab::test {

// The watched neuron's snapshot agrees with the network: before measurement the I/O qubit's
// Bloch z gives the firing probability, p(1) = (1 - z) / 2, and (the joint state being pure)
// the memory's purity is that of the I/O qubit, (1 + |r|^2) / 2.
TEST(TrainingController, WatchedNeuronStateIsConsistent)
{
    Fixture f(quickstart(20, 5, 1));
    f.controller->setWatched(1, 3);
    f.controller->setSpeed(1000);
    std::vector<NeuronStep> steps;
    QObject::connect(f.controller.get(), &TrainingController::snapshot, [&](const SnapshotPtr &s) {
        EXPECT_EQ(s->watchedPop, 1);
        steps.insert(steps.end(), s->neuron.begin(), s->neuron.end());
    });
    f.controller->stepSample();
    ASSERT_TRUE(f.paused());
    f.controller->stepSample();
    ASSERT_TRUE(waitFor([&] { return f.controller->samplesTaken() == 2; }));
    ASSERT_TRUE(f.paused());
    QTest::qWait(100);
    ASSERT_GE(steps.size(), 10u) << "slow motion and stepping record every time step";
    for (const NeuronStep &n : steps) {
        ASSERT_EQ(n.bloch.size(), 2u);
        EXPECT_NEAR(n.firingProbability, (1 - n.bloch[0].z()) / 2, 1e-9);
        EXPECT_NEAR(n.memory.trace().real(), 1.0, 1e-9);
        EXPECT_NEAR(n.purity, (1 + n.bloch[0].squaredNorm()) / 2, 1e-9);
        EXPECT_NEAR(n.bloch[0].norm(), n.bloch[1].norm(), 1e-9);
        EXPECT_GE(n.entropy, -1e-9);
    }
    f.controller->stop();
    ASSERT_TRUE(f.idle(5000));
}

} // namespace sqsnn::lab::test

namespace sqsnn::lab::test {

// Into the evaluation by single steps, then pause and stop there: each within one time step.
// A paused evaluation resumes where it was (the epoch's metrics are the Trainer's) and nothing
// is recorded before it ends; a stopped one records nothing but keeps the epoch's updates.
TEST(TrainingController, PausesAndStopsWithinOneTimeStepDuringTheEvaluation)
{
    const Project p = quickstart(6, 2000, 1);
    const int T = p.data.timeSteps;
    Trainer ref(p, TrainerOptions{1});
    const EpochMetrics whole = ref.trainEpoch();
    for (bool stopThere : {false, true}) {
        SCOPED_TRACE(stopThere ? "stop" : "pause");
        Fixture f(p);
        for (int k = 1; k <= 6; ++k) {
            f.controller->stepSample();
            ASSERT_TRUE(waitFor([&] { return f.controller->samplesTaken() == k; }));
            ASSERT_TRUE(f.paused());
        }
        f.controller->stepSample(); // one test sample
        ASSERT_TRUE(waitFor([&] { return f.controller->stepsTaken() == 7 * T; }));
        ASSERT_TRUE(f.paused());
        ASSERT_TRUE(waitFor([&] {
            const SnapshotPtr s = f.controller->latest();
            return s && s->testing && s->testSample == 1 && s->testSamples == 2000;
        }, 5000));
        f.controller->stepTime();
        ASSERT_TRUE(waitFor([&] { return f.controller->stepsTaken() == 7 * T + 1; }));
        ASSERT_TRUE(f.paused());
        f.controller->setSpeed(2000); // the rest of the evaluation takes seconds
        f.controller->resume();
        ASSERT_TRUE(waitFor([&] { return f.controller->stepsTaken() > 7 * T + 40; }));
        const std::int64_t s0 = f.controller->stepsTaken();
        if (stopThere)
            f.controller->stop();
        else
            f.controller->pause();
        ASSERT_TRUE(stopThere ? f.idle(5000) : f.paused());
        const std::int64_t s1 = f.controller->stepsTaken();
        EXPECT_LE(s1 - s0, 1) << "within one time step of the evaluation";
        EXPECT_LT(s1, 6 * T + 2000 * T) << "the evaluation had not ended";
        QTest::qWait(100);
        EXPECT_EQ(f.controller->stepsTaken(), s1);
        EXPECT_TRUE(f.model.project().history.empty()) << "no epoch before its evaluation ends";
        EXPECT_EQ(f.model.project().parameters, ref.result().parameters)
            << "the epoch's training updates are in the project";
        if (stopThere)
            continue;
        ASSERT_TRUE(waitFor([&] { return f.controller->latest() && f.controller->latest()->testing; }));
        f.controller->setSpeed(0);
        f.controller->resume();
        ASSERT_TRUE(f.idle());
        ASSERT_EQ(f.model.project().history.size(), 1u);
        const EpochMetrics g = EpochMetrics::fromJson(f.model.project().history[0]);
        EXPECT_EQ(g.testLoss, whole.testLoss) << "the evaluation resumed where it was";
        EXPECT_EQ(g.testAccuracy, whole.testAccuracy);
        EXPECT_EQ(f.controller->stepsTaken(), 6 * T + 2000 * T);
    }
}

// Stop mid-sample: no further time step; the sample in flight is dropped with its update, so
// the project holds the parameters after the whole samples only, and no epoch is recorded.
TEST(TrainingController, StopTakesEffectWithinOneTimeStepAndDropsTheSampleInFlight)
{
    const Project p = quickstart(1000, 20, 5);
    const int T = p.data.timeSteps;
    {
        Fixture f(p); // paused in the middle of the third sample
        for (int k = 1; k <= 2; ++k) {
            f.controller->stepSample();
            ASSERT_TRUE(waitFor([&] { return f.controller->samplesTaken() == k; }));
            ASSERT_TRUE(f.paused());
        }
        for (int k = 1; k <= 2; ++k) {
            f.controller->stepTime();
            ASSERT_TRUE(waitFor([&] { return f.controller->stepsTaken() == 2 * T + k; }));
            ASSERT_TRUE(f.paused());
        }
        f.controller->stop();
        ASSERT_TRUE(f.idle(5000));
        EXPECT_EQ(f.controller->stepsTaken(), 2 * T + 2) << "no step after the stop";
        EXPECT_EQ(f.controller->samplesTaken(), 2);
        EXPECT_EQ(f.model.project().parameters, referenceAfter(p, 2));
        EXPECT_TRUE(f.model.project().history.empty());
    }
    for (double speed : {0.0, 300.0}) { // running: full speed and slow motion
        SCOPED_TRACE("speed " + std::to_string(speed));
        Fixture f(p);
        f.controller->setSpeed(speed);
        f.controller->train();
        ASSERT_TRUE(waitFor([&] { return f.controller->stepsTaken() > 3 * T + 2; }));
        // Counted once stop() has set the worker's flag (it takes the worker's lock, so at full
        // speed steps go on while it waits): from then on at most the step in flight ends.
        // Counted before the call, a preempted test thread let the worker run on (a flake on
        // a loaded machine, seen once under ctest -j2).
        f.controller->stop();
        const std::int64_t s0 = f.controller->stepsTaken();
        ASSERT_TRUE(f.idle(5000));
        const std::int64_t s1 = f.controller->stepsTaken();
        EXPECT_LE(s1 - s0, 1) << "stop within one time step";
        const int samples = int(f.controller->samplesTaken());
        EXPECT_LE(std::int64_t(samples) * T, s1);
        EXPECT_GT(std::int64_t(samples + 1) * T, s1);
        EXPECT_EQ(f.model.project().parameters, referenceAfter(p, samples))
            << "only the " << samples << " whole samples (of " << s1 << " steps) were learned";
        EXPECT_TRUE(f.model.project().history.empty());
    }
}

// Snapshots carry histograms of every parameter group, binned by the worker from the trained
// values: the counts add up to the parameter counts and match the core's binning exactly.
TEST(TrainingController, SnapshotsCarryParameterHistograms)
{
    const Project p = quickstart(20, 5, 1);
    Fixture f(p);
    f.controller->stepSample();
    ASSERT_TRUE(f.paused());
    ASSERT_TRUE(waitFor([&] {
        const SnapshotPtr s = f.controller->latest();
        return s && s->samplesDone == 1 && s->histograms;
    }, 5000));
    const auto &got = *f.controller->latest()->histograms;
    const auto ref = trainerAfter(p, 1);
    const Network &net = ref->network();
    const auto expected = parameterHistograms(net);
    ASSERT_EQ(got.size(), expected.size());
    ASSERT_EQ(got.size(), std::size_t(2 + net.projectionCount() + net.populationCount() - 1));
    std::int64_t weights = 0, angles = 0;
    for (int k = 0; k < net.projectionCount(); ++k)
        weights += std::int64_t(net.projection(k).params().size());
    for (int q = 0; q < net.populationCount(); ++q)
        angles += net.isInput(q) ? 0 : net.population(q).paramCount();
    EXPECT_EQ(got[0].name, "all weights");
    EXPECT_EQ(got[0].total(), weights);
    EXPECT_EQ(got[1].name, "all circuit angles");
    EXPECT_EQ(got[1].total(), angles);
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].name, expected[i].name);
        EXPECT_EQ(got[i].counts, expected[i].counts) << got[i].name;
        EXPECT_EQ(got[i].lo, expected[i].lo);
        EXPECT_EQ(got[i].hi, expected[i].hi);
    }
    f.controller->stop();
    ASSERT_TRUE(f.idle(5000));
}

} // namespace sqsnn::lab::test

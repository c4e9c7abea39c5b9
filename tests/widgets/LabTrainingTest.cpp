// The lab window during a run: the Run actions drive the controller, editing is locked with a
// visible banner, the views fill from snapshots, a screenshot of the running lab is rendered
// offscreen, and (printed, not asserted) the throughput against the bare Trainer and the
// longest event-loop block while training at full speed.
#include "TestSupport.hpp"

#include "editor/GraphScene.hpp"
#include "editor/GraphView.hpp"
#include "model/ProjectModel.hpp"
#include "panels/InspectorWidget.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"
#include "training/TrainingController.hpp"
#include "views/ActivityView.hpp"
#include "views/BlochSphereWidget.hpp"
#include "views/CircuitWidget.hpp"
#include "views/DensityMatrixWidget.hpp"
#include "views/NeuronView.hpp"
#include "views/PlotInclude.hpp"
#include "views/TrainingView.hpp"
#include "window/LabActions.hpp"
#include "window/MainWindow.hpp"

#include <QAction>

#include <algorithm>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QTimer>

namespace sqsnn::lab::test {

namespace {

struct Lab
{
    explicit Lab(const Project &p)
    {
        window.setRemoveRecoveryOnClose(false);
        window.model()->resetProject(p, QString());
        window.resize(1600, 1000);
        window.show();
        QCoreApplication::processEvents();
    }
    ~Lab()
    {
        window.training()->stop();
        (void)QTest::qWaitFor([&] { return !window.training()->isBusy(); }, 10000 * kSlow);
        window.close();
    }
    TrainingController *run() { return window.training(); }
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
};

} // namespace

TEST(LabTraining, RunActionsLockEditingAndFillTheViews)
{
    Lab lab(quickstart(200, 40, 20));
    QAction *train = lab.window.actions()->action("train");
    ASSERT_TRUE(train->isEnabled());
    EXPECT_FALSE(lab.window.actions()->action("stop")->isEnabled());
    // Selecting a population on the canvas watches it.
    lab.window.scene()->selectNodes({"readout"});
    EXPECT_EQ(lab.window.neuronView()->watchedPopulation(), 2);
    lab.window.scene()->selectNodes({"hidden"});
    EXPECT_EQ(lab.window.neuronView()->watchedPopulation(), 1);
    lab.window.trainingView()->speed()->setCurrentIndex(3); // 20 steps/s
    train->trigger();
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->state() == RunState::Running; }, 10000 * kSlow));
    EXPECT_FALSE(lab.window.view()->isInteractive()) << "canvas read-only during a run";
    EXPECT_FALSE(lab.window.inspector()->isEnabled());
    auto *banner = lab.window.findChild<QLabel *>("editLockBanner");
    ASSERT_NE(banner, nullptr);
    EXPECT_TRUE(banner->isVisibleTo(&lab.window));
    EXPECT_TRUE(lab.window.actions()->action("stop")->isEnabled());
    EXPECT_FALSE(lab.window.actions()->action("delete")->isEnabled());
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->stepsTaken() >= 8; }, 10000 * kSlow));
    lab.window.actions()->action("pause")->trigger(); // the space bar's action
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->state() == RunState::Paused; }, 5000 * kSlow));
    QTest::qWait(100);
    // The neuron view shows one sphere per qubit with a state, the matrix and the traces.
    NeuronView *nv = lab.window.neuronView();
    ASSERT_EQ(nv->spheres().size(), 2u);
    EXPECT_GT(nv->spheres()[0]->current().norm(), 0.0);
    EXPECT_EQ(nv->matrix()->matrix().rows(), 2);
    EXPECT_NEAR(nv->matrix()->matrix().trace().real(), 1.0, 1e-9);
    EXPECT_GT(nv->plot()->graph(0)->dataCount(), 3);
    EXPECT_EQ(nv->circuit()->columns(), 3 + 2) << "embedding, CRX, RX, RX, measurement";
    EXPECT_GT(lab.window.activityView()->raster()->graph(0)->dataCount(), 0) << "input spikes";
    // Clicking a step in the raster shows that step's recorded state in the neuron view.
    ASSERT_GE(nv->history().size(), 3u);
    const NeuronStep &past = nv->history()[nv->history().size() - 3];
    QCustomPlot *raster = lab.window.activityView()->raster();
    raster->replot();
    const QPoint at(int(std::lround(raster->xAxis->coordToPixel(double(past.step)))),
                    raster->axisRect()->rect().center().y());
    QTest::mouseClick(raster, Qt::LeftButton, {}, at);
    auto *info = lab.window.neuronView()->findChild<QLabel *>("neuronInfo");
    ASSERT_NE(info, nullptr);
    EXPECT_TRUE(info->text().startsWith(QStringLiteral("recalled step %1:").arg(past.step)))
        << info->text().toStdString();
    EXPECT_EQ(nv->matrix()->matrix(), past.memory);
    lab.window.actions()->action("stop")->trigger();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy(); }, 5000 * kSlow));
    EXPECT_TRUE(lab.window.view()->isInteractive());
    EXPECT_TRUE(lab.window.inspector()->isEnabled());
    EXPECT_FALSE(banner->isVisibleTo(&lab.window));
    EXPECT_TRUE(lab.window.model()->isModified()) << "the trained parameters are in the project";
}

TEST(LabTraining, AfterTheLastEpochTheStatusBarSaysTheRunIsDone)
{
    Lab lab(quickstart(40, 12, 2));
    lab.window.actions()->action("train")->trigger();
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->isBusy(); }, 10000 * kSlow));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy(); }, 60000 * kSlow));
    QTest::qWait(200); // the last snapshot
    auto *status = lab.window.findChild<QLabel *>("statusTraining");
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->text(), QStringLiteral("2 of 2 epochs done")) << "not 'epoch 3'";
}

TEST(LabTraining, ScreenshotOfTheRunningLab)
{
    // The whole training split: a few seconds per epoch (a slice under ThreadSanitizer).
    Lab lab(quickstart(kUnderTsan ? 1000 : 0, 100, 12));
    lab.run()->train();
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->latest() && lab.run()->latest()->epochsDone >= 4; }, 60000));
    lab.window.trainingView()->speed()->setCurrentIndex(3); // slow motion: trails and flashes
    QTest::qWait(2200);
    QImage shot = lab.window.grab().toImage();
    const QString path = QDir::temp().filePath("lab-training.png");
    ASSERT_TRUE(shot.save(path));
    std::printf("[ screenshot ] %s\n", qPrintable(path));
    EXPECT_EQ(shot.width(), lab.window.width());
}

TEST(LabTraining, ThroughputAndResponsivenessAtFullSpeed)
{
    // Three alternating rounds (the machine may be shared): the bare Trainer as `sqsnn train`
    // runs it, then the lab window training the same project at full speed. Figures are the
    // trainer's own samples/s (training part of the epoch, observers included).
    // The whole training split (12,000 samples; a slice under ThreadSanitizer).
    // Two epochs per run, and the second one is measured: the first includes showing and laying
    // out the window, which is not what a user training for minutes sees.
    const Project p = quickstart(kUnderTsan ? 1000 : 0, 100, 2);
    std::vector<double> bare, gui, worker;
    qint64 worstRunning = 0, worstOverall = 0;
    for (int round = 0; round < 3; ++round) {
        {
            Trainer t(p);
            t.trainEpoch();
            bare.push_back(t.trainEpoch().samplesPerSecond);
        }
        {
            // The controller and its worker without a window: the observers' own cost.
            ProjectModel model;
            model.resetProject(p, QString());
            TrainingController c(&model);
            c.train();
            ASSERT_TRUE(QTest::qWaitFor([&] { return !c.isBusy(); }, 120000));
            worker.push_back(EpochMetrics::fromJson(model.project().history.at(1)).samplesPerSecond);
        }
        Lab lab(p);
        QElapsedTimer clock;
        qint64 last = 0;
        QTimer probe;
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            if (last > 0) {
                const qint64 gap = now - last - 5;
                worstOverall = std::max(worstOverall, gap);
                if (lab.run()->state() == RunState::Running)
                    worstRunning = std::max(worstRunning, gap);
            }
            last = now;
        });
        clock.start();
        probe.start();
        lab.run()->train();
        ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy(); }, 120000));
        probe.stop();
        const auto &history = lab.window.model()->project().history;
        ASSERT_EQ(history.size(), 2u);
        gui.push_back(EpochMetrics::fromJson(history.at(1)).samplesPerSecond);
    }
    ASSERT_EQ(gui.size(), 3u);
    std::sort(bare.begin(), bare.end());
    std::sort(gui.begin(), gui.end());
    std::sort(worker.begin(), worker.end());
    std::printf("[ measure ] samples/s (median of 3): controller without a window %.0f (%.1f %% of "
                "the Trainer's)\n", worker[1], 100.0 * worker[1] / std::max(1.0, bare[1]));
    std::printf("[ measure ] samples/s (median of 3, best): Trainer alone %.0f (%.0f), in the lab "
                "%.0f (%.0f): %.1f %% of the Trainer's (median); longest event-loop block while "
                "training %lld ms (%lld ms including the end-of-run commit)\n",
                bare[1], bare[2], gui[1], gui[2], 100.0 * gui[1] / std::max(1.0, bare[1]),
                static_cast<long long>(worstRunning), static_cast<long long>(worstOverall));
    EXPECT_GT(gui[1], 0);
}

} // namespace sqsnn::lab::test

namespace sqsnn::lab::test {

// Opening another project or undoing during a run ends the run without writing its result into
// the new state; closing the window mid-run neither hangs nor crashes.
TEST(LabTraining, ProjectChangesEndTheRunAndClosingMidRunIsSafe)
{
    const Project p = quickstart(2000, 20, 50);
    {
        Lab lab(p);
        lab.run()->train();
        ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->samplesTaken() > 10; }, 10000 * kSlow));
        Project other = quickstart(50, 10, 3);
        other.title = "other";
        lab.window.model()->resetProject(other, QString());
        ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy(); }, 5000 * kSlow));
        QTest::qWait(50);
        EXPECT_EQ(lab.window.model()->project().title, "other");
        EXPECT_TRUE(lab.window.model()->project().history.empty());
        EXPECT_TRUE(lab.window.model()->project().parameters.empty()) << "no result leaks into it";
        EXPECT_FALSE(lab.run()->canReset());
    }
    {
        ScriptedPrompter prompter;
        auto window = std::make_unique<MainWindow>(&prompter);
        window->setRemoveRecoveryOnClose(false);
        window->model()->resetProject(p, QString());
        window->training()->train();
        ASSERT_TRUE(QTest::qWaitFor([&] { return window->training()->samplesTaken() > 10; }, 10000 * kSlow));
        QElapsedTimer t;
        t.start();
        window.reset(); // destroyed mid-run
        EXPECT_LT(t.elapsed(), 5000 * kSlow) << "destroying the window mid-run hung";
    }
}

} // namespace sqsnn::lab::test

// Issue 14, "the lab in a lecturer's and a student's first hour": every view clears when a
// project opens or a run starts; the watched neuron switches at once while paused; the
// learning-health line; stepping does not mark a project modified and shipped files stay as
// shipped; the log names the file opened; Train/Reset after a finished run; one samples/s;
// one rule for replacing the project during a run; the last sample's traces at full speed.
// Real windows offscreen, real lessons from projects/lessons, real training runs.
#include "TestSupport.hpp"

#include "model/ProjectModel.hpp"
#include "panels/LessonPanel.hpp"
#include "panels/LogWidget.hpp"
#include "training/TrainingController.hpp"
#include "views/ActivityView.hpp"
#include "views/CircuitWidget.hpp"
#include "views/NeuronView.hpp"
#include "views/PlotInclude.hpp"
#include "views/TrainingView.hpp"
#include "window/FileController.hpp"
#include "window/LabActions.hpp"
#include "window/MainWindow.hpp"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

#include <cmath>

namespace sqsnn::lab::test {

namespace {

QString lesson(int i) { return LessonPanel::lessonFiles().at(i).absoluteFilePath(); }

struct FirstHour
{
    FirstHour()
    {
        window.setRemoveRecoveryOnClose(false);
        window.resize(1600, 1000);
        window.show();
        QCoreApplication::processEvents();
    }
    ~FirstHour()
    {
        run()->stop();
        (void)QTest::qWaitFor([&] { return !run()->isBusy(); }, 10000 * kSlow);
        window.close();
    }
    TrainingController *run() const { return window.training(); }
    bool open(const QString &path)
    {
        const bool ok = window.files()->openFile(path, false);
        QCoreApplication::processEvents();
        return ok;
    }
    bool waitPaused(std::int64_t steps)
    {
        return QTest::qWaitFor([&] { return run()->stepsTaken() == steps && run()->state() == RunState::Paused
                                            && run()->latest() && run()->latest()->globalStep == steps; },
                               20000 * kSlow);
    }
    bool stepTimes(int n)
    {
        const std::int64_t start = run()->isActive() ? run()->stepsTaken() : 0;
        for (int k = 1; k <= n; ++k) {
            run()->stepTime();
            if (!waitPaused(start + k))
                return false;
        }
        return QTest::qWaitFor([&] { return !window.neuronView()->history().empty()
                                            && window.neuronView()->history().back().step == start + n; },
                               5000 * kSlow);
    }
    bool stopRun()
    {
        run()->stop();
        return QTest::qWaitFor([&] { return !run()->isBusy(); }, 20000 * kSlow);
    }
    QStringList rasterRows() const
    {
        QStringList rows;
        QCustomPlot *r = window.activityView()->raster();
        for (int g = 0; g < r->graphCount(); ++g)
            rows << r->graph(g)->name();
        return rows;
    }
    int rasterPoints() const
    {
        int n = 0;
        QCustomPlot *r = window.activityView()->raster();
        for (int g = 0; g < r->graphCount(); ++g)
            n += r->graph(g)->dataCount();
        return n;
    }
    QString status(const char *name) const { return window.findChild<QLabel *>(name)->text(); }
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
};

QByteArray digest(const QString &path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

// Item 1: after another project opens, nothing of the previous one is shown.
TEST(FirstHour, ViewsClearAndRelabelWhenAProjectOpens)
{
    FirstHour lab;
    ASSERT_TRUE(lab.open(lesson(2))); // 03: a 3-qubit neuron
    ASSERT_TRUE(lab.stepTimes(3));
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.rasterPoints() > 0 || lab.window.neuronView()->circuit()->qubits() == 3; }, 5000));
    EXPECT_EQ(lab.window.neuronView()->circuit()->qubits(), 3);
    ASSERT_TRUE(lab.stopRun());
    EXPECT_FALSE(lab.status("statusTraining").isEmpty());

    ASSERT_TRUE(lab.open(lesson(0))); // 01: light -> readout (2), one qubit, no memory
    EXPECT_EQ(lab.rasterRows(), (QStringList{"light (1)", "readout (2)"}));
    EXPECT_EQ(lab.rasterPoints(), 0) << "no spike of the previous project";
    EXPECT_EQ(lab.window.activityView()->readoutTable().rows.size(), 0);
    EXPECT_TRUE(lab.window.activityView()->sample()->pixmap().isNull());
    EXPECT_TRUE(lab.window.activityView()->findChild<QLabel *>("sampleCaption")->text().isEmpty());
    EXPECT_EQ(lab.window.neuronView()->circuit()->qubits(), 0) << "not the 3-qubit circuit of lesson 3";
    EXPECT_TRUE(lab.window.neuronView()->history().empty());
    EXPECT_TRUE(lab.status("statusTraining").isEmpty());
    EXPECT_TRUE(lab.window.trainingView()->status()->text().isEmpty());
    EXPECT_EQ(lab.window.trainingView()->signalPlot()->graph(0)->dataCount(), 0);
    // Before a run the neuron view says what it watches (item 19), not "no SQS neuron".
    EXPECT_TRUE(lab.window.neuronView()->circuit()->placeholder().contains("Watching readout, neuron 0"))
        << lab.window.neuronView()->circuit()->placeholder().toStdString();

    // A new run counts its steps from 0: a run boundary in the counter and the raster.
    ASSERT_TRUE(lab.stepTimes(2));
    EXPECT_EQ(lab.run()->latest()->globalStep, 2);
    EXPECT_EQ(lab.window.neuronView()->history().front().step, 1);
}

// Item 2: changing the watched neuron while paused mid-sample shows it at once. Lesson 1's
// neurons see the same level v: p0 = sin^2(pi v / 2), p1 = cos^2(pi v / 2), so p0 + p1 = 1.
TEST(FirstHour, WatchedNeuronSwitchesAtOnceWhilePaused)
{
    FirstHour lab;
    ASSERT_TRUE(lab.open(lesson(0)));
    ASSERT_TRUE(lab.stepTimes(3));
    const NeuronStep before = lab.window.neuronView()->history().back();
    ASSERT_EQ(before.step, 3);
    lab.window.neuronView()->findChild<QSpinBox *>("watchNeuron")->setValue(1);
    ASSERT_TRUE(QTest::qWaitFor([&] {
        return lab.run()->latest() && lab.run()->latest()->watchedNeuron == 1
               && !lab.window.neuronView()->history().empty();
    }, 5000 * kSlow)) << "the view waited for the next sample";
    EXPECT_EQ(lab.run()->stepsTaken(), 3) << "no step was taken to switch";
    const NeuronStep after = lab.window.neuronView()->history().back();
    EXPECT_EQ(after.step, 3);
    // (The lesson stores theta = 3.141593, pi to 6 decimals: p0 + p1 = 1 to within 1e-6.)
    EXPECT_NEAR(before.firingProbability + after.firingProbability, 1.0, 1e-6);
    EXPECT_GT(std::abs(after.firingProbability - before.firingProbability), 1e-3)
        << "a different neuron: not the same p again";
    // And the next step goes on with neuron 1 from its own memory.
    ASSERT_TRUE(lab.stepTimes(1));
    EXPECT_NEAR(lab.window.neuronView()->history().back().firingProbability, after.firingProbability, 1e-12);
}

// Item 3: a readout that cannot fire says so in the status bar and the Training dock.
TEST(FirstHour, LearningHealthNamesASilentReadout)
{
    Project p = loadProject(lesson(0).toStdString());
    p.parameters["population/readout"] = {0.0, 0.0};       // theta = 0 for both
    p.parameters["projection/light->readout"] = {0.0, 0.0}; // no input current: phi = 0, p = 0
    FirstHour lab;
    lab.window.model()->resetProject(p, QString());
    lab.run()->stepSample();
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->state() == RunState::Paused && lab.run()->samplesTaken() == 1
                                             && lab.run()->latest() && lab.run()->latest()->sample == 1; }, 20000 * kSlow));
    QCoreApplication::processEvents();
    EXPECT_EQ(lab.run()->latest()->health.status, LearningHealth::Status::SilentReadout);
    EXPECT_TRUE(lab.status("statusHealth").contains("readout silent")) << lab.status("statusHealth").toStdString();
    QLabel *dock = lab.window.trainingView()->health();
    EXPECT_TRUE(dock->isVisibleTo(&lab.window));
    EXPECT_TRUE(dock->text().contains("Not learning")) << dock->text().toStdString();
    EXPECT_TRUE(dock->text().contains("p &lt; 0.01") || dock->text().contains("p < 0.01")) << "with its hint";

    // The shipped lesson is healthy.
    ASSERT_TRUE(lab.stopRun());
    ASSERT_TRUE(lab.open(lesson(0)));
    EXPECT_TRUE(lab.status("statusHealth").isEmpty()) << "cleared with the project";
    lab.run()->stepSample();
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->state() == RunState::Paused && lab.run()->samplesTaken() == 1
                                             && lab.run()->latest() && lab.run()->latest()->sample == 1; }, 20000 * kSlow));
    EXPECT_TRUE(lab.run()->latest()->health.ok()) << lab.run()->latest()->health.summary;
}

// Item 9: stepping within a sample changes nothing to save; shipped files are never overwritten.
TEST(FirstHour, SteppingDoesNotMarkModifiedAndShippedFilesStay)
{
    FirstHour lab;
    const QString file = lesson(0);
    const QByteArray shipped = digest(file);
    ASSERT_TRUE(lab.open(file));
    ASSERT_TRUE(lab.stepTimes(3));
    EXPECT_FALSE(lab.window.model()->isModified()) << "no parameter changed within the sample";
    ASSERT_TRUE(lab.stopRun());
    EXPECT_FALSE(lab.window.model()->isModified());
    // Opening the next lesson asks nothing.
    lab.window.lessonPanel()->nextButton()->click();
    EXPECT_EQ(lab.prompter.saveQuestions, 0);
    EXPECT_EQ(lab.window.model()->filePath(), lesson(1));
    // A sample's update does change the parameters: then the project is modified, and Save
    // (asked on Next lesson) never writes over the shipped file, even when told its path.
    ASSERT_TRUE(lab.open(file));
    lab.run()->stepSample();
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->state() == RunState::Paused && lab.run()->samplesTaken() == 1; }, 20000 * kSlow));
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.window.model()->isModified(); }, 5000));
    ASSERT_TRUE(lab.stopRun());
    lab.prompter.saveAnswer = Prompter::Choice::Save;
    lab.prompter.savePaths = {file};
    lab.window.lessonPanel()->nextButton()->click();
    EXPECT_EQ(lab.prompter.saveQuestions, 1);
    EXPECT_EQ(digest(file), shipped) << "the shipped lesson was overwritten";
    EXPECT_EQ(lab.window.model()->filePath(), file) << "the save failed, so nothing was replaced";
    EXPECT_FALSE(lab.window.files()->saveTo(file));
    EXPECT_EQ(digest(file), shipped);
}

// Item 10: the log names the lesson that was opened, and a lesson switch is not an "undo".
TEST(FirstHour, LogNamesTheOpenedLessonAndNoUndoWarning)
{
    FirstHour lab;
    ASSERT_TRUE(lab.open(lesson(0)));
    ASSERT_TRUE(lab.stepTimes(1));
    ASSERT_TRUE(lab.stopRun());
    lab.window.lessonPanel()->nextButton()->click();
    const QString log = lab.window.log()->toPlainText();
    const QString last = log.split('\n').filter("Opened").last();
    EXPECT_TRUE(last.contains(QFileInfo(lesson(1)).fileName())) << last.toStdString();
    EXPECT_FALSE(log.contains("undo/redo")) << log.toStdString();
}

// Item 11: Train after a finished run trains the epoch count again and says "of" the new end;
// Reset works while paused and after Stop, restores the start parameters and clears the views.
TEST(FirstHour, TrainAndResetAfterAFinishedRun)
{
    Project p = loadProject(lesson(0).toStdString());
    p.data.trainSamples = 4;
    p.data.testSamples = 2;
    p.training.epochs = 1;
    FirstHour lab;
    lab.window.model()->resetProject(p, QString());
    const ParameterSet start = p.parameters;
    lab.run()->train();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy() && lab.window.model()->project().history.size() == 1; }, 30000 * kSlow));
    EXPECT_TRUE(lab.status("statusTraining").contains("1 of 1 epochs done")) << lab.status("statusTraining").toStdString();
    lab.run()->stepTime(); // epoch 2 of 2
    ASSERT_TRUE(lab.waitPaused(1));
    QCoreApplication::processEvents();
    EXPECT_TRUE(lab.status("statusTraining").contains("epoch 2 of 2")) << lab.status("statusTraining").toStdString();
    EXPECT_TRUE(lab.window.trainingView()->status()->text().contains("epoch 2 (of 2)"))
        << lab.window.trainingView()->status()->text().toStdString();
    QAction *reset = lab.window.actions()->action("resetRun");
    EXPECT_TRUE(reset->isEnabled()) << "Reset while paused";
    reset->trigger();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy(); }, 20000 * kSlow));
    QCoreApplication::processEvents();
    // Back to where that run started (after epoch 1), views cleared.
    EXPECT_EQ(lab.window.model()->project().history.size(), 1u);
    EXPECT_EQ(lab.rasterPoints(), 0);
    EXPECT_TRUE(lab.window.neuronView()->history().empty());
    EXPECT_TRUE(lab.status("statusTraining").isEmpty());
    // Undo twice: the reset, then the first run: the start parameters.
    lab.window.model()->undoStack()->undo();
    lab.window.model()->undoStack()->undo();
    EXPECT_EQ(*lab.window.model()->state().parameters, start);
}

// Item 12: the status bar's samples/s is metrics.csv's (the Trainer's one SampleRate), and in
// slow motion it reads the true rate: 20 steps/s with T = 20 is one sample per second.
TEST(FirstHour, SamplesPerSecondIsTheMetricsDefinition)
{
    Project p = loadProject(lesson(0).toStdString());
    p.data.trainSamples = 40;
    p.data.testSamples = 4;
    FirstHour lab;
    lab.window.model()->resetProject(p, QString());
    lab.run()->train();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy() && !lab.window.model()->project().history.empty(); }, 30000 * kSlow));
    const double csv = metricsFromHistory(lab.window.model()->project().history).back().samplesPerSecond;
    ASSERT_TRUE(lab.run()->latest());
    EXPECT_DOUBLE_EQ(lab.run()->latest()->samplesPerSecond, csv);

    lab.window.model()->resetProject(p, QString());
    lab.window.trainingView()->speed()->setCurrentIndex(TrainingView::speeds().indexOf(20));
    lab.run()->train();
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->samplesTaken() >= 3; }, 20000 * kSlow));
    QTest::qWait(200);
    const double shown = lab.run()->latest()->samplesPerSecond;
    EXPECT_GT(shown, 0.5);
    EXPECT_LT(shown, 1.15) << "a true 1 sample/s";
}

// Item 21: while a run is active (also paused) no path replaces the project.
TEST(FirstHour, NothingReplacesTheProjectDuringARun)
{
    FirstHour lab;
    ASSERT_TRUE(lab.open(lesson(0)));
    ASSERT_TRUE(lab.stepTimes(1));
    QPushButton *next = lab.window.lessonPanel()->nextButton();
    EXPECT_FALSE(next->isEnabled());
    EXPECT_FALSE(lab.window.actions()->action("new")->isEnabled());
    EXPECT_FALSE(lab.window.files()->openFile(lesson(1)));
    EXPECT_FALSE(lab.window.files()->newProject());
    EXPECT_EQ(lab.window.model()->filePath(), lesson(0));
    EXPECT_TRUE(lab.run()->isActive()) << "the run goes on";
    EXPECT_TRUE(lab.window.log()->toPlainText().contains("Stop it")) << "one line says why";
    ASSERT_TRUE(lab.stopRun());
    EXPECT_TRUE(next->isEnabled());
    EXPECT_TRUE(lab.window.files()->openFile(lesson(1)));
}

// Item 5: after a full-speed run the traces hold the watched neuron's whole last sample.
TEST(FirstHour, FullSpeedKeepsTheLastSampleWhole)
{
    Project p = loadProject(lesson(0).toStdString());
    p.data.trainSamples = 40;
    p.data.testSamples = 4;
    FirstHour lab;
    lab.window.model()->resetProject(p, QString());
    lab.window.trainingView()->speed()->setCurrentIndex(0); // full speed
    lab.run()->train();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy(); }, 30000 * kSlow));
    QCoreApplication::processEvents();
    const auto &h = lab.window.neuronView()->history();
    const int T = p.data.timeSteps;
    ASSERT_GE(int(h.size()), T);
    // T consecutive steps at the end, the same p within the sample (a fixed level v).
    for (int k = 1; k < T; ++k) {
        EXPECT_EQ(h[h.size() - k].step, h[h.size() - k - 1].step + 1);
        EXPECT_NEAR(h[h.size() - k].firingProbability, h.back().firingProbability, 1e-12);
    }
    EXPECT_GT(lab.window.neuronView()->plot()->graph(0)->dataCount(), T - 1);
}

// Item 19: a neuron without memory, rounding residues and singular units.
TEST(FirstHour, NeuronViewWordsAndUnits)
{
    FirstHour lab;
    ASSERT_TRUE(lab.open(lesson(0)));
    ASSERT_TRUE(lab.stepTimes(2));
    const QString info = lab.window.neuronView()->findChild<QLabel *>("neuronInfo")->text();
    EXPECT_FALSE(info.contains("-0.000")) << info.toStdString();
    EXPECT_TRUE(info.contains("entropy 0.000 bits")) << info.toStdString();
    auto *speed = lab.window.trainingView()->speed();
    EXPECT_EQ(speed->itemText(speed->findData(1.0)), "1 step/s");
}

// Item 4: while stepping, the raster, traces and readout show the sample in flight step by
// step, and the scrubber goes back over its recorded steps (the Neuron panel follows).
TEST(FirstHour, PerSampleViewAndScrubber)
{
    FirstHour lab;
    ASSERT_TRUE(lab.open(lesson(1))); // lesson 2: memory, T = 20
    const int T = lab.window.model()->project().data.timeSteps;
    ASSERT_TRUE(lab.stepTimes(5));
    ActivityView *activity = lab.window.activityView();
    EXPECT_TRUE(activity->isPerSample());
    const QCPRange x = activity->raster()->xAxis->range();
    EXPECT_DOUBLE_EQ(x.lower, 0.5);
    EXPECT_DOUBLE_EQ(x.upper, T + 0.5) << "the sample's T steps fill the raster";
    const QCPRange traces = lab.window.neuronView()->plot()->xAxis->range();
    EXPECT_DOUBLE_EQ(traces.upper - traces.lower, T);
    QSlider *scrub = activity->scrubber();
    EXPECT_TRUE(scrub->isEnabled());
    EXPECT_EQ(scrub->maximum(), 5);
    EXPECT_EQ(activity->selectedStep(), 5);
    scrub->setValue(2);
    EXPECT_EQ(activity->selectedStep(), 2);
    const QString info = lab.window.neuronView()->findChild<QLabel *>("neuronInfo")->text();
    EXPECT_TRUE(info.startsWith("recalled step 2:")) << info.toStdString();
    EXPECT_EQ(activity->readoutTable().rows.size(), 2) << "the bars of step 2";
    // Purity at step 2 as recorded, shown on the sphere of the memory qubit.
    const auto &h = lab.window.neuronView()->history();
    const auto it = std::find_if(h.begin(), h.end(), [](const NeuronStep &n) { return n.step == 2; });
    ASSERT_NE(it, h.end());
    EXPECT_TRUE(info.contains(QString::number(it->purity, 'f', 3))) << info.toStdString();
}

} // namespace sqsnn::lab::test

// Lab defects found in the second walk-through (issue 14 follow-up): the run status stays
// readable under status tips; the Experiment window's learning curves follow the dark theme;
// the Experiment window adds models from an example or a project file.
#include "TestSupport.hpp"

#include "editor/GraphScene.hpp"
#include "editor/GraphView.hpp"
#include "editor/NodeItem.hpp"
#include "experiment/ExperimentModelImport.hpp"
#include "experiment/ExperimentSetup.hpp"
#include "experiment/ExperimentWindow.hpp"
#include "model/ProjectModel.hpp"
#include "training/TrainingController.hpp"
#include "views/PlotInclude.hpp"
#include "window/FileController.hpp"
#include "window/LabActions.hpp"
#include "window/MainWindow.hpp"
#include "window/Theme.hpp"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStatusBar>
#include <QStatusTipEvent>
#include <QTableWidget>
#include <QTemporaryDir>

namespace sqsnn::lab::test {

namespace {
QString source(const char *rel) { return QStringLiteral(SQSNN_SOURCE_DIR "/") + QLatin1String(rel); }
} // namespace

// A menu's status tip (a temporary status-bar message) must not hide the run status.
TEST(LabDefects, RunStatusStaysVisibleUnderStatusTips)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(window.files()->openFile(source("projects/lessons/01-born-rule.sqsnn.json"), false));
    window.training()->stepTime();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.training()->state() == RunState::Paused
                                             && window.training()->latest(); }, 20000));
    auto *status = window.findChild<QLabel *>(QStringLiteral("statusTraining"));
    ASSERT_NE(status, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !status->text().isEmpty(); }, 5000));
    ASSERT_TRUE(status->isVisible());
    // What hovering a menu entry does: a status tip event reaches the window, which shows it as
    // a temporary message.
    QStatusTipEvent tip(QStringLiteral("Open the next lesson (asks first if this project has unsaved changes)"));
    QCoreApplication::sendEvent(&window, &tip);
    EXPECT_FALSE(window.statusBar()->currentMessage().isEmpty());
    EXPECT_TRUE(status->isVisible()) << "the run status is hidden by a status tip";
    window.statusBar()->showMessage(QStringLiteral("an error that stays 10 s"), 10000);
    EXPECT_TRUE(status->isVisible());
    // Its whole text is shown, and the message keeps room on the left.
    QTest::qWait(50); // the status bar lays out
    EXPECT_GE(status->width(), status->sizeHint().width()) << status->text().toStdString();
    EXPECT_GE(status->geometry().left(), 200);
    window.training()->stop();
    (void)QTest::qWaitFor([&] { return !window.training()->isBusy(); }, 10000);
}

// At 1280 x 800 a 3-node graph opens whole on the canvas at the minimum text size (the side
// docks give the canvas room; the fit's margin narrows when needed).
TEST(LabDefects, ThreeNodeGraphFitsAt1280x800)
{
    for (const char *file : {"projects/quickstart.sqsnn.json", "projects/fmnist-10class.sqsnn.json"}) {
        SCOPED_TRACE(file);
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        window.setRemoveRecoveryOnClose(false);
        window.resize(1280, 800);
        window.show();
        ASSERT_TRUE(window.files()->openFile(source(file), false));
        QTest::qWait(100);
        ASSERT_EQ(window.scene()->nodes().size(), 3u);
        EXPECT_GE(window.view()->captionPixels(), GraphView::kMinTextPixels - 1e-9);
        EXPECT_TRUE(window.view()->graphVisible()) << "canvas " << window.view()->width() << " px wide";
        EXPECT_GE(window.view()->width(), int(1280 * MainWindow::kCanvasShare) - 2);
    }
}

// Presentation mode at 1280 x 800: larger text on the canvas, and every node's text still
// inside its box (the node font does not outgrow the box; the zoom makes it large).
TEST(LabDefects, PresentationModeKeepsNodeTextInItsBox)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(window.files()->openFile(source("projects/quickstart.sqsnn.json"), false));
    QTest::qWait(100);
    const double caption = window.view()->captionPixels();
    window.actions()->action("presentation")->trigger();
    QTest::qWait(100);
    for (NodeItem *n : window.scene()->nodes())
        EXPECT_TRUE(n->textFits()) << n->name().toStdString() << ": " << n->lines().join(" / ").toStdString();
    EXPECT_GT(window.view()->captionPixels(), 1.3 * caption) << "larger text for a projector";
    EXPECT_TRUE(window.view()->graphVisible());
    window.actions()->action("presentation")->trigger();
    QTest::qWait(50);
    for (NodeItem *n : window.scene()->nodes())
        EXPECT_TRUE(n->textFits()) << n->name().toStdString();
}

// The 10-class bptt example at 1280 x 800 in the dark theme: the Training dock's second line
// ("bptt: batch sample k / B ...") wraps inside the dock, and the window stays 800 px tall
// (it grew to 854 px: the status bar and the dock tabs fell off the screen).
TEST(LabDefects, BpttBatchLineFitsAt1280x800Dark)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.setTheme(QStringLiteral("dark"));
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(window.files()->openFile(source("projects/fmnist-10class.sqsnn.json"), false));
    window.training()->stepSample();
    ASSERT_TRUE(QTest::qWaitFor([&] { return window.training()->state() == RunState::Paused
                                             && window.training()->latest(); }, 60000));
    auto *status = window.findChild<QLabel *>(QStringLiteral("runStatus"));
    ASSERT_NE(status, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return status->text().contains(QStringLiteral("bptt: batch sample")); }, 5000))
        << status->text().toStdString();
    QTest::qWait(100);
    EXPECT_LE(window.height(), 800);
    EXPECT_LE(window.minimumSizeHint().height(), 800);
    // The whole text is laid out inside the label (wrapped, not cut at the dock's edge).
    EXPECT_TRUE(status->wordWrap());
    EXPECT_GE(status->height(), status->heightForWidth(status->width())) << status->text().toStdString();
    EXPECT_LE(status->width(), window.findChild<QDockWidget *>(QStringLiteral("trainingDock"))->width());
    // Dark theme: light text on the dark dock.
    EXPECT_GT(status->palette().color(QPalette::WindowText).lightness(), 150);
    window.training()->stop();
    (void)QTest::qWaitFor([&] { return !window.training()->isBusy(); }, 10000);
    window.setTheme(QStringLiteral("light"));
}

// The learning curves are a QCustomPlot drawn white for figures; in the window they follow the
// theme (the summary chart did already).
TEST(LabDefects, ExperimentCurvesFollowTheDarkTheme)
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("results.csv")));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("model,seed,parameters,epoch,train_loss,train_accuracy,test_loss,test_accuracy,"
            "seconds,samples_per_second\n"
            "A,1,100,1,1,0.1,1,0.1,1,1\nA,1,100,2,1,0.5,1,0.6,1,1\n"
            "A,2,100,1,1,0.1,1,0.2,1,1\nA,2,100,2,1,0.5,1,0.8,1,1\n");
    f.close();
    applyTheme(QStringLiteral("dark"));
    ExperimentWindow w;
    w.resize(1000, 700);
    ASSERT_TRUE(w.openResults(dir.path())) << w.message().toStdString();
    ASSERT_NE(w.curves(), nullptr);
    auto lightnessAtCorner = [&] {
        const QImage image = w.curves()->toPixmap(600, 400).toImage();
        return image.pixelColor(4, 4).lightness();
    };
    EXPECT_LT(lightnessAtCorner(), 90) << "the curves' background in the dark theme";
    EXPECT_GT(w.curves()->xAxis->tickLabelColor().lightness(), 150) << "light tick labels";
    // Back to light: the same window follows.
    applyTheme(QStringLiteral("light"));
    QCoreApplication::processEvents();
    EXPECT_GT(lightnessAtCorner(), 200);
    EXPECT_LT(w.curves()->xAxis->tickLabelColor().lightness(), 100);
}

TEST(LabDefects, MergePatchDiffReproducesTheTarget)
{
    const nlohmann::json from = R"({"a": 1, "b": {"c": 2, "d": [1, 2]}, "e": "x"})"_json;
    const nlohmann::json to = R"({"a": 1, "b": {"c": 3, "d": [1, 2], "f": null}, "g": true})"_json;
    const nlohmann::json d = mergePatchDiff(from, to);
    EXPECT_EQ(d, R"({"b": {"c": 3, "f": null}, "e": null, "g": true})"_json);
    EXPECT_TRUE(mergePatchDiff(to, to).empty());
    // (A null in the target cannot survive a merge patch: RFC 7386 removes it. Projects never
    // hold nulls in network/training, which modelFromProject checks.)
    nlohmann::json applied = from;
    applied.merge_patch(mergePatchDiff(from, R"({"a": 2, "b": {"d": [3]}})"_json));
    EXPECT_EQ(applied, R"({"a": 2, "b": {"d": [3]}})"_json);
}

// "Add model" offers the base as it is, an example or a project file; a model from a file
// trains that file's network and training settings on the experiment's data.
TEST(LabDefects, ExperimentAddsModelsFromAnExampleOrAFile)
{
    ExperimentWindow w;
    ExperimentSetup *setup = w.setup();
    const nlohmann::json doc = {
        {"title", "import"},
        {"base", source("projects/quickstart.sqsnn.json").toStdString()},
        {"seeds", {3}},
        {"overrides", {{"data", {{"train_samples", 16}, {"test_samples", 8}}}}},
        {"models", {{{"name", "SQS"}}}}};
    setup->setDocument(doc, QString());
    ASSERT_TRUE(setup->experiment()) << setup->error().toStdString();
    auto *add = setup->findChild<QPushButton *>(QStringLiteral("experimentAddModel"));
    ASSERT_NE(add, nullptr);
    ASSERT_NE(add->menu(), nullptr);
    QStringList entries;
    for (QAction *a : add->menu()->actions())
        entries << a->text();
    EXPECT_EQ(entries, (QStringList{"Base Project as It Is", "From Example\u2026", "From File\u2026"}));

    // The 2-class local-rule example as a model of the quickstart experiment.
    const QString example = source("projects/local-rule-2class.sqsnn.json");
    QString note;
    ASSERT_TRUE(setup->addModelFromProject(example, &note)) << setup->error().toStdString();
    ASSERT_TRUE(setup->experiment()) << setup->error().toStdString();
    const Experiment &e = *setup->experiment();
    ASSERT_EQ(e.models.size(), 2u);
    EXPECT_EQ(e.models[1].name, "local-rule-2class");
    EXPECT_EQ(setup->modelTable()->rowCount(), 2);
    EXPECT_EQ(setup->modelTable()->item(1, 0)->text(), QStringLiteral("local-rule-2class"));
    const Project run = experimentRunProject(e, e.models[1], 3);
    const Project want = loadProject(example.toStdString());
    EXPECT_EQ(networkToJson(run.network), networkToJson(want.network));
    EXPECT_EQ(trainingToJson(run.training), trainingToJson(want.training));
    // The experiment's data, not the file's (the overrides' subset).
    EXPECT_EQ(run.data.trainSamples, 16);
    EXPECT_EQ(dataToJson(experimentRunProject(e, e.models[0], 3).data), dataToJson(run.data));
    if (dataToJson(want.data) != dataToJson(loadProject(source("projects/quickstart.sqsnn.json").toStdString()).data))
        EXPECT_TRUE(note.contains(QStringLiteral("data settings"))) << note.toStdString();
    // A second import of the same file gets a unique name; a bad file names itself.
    ASSERT_TRUE(setup->addModelFromProject(example));
    EXPECT_EQ(setup->experiment()->models.back().name, "local-rule-2class-2");
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.sqsnn.json"));
    QFile b(bad);
    ASSERT_TRUE(b.open(QIODevice::WriteOnly));
    b.write("{\"format_version\": 1, \"seed\": \"x\"}");
    b.close();
    EXPECT_FALSE(setup->addModelFromProject(bad));
    EXPECT_TRUE(setup->error().contains(QStringLiteral("bad.sqsnn.json"))) << setup->error().toStdString();
    EXPECT_TRUE(setup->error().contains(QStringLiteral("seed"))) << setup->error().toStdString();
    EXPECT_EQ(setup->experiment()->models.size(), 3u) << "a failed import adds nothing";
}

} // namespace sqsnn::lab::test

// The lessons (projects/lessons/): each opens in the lab with its text in the Lesson panel and
// runs a few time steps offscreen; the neurons show what the lesson text promises (Born rule,
// a pure register with entangled memory qubits); Help > Lessons and File > Open Example list
// them; a project without a lesson hides the panel.
#include "TestSupport.hpp"

#include "model/ProjectModel.hpp"
#include "panels/LessonPanel.hpp"
#include "training/TrainingController.hpp"
#include "views/NeuronView.hpp"
#include "window/ExampleDialog.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBrowser>

#include <cmath>

namespace sqsnn::lab::test {

namespace {

struct LessonLab
{
    LessonLab()
    {
        window.setRemoveRecoveryOnClose(false);
        window.resize(1440, 900);
        window.show();
        QCoreApplication::processEvents();
    }
    ~LessonLab()
    {
        window.training()->stop();
        (void)QTest::qWaitFor([&] { return !window.training()->isBusy(); }, 10000);
        window.close();
    }
    QDockWidget *dock() const { return window.findChild<QDockWidget *>("lessonDock"); }
    // Steps `n` single time steps (the run pauses after each).
    bool stepTimes(int n)
    {
        TrainingController *run = window.training();
        const std::int64_t start = run->stepsTaken();
        for (int k = 1; k <= n; ++k) {
            run->stepTime();
            if (!QTest::qWaitFor([&] { return run->stepsTaken() == start + k
                                              && run->state() == RunState::Paused; }, 20000))
                return false;
        }
        // The last snapshot reaches the views.
        return QTest::qWaitFor([&] {
            return run->latest() && run->latest()->globalStep == run->stepsTaken()
                   && window.neuronView()->history().size() >= std::size_t(std::min<std::int64_t>(n, 1));
        }, 5000);
    }
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
};

} // namespace

TEST(Lessons, SevenLessonsEachWithText)
{
    const QFileInfoList files = LessonPanel::lessonFiles();
    ASSERT_EQ(files.size(), 7) << LessonPanel::lessonsFolder().toStdString();
    for (int i = 0; i < files.size(); ++i) {
        SCOPED_TRACE(files[i].fileName().toStdString());
        EXPECT_TRUE(files[i].fileName().startsWith(QStringLiteral("0%1-").arg(i + 1)));
        const Project p = loadProject(files[i].absoluteFilePath().toStdString());
        EXPECT_FALSE(p.title.empty());
        EXPECT_FALSE(p.description.empty());
        const QString lesson = QString::fromStdString(p.lesson);
        for (const char *part : {"What you see", "What to try", "What it means"})
            EXPECT_TRUE(lesson.contains(QLatin1String(part))) << part;
        const int words = int(lesson.split(QRegularExpression(QStringLiteral("\\s+")),
                                           Qt::SkipEmptyParts).size());
        EXPECT_GE(words, 100);
        EXPECT_LE(words, 260) << "a lesson is short: 100-250 words (a little slack for formulas)";
    }
}

TEST(Lessons, EachOpensShowsItsTextAndRunsAFewSteps)
{
    for (const QFileInfo &file : LessonPanel::lessonFiles()) {
        SCOPED_TRACE(file.fileName().toStdString());
        LessonLab lab;
        ASSERT_TRUE(lab.window.files()->openFile(file.absoluteFilePath(), false))
            << lab.prompter.errors.join("\n").toStdString();
        QCoreApplication::processEvents();
        const Project &p = lab.window.model()->project();
        EXPECT_TRUE(lab.window.model()->issues().empty()) << lab.window.model()->issues().front().message;
        LessonPanel *panel = lab.window.lessonPanel();
        EXPECT_TRUE(panel->hasLesson());
        ASSERT_NE(lab.dock(), nullptr);
        EXPECT_TRUE(lab.dock()->isVisible()) << "the lesson comes to the front";
        const QString shown = panel->browser()->toPlainText();
        EXPECT_TRUE(shown.contains(QStringLiteral("What to try"))) << shown.toStdString();
        EXPECT_FALSE(shown.contains(QStringLiteral("**"))) << "Markdown is rendered, not shown raw";
        EXPECT_EQ(panel->findChild<QLabel *>("lessonTitle")->text().toStdString(), p.title);
        ASSERT_TRUE(lab.stepTimes(3));
        EXPECT_EQ(lab.window.training()->stepsTaken(), 3);
        EXPECT_GE(lab.window.neuronView()->history().size(), 1u) << "the watched neuron recorded steps";
    }
}

TEST(Lessons, NextLessonButtonWalksThroughThem)
{
    const QFileInfoList files = LessonPanel::lessonFiles();
    ASSERT_GE(files.size(), 2);
    LessonLab lab;
    ASSERT_TRUE(lab.window.files()->openFile(files[0].absoluteFilePath(), false));
    QPushButton *next = lab.window.lessonPanel()->nextButton();
    EXPECT_TRUE(next->isVisibleTo(&lab.window));
    EXPECT_EQ(lab.window.lessonPanel()->nextLesson(), files[1].absoluteFilePath());
    next->click();
    EXPECT_EQ(lab.window.model()->filePath(), files[1].absoluteFilePath());
    ASSERT_TRUE(lab.window.files()->openFile(files.last().absoluteFilePath(), false));
    EXPECT_FALSE(next->isVisibleTo(&lab.window)) << "no lesson after the last";
}

// Lesson 1: a neuron without memory spikes with p = sin^2(phi/2) = (1 - z)/2 of its qubit's
// Bloch vector, and the bright neuron's p is sin^2(pi v / 2) for a level v in (0, 1).
TEST(Lessons, BornRuleLessonShowsPFromTheBlochVector)
{
    LessonLab lab;
    ASSERT_TRUE(lab.window.files()->openFile(LessonPanel::lessonFiles().at(0).absoluteFilePath(), false));
    ASSERT_TRUE(lab.stepTimes(4));
    const auto &history = lab.window.neuronView()->history();
    ASSERT_GE(history.size(), 4u);
    for (const NeuronStep &n : history) {
        ASSERT_EQ(n.bloch.size(), 1u);
        EXPECT_NEAR(n.firingProbability, (1.0 - n.bloch[0].z()) / 2.0, 1e-9);
        EXPECT_NEAR(n.bloch[0].norm(), 1.0, 1e-9) << "one qubit, no memory: a pure state";
        // v = (k + 0.5) / 40 for some sample k (the intensity grid of 40 training levels).
        const double v = 2.0 / M_PI * std::asin(std::sqrt(n.firingProbability));
        const double k = v * 40 - 0.5;
        EXPECT_NEAR(k, std::round(k), 1e-4) << v;
        EXPECT_NEAR(n.firingProbability, history.front().firingProbability, 1e-12)
            << "the same level within a sample: the same p at every step";
    }
}

// Lesson 3: from the third step of a sample on, the two-qubit memory is (nearly) pure while
// both memory qubits' Bloch vectors sit near the centre: an entangled register.
TEST(Lessons, EntangledMemoryLessonShowsAPureRegisterWithMixedQubits)
{
    LessonLab lab;
    ASSERT_TRUE(lab.window.files()->openFile(LessonPanel::lessonFiles().at(2).absoluteFilePath(), false));
    ASSERT_TRUE(lab.stepTimes(6));
    const auto &h = lab.window.neuronView()->history();
    ASSERT_GE(h.size(), 6u);
    const std::size_t first = h.size() - 6;
    ASSERT_EQ(h[first].bloch.size(), 3u) << "I/O qubit and two memory qubits";
    EXPECT_NEAR(h[first].bloch[1].norm(), 1.0, 1e-6) << "step 1: a product state";
    EXPECT_NEAR(h[first + 1].purity, 0.5, 0.05) << "step 2: entangled with the I/O qubit";
    for (std::size_t k = first + 2; k < h.size(); ++k) {
        SCOPED_TRACE(k - first + 1);
        EXPECT_GT(h[k].purity, 0.9);
        EXPECT_LT(h[k].bloch[1].norm(), 0.2);
        EXPECT_LT(h[k].bloch[2].norm(), 0.2);
        EXPECT_TRUE(h[k].firingProbability < 0.1 || h[k].firingProbability > 0.9)
            << h[k].firingProbability;
    }
}

TEST(Lessons, ProjectWithoutLessonHidesThePanel)
{
    const QFileInfoList files = LessonPanel::lessonFiles();
    ASSERT_FALSE(files.isEmpty());
    LessonLab lab;
    ASSERT_TRUE(lab.window.files()->openFile(files[0].absoluteFilePath(), false));
    EXPECT_TRUE(lab.dock()->isVisible());
    lab.window.model()->resetProject(quickstart(20, 10, 1), QString());
    QCoreApplication::processEvents();
    EXPECT_FALSE(lab.window.lessonPanel()->hasLesson());
    EXPECT_FALSE(lab.dock()->isVisible());
    EXPECT_TRUE(lab.window.lessonPanel()->browser()->toPlainText().contains(QStringLiteral("Help > Lessons")));
}

TEST(Lessons, HelpMenuAndExampleDialogListThem)
{
    const QFileInfoList files = LessonPanel::lessonFiles();
    LessonLab lab;
    QMenu *menu = lab.window.findChild<QMenu *>("lessonsMenu");
    ASSERT_NE(menu, nullptr);
    Q_EMIT menu->aboutToShow();
    const QList<QAction *> entries = menu->actions();
    ASSERT_EQ(entries.size(), files.size());
    for (int i = 0; i < files.size(); ++i) {
        EXPECT_EQ(entries[i]->data().toString(), files[i].absoluteFilePath());
        EXPECT_EQ(entries[i]->text(), LessonPanel::titleOf(files[i]));
    }
    entries[2]->trigger();
    EXPECT_EQ(lab.window.model()->filePath(), files[2].absoluteFilePath());
    EXPECT_TRUE(lab.window.lessonPanel()->hasLesson());

    // File > Open Example: the lessons come first, under a heading.
    ExampleDialog dialog(ExampleDialog::defaultFolder());
    auto *list = dialog.findChild<QListWidget *>("examples");
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(list->item(0)->text(), QStringLiteral("Lessons"));
    EXPECT_FALSE(list->item(0)->flags() & Qt::ItemIsSelectable);
    EXPECT_EQ(dialog.selectedPath(), files[0].absoluteFilePath()) << "the first lesson is preselected";
    QStringList headings;
    for (int i = 0; i < list->count(); ++i)
        if (!list->item(i)->data(Qt::UserRole).isValid())
            headings << list->item(i)->text();
    EXPECT_EQ(headings.mid(0, 2), (QStringList{"Lessons", "Examples"}));
    EXPECT_EQ(dialog.count(), ExampleDialog::exampleFiles(ExampleDialog::defaultFolder()).size());
}

} // namespace sqsnn::lab::test

namespace sqsnn::lab::test {

// A lesson in the lab as a student sees it after a few steps (written to the temporary folder;
// docs/images/lab-lesson.png is one of these).
TEST(Lessons, ScreenshotOfALessonWithItsPanel)
{
    LessonLab lab;
    ASSERT_TRUE(lab.window.files()->openFile(LessonPanel::lessonFiles().at(2).absoluteFilePath(), false));
    ASSERT_TRUE(lab.stepTimes(5));
    QTest::qWait(200); // the views' replot timers
    const QImage shot = lab.window.grab().toImage();
    const QString path = QDir::temp().filePath("lab-lesson.png");
    ASSERT_TRUE(shot.save(path));
    std::printf("[ screenshot ] %s\n", qPrintable(path));
    EXPECT_TRUE(lab.dock()->isVisible());
    EXPECT_TRUE(lab.window.findChild<QDockWidget *>("neuronDock")->isVisible())
        << "a run brings the neuron view to the front";
}

} // namespace sqsnn::lab::test

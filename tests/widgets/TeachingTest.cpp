// The guided tour (open, advance, back, skip, once at the first start, Esc) and the help window
// (User Guide and Getting Started with working internal links), and the lab binary's
// --tour-step screenshot.
#include "TestSupport.hpp"

#include "model/ProjectModel.hpp"
#include "window/GuidedTour.hpp"
#include "window/HelpDialog.hpp"
#include "window/LabActions.hpp"
#include "window/MainWindow.hpp"

#include <QAction>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBrowser>

namespace sqsnn::lab::test {

namespace {

struct TourLab
{
    TourLab()
    {
        window.setRemoveRecoveryOnClose(false);
        window.resize(1440, 900);
        window.model()->resetProject(quickstart(20, 10, 1), QString());
        window.show();
        QCoreApplication::processEvents();
    }
    ~TourLab() { window.close(); }
    QPushButton *button(const char *name)
    {
        return window.tour()->findChild<QPushButton *>(name);
    }
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
};

} // namespace

TEST(GuidedTour, OpensAdvancesGoesBackAndSkips)
{
    GuidedTour::setShown(false);
    TourLab lab;
    GuidedTour *tour = lab.window.tour();
    EXPECT_FALSE(tour->isRunning()) << "a window never starts the tour by itself";
    ASSERT_GE(tour->count(), 6);
    lab.window.actions()->action("tour")->trigger();
    ASSERT_TRUE(tour->isRunning());
    EXPECT_TRUE(tour->isVisible());
    EXPECT_EQ(tour->current(), 0);
    EXPECT_EQ(tour->targetRect(), QRect(lab.window.centralWidget()->mapTo(&lab.window, QPoint()),
                                        lab.window.centralWidget()->size()));
    EXPECT_FALSE(lab.button("tourBack")->isEnabled());
    auto *counter = tour->findChild<QLabel *>("tourCounter");
    EXPECT_EQ(counter->text(), QStringLiteral("1 of %1").arg(tour->count()));

    // Every stop highlights a visible part of the window and keeps its callout inside it.
    const QStringList targets = [] {
        QStringList t;
        for (const auto &s : GuidedTour::stops())
            t << s.target;
        return t;
    }();
    for (int i = 0; i < tour->count(); ++i) {
        SCOPED_TRACE(targets[i].toStdString());
        EXPECT_EQ(tour->current(), i);
        EXPECT_FALSE(tour->targetRect().isEmpty());
        EXPECT_TRUE(lab.window.rect().contains(tour->callout()->geometry()));
        EXPECT_FALSE(tour->callout()->geometry().intersects(tour->targetRect().adjusted(8, 8, -8, -8)))
            << "the callout does not cover what it explains";
        if (auto *dock = lab.window.findChild<QDockWidget *>(targets[i]))
            EXPECT_TRUE(dock->isVisible()) << "a tabbed dock comes to the front";
        if (i + 1 < tour->count())
            QTest::mouseClick(lab.button("tourNext"), Qt::LeftButton);
    }
    EXPECT_EQ(lab.button("tourNext")->text(), QStringLiteral("Done"));
    QTest::mouseClick(lab.button("tourBack"), Qt::LeftButton);
    EXPECT_EQ(tour->current(), tour->count() - 2);
    QTest::keyClick(tour, Qt::Key_Left);
    EXPECT_EQ(tour->current(), tour->count() - 3);
    QTest::keyClick(tour, Qt::Key_Right);
    EXPECT_EQ(tour->current(), tour->count() - 2);

    bool completed = true;
    QObject::connect(tour, &GuidedTour::finished, [&](bool c) { completed = c; });
    QTest::mouseClick(lab.button("tourSkip"), Qt::LeftButton);
    EXPECT_FALSE(tour->isRunning());
    EXPECT_FALSE(tour->isVisible());
    EXPECT_FALSE(completed);
    EXPECT_TRUE(GuidedTour::wasShown());
    EXPECT_TRUE(lab.window.findChild<QDockWidget *>("inspectorDock")->isVisible())
        << "the docks that were in front are in front again";
}

TEST(GuidedTour, ShownOnceAtTheFirstStartAndEscapeEndsIt)
{
    GuidedTour::setShown(false);
    {
        TourLab lab;
        EXPECT_TRUE(lab.window.showTourOnce());
        EXPECT_TRUE(lab.window.tour()->isRunning());
        QTest::keyClick(lab.window.tour(), Qt::Key_Escape);
        EXPECT_FALSE(lab.window.tour()->isRunning());
    }
    {
        TourLab lab;
        EXPECT_FALSE(lab.window.showTourOnce()) << "only once";
        EXPECT_FALSE(lab.window.tour()->isRunning());
        lab.window.startTour(lab.window.tour()->count() - 1); // Help > Guided Tour still works
        bool completed = false;
        QObject::connect(lab.window.tour(), &GuidedTour::finished, [&](bool c) { completed = c; });
        QTest::mouseClick(lab.button("tourNext"), Qt::LeftButton); // "Done"
        EXPECT_TRUE(completed);
    }
}

TEST(GuidedTour, FollowsWindowResizes)
{
    TourLab lab;
    lab.window.startTour(1); // the palette
    const QRect before = lab.window.tour()->geometry();
    lab.window.resize(1200, 800);
    QCoreApplication::processEvents();
    EXPECT_NE(lab.window.tour()->geometry(), before);
    EXPECT_EQ(lab.window.tour()->geometry(), lab.window.rect());
    lab.window.tour()->skip();
}

TEST(Help, UserGuideAndGettingStartedOpenWithWorkingLinks)
{
    TourLab lab;
    QAction *guide = lab.window.actions()->action("userGuide");
    ASSERT_NE(guide, nullptr);
    EXPECT_EQ(guide->shortcut(), QKeySequence(QKeySequence::HelpContents));
    guide->trigger();
    HelpDialog *help = lab.window.help();
    EXPECT_TRUE(help->isVisible());
    QTextBrowser *b = help->browser();
    const QString text = b->toPlainText();
    for (const char *part : {"Getting started", "The editor", "Running and stepping",
                             "What each view shows", "The learning rule", "Keyboard shortcuts",
                             "Experiments and the command line", "Ctrl+Shift+T"})
        EXPECT_TRUE(text.contains(QLatin1String(part))) << part;
    // An internal link jumps to its section; Back returns.
    b->setSource(QUrl(QStringLiteral("#rule")));
    EXPECT_EQ(b->source().fragment(), QStringLiteral("rule"));
    EXPECT_TRUE(b->isBackwardAvailable());
    // Getting Started links to the guide.
    lab.window.actions()->action("help")->trigger();
    EXPECT_TRUE(b->toPlainText().contains(QStringLiteral("Getting started with SQSNN Lab")));
    b->setSource(QUrl(QStringLiteral("user-guide.html")));
    EXPECT_EQ(b->source().fileName(), QStringLiteral("user-guide.html"));
    EXPECT_TRUE(b->toPlainText().contains(QStringLiteral("User Guide")));
    help->findChild<QPushButton *>("helpBack")->click();
    EXPECT_TRUE(b->toPlainText().contains(QStringLiteral("Getting started with SQSNN Lab")));
    help->close();
}

TEST(GuidedTour, LabScreenshotWithATourStop)
{
    QTemporaryDir home;
    ASSERT_TRUE(home.isValid());
    const QString png = home.filePath("tour.png");
    const QString project = QStringLiteral(SQSNN_SOURCE_DIR "/projects/lessons/01-born-rule.sqsnn.json");
    QProcess lab;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("HOME", home.path());
    env.insert("XDG_CONFIG_HOME", home.filePath("config"));
    env.insert("XDG_DATA_HOME", home.filePath("data"));
    lab.setProcessEnvironment(env);
    lab.start(QStringLiteral(SQSNN_LAB), {project, "--screenshot", png, "--tour-step", "5"});
    ASSERT_TRUE(lab.waitForFinished(60000));
    EXPECT_EQ(lab.exitCode(), 0) << lab.readAllStandardError().toStdString();
    QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), 1440);

    lab.start(QStringLiteral(SQSNN_LAB), {project, "--screenshot", png, "--tour-step", "99"});
    ASSERT_TRUE(lab.waitForFinished(60000));
    EXPECT_EQ(lab.exitCode(), 2);
    EXPECT_TRUE(lab.readAllStandardError().contains("--tour-step: expected 1..")) ;
}

} // namespace sqsnn::lab::test

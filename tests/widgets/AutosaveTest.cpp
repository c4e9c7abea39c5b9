// Autosave writes a recovery file while there are unsaved changes; after a simulated crash the
// next window offers to restore it (the prompt is scripted); a clean close removes it.
#include "TestSupport.hpp"

#include "editor/GraphScene.hpp"
#include "model/ProjectModel.hpp"
#include "window/Autosave.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"

#include <QFile>
#include <QFileInfo>

#include <memory>

namespace sqsnn::lab::test {

TEST(Autosave, RestoresAfterACrashAndCleanCloseRemovesIt)
{
    const QString recovery = Autosave::recoveryPath();
    QFile::remove(recovery);
    std::string crashed;
    {
        ScriptedPrompter prompter;
        auto window = std::make_unique<MainWindow>(&prompter);
        window->setRemoveRecoveryOnClose(false); // a crash never runs the clean close
        window->files()->newProject();
        window->autosave()->setInterval(50);
        EXPECT_FALSE(window->autosave()->saveNow()) << "nothing unsaved, nothing written";
        window->scene()->addNode("input", {0, 0});
        window->scene()->addNode("sqs", {300, 0});
        window->scene()->connectPorts("input", "hidden");
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(recovery), 3000);
        crashed = projectJson(window->model()->project());
        window.reset(); // the "crash": no close event, the file stays
    }
    ASSERT_TRUE(QFileInfo::exists(recovery));

    ScriptedPrompter prompter;
    prompter.restoreAnswer = true;
    MainWindow window(&prompter);
    ASSERT_TRUE(window.start(QString(), true));
    EXPECT_EQ(prompter.restoreQuestions, 1);
    EXPECT_EQ(projectJson(window.model()->project()), crashed);
    EXPECT_TRUE(window.isWindowModified()) << "restored work is still unsaved";
    EXPECT_EQ(window.scene()->nodes().size(), 2);

    prompter.saveAnswer = Prompter::Choice::Discard;
    EXPECT_TRUE(window.close());
    EXPECT_EQ(prompter.saveQuestions, 1);
    EXPECT_FALSE(QFileInfo::exists(recovery)) << "a clean close removes the recovery file";
}

TEST(Autosave, DecliningTheRestoreDropsTheFile)
{
    const QString recovery = Autosave::recoveryPath();
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        window.setRemoveRecoveryOnClose(false);
        window.files()->newProject();
        window.scene()->addNode("qlif", {0, 0});
        ASSERT_TRUE(window.autosave()->saveNow());
    }
    ASSERT_TRUE(QFileInfo::exists(recovery));
    ScriptedPrompter prompter;
    prompter.restoreAnswer = false;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    ASSERT_TRUE(window.start(QString(), true));
    EXPECT_EQ(prompter.restoreQuestions, 1);
    EXPECT_FALSE(window.isWindowModified());
    EXPECT_FALSE(QFileInfo::exists(recovery));
    ScriptedPrompter again;
    MainWindow next(&again);
    next.setRemoveRecoveryOnClose(false);
    next.start(QString(), true);
    EXPECT_EQ(again.restoreQuestions, 0) << "no recovery file, no question";
}

} // namespace sqsnn::lab::test

// Opening projects: every example loads; every broken file is refused with the core's message
// shown and logged, and the current project survives unchanged; unsaved work is asked about.
#include "TestSupport.hpp"

#include "editor/GraphScene.hpp"
#include "model/EditState.hpp"
#include "model/ProjectModel.hpp"
#include "panels/LogWidget.hpp"
#include "window/ExampleDialog.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

namespace sqsnn::lab::test {

namespace {

// A small valid project written through the core, so these tests never depend on examples.
QString writeGoodProject(const QTemporaryDir &dir)
{
    Project p;
    p.title = "Good";
    PopulationSpec in;
    in.name = "input";
    in.kind = "input";
    in.size = 0;
    PopulationSpec out;
    out.name = "readout";
    out.size = 10;
    out.readout = true;
    p.network.populations = {in, out};
    ProjectionSpec e;
    e.from = "input";
    e.to = "readout";
    p.network.projections = {e};
    const QString path = dir.filePath("good.sqsnn.json");
    save(p, path.toStdString());
    return path;
}

// The corpus's index.json maps each broken file to text its message must contain.
nlohmann::json corpusIndex()
{
    QFile f(QStringLiteral(SQSNN_SOURCE_DIR "/tests/data/bad-projects/index.json"));
    if (!f.open(QIODevice::ReadOnly))
        return nlohmann::json::object();
    return nlohmann::json::parse(f.readAll().toStdString(), nullptr, false).value("expected", nlohmann::json::object());
}

QStringList brokenFiles(const QTemporaryDir &dir)
{
    QStringList files;
    const QDir corpus(QStringLiteral(SQSNN_SOURCE_DIR "/tests/data/bad-projects"));
    for (const QFileInfo &f : corpus.entryInfoList({"*.json"}, QDir::Files, QDir::Name))
        if (f.fileName() != "index.json")
            files << f.absoluteFilePath();
    // Always a few of our own, so the test means something without the corpus.
    const QList<QPair<QString, QByteArray>> own = {
        {"not-json.sqsnn.json", "{ \"title\": \"cut off"},
        {"wrong-type.sqsnn.json", "{\"format_version\": 1, \"title\": 5}"},
        {"array.sqsnn.json", "[1, 2, 3]"},
    };
    for (const auto &[name, text] : own) {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(text);
        files << f.fileName();
    }
    files << dir.filePath("does-not-exist.sqsnn.json");
    return files;
}

} // namespace

TEST(Files, EveryExampleProjectOpens)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    const QDir dir(ExampleDialog::defaultFolder());
    const auto examples = ExampleDialog::exampleFiles(dir.path());
    ExampleDialog dialog(dir.path());
    EXPECT_EQ(dialog.count(), examples.size());
    for (const QFileInfo &f : examples) {
        SCOPED_TRACE(f.fileName().toStdString());
        EXPECT_TRUE(window.files()->openFile(f.absoluteFilePath(), false))
            << prompter.errors.join("\n").toStdString();
        EXPECT_EQ(window.scene()->nodes().size(),
                  qsizetype(window.model()->project().network.populations.size()));
        for (const auto &issue : window.model()->issues())
            ADD_FAILURE() << "example has a problem: " << issue.message;
    }
    std::printf("[ info ] %lld example projects opened\n", static_cast<long long>(examples.size()));
}

TEST(Files, BrokenProjectIsRefusedAndCurrentProjectSurvives)
{
    QTemporaryDir dir;
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    ASSERT_TRUE(window.files()->openFile(writeGoodProject(dir), false));
    window.scene()->addNode("sqs", {300, 0}); // unsaved work on top
    const std::string before = projectJson(window.model()->project());
    const QString path = window.model()->filePath();
    const int undoSteps = window.model()->undoStack()->count();
    const nlohmann::json expected = corpusIndex();
    int checked = 0;
    for (const QString &bad : brokenFiles(dir)) {
        SCOPED_TRACE(bad.toStdString());
        prompter.errors.clear();
        EXPECT_FALSE(window.files()->openFile(bad, false));
        ASSERT_EQ(prompter.errors.size(), 1);
        EXPECT_FALSE(prompter.errors.first().isEmpty());
        EXPECT_TRUE(window.log()->lastMessage().contains(prompter.errors.first()))
            << window.log()->lastMessage().toStdString();
        EXPECT_EQ(projectJson(window.model()->project()), before);
        EXPECT_EQ(window.model()->filePath(), path);
        EXPECT_EQ(window.model()->undoStack()->count(), undoSteps);
        EXPECT_TRUE(window.isWindowModified());
        const std::string name = QFileInfo(bad).fileName().toStdString();
        if (expected.contains(name)) {
            EXPECT_TRUE(prompter.errors.first().contains(QString::fromStdString(expected[name].get<std::string>())))
                << "expected the message to contain: " << expected[name];
            ++checked;
        }
        std::printf("[ info ] %s -> %s\n", qPrintable(QFileInfo(bad).fileName()),
                    qPrintable(prompter.errors.first()));
    }
    std::printf("[ info ] %d corpus messages matched index.json\n", checked);
}

TEST(Files, UnsavedChangesAreAskedAbout)
{
    QTemporaryDir dir;
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    const QString good = writeGoodProject(dir);
    ASSERT_TRUE(window.files()->openFile(good, false));
    EXPECT_FALSE(window.isWindowModified());
    EXPECT_EQ(window.windowTitle(), "good.sqsnn.json[*] — SQSNN Lab");
    window.scene()->addNode("glm", {300, 0});
    EXPECT_TRUE(window.isWindowModified());

    prompter.saveAnswer = Prompter::Choice::Cancel;
    EXPECT_FALSE(window.files()->newProject());
    EXPECT_EQ(prompter.saveQuestions, 1);
    EXPECT_EQ(window.model()->project().network.populations.size(), 3u);

    prompter.saveAnswer = Prompter::Choice::Save;
    EXPECT_TRUE(window.files()->openFile(good));
    EXPECT_EQ(prompter.saveQuestions, 2);
    EXPECT_EQ(load(good.toStdString()).network.populations.size(), 3u) << "saved before opening";

    window.scene()->addNode("lif", {300, 200});
    prompter.saveAnswer = Prompter::Choice::Discard;
    EXPECT_TRUE(window.files()->newProject());
    EXPECT_TRUE(window.model()->project().network.populations.empty());
    EXPECT_EQ(load(good.toStdString()).network.populations.size(), 3u) << "discarded, not saved";
    const QStringList recent = window.files()->recentFiles();
    ASSERT_FALSE(recent.isEmpty());
    EXPECT_EQ(recent.first(), QFileInfo(good).absoluteFilePath());
}

TEST(Files, SaveNeverOverwritesAShippedExample)
{
    const QString example = QStringLiteral(SQSNN_SOURCE_DIR "/projects/lessons/01-born-rule.sqsnn.json");
    QFile original(example);
    ASSERT_TRUE(original.open(QIODevice::ReadOnly));
    const QByteArray before = original.readAll();
    original.close();
    ASSERT_TRUE(FileController::isShippedExample(example));

    QTemporaryDir dir;
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    ASSERT_TRUE(window.files()->openFile(example, false));
    window.model()->edit("title", [](EditState &s) { s.title = "my version"; });
    // Cancelled Save As: nothing written anywhere, the project stays modified.
    EXPECT_FALSE(window.files()->save());
    EXPECT_EQ(prompter.pathQuestions.size(), 1);
    EXPECT_TRUE(window.model()->isModified());
    // Save As to the user's own file: the example is untouched, the project now lives there.
    const QString mine = dir.filePath("mine.sqsnn.json");
    prompter.savePaths << mine;
    EXPECT_TRUE(window.files()->save());
    EXPECT_TRUE(QFile::exists(mine));
    EXPECT_EQ(QFileInfo(window.model()->filePath()).canonicalFilePath(), QFileInfo(mine).canonicalFilePath());
    EXPECT_FALSE(FileController::isShippedExample(mine));
    ASSERT_TRUE(original.open(QIODevice::ReadOnly));
    EXPECT_EQ(original.readAll(), before);
    // From now on Save writes the user's file without asking.
    window.model()->edit("title", [](EditState &s) { s.title = "my version 2"; });
    EXPECT_TRUE(window.files()->save());
    EXPECT_EQ(prompter.pathQuestions.size(), 2);
}

} // namespace sqsnn::lab::test

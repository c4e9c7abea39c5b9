// The node editor's clipboard across windows: Copy/Cut put the selected nodes (and the
// projections among them) on the system clipboard as JSON with the "sqsnn_fragment" key; Paste
// in another (fresh) window rebuilds them; a whole network or a project file's JSON pastes too;
// garbage on the clipboard gives a message and changes nothing; each paste undoes in one step.
#include "TestSupport.hpp"

#include "editor/GraphScene.hpp"
#include "model/FragmentJson.hpp"
#include "model/ProjectModel.hpp"
#include "panels/LogWidget.hpp"
#include "window/FileController.hpp"
#include "window/LabActions.hpp"
#include "window/MainWindow.hpp"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QStatusBar>

namespace sqsnn::lab::test {

namespace {

struct Lab
{
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
    ProjectModel *model = window.model();
    GraphScene *scene = window.scene();
    explicit Lab(bool example = false)
    {
        window.setRemoveRecoveryOnClose(false);
        if (example)
            EXPECT_TRUE(window.files()->openFile(quickstartPath(), false));
        else
            window.files()->newProject();
    }
    static QString quickstartPath() { return QStringLiteral(SQSNN_SOURCE_DIR "/projects/quickstart.sqsnn.json"); }
    QStringList names() const
    {
        QStringList out;
        for (const auto &p : model->project().network.populations)
            out << QString::fromStdString(p.name);
        return out;
    }
};

QString clipboardText() { return QGuiApplication::clipboard()->text(); }

} // namespace

TEST(Clipboard, CopyInOneWindowPasteInAnother)
{
    Lab a(true);
    a.scene->selectNodes(a.names());
    a.window.actions()->action("copy")->trigger();
    const QString text = clipboardText();
    ASSERT_TRUE(text.contains("\"sqsnn_fragment\": 1")) << text.toStdString();
    const auto doc = nlohmann::json::parse(text.toStdString());
    EXPECT_EQ(doc["network"]["populations"].size(), a.model->project().network.populations.size());

    Lab b; // a fresh window (another project)
    const int before = b.model->undoStack()->count();
    b.window.actions()->action("paste")->trigger();
    EXPECT_EQ(b.model->project().network, a.model->project().network)
        << "populations (with the readout role: the new project has none) and projections";
    EXPECT_EQ(b.model->undoStack()->count(), before + 1) << "one undo step";
    EXPECT_EQ(b.scene->selectedNodeNames().size(), a.names().size());
    // Positions travel with the nodes (moved by the paste offset).
    const EditState sa = a.model->state(), sb = b.model->state();
    EXPECT_EQ(sb.position("hidden") - sb.position("image"), sa.position("hidden") - sa.position("image"));
    EXPECT_NE(sb.position("hidden"), sb.position("image"));

    // Pasting again renames what clashes, as the in-window paste does.
    b.scene->paste();
    EXPECT_TRUE(b.names().contains("hidden2")) << b.names().join(",").toStdString();
    EXPECT_EQ(b.model->project().network.populations.size(), 2 * a.names().size());
    int readouts = 0;
    for (const auto &p : b.model->project().network.populations)
        readouts += p.readout;
    EXPECT_EQ(readouts, 1) << "a pasted copy never steals the readout role";

    // Undo removes each paste as one step.
    b.model->undoStack()->undo();
    EXPECT_EQ(b.model->project().network, a.model->project().network);
    b.model->undoStack()->undo();
    EXPECT_TRUE(b.model->project().network.populations.empty());
}

TEST(Clipboard, CutRemovesAndPastesBackInPlace)
{
    Lab a(true);
    const NetworkSpec original = a.model->project().network;
    const QPointF where = a.model->state().position("hidden");
    a.scene->selectNodes({"hidden"});
    a.window.actions()->action("cut")->trigger();
    EXPECT_FALSE(a.names().contains("hidden"));
    EXPECT_TRUE(clipboardText().contains("\"hidden\""));
    a.scene->paste();
    EXPECT_TRUE(a.names().contains("hidden"));
    EXPECT_EQ(a.model->state().position("hidden"), where) << "the first paste after a cut goes back in place";
    EXPECT_EQ(a.model->project().network.projections.size(), original.projections.size() - 2)
        << "the edges to nodes that were not cut are gone";
    a.model->undoStack()->undo(); // the paste
    a.model->undoStack()->undo(); // the cut
    EXPECT_EQ(a.model->project().network, original);
}

TEST(Clipboard, CopyNetworkAndProjectFileJsonPaste)
{
    Lab a(true);
    a.window.actions()->action("copyNetwork")->trigger();
    ASSERT_NO_THROW(fragmentFromText(clipboardText().toStdString()));
    Lab b;
    b.scene->paste();
    EXPECT_EQ(b.model->project().network, a.model->project().network);

    // A whole project file's text (as opened in an editor and copied).
    QFile file(Lab::quickstartPath());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QGuiApplication::clipboard()->setText(QString::fromUtf8(file.readAll()));
    Lab c;
    c.scene->paste();
    EXPECT_EQ(c.model->project().network, a.model->project().network);
    // The file has no node positions: the pasted nodes are set side by side, not stacked.
    EXPECT_NE(c.model->state().position("hidden"), c.model->state().position("image"));
    EXPECT_NE(c.model->state().position("hidden"), c.model->state().position("readout"));

    // A bare network object.
    QGuiApplication::clipboard()->setText(
        R"({"populations": [{"name": "in", "kind": "input", "size": 4}], "projections": []})");
    Lab d;
    d.scene->paste();
    EXPECT_EQ(d.names(), QStringList{"in"});
}

TEST(Clipboard, GarbageSaysWhatIsWrongAndChangesNothing)
{
    Lab a(true);
    const std::string before = projectJson(a.model->project());
    const int undo = a.model->undoStack()->count();
    const struct { const char *text; const char *expect; } cases[] = {
        {"hello world", "invalid JSON"},
        {"[1, 2]", "expected a JSON object"},
        {R"({"something": "else"})", "not an SQSNN network"},
        {R"({"sqsnn_fragment": 1, "network": {"populations": [{"name": "x", "kind": "nope"}]}})",
         "/network/populations/0/kind"},
        {R"({"sqsnn_fragment": 1, "network": {"populations": [{"name": "x", "kind": "input"}],
            "projections": [{"from": "x", "to": "ghost"}]}})", "/network/projections/0/to"},
        {R"({"sqsnn_fragment": 7, "network": {}})", "newer than this lab reads"},
        {R"({"sqsnn_fragment": 1, "network": {"populations": []}})", "no populations"},
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.text);
        QGuiApplication::clipboard()->setText(QString::fromUtf8(c.text));
        EXPECT_TRUE(a.scene->paste().isEmpty());
        EXPECT_EQ(projectJson(a.model->project()), before);
        EXPECT_EQ(a.model->undoStack()->count(), undo);
        const QString msg = a.window.log()->lastMessage();
        EXPECT_TRUE(msg.contains("does not hold SQSNN nodes")) << msg.toStdString();
        EXPECT_TRUE(msg.contains(c.expect)) << msg.toStdString();
        EXPECT_TRUE(msg.contains("clipboard")) << msg.toStdString();
        EXPECT_EQ(a.window.statusBar()->currentMessage(), msg);
    }
    EXPECT_TRUE(a.prompter.errors.isEmpty()) << "no dialog for a paste";
}

} // namespace sqsnn::lab::test

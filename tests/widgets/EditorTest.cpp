// The node editor driven by the same calls the mouse and the inspector make: build a network,
// undo it all, redo it, save, reopen, compare the project JSON.
#include "TestSupport.hpp"

#include "editor/EdgeItem.hpp"
#include "editor/GraphScene.hpp"
#include "editor/GraphView.hpp"
#include "editor/NodeItem.hpp"
#include "model/ProjectModel.hpp"
#include "panels/InspectorWidget.hpp"
#include "panels/PaletteWidget.hpp"
#include "model/NodeRegistry.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QMimeData>
#include <QMouseEvent>
#include <QComboBox>
#include <QTemporaryDir>

namespace sqsnn::lab::test {

namespace {

struct Lab
{
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
    ProjectModel *model = window.model();
    GraphScene *scene = window.scene();
    InspectorWidget *inspector = window.inspector();
    Lab()
    {
        window.setRemoveRecoveryOnClose(false);
        window.files()->newProject();
    }
    const PopulationSpec &pop(const char *name)
    {
        const auto &pops = model->project().network.populations;
        for (const auto &p : pops)
            if (p.name == name)
                return p;
        throw std::runtime_error(std::string("no population ") + name);
    }
};

} // namespace

TEST(Editor, BuildUndoRedoSaveReopen)
{
    Lab lab;
    const std::string empty = projectJson(lab.model->project());
    ASSERT_TRUE(lab.model->project().network.populations.empty());

    // Nodes, as the palette drop adds them.
    EXPECT_EQ(lab.scene->addNode("input", {0, 0}), "input");
    EXPECT_EQ(lab.scene->addNode("sqs", {300, -80}), "hidden");
    EXPECT_EQ(lab.scene->addNode("readout", {600, 0}), "readout");
    EXPECT_EQ(lab.scene->nodes().size(), 3);
    // Edges, as a port drag connects them.
    EXPECT_TRUE(lab.scene->connectPorts("input", "hidden"));
    EXPECT_TRUE(lab.scene->connectPorts("hidden", "readout"));
    EXPECT_TRUE(lab.scene->connectPorts("input", "readout"));
    EXPECT_FALSE(lab.scene->connectPorts("input", "readout")) << "duplicate edge refused";
    EXPECT_FALSE(lab.scene->connectPorts("readout", "input")) << "inputs receive nothing";
    EXPECT_EQ(lab.scene->edges().size(), 3);

    // Population properties through the inspector's editors.
    lab.scene->selectNodes({"hidden"});
    typeInto(lab.inspector->editor("population.memory"), "11");
    auto *memory = qobject_cast<FieldEdit *>(lab.inspector->editor("population.memory"));
    EXPECT_EQ(memory->error(), "memory qubits must be 0..10");
    EXPECT_EQ(lab.pop("hidden").memoryQubits, 1) << "an invalid value is never applied";
    typeInto(lab.inspector->editor("population.io"), "9");
    typeInto(lab.inspector->editor("population.memory"), "2");
    EXPECT_TRUE(memory->error().contains("exceeds 10 qubits")) << memory->error().toStdString();
    EXPECT_EQ(lab.pop("hidden").memoryQubits, 1);
    typeInto(lab.inspector->editor("population.io"), "2");
    typeInto(lab.inspector->editor("population.memory"), "2");
    typeInto(lab.inspector->editor("population.size"), "3");
    typeInto(lab.inspector->editor("population.layers"), "2");
    EXPECT_EQ(lab.pop("hidden").ioQubits, 2);
    EXPECT_EQ(lab.pop("hidden").memoryQubits, 2);
    EXPECT_EQ(lab.pop("hidden").size, 3);
    EXPECT_EQ(lab.pop("hidden").ansatz.layers, 2);
    typeInto(lab.inspector->editor("population.name"), "core");
    EXPECT_EQ(lab.pop("core").size, 3) << "rename keeps the population";
    EXPECT_EQ(lab.model->project().network.projections[0].to, "core") << "edges follow a rename";
    EXPECT_NE(lab.scene->node("core"), nullptr);

    // Projection properties.
    lab.scene->selectProjection(0);
    static_cast<QComboBox *>(lab.inspector->editor("projection.connectivity"))->setCurrentText("channel-matched");
    static_cast<QCheckBox *>(lab.inspector->editor("projection.bias"))->setChecked(true);
    typeInto(lab.inspector->editor("projection.delay"), "2");
    const ProjectionSpec &e = lab.model->project().network.projections[0];
    EXPECT_EQ(e.connectivity, "channel-matched");
    EXPECT_TRUE(e.bias);
    EXPECT_EQ(e.delay, 2);

    // Project settings (nothing selected); a readout that does not match the classes is marked.
    lab.scene->clearSelection();
    typeInto(lab.inspector->editor("project.title"), "Built by the test");
    typeInto(lab.inspector->editor("project.classes"), "1, 7");
    typeInto(lab.inspector->editor("project.learningRate"), "-1");
    EXPECT_DOUBLE_EQ(lab.model->project().training.learningRate, 0.02);
    typeInto(lab.inspector->editor("project.seed"), "42");
    EXPECT_EQ(lab.model->project().seed, 42u);
    EXPECT_EQ(lab.model->project().data.classes, (std::vector<int>{1, 7}));
    EXPECT_FALSE(lab.scene->node("readout")->issue().isEmpty())
        << "10 readout neurons for 2 classes must be marked";
    lab.scene->selectNodes({"readout"});
    typeInto(lab.inspector->editor("population.size"), "2");
    EXPECT_TRUE(lab.scene->node("readout")->issue().isEmpty())
        << lab.scene->node("readout")->issue().toStdString();

    // One drag is one undo step.
    const int before = lab.model->undoStack()->count();
    lab.model->moveNodes({{"core", QPointF(310, -70)}}, 7);
    lab.model->moveNodes({{"core", QPointF(320, -60)}}, 7);
    lab.model->moveNodes({{"core", QPointF(330, -50)}}, 7);
    EXPECT_EQ(lab.model->undoStack()->count(), before + 1);
    EXPECT_EQ(lab.scene->node("core")->pos(), QPointF(330, -50));
    EXPECT_TRUE(lab.window.isWindowModified());

    const std::string built = projectJson(lab.model->project());
    while (lab.model->undoStack()->canUndo())
        lab.model->undoStack()->undo();
    EXPECT_EQ(projectJson(lab.model->project()), empty);
    EXPECT_TRUE(lab.scene->nodes().isEmpty());
    EXPECT_TRUE(lab.scene->edges().isEmpty());
    EXPECT_FALSE(lab.window.isWindowModified());
    while (lab.model->undoStack()->canRedo())
        lab.model->undoStack()->redo();
    EXPECT_EQ(projectJson(lab.model->project()), built);
    EXPECT_EQ(lab.scene->nodes().size(), 3);
    EXPECT_EQ(lab.scene->edges().size(), 3);

    QTemporaryDir dir;
    const QString path = dir.filePath("built.sqsnn.json");
    ASSERT_TRUE(lab.window.files()->saveTo(path));
    EXPECT_FALSE(lab.window.isWindowModified());
    EXPECT_TRUE(lab.window.windowTitle().startsWith("built.sqsnn.json"));

    Lab other;
    ASSERT_TRUE(other.window.files()->openFile(path, false)) << other.prompter.errors.join("\n").toStdString();
    EXPECT_EQ(projectJson(other.model->project()), built);
    EXPECT_EQ(other.scene->nodes().size(), 3);
}

TEST(Editor, CopyPasteDuplicateDeleteAndLayout)
{
    Lab lab;
    lab.scene->addNode("input", {0, 0});
    lab.scene->addNode("sqs", {300, 0});
    lab.scene->addNode("readout", {600, 0});
    lab.scene->connectPorts("input", "hidden");
    lab.scene->connectPorts("hidden", "readout");
    lab.scene->selectNodes({"hidden", "readout"});
    lab.scene->copySelection();
    lab.scene->paste();
    EXPECT_EQ(lab.model->project().network.populations.size(), 5u);
    EXPECT_EQ(lab.scene->selectedNodeNames(), (QStringList{"hidden2", "readout2"}));
    EXPECT_FALSE(lab.pop("readout2").readout) << "a pasted copy does not steal the readout role";
    EXPECT_EQ(lab.model->project().network.projections.size(), 3u) << "the inner edge is copied";
    lab.scene->duplicateSelection();
    EXPECT_EQ(lab.model->project().network.populations.size(), 7u);
    lab.scene->deleteSelection();
    EXPECT_EQ(lab.model->project().network.populations.size(), 5u);
    lab.scene->selectProjection(2); // hidden2 -> readout2
    lab.scene->deleteSelection();
    EXPECT_EQ(lab.model->project().network.projections.size(), 2u);
    // A recurrent connection gets a delay so the graph stays valid.
    EXPECT_TRUE(lab.scene->connectPorts("readout", "hidden"));
    EXPECT_EQ(lab.model->project().network.projections.back().delay, 1);
    lab.model->autoLayout();
    const EditState s = lab.model->state();
    EXPECT_LT(s.position("input").x(), s.position("hidden").x());
    EXPECT_LT(s.position("hidden").x(), s.position("readout").x());
    EXPECT_EQ(lab.model->undoStack()->undoText(), "Auto-layout");
    lab.window.view()->fitToView();
    EXPECT_GT(lab.window.view()->zoom(), 0.09);
}

TEST(Editor, PortDragConnectsAndPaletteDropAdds)
{
    Lab lab;
    lab.window.resize(1200, 800);
    lab.window.show();
    lab.scene->addNode("input", {0, 0});
    lab.scene->addNode("readout", {400, 0});
    GraphView *view = lab.window.view();
    view->resetZoom();
    view->centerOn(300, 46);
    QApplication::processEvents();
    const QPoint from = view->mapFromScene(lab.scene->node("input")->outPortPos());
    const QPoint to = view->mapFromScene(lab.scene->node("readout")->sceneBoundingRect().center());
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), view->viewport()->mapToGlobal(QPointF(to)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
    ASSERT_EQ(lab.model->project().network.projections.size(), 1u);
    EXPECT_EQ(lab.model->project().network.projections[0].from, "input");
    EXPECT_EQ(lab.model->project().network.projections[0].to, "readout");

    // Drag a palette entry (its real MIME payload) and drop it on the canvas.
    PaletteWidget *palette = lab.window.palette();
    int row = -1;
    for (int i = 0; i < palette->count(); ++i)
        if (palette->item(i)->data(Qt::UserRole).toString() == "qlif")
            row = i;
    ASSERT_GE(row, 0);
    std::unique_ptr<QMimeData> mime(palette->model()->mimeData({palette->model()->index(row, 0)}));
    ASSERT_TRUE(mime && mime->hasFormat(kNodeMimeType));
    const QPoint at = view->mapFromScene(QPointF(200, 300));
    EXPECT_EQ(view->dropNode(mime.get(), at), "qlif");
    ASSERT_NE(lab.scene->node("qlif"), nullptr);
    EXPECT_EQ(lab.pop("qlif").kind, "qlif");
    EXPECT_LT(QLineF(lab.scene->node("qlif")->sceneBoundingRect().center(), QPointF(200, 300)).length(), 3);
    EXPECT_EQ(lab.scene->selectedNodeNames(), QStringList{"qlif"});
}

} // namespace sqsnn::lab::test

namespace sqsnn::lab::test {

TEST(Editor, CoreRefusalsShowInPlaceAndTrainedParametersStayConsistent)
{
    Lab lab;
    lab.scene->addNode("input", {0, 0});
    lab.scene->addNode("sqs", {300, 0});
    lab.scene->addNode("readout", {600, 0});
    lab.scene->connectPorts("input", "hidden");
    lab.scene->connectPorts("hidden", "readout");
    // Pretend a run trained it.
    lab.model->edit("train", [](EditState &s) {
        s.parameters = std::make_shared<const ParameterSet>(ParameterSet{
            {"population/hidden", {0.1, 0.2, 0.3}},
            {"population/readout", {0.4, 0.5, 0.6}},
            {"projection/hidden->readout", {1, 2}}});
    });
    // A rename carries the trained values along; a resize drops the population's own values.
    lab.scene->selectNodes({"hidden"});
    typeInto(lab.inspector->editor("population.name"), "core");
    ParameterSet p = lab.model->project().parameters;
    EXPECT_TRUE(p.count("population/core"));
    EXPECT_TRUE(p.count("projection/core->readout"));
    EXPECT_FALSE(p.count("population/hidden"));
    typeInto(lab.inspector->editor("population.size"), "5");
    p = lab.model->project().parameters;
    EXPECT_FALSE(p.count("population/core")) << "values of another shape are dropped";
    EXPECT_FALSE(p.count("projection/core->readout"));
    EXPECT_TRUE(p.count("population/readout"));
    // A name the core's reader refuses is refused here too, with its message in place.
    const QString longName(300, QChar('n'));
    typeInto(lab.inspector->editor("population.name"), longName);
    auto *name = qobject_cast<FieldEdit *>(lab.inspector->editor("population.name"));
    EXPECT_FALSE(name->error().isEmpty()) << "the core refuses a 300-character name";
    EXPECT_NE(lab.model->project().network.populations[1].name, longName.toStdString());
    // Whatever was accepted saves and loads back.
    QTemporaryDir dir;
    ASSERT_TRUE(lab.window.files()->saveTo(dir.filePath("p.sqsnn.json")));
    EXPECT_EQ(projectJson(load(dir.filePath("p.sqsnn.json").toStdString())),
              projectJson(lab.model->project()));
}

} // namespace sqsnn::lab::test

// Speed figures (printed, not asserted): building, laying out and repainting a 50-node,
// 100-edge graph through the same model calls the editor makes, and opening the largest
// example project.
#include "TestSupport.hpp"

#include "editor/GraphScene.hpp"
#include "editor/GraphView.hpp"
#include "model/ProjectModel.hpp"
#include "window/ExampleDialog.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPixmap>
#include <QTemporaryDir>

namespace sqsnn::lab::test {

TEST(Speed, FiftyNodesHundredEdges)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.files()->newProject();
    window.resize(1440, 900);
    window.show();
    QApplication::processEvents();
    GraphScene *scene = window.scene();
    QElapsedTimer timer;
    timer.start();
    // 10 layers of 5 nodes; each node feeds two nodes of the next layer: 45 * 2 + 10 extra.
    QStringList names;
    for (int i = 0; i < 50; ++i)
        names << scene->addNode(i < 5 ? "input" : (i >= 45 ? "lif" : "sqs"), {double(i * 13 % 400), double(i * 29 % 700)});
    int edges = 0;
    for (int layer = 0; layer + 1 < 10; ++layer)
        for (int k = 0; k < 5; ++k) {
            edges += scene->connectPorts(names[layer * 5 + k], names[(layer + 1) * 5 + k]);
            edges += scene->connectPorts(names[layer * 5 + k], names[(layer + 1) * 5 + (k + 1) % 5]);
        }
    for (int k = 0; k < 10; ++k)
        edges += scene->connectPorts(names[k % 5], names[20 + k]);
    const double buildMs = timer.nsecsElapsed() / 1e6;
    ASSERT_EQ(edges, 100);
    ASSERT_EQ(scene->nodes().size(), 50);
    timer.restart();
    window.model()->autoLayout();
    window.view()->fitToView();
    const double layoutMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    const int frames = 10;
    for (int i = 0; i < frames; ++i) {
        window.view()->viewport()->repaint();
        QApplication::processEvents();
    }
    const double repaintMs = timer.nsecsElapsed() / 1e6 / frames;
    timer.restart();
    window.model()->undoStack()->undo(); // undo the layout: one full position sync
    const double undoMs = timer.nsecsElapsed() / 1e6;
    std::printf("[ speed ] 50 nodes + 100 edges: build %.1f ms (150 undoable edits), "
                "auto-layout + fit %.1f ms, repaint %.2f ms/frame, undo layout %.1f ms\n",
                buildMs, layoutMs, repaintMs, undoMs);
}

TEST(Speed, OpenTheLargestExample)
{
    const QDir dir(ExampleDialog::defaultFolder());
    auto files = ExampleDialog::exampleFiles(dir.path());
    std::sort(files.begin(), files.end(),
              [](const QFileInfo &a, const QFileInfo &b) { return a.size() > b.size(); });
    if (files.isEmpty()) {
        std::printf("[ speed ] no example projects in %s\n", qPrintable(dir.path()));
        return;
    }
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.resize(1440, 900);
    window.show();
    QElapsedTimer timer;
    timer.start();
    ASSERT_TRUE(window.files()->openFile(files.first().absoluteFilePath(), false));
    QApplication::processEvents();
    window.view()->viewport()->repaint();
    std::printf("[ speed ] open %s (%lld bytes, %zu populations): %.1f ms to open and paint\n",
                qPrintable(files.first().fileName()), static_cast<long long>(files.first().size()),
                window.model()->project().network.populations.size(), timer.nsecsElapsed() / 1e6);
}

TEST(Speed, TrainedPaperSizedProject)
{
    // The authors' image network, 784-1000-10 without bias: 797,030 trained values.
    Project p;
    p.title = "784-1000-10";
    auto pop = [](const char *name, const char *kind, int size, bool readout) {
        PopulationSpec s;
        s.name = name;
        s.kind = kind;
        s.size = size;
        s.readout = readout;
        return s;
    };
    p.network.populations = {pop("input", "input", 0, false), pop("hidden", "sqs", 1000, false),
                             pop("readout", "sqs", 10, true)};
    ProjectionSpec a, b;
    a.from = "input", a.to = "hidden", b.from = "hidden", b.to = "readout";
    p.network.projections = {a, b};
    p.parameters["population/hidden"].assign(3000, 0.5);
    p.parameters["population/readout"].assign(30, 0.5);
    p.parameters["projection/input->hidden"].assign(784000, 0.01);
    p.parameters["projection/hidden->readout"].assign(10000, 0.01);
    QTemporaryDir dir;
    const QString path = dir.filePath("big.sqsnn.json");
    save(p, path.toStdString());

    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    QElapsedTimer timer;
    timer.start();
    ASSERT_TRUE(window.files()->openFile(path, false));
    const double openMs = timer.nsecsElapsed() / 1e6;
    EXPECT_EQ(window.model()->parameterCount(), 797030); // model.md section 8
    timer.restart();
    for (int i = 0; i < 20; ++i)
        window.model()->moveNodes({{"hidden", QPointF(300 + i, 0)}});
    window.model()->edit("title", [](EditState &s) { s.title = "edited"; });
    const double editMs = timer.nsecsElapsed() / 1e6 / 21;
    EXPECT_EQ(window.model()->project().parameters.size(), 4u) << "edits keep trained values";
    timer.restart();
    ASSERT_TRUE(window.files()->saveTo(path));
    const double saveMs = timer.nsecsElapsed() / 1e6;
    std::printf("[ speed ] trained 784-1000-10 project (%lld bytes): open %.0f ms, edit %.2f ms "
                "each, save %.0f ms\n",
                static_cast<long long>(QFileInfo(path).size()), openMs, editMs, saveMs);
}

} // namespace sqsnn::lab::test

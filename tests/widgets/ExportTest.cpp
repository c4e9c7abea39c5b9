// Exports from the lab: every view's figure as PNG (decodes, has the asked size) and SVG
// (parses), its data as CSV with the documented columns (docs/exports.md) and the right row
// count, the context menu's entries and the files they write, the run report folder (and its
// refusal to write into an unrelated non-empty folder without asking), and the watched neuron's
// OpenQASM 3: the same text as `sqsnn export-qasm`, and parsed back and simulated with the core
// it gives the neuron's own probabilities.
#include "TestSupport.hpp"

#include "common/Rng.hpp"
#include "model/ProjectModel.hpp"
#include "neurons/SqsNeuron.hpp"
#include "project/ProjectIo.hpp"
#include "quantum/Qasm.hpp"
#include "quantum/State.hpp"
#include "support/QasmReplay.hpp"
#include "support/RunCli.hpp"
#include "training/QasmExport.hpp"
#include "training/Trainer.hpp"
#include "training/TrainingController.hpp"
#include "views/ActivityView.hpp"
#include "views/BlochSphereWidget.hpp"
#include "views/CircuitWidget.hpp"
#include "views/DensityMatrixWidget.hpp"
#include "views/NeuronView.hpp"
#include "views/PlotExport.hpp"
#include "views/PlotInclude.hpp"
#include "views/TrainingView.hpp"
#include "window/ExportController.hpp"
#include "window/FileController.hpp"
#include "window/LabActions.hpp"
#include "window/MainWindow.hpp"
#include "window/RunReport.hpp"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QMenu>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>

namespace sqsnn::lab::test {

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool validSvg(const QByteArray &svg)
{
    QXmlStreamReader xml(svg);
    bool sawSvg = false;
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("svg"))
            sawSvg = true;
    return sawSvg && !xml.hasError() && QSvgRenderer(svg).isValid();
}

// Header and rows of CSV text (no quoted cells in what the lab writes for numbers).
QList<QStringList> parseCsv(const QByteArray &csv)
{
    QList<QStringList> rows;
    for (const QString &line : QString::fromUtf8(csv).split(u'\n', Qt::SkipEmptyParts))
        rows << line.split(u',');
    return rows;
}

// The quickstart example, small, saved to a file, opened in a lab window and trained for two
// epochs there, so every view has something to show.
struct TrainedLab
{
    TrainedLab()
    {
        path = dir.filePath("tiny.sqsnn.json");
        saveProject(quickstart(40, 12, 2), path.toStdString());
        window.setRemoveRecoveryOnClose(false);
        window.resize(1500, 950);
        window.show();
        EXPECT_TRUE(window.files()->openFile(path, false)) << prompter.errors.join("\n").toStdString();
        window.neuronView()->watch(1, 3); // hidden:3
        window.training()->train();
        EXPECT_TRUE(QTest::qWaitFor([&] { return window.training()->isBusy(); }, 10000));
        EXPECT_TRUE(QTest::qWaitFor([&] { return !window.training()->isBusy(); }, 120000));
        QTest::qWait(100);
        EXPECT_EQ(window.model()->project().history.size(), 2u);
        // The trained project on disk: what the CLI reads.
        EXPECT_TRUE(window.files()->save());
    }
    ~TrainedLab() { window.close(); }
    QTemporaryDir dir;
    QString path;
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
};

} // namespace

// One trained lab for the tests of this suite (ctest runs each test in its own process).
class Export : public ::testing::Test
{
protected:
    static void SetUpTestSuite() { shared = new TrainedLab; }
    static void TearDownTestSuite()
    {
        delete shared;
        shared = nullptr;
    }
    static TrainedLab &lab() { return *shared; }
    static TrainedLab *shared;
};
TrainedLab *Export::shared = nullptr;

TEST_F(Export, FiguresAsPngAndSvgAndTheirDataAsCsv)
{
    TrainedLab &l = lab();
    NeuronView *nv = l.window.neuronView();
    TrainingView *tv = l.window.trainingView();
    ActivityView *av = l.window.activityView();
    ASSERT_FALSE(nv->history().empty()) << "the run filled the neuron view";

    std::vector<QWidget *> views = {tv->curves(), tv->signalPlot(), av->raster(), av->readout(),
                                    av->sample(), nv->plot(), nv->circuit(), nv->matrix()};
    for (auto *s : nv->spheres())
        views.push_back(s);
    for (QWidget *w : views) {
        SCOPED_TRACE(exportName(w).toStdString());
        const QImage png = QImage::fromData(renderPng(w, QSize(640, 400)), "PNG");
        ASSERT_FALSE(png.isNull());
        EXPECT_EQ(png.size(), QSize(640, 400));
        // Not blank: more than one colour.
        QSet<QRgb> colours;
        for (int y = 0; y < png.height(); y += 7)
            for (int x = 0; x < png.width(); x += 7)
                colours.insert(png.pixel(x, y));
        EXPECT_GT(colours.size(), 2);
        // At the widget's own size too.
        EXPECT_FALSE(QImage::fromData(renderPng(w), "PNG").isNull());
        EXPECT_TRUE(validSvg(renderSvg(w))) << "SVG parses";
        // Every view has the menu: PNG and SVG, plus CSV where it has data.
        std::unique_ptr<QMenu> menu(createExportMenu(w));
        ASSERT_NE(menu, nullptr);
        QStringList ids;
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                ids << a->objectName();
        QStringList expected{"exportPng", "exportPng2x", "exportPngWidth", "exportSvg"};
        if (exportData(w))
            expected << "copyCsv" << "exportCsv";
        EXPECT_EQ(ids, expected);
        EXPECT_EQ(w->contextMenuPolicy(), Qt::CustomContextMenu);
    }

    // CSV columns as docs/exports.md documents them, one row per epoch / step / entry.
    const auto columns = [](const DataTable &t) { return t.columns.join(u','); };
    EXPECT_EQ(columns(tv->curvesTable()), QString::fromStdString(metricsCsvHeader()));
    EXPECT_EQ(tv->curvesTable().rows.size(), 2);
    EXPECT_EQ(columns(tv->signalTable()), "step,learning_signal");
    EXPECT_GT(tv->signalTable().rows.size(), 0);
    EXPECT_EQ(columns(av->rasterTable()), "step,population,line");
    EXPECT_GT(av->rasterTable().rows.size(), 0);
    EXPECT_EQ(columns(av->readoutTable()), "class,name,p_spike");
    EXPECT_EQ(av->readoutTable().rows.size(), 2) << "two classes";
    EXPECT_EQ(columns(nv->traceTable()), "step,firing_probability,outcome,memory_purity,memory_entropy_bits,register_purity");
    EXPECT_EQ(nv->traceTable().rows.size(), qsizetype(nv->history().size()));
    EXPECT_EQ(columns(nv->blochTable(0)), "step,x,y,z,length");
    EXPECT_EQ(nv->blochTable(1).rows.size(), qsizetype(nv->history().size()));
    EXPECT_EQ(columns(nv->memoryTable()), "row,column,real,imag,magnitude,phase");
    EXPECT_EQ(nv->memoryTable().rows.size(), 4) << "2x2 memory density matrix";
    // The CSV text parses back to the table: header + rows, every row as wide as the header.
    const DataTable trace = nv->traceTable();
    const QList<QStringList> parsed = parseCsv(toCsv(trace));
    ASSERT_EQ(parsed.size(), trace.rows.size() + 1);
    EXPECT_EQ(parsed.front(), trace.columns);
    for (const QStringList &row : parsed) {
        EXPECT_EQ(row.size(), 6);
        bool ok = false;
        row.back().toDouble(&ok);
        EXPECT_TRUE(ok || row == parsed.front());
    }
    // RFC 4180 quoting of cells that need it.
    DataTable odd{{"a", "b"}, {{"x,y", "say \"hi\""}}};
    EXPECT_EQ(toCsv(odd), QByteArray("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n"));
}

TEST_F(Export, ContextMenuWritesTheFilesTheUserNames)
{
    TrainedLab &l = lab();
    QTemporaryDir out;
    QCustomPlot *curves = l.window.trainingView()->curves();
    std::unique_ptr<QMenu> menu(createExportMenu(curves));
    auto act = [&](const char *id) { return menu->findChild<QAction *>(id); };
    l.prompter.errors.clear();
    l.prompter.savePaths = {out.filePath("curves.png"), out.filePath("curves"), // suffix added
                            out.filePath("curves.csv")};
    act("exportPng")->trigger();
    act("exportSvg")->trigger();
    act("exportCsv")->trigger();
    EXPECT_TRUE(l.prompter.errors.isEmpty()) << l.prompter.errors.join("\n").toStdString();
    const QImage png(out.filePath("curves.png"));
    ASSERT_FALSE(png.isNull());
    EXPECT_GE(png.width(), 100);
    EXPECT_TRUE(validSvg(readAll(out.filePath("curves.svg"))));
    const QList<QStringList> csv = parseCsv(readAll(out.filePath("curves.csv")));
    ASSERT_EQ(csv.size(), 3) << "header + 2 epochs";
    EXPECT_EQ(csv[0].join(u','), QString::fromStdString(metricsCsvHeader()));
    EXPECT_EQ(csv[1][0], "1");
    EXPECT_EQ(csv[2][0], "2");
    // Same rows as the history: the training curves' CSV is metrics.csv.
    EXPECT_EQ(readAll(out.filePath("curves.csv")).toStdString(),
              metricsCsv(metricsFromHistory(l.window.model()->project().history)));

    act("copyCsv")->trigger();
    EXPECT_TRUE(QGuiApplication::clipboard()->text().startsWith(QString::fromStdString(metricsCsvHeader())));

    // Cancelled: nothing written, nothing said. A path that cannot be written: an error that
    // names it, and the old file stays.
    l.prompter.savePaths.clear();
    act("exportPng")->trigger();
    EXPECT_TRUE(l.prompter.errors.isEmpty());
    QFile blocker(out.filePath("file"));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.write("keep");
    blocker.close();
    l.prompter.savePaths = {out.filePath("file/curves.png")};
    act("exportPng")->trigger();
    ASSERT_EQ(l.prompter.errors.size(), 1);
    EXPECT_TRUE(l.prompter.errors.first().contains("file")) << l.prompter.errors.first().toStdString();
    EXPECT_EQ(readAll(out.filePath("file")), QByteArray("keep"));
    l.prompter.errors.clear();

    // A QPainter view (the Bloch sphere of the memory qubit) through its menu.
    QWidget *sphere = l.window.neuronView()->spheres().at(1);
    std::unique_ptr<QMenu> sm(createExportMenu(sphere));
    l.prompter.savePaths = {out.filePath("sphere.svg"), out.filePath("sphere.png"), out.filePath("sphere.csv")};
    sm->findChild<QAction *>("exportSvg")->trigger();
    sm->findChild<QAction *>("exportPng")->trigger();
    sm->findChild<QAction *>("exportCsv")->trigger();
    EXPECT_TRUE(validSvg(readAll(out.filePath("sphere.svg"))));
    EXPECT_FALSE(QImage(out.filePath("sphere.png")).isNull());
    EXPECT_EQ(parseCsv(readAll(out.filePath("sphere.csv"))).size(),
              qsizetype(l.window.neuronView()->history().size()) + 1);
}

TEST_F(Export, RunReportFolder)
{
    TrainedLab &l = lab();
    QTemporaryDir out;
    const QString folder = out.filePath("report");
    l.prompter.errors.clear();
    l.prompter.yesNoQuestions.clear();
    l.prompter.savePaths = {folder};
    ASSERT_TRUE(l.window.actions()->action("exportReport")->isEnabled());
    l.window.actions()->action("exportReport")->trigger();
    EXPECT_TRUE(l.prompter.errors.isEmpty()) << l.prompter.errors.join("\n").toStdString();
    EXPECT_TRUE(l.prompter.yesNoQuestions.isEmpty()) << "a new folder needs no question";
    const QDir dir(folder);
    // The project as saved JSON.
    ASSERT_TRUE(dir.exists("project.sqsnn.json"));
    EXPECT_EQ(projectJson(loadProject(dir.filePath("project.sqsnn.json").toStdString())),
              projectJson(l.window.model()->project()));
    // metrics.csv: the CLI's columns, one row per epoch, written by the same core function.
    const QByteArray metrics = readAll(dir.filePath("metrics.csv"));
    const QList<QStringList> rows = parseCsv(metrics);
    ASSERT_EQ(rows.size(), 3);
    EXPECT_EQ(rows[0].join(u','), "epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds,samples_per_second");
    EXPECT_EQ(metrics.toStdString(), metricsCsv(metricsFromHistory(l.window.model()->project().history)));
    // Figures and their data.
    for (const char *name : {"training-curves", "learning-signal", "spike-raster", "readout",
                             "neuron-traces", "memory-density-matrix", "bloch-io-0",
                             "bloch-memory-0", "circuit"}) {
        SCOPED_TRACE(name);
        const QImage png(dir.filePath(QStringLiteral("figures/%1.png").arg(name)));
        EXPECT_FALSE(png.isNull());
        EXPECT_GE(png.width(), 100);
        EXPECT_TRUE(validSvg(readAll(dir.filePath(QStringLiteral("figures/%1.svg").arg(name)))));
    }
    EXPECT_EQ(QImage(dir.filePath("figures/training-curves.png")).size(), QSize(1000, 600));
    const QList<QStringList> trace = parseCsv(readAll(dir.filePath("data/neuron-traces.csv")));
    ASSERT_FALSE(trace.isEmpty());
    EXPECT_EQ(trace.size(), qsizetype(l.window.neuronView()->history().size()) + 1);
    EXPECT_EQ(trace[0].join(u','), "step,firing_probability,outcome,memory_purity,memory_entropy_bits,register_purity");
    // README: marked as a report, says what the run was and lists the files.
    const QString readme = QString::fromUtf8(readAll(dir.filePath("README.md")));
    EXPECT_TRUE(readme.startsWith(QLatin1String(kRunReportMarker)));
    EXPECT_TRUE(readme.contains("2 epoch(s) recorded")) << readme.toStdString();
    EXPECT_TRUE(readme.contains("best test accuracy"));
    EXPECT_TRUE(readme.contains("`metrics.csv`"));
    EXPECT_TRUE(readme.contains("`figures/circuit.png`"));
    EXPECT_TRUE(readme.contains("| hidden | sqs | 8 | 1 + 1 |"));
    EXPECT_EQ(reportFolderState(folder), ReportFolder::Report);

    // Again into the same report folder: replaced without asking.
    l.prompter.savePaths = {folder};
    EXPECT_TRUE(l.window.exports()->exportRunReport());
    EXPECT_TRUE(l.prompter.yesNoQuestions.isEmpty());

    // An unrelated non-empty folder: asked first; "no" writes nothing.
    const QString other = out.filePath("other");
    QDir().mkpath(other);
    QFile notes(other + "/notes.txt");
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
    notes.write("mine");
    notes.close();
    EXPECT_EQ(reportFolderState(other), ReportFolder::Other);
    l.prompter.yesNoAnswer = false;
    l.prompter.savePaths = {other};
    EXPECT_FALSE(l.window.exports()->exportRunReport());
    ASSERT_EQ(l.prompter.yesNoQuestions.size(), 1);
    EXPECT_TRUE(l.prompter.yesNoQuestions.first().contains("not empty"));
    EXPECT_EQ(QDir(other).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot), QStringList{"notes.txt"});
    l.prompter.yesNoAnswer = true;
    l.prompter.savePaths = {other};
    EXPECT_TRUE(l.window.exports()->exportRunReport());
    EXPECT_TRUE(QFile::exists(other + "/README.md"));
    EXPECT_EQ(readAll(other + "/notes.txt"), QByteArray("mine")) << "unrelated files are left alone";
    // A file where the folder should be: refused with a message.
    l.prompter.savePaths = {other + "/notes.txt"};
    EXPECT_FALSE(l.window.exports()->exportRunReport());
    EXPECT_FALSE(l.prompter.errors.isEmpty());
    EXPECT_EQ(readAll(other + "/notes.txt"), QByteArray("mine"));
    l.prompter.errors.clear();
    l.prompter.yesNoAnswer = false;
    l.prompter.yesNoQuestions.clear();
}

TEST_F(Export, NeuronQasmEqualsTheCliAndSimulatesToTheNeuronsProbabilities)
{
    TrainedLab &l = lab();
    QTemporaryDir out;
    const QString file = out.filePath("hidden3.qasm");
    ASSERT_EQ(l.window.neuronView()->watchedPopulation(), 1);
    ASSERT_EQ(l.window.neuronView()->watchedNeuron(), 3);
    l.prompter.errors.clear();
    l.prompter.integerAnswer = 2;
    l.prompter.savePaths = {file};
    ASSERT_TRUE(l.window.actions()->action("exportQasm")->isEnabled());
    l.window.actions()->action("exportQasm")->trigger();
    EXPECT_TRUE(l.prompter.errors.isEmpty()) << l.prompter.errors.join("\n").toStdString();
    EXPECT_EQ(l.prompter.integerMax, 11) << "test samples 0..11 offered";
    const std::string gui = readAll(file).toStdString();
    ASSERT_FALSE(gui.empty());

    // The CLI on the same (saved) project, neuron and sample writes the same text.
    ASSERT_FALSE(l.window.model()->isModified());
    const auto cli = sqsnn::test::runCli("export-qasm '" + l.path.toStdString() + "'"
                                         + " --neuron hidden:3 --sample 2");
    ASSERT_EQ(cli.status, 0) << cli.err;
    EXPECT_EQ(gui, cli.out);

    // Parsed back and simulated with the core, forcing the outcomes the neuron itself drew:
    // every measurement's probability is the neuron's, and the memory ends the same.
    const Project p = loadProject(l.path.toStdString());
    Trainer trainer(p, TrainerOptions{1});
    const QasmNeuronProgram prog = neuronQasmProgram(trainer, {l.path.toStdString(), "hidden", 3, 2});
    EXPECT_EQ(writeQasm(prog), gui);
    const PopulationSpec &spec = p.network.populations[1];
    SqsNeuron neuron(spec.ioQubits, spec.memoryQubits, spec.ansatz);
    ASSERT_EQ(neuron.circuit().gates.size(), prog.circuit.gates.size());
    neuron.setParameters(prog.params);
    ASSERT_EQ(int(prog.inputs.size()), p.data.timeSteps);
    Rng rng(5);
    sqsnn::test::expectQasmReplaysNeuron(readQasm(gui, file.toStdString()), neuron, prog.inputs, rng);

    // Cancelled at the sample question: no file. A sample outside the split cannot be asked
    // for (the range is offered), but the core refuses one anyway with a message.
    l.prompter.integerAccepted = false;
    l.prompter.savePaths = {out.filePath("cancelled.qasm")};
    EXPECT_FALSE(l.window.exports()->exportNeuronQasm());
    EXPECT_FALSE(QFile::exists(out.filePath("cancelled.qasm")));
    l.prompter.integerAccepted = true;
    l.prompter.savePaths.clear();
    try {
        neuronQasmProgram(trainer, {"x", "hidden", 3, 12});
        FAIL();
    } catch (const QasmExportError &e) {
        EXPECT_EQ(e.field(), QasmExportField::Sample);
        EXPECT_STREQ(e.what(), "must be 0..11");
    }
}

} // namespace sqsnn::lab::test


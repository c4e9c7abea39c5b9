// The Experiment window (issue 15), offscreen with real training and the real CLI: a tiny grid
// run from the window gives the CLI's results.csv (accuracy and loss columns bit-identical), a
// paused and a stopped grid resume from the checkpoints in a new window without rerunning
// finished cells and end equal to an uninterrupted run, the summary chart's categories, means
// and spreads read back from its series in both themes (with screenshots), and bad experiment
// files show the core's message while the window stays usable.
#include "experiment/ExperimentRunner.hpp"
#include "experiment/ExperimentSetup.hpp"
#include "experiment/ExperimentSummaryChart.hpp"
#include "experiment/ExperimentWindow.hpp"
#include "views/PlotInclude.hpp"

#include <QChart>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <cmath>

namespace sqsnn::lab::test {

namespace {

QString writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    f.write(text);
    return path;
}

// 2 models x 2 seeds on a few quickstart samples.
QString writeExperiment(const QTemporaryDir &dir, int epochs, const QByteArray &extra = {})
{
    return writeFile(dir.filePath(QStringLiteral("tiny.experiment.json")),
                     QByteArray(R"({"title": "tiny grid", "base": ")") + SQSNN_SOURCE_DIR
                         + R"(/projects/quickstart.sqsnn.json", "seeds": [7, 8], "epochs": )"
                         + QByteArray::number(epochs) + R"(,
        "overrides": {"data": {"train_samples": 16, "test_samples": 8}},
        "models": [{"name": "SQS"}, {"name": "GLM net", "kind": "glm"}])"
                         + extra + "}");
}

QStringList readLines(const QString &path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

// Equal results.csv but for the wall-time columns (seconds, samples_per_second).
void expectSameResults(const QString &a, const QString &b)
{
    const QStringList la = readLines(a), lb = readLines(b);
    ASSERT_EQ(la.size(), lb.size());
    ASSERT_GT(la.size(), 1);
    EXPECT_EQ(la[0], lb[0]);
    const QStringList header = la[0].split(u',');
    const int seconds = int(header.indexOf(QStringLiteral("seconds")));
    const int speed = int(header.indexOf(QStringLiteral("samples_per_second")));
    ASSERT_GE(seconds, 0);
    for (int i = 1; i < la.size(); ++i) {
        QStringList fa = la[i].split(u','), fb = lb[i].split(u',');
        ASSERT_EQ(fa.size(), fb.size()) << i;
        for (int c = 0; c < fa.size(); ++c)
            if (c != seconds && c != speed)
                EXPECT_EQ(fa[c].toStdString(), fb[c].toStdString())
                    << "line " << i << " column " << header[c].toStdString();
    }
}

void runCli(const QString &experiment, const QString &out)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SQSNN_CLI), {QStringLiteral("experiment"), experiment,
                                        QStringLiteral("--out"), out, QStringLiteral("--jobs"),
                                        QStringLiteral("1")});
    ASSERT_TRUE(p.waitForFinished(300000));
    ASSERT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
}

// Runs the window's grid to its end (or stop) and returns whether it completed.
bool runToEnd(ExperimentWindow &w)
{
    QSignalSpy done(&w, &ExperimentWindow::runFinished);
    EXPECT_TRUE(w.run()) << w.message().toStdString();
    EXPECT_TRUE(done.wait(300000));
    return !done.isEmpty() && done.first().at(0).toBool();
}

} // namespace

TEST(ExperimentWindow, ATinyGridFromTheWindowGivesTheClisResults)
{
    QTemporaryDir dir;
    const QString file = writeExperiment(dir, 2);
    runCli(file, dir.filePath("cli"));

    ExperimentWindow w;
    ASSERT_TRUE(w.openExperiment(file)) << w.message().toStdString();
    w.setOutDir(dir.filePath("lab"));
    w.setJobs(2); // cells in parallel: same numbers, whatever the scheduling
    EXPECT_TRUE(runToEnd(w)) << w.message().toStdString();
    EXPECT_FALSE(w.isRunning());
    expectSameResults(dir.filePath("cli/results.csv"), dir.filePath("lab/results.csv"));
    EXPECT_TRUE(QFileInfo::exists(dir.filePath("lab/summary.md")));

    // The views: every cell done, one result row per model, the curves drawn.
    ASSERT_EQ(w.cellTable()->rowCount(), 4);
    for (int r = 0; r < 4; ++r)
        EXPECT_EQ(w.cellTable()->item(r, 7)->text(), QStringLiteral("done")) << r;
    ASSERT_EQ(w.resultTable()->rowCount(), 2);
    EXPECT_EQ(w.resultTable()->item(1, 0)->text(), QStringLiteral("GLM net"));
    EXPECT_GE(w.curves()->graphCount(), 2);
    EXPECT_EQ(w.summaryChart()->categories(), (QStringList{"SQS", "GLM net"}));

    // A double click on a cell offers its trained project.
    QSignalSpy open(&w, &ExperimentWindow::openProject);
    Q_EMIT w.cellTable()->cellDoubleClicked(3, 0);
    ASSERT_EQ(open.size(), 1);
    EXPECT_EQ(QFileInfo(open.first().at(0).toString()).fileName(),
              QStringLiteral("glm-net-seed8.sqsnn.json"));

    // Opening the CLI's folder shows the same table.
    ExperimentWindow other;
    ASSERT_TRUE(other.openResults(dir.filePath("cli"))) << other.message().toStdString();
    ASSERT_EQ(other.resultTable()->rowCount(), 2);
    for (int c : {0, 2, 3, 4, 5, 6, 7})
        EXPECT_EQ(other.resultTable()->item(0, c)->text(), w.resultTable()->item(0, c)->text()) << c;
    // Exports: table CSV/Markdown, curves and chart as PNG/SVG.
    EXPECT_TRUE(other.exportTable(dir.filePath("t.csv")));
    EXPECT_TRUE(other.exportTable(dir.filePath("t.md")));
    EXPECT_TRUE(readLines(dir.filePath("t.md"))[0].startsWith("| Model | Method | Parameters"));
    EXPECT_EQ(readLines(dir.filePath("t.csv")).size(), 3);
    EXPECT_TRUE(other.exportCurves(dir.filePath("c.png")));
    EXPECT_TRUE(other.exportChart(dir.filePath("s.svg")));
    EXPECT_FALSE(QImage(dir.filePath("c.png")).isNull());
    EXPECT_GT(QFileInfo(dir.filePath("s.svg")).size(), 1000);
}

TEST(ExperimentWindow, APausedOrStoppedGridResumesInANewWindowAndEndsEqual)
{
    QTemporaryDir dir;
    const QString file = writeExperiment(dir, 1);
    runCli(file, dir.filePath("straight"));
    const QString out = dir.filePath("lab");
    const QString firstCell = out + QStringLiteral("/runs/sqs-seed7.sqsnn.json");
    {
        ExperimentWindow w;
        ASSERT_TRUE(w.openExperiment(file));
        w.setOutDir(out);
        w.setJobs(1);
        QSignalSpy done(&w, &ExperimentWindow::runFinished);
        ASSERT_TRUE(w.run());
        w.pause(); // at the end of the first epoch: the first cell (1 epoch) is finished
        ASSERT_TRUE(done.wait(300000));
        EXPECT_FALSE(done.first().at(0).toBool());
        EXPECT_TRUE(done.first().at(1).toString().isEmpty()) << done.first().at(1).toString().toStdString();
        EXPECT_FALSE(QFileInfo::exists(out + "/results.csv"));
        EXPECT_TRUE(QFileInfo::exists(firstCell));
        EXPECT_FALSE(QFileInfo::exists(out + "/runs/glm-net-seed8.sqsnn.json"));
        EXPECT_EQ(w.cellTable()->item(0, 7)->text(), QStringLiteral("done"));
    } // the window closes
    const QDateTime stamp = QFileInfo(firstCell).lastModified();
    const QByteArray saved = [&] {
        QFile f(firstCell);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();

    // A new window finds the output folder again (remembered per experiment file) and resumes.
    ExperimentWindow w;
    ASSERT_TRUE(w.openExperiment(file));
    EXPECT_EQ(QDir(w.outDir()).absolutePath(), QDir(out).absolutePath());
    // Stop again right away (mid-cell or between cells), then let it finish.
    {
        QSignalSpy done(&w, &ExperimentWindow::runFinished);
        ASSERT_TRUE(w.run());
        w.stop();
        ASSERT_TRUE(done.wait(300000));
    }
    EXPECT_TRUE(runToEnd(w)) << w.message().toStdString();
    const auto progress = w.runner()->cellProgress();
    ASSERT_TRUE(progress.count(firstCell.toStdString()));
    const CellProgress &p = progress.at(firstCell.toStdString());
    EXPECT_EQ(p.epochsDone, 1);
    EXPECT_EQ(p.samples, 0) << "the finished cell trained again";
    EXPECT_EQ(QFileInfo(firstCell).lastModified(), stamp);
    QFile f(firstCell);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), saved);
    expectSameResults(dir.filePath("straight/results.csv"), out + "/results.csv");
}

TEST(ExperimentWindow, TheSummaryChartShowsEachModelsMeanAndSpreadInBothThemes)
{
    QTemporaryDir dir;
    // Final epochs (epoch 2): A 0.6 / 0.8 -> mean 0.7, std 0.1414; B 0.4 / 0.5 / 0.9 -> mean
    // 0.6, std 0.2646; epoch 1 rows must not count.
    writeFile(dir.filePath("results.csv"),
              "model,seed,parameters,epoch,train_loss,train_accuracy,test_loss,test_accuracy,"
              "seconds,samples_per_second\n"
              "A,1,100,1,1,0.1,1,0.1,1,1\nA,1,100,2,1,0.5,1,0.6,1,1\n"
              "A,2,100,1,1,0.1,1,0.2,1,1\nA,2,100,2,1,0.5,1,0.8,1,1\n"
              "B,1,98,2,1,0.5,1,0.4,1,1\nB,2,98,2,1,0.5,1,0.5,1,1\nB,3,98,2,1,0.5,1,0.9,1,1\n");
    ExperimentWindow w;
    ASSERT_TRUE(w.openResults(dir.path())) << w.message().toStdString();
    ExperimentSummaryChart *chart = w.summaryChart();
    EXPECT_EQ(chart->chart()->title(), QDir(dir.path()).dirName()); // no summary.md: the folder
    EXPECT_EQ(chart->categories(), (QStringList{"A", "B"}));
    const QVector<double> means = chart->means(), spreads = chart->spreads();
    ASSERT_EQ(means.size(), 2);
    ASSERT_EQ(spreads.size(), 2);
    EXPECT_NEAR(means[0], 0.7, 1e-12);
    EXPECT_NEAR(means[1], 0.6, 1e-12);
    EXPECT_NEAR(spreads[0], std::sqrt(0.02), 1e-12);
    EXPECT_NEAR(spreads[1], std::sqrt(0.07), 1e-12);
    EXPECT_EQ(w.resultTable()->item(1, 5)->text(), QStringLiteral("0.6000"));
    EXPECT_EQ(w.resultTable()->item(1, 6)->text(), QStringLiteral("0.2646"));

    // A method axis: one category (and one curve) per model x method.
    QDir(dir.path()).mkpath("m");
    writeFile(dir.filePath("m/results.csv"),
              "model,method,seed,parameters,epoch,train_loss,train_accuracy,test_loss,test_accuracy,"
              "seconds,samples_per_second\n"
              "A,local,1,100,1,1,0.5,1,0.6,1,1\nA,bptt,1,100,1,1,0.5,1,0.9,1,1\n");
    ExperimentWindow m;
    ASSERT_TRUE(m.openResults(dir.filePath("m"))) << m.message().toStdString();
    EXPECT_EQ(m.summaryChart()->categories(), (QStringList{"A [local]", "A [bptt]"}));
    EXPECT_EQ(m.summaryChart()->means(), (QVector<double>{0.6, 0.9}));
    EXPECT_GE(m.curves()->graphCount(), 2);
    EXPECT_FALSE(m.resultTable()->isColumnHidden(1));
    EXPECT_TRUE(w.resultTable()->isColumnHidden(1));

    for (const QString theme : {QStringLiteral("light"), QStringLiteral("dark")}) {
        chart->applyTheme(theme);
        EXPECT_EQ(chart->isDark(), theme == QLatin1String("dark"));
        EXPECT_EQ(chart->categories(), (QStringList{"A", "B"})); // the theme keeps the data
        const QString png = dir.filePath("summary-" + theme + ".png");
        ASSERT_TRUE(w.exportChart(png));
        const QImage image(png);
        ASSERT_FALSE(image.isNull());
        // The background follows the theme; the bars (Tableau blue) are drawn.
        const QColor corner = image.pixelColor(3, 3);
        if (theme == QLatin1String("dark"))
            EXPECT_LT(corner.lightness(), 60) << theme.toStdString();
        else
            EXPECT_GT(corner.lightness(), 220) << theme.toStdString();
        int bar = 0;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2)
                bar += image.pixelColor(x, y) == QColor(0x4E, 0x79, 0xA7);
        EXPECT_GT(bar, 500) << theme.toStdString();
        if (!qEnvironmentVariableIsEmpty("SQSNN_SCREENSHOTS"))
            image.save(QDir(qEnvironmentVariable("SQSNN_SCREENSHOTS")).filePath("summary-" + theme + ".png"));
    }
}

TEST(ExperimentWindow, BadExperimentFilesShowTheCoresMessageAndTheWindowStaysUsable)
{
    QTemporaryDir dir;
    const QString good = writeExperiment(dir, 1);
    const struct
    {
        QByteArray text;
        const char *message;
    } bad[] = {
        {R"({"base": "no-such-model.sqsnn.json", "seeds": [1], "models": [{"name": "a"}]})",
         "no-such-model.sqsnn.json"},
        {QByteArray(R"({"base": ")") + SQSNN_SOURCE_DIR
             + R"(/projects/quickstart.sqsnn.json", "seeds": [1], "budget": 10, "models": [{"name": "SQS"}]})",
         "/models/0 (SQS): cannot size population 'hidden'"},
        {QByteArray(R"({"base": ")") + SQSNN_SOURCE_DIR
             + R"(/projects/quickstart.sqsnn.json", "seeds": [], "models": [{"name": "SQS"}]})",
         "/seeds: must be a non-empty list of seeds"},
        {"{ not json", "bad.experiment.json"},
    };
    ExperimentWindow w;
    for (const auto &b : bad) {
        const QString file = writeFile(dir.filePath("bad.experiment.json"), b.text);
        EXPECT_FALSE(w.openExperiment(file));
        EXPECT_TRUE(w.message().contains(QString::fromUtf8(b.message))) << w.message().toStdString();
        if (b.text.startsWith("{ not")) {
            // Unreadable: the experiment that was open stays (as the lab keeps its project).
            EXPECT_TRUE(w.setup()->experiment().has_value());
        } else {
            // Readable but invalid: shown for editing, and nothing starts.
            EXPECT_FALSE(w.setup()->experiment().has_value());
            EXPECT_FALSE(w.run());
            EXPECT_FALSE(w.isRunning());
        }
        // Still usable: a good file opens and validates.
        ASSERT_TRUE(w.openExperiment(good)) << w.message().toStdString();
        EXPECT_TRUE(w.setup()->experiment().has_value());
    }
    // Saving an invalid edit never writes over the file.
    QFile(good).copy(dir.filePath("keep.experiment.json"));
    const QString keep = dir.filePath("keep.experiment.json");
    ASSERT_TRUE(w.openExperiment(keep));
    w.setup()->modelTable()->item(0, 1)->setText(QStringLiteral("hopfield")); // kind
    EXPECT_FALSE(w.setup()->experiment().has_value());
    EXPECT_TRUE(w.setup()->error().contains("kind")) << w.setup()->error().toStdString();
    EXPECT_FALSE(w.saveExperiment(keep));
    EXPECT_EQ(readLines(keep), readLines(good));
    // A valid edit saves in the CLI's format and reads back.
    w.setup()->modelTable()->item(0, 1)->setText(QStringLiteral("lif"));
    ASSERT_TRUE(w.saveExperiment(dir.filePath("saved.experiment.json"))) << w.message().toStdString();
    const Experiment saved = loadExperiment(dir.filePath("saved.experiment.json").toStdString());
    EXPECT_EQ(saved.models[0].kind, "lif");
    EXPECT_EQ(saved.seeds, (std::vector<std::uint64_t>{7, 8}));
    EXPECT_EQ(experimentRunProject(saved, saved.models[0], 7).data.trainSamples, 16);
    EXPECT_EQ(experimentRunProject(saved, saved.models[0], 7).network.populations[1].kind, "lif");
}

} // namespace sqsnn::lab::test

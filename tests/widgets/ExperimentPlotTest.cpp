// Learning-curve plots of an experiment's results.csv: the parser (header by name, quoted model
// names, mean and sample std over seeds), the PNG through the function and through the real
// `sqsnn-lab --plot-results` (offscreen), and errors that name the file.
#include "plots/ExperimentPlot.hpp"
#include "views/PlotInclude.hpp"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

namespace sqsnn::lab::test {

namespace {

// 2 models x 2 seeds x 3 epochs, the second model's name quoted (a comma and a quote in it).
// test_accuracy: model A seeds 0.5/0.7, 0.6/0.8, 0.7/0.9; model B a constant 0.4/0.6 offset.
const char *kResults
    = "model,seed,parameters,epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds,"
      "samples_per_second\n"
      "SQSNN exact,1,1040,1,0.9,0.55,0.8,0.5,0.1,100\n"
      "SQSNN exact,1,1040,2,0.7,0.65,0.6,0.6,0.1,100\n"
      "SQSNN exact,1,1040,3,0.5,0.75,0.4,0.7,0.1,100\n"
      "SQSNN exact,2,1040,1,0.8,0.75,0.7,0.7,0.1,100\n"
      "SQSNN exact,2,1040,2,0.6,0.85,0.5,0.8,0.1,100\n"
      "SQSNN exact,2,1040,3,0.4,0.95,0.3,0.9,0.1,100\n"
      "\"QLIF, \"\"big\"\"\",1,1038,1,1.0,0.35,1.0,0.2,0.1,100\r\n"
      "\"QLIF, \"\"big\"\"\",1,1038,2,0.9,0.45,0.9,0.3,0.1,100\r\n"
      "\"QLIF, \"\"big\"\"\",1,1038,3,0.8,0.55,0.8,0.4,0.1,100\r\n"
      "\"QLIF, \"\"big\"\"\",2,1038,1,1.0,0.35,1.0,0.4,0.1,100\r\n"
      "\"QLIF, \"\"big\"\"\",2,1038,2,0.9,0.45,0.9,0.5,0.1,100\r\n"
      "\"QLIF, \"\"big\"\"\",2,1038,3,0.8,0.55,0.8,0.6,0.1,100\r\n";

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(text);
    return path;
}

struct LabRun
{
    int exitCode = -1;
    QString out, err;
};

LabRun runLab(const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SQSNN_LAB), args);
    EXPECT_TRUE(process.waitForFinished(60000)) << "sqsnn-lab did not finish";
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

// The image decodes, has the size asked for and is a real plot (many colours, not one fill).
void expectPlot(const QString &png, QSize size)
{
    QImage image(png);
    ASSERT_FALSE(image.isNull()) << png.toStdString();
    EXPECT_EQ(image.size(), size);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 50);
}

} // namespace

TEST(ExperimentPlot, AveragesEachModelAndEpochOverSeeds)
{
    QTemporaryDir dir;
    const QString csv = writeFile(dir, "results.csv", kResults);
    ExperimentCurves curves;
    QString error;
    ASSERT_TRUE(readExperimentCurves(csv, "test_accuracy", &curves, &error)) << error.toStdString();
    ASSERT_EQ(curves.models.size(), 2);
    EXPECT_EQ(curves.models[0].model, "SQSNN exact");
    EXPECT_EQ(curves.models[1].model, "QLIF, \"big\"");
    for (const ExperimentCurve &c : curves.models) {
        EXPECT_EQ(c.seedCount, 2);
        EXPECT_EQ(c.epochs, (QVector<double> {1, 2, 3}));
        for (int k = 0; k < 3; ++k)
            EXPECT_NEAR(c.std[k], std::sqrt(0.02), 1e-12); // two values 0.2 apart
    }
    EXPECT_NEAR(curves.models[0].mean[0], 0.6, 1e-12);
    EXPECT_NEAR(curves.models[0].mean[2], 0.8, 1e-12);
    EXPECT_NEAR(curves.models[1].mean[1], 0.4, 1e-12);

    ASSERT_TRUE(readExperimentCurves(csv, "test_loss", &curves, &error));
    EXPECT_NEAR(curves.models[0].mean[0], 0.75, 1e-12);
    EXPECT_EQ(curves.title, QDir(dir.path()).dirName());
}

TEST(ExperimentPlot, ColumnsAreFoundByNameAndTheTitleComesFromTheSummary)
{
    QTemporaryDir dir;
    const QString csv
        = writeFile(dir, "results.csv", "test_accuracy,epoch,model\n0.5,1,a\n0.7,2,a\n0.9,2,a\n");
    writeFile(dir, "summary.md", "# Local rule, two classes\n\nProduced by ...\n");
    ExperimentCurves curves;
    QString error;
    ASSERT_TRUE(readExperimentCurves(csv, "test_accuracy", &curves, &error)) << error.toStdString();
    ASSERT_EQ(curves.models.size(), 1);
    EXPECT_EQ(curves.models[0].seeds, (QVector<int> {1, 2})); // no seed column: rows are samples
    EXPECT_NEAR(curves.models[0].mean[1], 0.8, 1e-12);
    EXPECT_EQ(curves.models[0].std[0], 0.0);
    EXPECT_EQ(curves.title, "Local rule, two classes");
}

TEST(ExperimentPlot, RendersAPngOfTheRequestedSize)
{
    QTemporaryDir dir;
    const QString csv = writeFile(dir, "results.csv", kResults);
    const QString png = dir.filePath("plots/test-accuracy.png");
    QString error;
    ASSERT_TRUE(renderExperimentPlot(csv, png, "test_accuracy", &error)) << error.toStdString();
    expectPlot(png, QSize(1000, 650));

    ExperimentCurves curves;
    ASSERT_TRUE(readExperimentCurves(csv, "train_accuracy", &curves, &error));
    const QString svg = dir.filePath("train-accuracy.svg");
    ASSERT_TRUE(writeExperimentPlot(curves, svg, &error, 800, 500)) << error.toStdString();
    QFile f(svg);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    EXPECT_TRUE(text.contains("<svg")) << text.left(200).toStdString();
}

TEST(ExperimentPlot, EightModelsGetTwoLegendRowsAndEveryNameFits)
{
    ExperimentCurves curves;
    curves.metric = "test_accuracy";
    for (int i = 0; i < 8; ++i) {
        ExperimentCurve c;
        c.model = QString("SQSNN exact + skip %1").arg(i);
        c.epochs = {1, 2};
        c.mean = {0.1 * i, 0.1 * i + 0.05};
        c.std = {0, 0};
        c.seeds = {1, 1};
        c.seedCount = 1;
        curves.models.push_back(c);
    }
    QCustomPlot plot;
    plotExperimentCurves(&plot, curves);
    plot.setViewport(QRect(0, 0, 1000, 650)); // the size of the PNG the CLI writes
    plot.replot();
    ASSERT_EQ(plot.legend->itemCount(), 8);
    EXPECT_EQ(plot.legend->rowCount(), 2);
    EXPECT_EQ(plot.legend->columnCount(), 4);
    for (int i = 0; i < plot.legend->itemCount(); ++i) {
        auto *item = qobject_cast<QCPPlottableLegendItem *>(plot.legend->item(i));
        ASSERT_NE(item, nullptr);
        // The item got at least the width its text and icon ask for (no clipped names).
        const QCPLayoutElement *element = item; // the hint is public in the base class
        EXPECT_GE(item->outerRect().width(), element->minimumOuterSizeHint().width()) << i;
    }
}

TEST(ExperimentPlot, BadInputGivesAnErrorNamingTheFile)
{
    QTemporaryDir dir;
    ExperimentCurves curves;
    QString error;
    const QString missing = dir.filePath("nope/results.csv");
    EXPECT_FALSE(readExperimentCurves(missing, "test_accuracy", &curves, &error));
    EXPECT_TRUE(error.contains(missing)) << error.toStdString();

    const QString ragged = writeFile(dir, "ragged.csv", "model,seed,epoch,test_accuracy\na,1,1\n");
    EXPECT_FALSE(readExperimentCurves(ragged, "test_accuracy", &curves, &error));
    EXPECT_TRUE(error.contains(ragged + ": line 2")) << error.toStdString();

    const QString text = writeFile(dir, "text.csv", "model,seed,epoch,test_accuracy\na,1,1,high\n");
    EXPECT_FALSE(readExperimentCurves(text, "test_accuracy", &curves, &error));
    EXPECT_TRUE(error.contains("'high' is not a number")) << error.toStdString();

    const QString csv = writeFile(dir, "results.csv", kResults);
    EXPECT_FALSE(readExperimentCurves(csv, "accuracy", &curves, &error));
    EXPECT_TRUE(error.contains("no metric column 'accuracy'")) << error.toStdString();
    EXPECT_TRUE(error.contains("test_accuracy")) << error.toStdString(); // lists what there is

    const QString header = writeFile(dir, "header.csv", "model,seed,epoch,test_accuracy\n");
    EXPECT_FALSE(readExperimentCurves(header, "test_accuracy", &curves, &error));
    EXPECT_TRUE(error.contains(header + ": no result rows")) << error.toStdString();
}

TEST(ExperimentPlot, TheLabPlotsHeadlessAndExitsWithTwoOnBadInput)
{
    QTemporaryDir dir;
    const QString csv = writeFile(dir, "results.csv", kResults);
    const QString png = dir.filePath("test-accuracy.png");
    LabRun run = runLab({"--plot-results", csv, "--out", png});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains(png)) << run.out.toStdString();
    expectPlot(png, QSize(1000, 650));

    const QString train = dir.filePath("train-accuracy.png");
    run = runLab({"--plot-results", csv, "--out", train, "--metric", "train_accuracy"});
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    expectPlot(train, QSize(1000, 650));

    const QString missing = dir.filePath("missing.csv");
    run = runLab({"--plot-results", missing, "--out", dir.filePath("x.png")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(missing)) << run.err.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath("x.png")));

    const QString bad = writeFile(dir, "bad.csv", "model,seed,epoch\na,1,1\n");
    run = runLab({"--plot-results", bad, "--out", dir.filePath("y.png")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains(bad)) << run.err.toStdString();

    run = runLab({"--plot-results", csv});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_TRUE(run.err.contains("--out")) << run.err.toStdString();
}

} // namespace sqsnn::lab::test

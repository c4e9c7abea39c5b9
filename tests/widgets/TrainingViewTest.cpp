// The Training dock's comparison and histograms: finished runs stay as named traces with one
// legend entry each (shown, hidden, kept, removed; a CLI run's metrics.csv overlaid), the
// histogram view draws the worker's bins, and a screenshot of two runs compared (quickstart
// SQS vs the same network with GLM neurons) is written for the docs.
#include "TestSupport.hpp"

#include "model/ProjectModel.hpp"
#include "training/TrainingController.hpp"
#include "views/HistogramView.hpp"
#include "views/PlotInclude.hpp"
#include "views/RunComparison.hpp"
#include "views/TrainingView.hpp"

#include <QComboBox>
#include <QDir>
#include <QListWidget>
#include <QTemporaryDir>

#include <fstream>

namespace sqsnn::lab::test {

namespace {

struct Dock
{
    explicit Dock(const Project &p, int width = 1400)
    {
        model.resetProject(p, QString());
        view.resize(width, 420);
        view.show();
        QCoreApplication::processEvents();
    }
    ~Dock()
    {
        controller.stop();
        (void)QTest::qWaitFor([&] { return !controller.isBusy(); }, 10000);
    }
    bool trainToTheEnd()
    {
        controller.train();
        return QTest::qWaitFor([&] { return !controller.isBusy(); }, 120000)
               && controller.state() == RunState::Finished;
    }
    ProjectModel model;
    TrainingController controller{&model, nullptr, 1};
    TrainingView view{&model, &controller};
};

} // namespace

TEST(TrainingView, OverlaysRunsWithOneLegendEntryEach)
{
    const Project sqs = quickstart(40, 20, 2);
    Dock d(sqs);
    EXPECT_TRUE(d.view.isWide());
    RunComparison *runs = d.view.runs();
    EXPECT_TRUE(runs->runs().empty());
    ASSERT_TRUE(d.trainToTheEnd());
    ASSERT_EQ(runs->runs().size(), 1u);
    EXPECT_EQ(runs->runs()[0].label, QStringLiteral("Run 1 — SQS exact"));
    EXPECT_EQ(runs->runs()[0].history.size(), 2u);
    EXPECT_FALSE(runs->runs()[0].live);
    // After the run the status says it is done (not "epoch 3 (of 2)").
    const auto *status = d.view.findChild<QLabel *>(QStringLiteral("runStatus"));
    ASSERT_NE(status, nullptr);
    EXPECT_TRUE(status->text().startsWith(QStringLiteral("2 of 2 epochs done"))) << status->text().toStdString();

    d.model.resetProject(withKind(sqs, "glm"), QString()); // the baseline
    ASSERT_TRUE(d.trainToTheEnd());
    ASSERT_EQ(runs->runs().size(), 2u) << "the first run stays for comparison";
    EXPECT_EQ(runs->runs()[1].label, QStringLiteral("Run 2 — GLM"));
    EXPECT_EQ(runs->plot()->legend->itemCount(), 2);
    EXPECT_EQ(runs->plot()->graphCount(), 4) << "test accuracy and test loss per run";
    EXPECT_EQ(runs->list()->count(), 2);
    const int first = runs->runs()[0].id, second = runs->runs()[1].id;
    EXPECT_EQ(runs->runs()[1].history.back().testAccuracy,
              EpochMetrics::fromJson(d.model.project().history[1]).testAccuracy);

    // Hide (the list's check box), show, keep, remove.
    runs->list()->item(0)->setCheckState(Qt::Unchecked);
    EXPECT_FALSE(runs->runs()[0].visible);
    EXPECT_EQ(runs->plot()->legend->itemCount(), 1);
    runs->setRunVisible(first, true);
    EXPECT_EQ(runs->plot()->legend->itemCount(), 2);
    runs->setRunKept(first, true);
    EXPECT_TRUE(runs->list()->item(0)->font().bold());
    runs->removeRun(second);
    ASSERT_EQ(runs->runs().size(), 1u);
    EXPECT_EQ(runs->runs()[0].id, first);

    // A third run on the same network with another learning rate says what changed.
    Project faster = sqs;
    faster.training.learningRate = 0.05;
    d.model.resetProject(faster, QString());
    ASSERT_TRUE(d.trainToTheEnd());
    ASSERT_EQ(runs->runs().size(), 2u);
    EXPECT_EQ(runs->runs()[1].label, QStringLiteral("Run 3 — SQS exact, lr 0.05"));

    // A CLI run's metrics.csv.
    QTemporaryDir dir;
    QDir(dir.path()).mkdir("cli-run");
    const QString csv = dir.filePath("cli-run/metrics.csv");
    {
        std::ofstream f(csv.toStdString());
        f << metricsCsvHeader() << '\n';
        for (const auto &m : runs->runs()[0].history)
            f << metricsCsvRow(m) << '\n';
    }
    QString error;
    ASSERT_TRUE(runs->loadMetricsCsv(csv, &error)) << error.toStdString();
    ASSERT_EQ(runs->runs().size(), 3u);
    EXPECT_EQ(runs->runs()[2].label, QStringLiteral("Run 4 — cli-run (CLI)"));
    EXPECT_EQ(runs->runs()[2].history.size(), 2u);
    EXPECT_EQ(runs->plot()->legend->itemCount(), 3);
    EXPECT_FALSE(runs->loadMetricsCsv(dir.filePath("missing.csv"), &error));
    EXPECT_TRUE(error.contains("missing.csv"));

    // Room for kMaxRuns: the oldest run neither kept nor live goes first.
    for (int i = 0; i < RunComparison::kMaxRuns; ++i)
        runs->addRun(QStringLiteral("extra"), runs->runs()[0].history);
    EXPECT_EQ(int(runs->runs().size()), RunComparison::kMaxRuns);
    EXPECT_EQ(runs->runs()[0].id, first) << "the kept run stays";
}

TEST(TrainingView, HistogramsOfTheRunAndNarrowLayoutAsTabs)
{
    Dock d(quickstart(30, 10, 1), 700);
    EXPECT_FALSE(d.view.isWide()) << "a narrow dock shows its pages as tabs";
    auto *tabs = d.view.findChild<QTabWidget *>("trainingPages");
    ASSERT_NE(tabs, nullptr);
    EXPECT_EQ(tabs->count(), 3);
    tabs->setCurrentIndex(2);
    ASSERT_TRUE(d.trainToTheEnd());
    HistogramView *h = d.view.histograms();
    ASSERT_TRUE(QTest::qWaitFor([&] { return h->current() != nullptr; }, 5000));
    EXPECT_EQ(h->selector()->count(), 2 + 3 + 2) << "all weights, all angles, 3 projections, 2 populations";
    EXPECT_EQ(h->selector()->currentText(), QStringLiteral("all weights"));
    h->selector()->setCurrentIndex(1);
    const ParameterHistogram *a = h->current();
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->kind, ParameterHistogram::Kind::Angles);
    EXPECT_EQ(a->total(), 8 * 3 + 2 * 3);
    EXPECT_EQ(h->bars()->data()->size(), int(a->counts.size()));
    double sum = 0;
    for (auto it = h->bars()->data()->constBegin(); it != h->bars()->data()->constEnd(); ++it)
        sum += it->value;
    EXPECT_EQ(sum, double(a->total()));
    d.view.resize(1400, 420);
    QCoreApplication::processEvents();
    EXPECT_TRUE(d.view.isWide());
    EXPECT_EQ(tabs->count(), 0);
    EXPECT_TRUE(h->isVisibleTo(&d.view));
    EXPECT_EQ(h->selector()->currentIndex(), 1) << "the choice survives the new layout";
}

// The same network with GLM neurons against quickstart (SQS, exact), on a slice of the
// training split; the dock at a width that shows curves, comparison and histogram together.
TEST(TrainingView, ScreenshotOfTwoRunsCompared)
{
    const Project sqs = quickstart(400, kUnderTsan ? 100 : 400, kUnderTsan ? 3 : 8);
    Dock d(withKind(sqs, "glm"), 1500);
    d.view.resize(1500, 460);
    ASSERT_TRUE(d.trainToTheEnd());
    d.model.resetProject(sqs, QString());
    ASSERT_TRUE(d.trainToTheEnd());
    d.view.histograms()->selector()->setCurrentIndex(0); // all weights
    QTest::qWait(200);
    const QString path = QDir::temp().filePath("lab-compare.png");
    ASSERT_TRUE(d.view.grab().save(path));
    std::printf("[ screenshot ] %s\n", qPrintable(path));
    EXPECT_EQ(d.view.runs()->plot()->legend->itemCount(), 2);
    // The learning signal of the run's last steps is shown (the snapshot forced at the end of
    // a run carries on the values of one the GUI had not taken yet).
    QCPGraph *g = d.view.signalPlot()->graph(0);
    bool found = false;
    const QCPRange keys = g->data()->keyRange(found);
    ASSERT_TRUE(found);
    EXPECT_EQ(keys.upper, double(d.controller.latest()->globalStep));
}

} // namespace sqsnn::lab::test

// Issue 16 in the lab: the Neuron view records the NOISY state (Bloch vectors of the reduced
// density matrices inside the sphere, the register's purity falling as it decoheres; the ideal
// register stays pure), "Ideal | noisy" replays one sample both ways bit for bit like the core
// replays of the noisy project and of the same project written without noise, the readout as
// an S-shot estimate with binomial error bars, and the status bar's device counter against a
// hand count. Real windows offscreen, real training runs, real lesson files.
#include "TestSupport.hpp"

#include "model/ProjectModel.hpp"
#include "panels/LessonPanel.hpp"
#include "training/Trainer.hpp"
#include "training/TrainingController.hpp"
#include "views/ActivityView.hpp"
#include "views/BlochSphereWidget.hpp"
#include "views/NeuronView.hpp"
#include "views/NoiseComparePanel.hpp"
#include "views/PlotInclude.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"

#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <cmath>

namespace sqsnn::lab::test {

namespace {

struct NoiseLab
{
    NoiseLab()
    {
        window.setRemoveRecoveryOnClose(false);
        window.resize(1600, 1000);
        window.show();
        QCoreApplication::processEvents();
    }
    ~NoiseLab()
    {
        run()->stop();
        (void)QTest::qWaitFor([&] { return !run()->isBusy(); }, 10000 * kSlow);
        window.close();
    }
    TrainingController *run() const { return window.training(); }
    NeuronView *neuron() const { return window.neuronView(); }
    bool stepTimes(int n)
    {
        const std::int64_t start = run()->isActive() ? run()->stepsTaken() : 0;
        for (int k = 1; k <= n; ++k) {
            run()->stepTime();
            if (!QTest::qWaitFor([&] { return run()->stepsTaken() == start + k && run()->state() == RunState::Paused
                                              && run()->latest() && run()->latest()->globalStep == start + k; },
                                 20000 * kSlow))
                return false;
        }
        return QTest::qWaitFor([&] { return !neuron()->history().empty() && neuron()->history().back().step == start + n; },
                               5000 * kSlow);
    }
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
};

// One neuron per class, 1 I/O + 1 memory qubit; the memory is turned by RY(0.5) every step and
// never coupled to the I/O qubit. With pure dephasing (T2 only, instantaneous gates) nothing
// pulls the memory back to a pure state: its Bloch vector can only shrink.
nlohmann::json dephasingDoc(bool noisy)
{
    nlohmann::json d = parseProjectText(R"({
      "format_version": 1, "seed": 3,
      "network": {"populations": [
          {"name": "light", "kind": "input", "size": 0},
          {"name": "readout", "kind": "sqs", "size": 2, "readout": true, "io_qubits": 1,
           "memory_qubits": 1, "ansatz": {"generator": "custom", "gates": [
             {"gate": "RX", "qubits": [0], "param": 0},
             {"gate": "RY", "qubits": [1], "angle": 0.5}]}}],
        "projections": [{"from": "light", "to": "readout"}]},
      "data": {"dataset": "intensity", "classes": [1, 0], "train_samples": 4, "test_samples": 4,
               "encoder": "repeat", "time_steps": 10},
      "parameters": {"population/readout": [0.2, 0.0], "projection/light->readout": [0.8, 0.3]}})",
                                        "dephasing.sqsnn.json");
    if (noisy)
        d["network"]["populations"][1]["noise"] = {{"t2_us", 8.0}, {"idle_ns", 2000.0}, {"gate_ns_1q", 0.0}};
    return d;
}

QString lesson7() { return LessonPanel::lessonFiles().at(6).absoluteFilePath(); }

nlohmann::json lessonDoc()
{
    QFile f(lesson7());
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return parseProjectText(f.readAll().toStdString(), "07.sqsnn.json");
}

std::vector<WatchedStep> coreReplay(const Project &p, int sample)
{
    Trainer t(p, TrainerOptions{1});
    return replayWatched(t, t.data().test, std::size_t(sample), 1, 0);
}

} // namespace

// Item 1: the Neuron view shows the noisy state, not the stale pure one.
TEST(NoiseLab, NeuronViewShowsTheMemoryDecohering)
{
    NoiseLab lab;
    lab.window.model()->resetProject(projectFromJson(dephasingDoc(true), "d"), QString());
    QCoreApplication::processEvents();
    ASSERT_TRUE(lab.stepTimes(10));
    const auto &h = lab.neuron()->history();
    ASSERT_EQ(h.size(), 10u);
    const double e2 = std::exp(-2000.0 / 8000.0), c = std::cos(0.5), s = std::sin(0.5);
    double x = 0, z = 1; // the memory's closed form: RY(0.5), recorded, then x *= e2
    for (std::size_t t = 0; t < h.size(); ++t) {
        SCOPED_TRACE(t);
        const double x1 = c * x + s * z, z1 = -s * x + c * z;
        x = x1;
        z = z1;
        EXPECT_TRUE(h[t].mixed);
        ASSERT_EQ(h[t].bloch.size(), 2u);
        EXPECT_NEAR(h[t].bloch[1].x(), x, 1e-12);
        EXPECT_NEAR(h[t].bloch[1].z(), z, 1e-12);
        EXPECT_NEAR(h[t].purity, (1 + x * x + z * z) / 2, 1e-12);
        if (t > 0) {
            EXPECT_LT(h[t].registerPurity, h[t - 1].registerPurity - 1e-3) << "falls every idle gap";
            EXPECT_LT(h[t].bloch[1].norm(), h[t - 1].bloch[1].norm()) << "the memory's vector shrinks";
        }
        x *= e2;
    }
    EXPECT_LT(h.back().registerPurity, 0.8);
    // What the view shows: the memory sphere's vector inside the sphere, the register purity
    // trace and the info line.
    EXPECT_TRUE(lab.neuron()->spheres().at(1)->current().isApprox(h.back().bloch[1], 1e-15));
    EXPECT_LT(lab.neuron()->spheres().at(1)->current().norm(), 0.9);
    QCPGraph *reg = lab.neuron()->plot()->graph(3);
    ASSERT_EQ(reg->dataCount(), 10);
    EXPECT_EQ((reg->data()->constEnd() - 1)->value, h.back().registerPurity);
    EXPECT_TRUE(lab.window.findChild<QLabel *>("neuronInfo")->text().contains("register purity"));
    EXPECT_NEAR(lab.neuron()->traceTable().rows.back().last().toDouble(), h.back().registerPurity, 1e-9);
}

TEST(NoiseLab, IdealRegisterStaysPure)
{
    NoiseLab lab;
    lab.window.model()->resetProject(projectFromJson(dephasingDoc(false), "d"), QString());
    QCoreApplication::processEvents();
    ASSERT_TRUE(lab.stepTimes(10));
    for (const NeuronStep &n : lab.neuron()->history()) {
        EXPECT_FALSE(n.mixed);
        EXPECT_NEAR(n.registerPurity, 1, 1e-12);
        EXPECT_NEAR(n.bloch[1].norm(), 1, 1e-12);
    }
    EXPECT_FALSE(lab.neuron()->noiseCompareButton()->isEnabled()) << "nothing to compare";
    EXPECT_FALSE(lab.neuron()->noiseCompareButton()->isVisibleTo(lab.neuron()));
    EXPECT_FALSE(lab.neuron()->plot()->graph(3)->visible()) << "the register purity trace: noisy only";
}

// Full speed: the last complete sample is published whole, on the noisy path too.
TEST(NoiseLab, FullSpeedPublishesTheNoisySample)
{
    NoiseLab lab;
    lab.window.model()->resetProject(projectFromJson(dephasingDoc(true), "d"), QString());
    lab.run()->train();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy(); }, 60000 * kSlow));
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.neuron()->history().size() >= 10; }, 5000));
    const auto &h = lab.neuron()->history();
    const NeuronStep &last = h.back(), &first = h[h.size() - 10];
    EXPECT_TRUE(last.mixed);
    EXPECT_LT(last.registerPurity, first.registerPurity - 0.1);
}

// Item 2: ideal | noisy, bit for bit against the core replays of the two project files.
TEST(NoiseLab, IdealNoisyReplayMatchesBothRuns)
{
    NoiseLab lab;
    ASSERT_TRUE(lab.window.files()->openFile(lesson7(), false));
    QCoreApplication::processEvents();
    NeuronView *nv = lab.neuron();
    ASSERT_TRUE(nv->noiseCompareButton()->isEnabled());
    EXPECT_TRUE(nv->noiseCompareButton()->isVisibleTo(nv));
    EXPECT_TRUE(nv->plot()->graph(3)->visible());
    NoiseComparePanel *panel = nv->noiseCompare();
    panel->sampleBox()->setValue(1);
    nv->noiseCompareButton()->click();
    ASSERT_TRUE(panel->isVisible());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !panel->isBusy() && !panel->noisy().empty(); }, 30000 * kSlow))
        << panel->status()->text().toStdString();

    nlohmann::json plain = lessonDoc();
    plain["network"]["populations"][1].erase("noise"); // the file as if written without noise
    const auto ideal = coreReplay(projectFromJson(plain, "plain"), 1);
    const auto noisy = coreReplay(projectFromJson(lessonDoc(), "07"), 1);
    ASSERT_EQ(panel->ideal().size(), 12u);
    EXPECT_TRUE(panel->ideal() == ideal) << "the ideal side is the noise-free project's run";
    EXPECT_TRUE(panel->noisy() == noisy) << "the noisy side is the noisy project's run";
    EXPECT_FALSE(panel->ideal() == panel->noisy());
    for (std::size_t t = 0; t < ideal.size(); ++t) {
        EXPECT_NEAR(panel->ideal()[t].state.registerPurity, 1, 1e-12);
        EXPECT_EQ(panel->ideal()[t].currents, panel->noisy()[t].currents) << "same sample, same seed";
    }
    EXPECT_LT(panel->noisy().back().state.registerPurity, 0.9);
    // Shown side by side: each row's memory sphere ends at its side's last vector.
    EXPECT_TRUE(panel->spheres(false).at(1)->current().isApprox(ideal.back().state.bloch[1], 1e-15));
    EXPECT_TRUE(panel->spheres(true).at(1)->current().isApprox(noisy.back().state.bloch[1], 1e-15));
    EXPECT_EQ(panel->plot()->graph(5)->dataCount(), 12);
    EXPECT_TRUE(panel->status()->text().contains("register purity")) << panel->status()->text().toStdString();
}

// Item 3: the readout as an S-shot estimate with error bars, and the device counter.
TEST(NoiseLab, ReadoutShotEstimateWithErrorBars)
{
    NoiseLab lab;
    ASSERT_TRUE(lab.window.files()->openFile(lesson7(), false));
    ASSERT_TRUE(lab.stepTimes(3));
    ActivityView *av = lab.window.activityView();
    const std::vector<double> exact = lab.run()->latest()->readoutProbabilities;
    ASSERT_EQ(exact.size(), 2u);
    av->shots()->setValue(200);
    const ShotEstimate want = estimateFromShots(exact, 200, ActivityView::shotSeed(3));
    ASSERT_EQ(av->shotEstimate().p, want.p);
    auto bars = static_cast<QCPBars *>(av->readout()->plottable(0));
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ((bars->data()->constBegin() + i)->value, want.p[std::size_t(i)]);
    const DataTable t = av->readoutTable();
    EXPECT_EQ(t.columns.join(u','), "class,name,p_spike,shots,p_estimate,standard_error");
    EXPECT_EQ(t.rows[0][5].toDouble(), want.error[0]);
    av->shots()->setValue(0); // exact again
    EXPECT_TRUE(av->shotEstimate().p.empty());
    EXPECT_EQ(bars->data()->constBegin()->value, exact[0]);
    EXPECT_EQ(av->readoutTable().columns.size(), 3);
}

TEST(NoiseLab, DeviceCounterMatchesAHandCount)
{
    NoiseLab lab;
    nlohmann::json d = lessonDoc();
    d["training"]["estimator"] = "shift";
    d["training"]["shots"] = 10;
    d["data"]["train_samples"] = 4;
    d["data"]["test_samples"] = 3;
    lab.window.model()->resetProject(projectFromJson(d, "07"), QString());
    lab.run()->train();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !lab.run()->isBusy(); }, 60000 * kSlow));
    ASSERT_TRUE(QTest::qWaitFor([&] { return lab.run()->latest() && lab.run()->latest()->evaluationsDone == 3; }, 5000));
    // Hand count: 2 neurons, gates RX(param) on the I/O qubit and a fixed RY on the memory:
    // shift per neuron and step 1 + 2 + 2K (K = 5) = 13; T = 12: a training sample runs
    // 1 + 2 * 12 * 13 = 313 circuits, 1 + 312 * 10 = 3121 shots; a test sample 1 and 1.
    const auto s = lab.run()->latest();
    EXPECT_EQ(s->samplesDone, 4);
    EXPECT_EQ(s->circuitExecutions, 4 * 313 + 3);
    EXPECT_EQ(s->shotsSpent, 4 * 3121 + 3);
    EXPECT_FALSE(s->costSimulatorOnly);
    const QString shown = lab.window.findChild<QLabel *>("statusCost")->text();
    EXPECT_EQ(shown, MainWindow::costText(*s));
    EXPECT_TRUE(shown.contains(QString("1") + QChar(0x2009) + "255 circuits")) << shown.toStdString();
}

} // namespace sqsnn::lab::test

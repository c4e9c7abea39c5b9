// The experiment's cell API: the methods axis (model x method x seed), per-cell progress, a
// stop mid-grid (also mid-epoch) and the resume that skips finished cells and ends equal to an
// uninterrupted run, and the calibration that estimates the grid's duration.
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/Experiment.hpp"
#include "training/Trainer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

using namespace sqsnn;
namespace fs = std::filesystem;

namespace {

struct TempDir
{
    TempDir()
        : path(fs::temp_directory_path()
               / ("sqsnn-cells-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path path;
    static inline int counter = 0;
};

// 2 models x 2 seeds x 2 epochs on a few quickstart samples; `extra` adds top-level keys.
std::string writeExperiment(const fs::path &dir, const std::string &extra = "")
{
    const std::string file = (dir / "e.experiment.json").string();
    std::ofstream(file) << R"({"title": "cells", "base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/quickstart.sqsnn.json", "seeds": [3, 4], "epochs": 2,
        "overrides": {"data": {"train_samples": 16, "test_samples": 8}},
        "models": [{"name": "SQS"}, {"name": "GLM net", "kind": "glm"}])"
                        << extra << "}";
    return file;
}

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const InputError &e) {
        return e.what();
    }
    return "(no error)";
}

// Counts the callbacks per checkpoint and raises `stop` at a chosen training sample.
struct Recorder : ExperimentObserver
{
    void onCellStart(const ExperimentCell &c, std::int64_t, int done, int) override
    {
        started[c.checkpoint] = done;
    }
    void onCellSample(const ExperimentCell &c, int epoch, int index, int) override
    {
        ++samples[c.checkpoint];
        if (stop && c.checkpoint == stopCell && epoch == stopEpoch && index == stopIndex)
            *stop = true;
    }
    void onCellEpoch(const ExperimentCell &c, const EpochMetrics &) override { ++epochs[c.checkpoint]; }
    void onCellEnd(const ExperimentCell &c, bool finished) override { ended[c.checkpoint] = finished; }
    std::map<std::string, int> started, samples, epochs;
    std::map<std::string, bool> ended;
    std::atomic<bool> *stop = nullptr;
    std::string stopCell;
    int stopEpoch = 0, stopIndex = -1;
};

} // namespace

TEST(ExperimentCells, WithoutAMethodAxisTheFilesAndColumnsAreUnchanged)
{
    TempDir dir;
    const Experiment e = loadExperiment(writeExperiment(dir.path));
    EXPECT_TRUE(e.methods.empty());
    const auto cells = experimentCells(e, dir.path.string());
    ASSERT_EQ(cells.size(), 4u);
    EXPECT_EQ(fs::path(cells[0].checkpoint).filename(), "sqs-seed3.sqsnn.json");
    EXPECT_EQ(fs::path(cells[3].checkpoint).filename(), "glm-net-seed4.sqsnn.json");
    const auto rows = runExperiment(e, dir.path.string(), {}, "test", {});
    std::ifstream csv(dir.path / "results.csv");
    std::string header;
    std::getline(csv, header);
    EXPECT_EQ(header.rfind("model,seed,parameters,epoch,", 0), 0u) << header;
    std::ifstream md(dir.path / "summary.md");
    const std::string summary((std::istreambuf_iterator<char>(md)), {});
    EXPECT_NE(summary.find("| model | parameters | seeds |"), std::string::npos) << summary;
    EXPECT_EQ(rows.size(), 8u);
}

TEST(ExperimentCells, TheMethodsAxisMakesModelTimesMethodTimesSeedCells)
{
    TempDir dir;
    const Experiment e = loadExperiment(writeExperiment(dir.path, R"(, "methods": ["local", "bptt"])"));
    ASSERT_EQ(e.methods, (std::vector<std::string>{"local", "bptt"}));
    const auto cells = experimentCells(e, dir.path.string());
    ASSERT_EQ(cells.size(), 8u); // 2 models x 2 methods x 2 seeds
    EXPECT_EQ(fs::path(cells[0].checkpoint).filename(), "sqs-local-seed3.sqsnn.json");
    EXPECT_EQ(fs::path(cells[2].checkpoint).filename(), "sqs-bptt-seed3.sqsnn.json");
    EXPECT_EQ(cells[2].method, "bptt");
    EXPECT_EQ(experimentCellProject(e, cells[2]).training.method, "bptt");
    EXPECT_EQ(experimentCellProject(e, cells[0]).training.method, "local");

    // The local cell trains. The bptt cell trains where the trainer has bptt, and where it does
    // not yet (this branch: "training.method: 'bptt' is not built yet") fails with the
    // trainer's message, named by its cell.
    EXPECT_TRUE(runExperimentCell(e, cells[0], false, 1, nullptr, nullptr));
    EXPECT_EQ(experimentCellEpochsDone(cells[0]), 2);
    const std::string trainerSays = errorOf([&] { Trainer t(experimentCellProject(e, cells[2])); });
    const bool bpttBuilt = trainerSays == "(no error)";
    const std::string err = errorOf([&] { runExperimentCell(e, cells[2], false, 1, nullptr, nullptr); });
    if (bpttBuilt) {
        EXPECT_EQ(err, "(no error)");
        EXPECT_EQ(experimentCellEpochsDone(cells[2]), 2);
    } else {
        EXPECT_EQ(err, "model 'SQS' method 'bptt' seed 3: " + trainerSays);
        EXPECT_NE(err.find("training.method: 'bptt' is not built yet"), std::string::npos) << err;
        EXPECT_EQ(experimentCellEpochsDone(cells[2]), 0);
    }

    // The rows carry the method, and results.csv gains a method column after the model.
    const auto rows = experimentRows(e, cells);
    ASSERT_EQ(rows.size(), bpttBuilt ? 4u : 2u);
    EXPECT_EQ(rows[0].method, "local");
    const std::string csv = experimentResultsCsv(rows);
    EXPECT_EQ(csv.rfind("model,method,seed,parameters,epoch,", 0), 0u) << csv;
    EXPECT_NE(csv.find("\nSQS,local,3,"), std::string::npos) << csv;
    EXPECT_NE(experimentSummary(e, rows, "c").find("| SQS | local |"), std::string::npos);
}

TEST(ExperimentCells, BadMethodsAndSeedsNameTheKey)
{
    TempDir dir;
    std::string err = errorOf([&] { loadExperiment(writeExperiment(dir.path, R"(, "methods": ["sgd"])")); });
    EXPECT_NE(err.find("/methods/0: must be \"local\" or \"bptt\", got \"sgd\""), std::string::npos) << err;
    err = errorOf([&] { loadExperiment(writeExperiment(dir.path, R"(, "methods": [])")); });
    EXPECT_NE(err.find("/methods"), std::string::npos) << err;
    err = errorOf([&] { loadExperiment(writeExperiment(dir.path, R"(, "methods": ["local", "local"])")); });
    EXPECT_NE(err.find("listed twice"), std::string::npos) << err;
}

TEST(ExperimentCells, AStopMidGridResumesWithoutRerunningFinishedCellsAndEndsEqual)
{
    TempDir dir, straightDir;
    const Experiment e = loadExperiment(writeExperiment(dir.path));
    const auto cells = experimentCells(e, dir.path.string());
    // Stop in the middle of the second cell's second epoch (sample 5 of 16).
    std::atomic<bool> stop{false};
    Recorder first;
    first.stop = &stop;
    first.stopCell = cells[1].checkpoint;
    first.stopEpoch = 2;
    first.stopIndex = 5;
    ExperimentOptions opt;
    opt.stop = &stop;
    opt.observer = &first;
    const auto partial = runExperiment(e, dir.path.string(), opt, "test", {});
    EXPECT_FALSE(fs::exists(dir.path / "results.csv")); // a stopped grid writes no outputs
    EXPECT_EQ(partial.size(), 3u);                      // cell 0: 2 epochs, cell 1: 1 epoch
    EXPECT_TRUE(first.ended[cells[0].checkpoint]);
    EXPECT_FALSE(first.ended[cells[1].checkpoint]);
    EXPECT_EQ(first.started.count(cells[2].checkpoint), 0u);
    EXPECT_EQ(experimentCellEpochsDone(cells[1]), 1);

    // Resume: the finished cell starts with 2/2 epochs done and trains nothing.
    Recorder second;
    opt.stop = nullptr;
    opt.observer = &second;
    const auto rows = runExperiment(e, dir.path.string(), opt, "test", {});
    EXPECT_EQ(second.started[cells[0].checkpoint], 2);
    EXPECT_EQ(second.samples[cells[0].checkpoint], 0);
    EXPECT_EQ(second.epochs[cells[0].checkpoint], 0);
    EXPECT_EQ(second.started[cells[1].checkpoint], 1);
    EXPECT_EQ(second.epochs[cells[1].checkpoint], 1);

    const auto straight = runExperiment(e, straightDir.path.string(), {}, "test", {});
    ASSERT_EQ(rows.size(), straight.size());
    ASSERT_EQ(rows.size(), 8u);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].model, straight[i].model);
        EXPECT_EQ(rows[i].metrics.epoch, straight[i].metrics.epoch);
        EXPECT_EQ(rows[i].metrics.testAccuracy, straight[i].metrics.testAccuracy) << i;
        EXPECT_EQ(rows[i].metrics.trainAccuracy, straight[i].metrics.trainAccuracy) << i;
        EXPECT_EQ(rows[i].metrics.testLoss, straight[i].metrics.testLoss) << i;
        EXPECT_EQ(rows[i].metrics.trainLoss, straight[i].metrics.trainLoss) << i;
    }
    EXPECT_TRUE(fs::exists(dir.path / "results.csv"));
}

TEST(ExperimentCells, CalibrationTimesEveryModelAndDeductsFinishedWork)
{
    TempDir dir;
    const Experiment e = loadExperiment(writeExperiment(dir.path));
    const auto cells = experimentCells(e, dir.path.string());
    ExperimentOptions opt;
    const ExperimentCalibration before = calibrateExperiment(e, cells, opt, 2);
    ASSERT_EQ(before.models.size(), 2u);
    for (const auto &m : before.models) {
        EXPECT_GT(m.trainSampleSeconds, 0) << m.model;
        EXPECT_GT(m.testSampleSeconds, 0) << m.model;
        EXPECT_GT(m.parameters, 0) << m.model;
        // One cell = epochs x (16 train + 8 test samples).
        EXPECT_NEAR(m.cellSeconds, 2 * (16 * m.trainSampleSeconds + 8 * m.testSampleSeconds),
                    1e-12 * m.cellSeconds);
    }
    auto cell = [](const ExperimentCalibration::Model &m) { return m.setupSeconds + m.cellSeconds; };
    EXPECT_GT(before.models[0].setupSeconds, 0);
    EXPECT_NEAR(before.gridSeconds, 2 * (cell(before.models[0]) + cell(before.models[1])),
                1e-9 * before.gridSeconds);
    opt.jobs = 2; // two cells at a time: half the wall time
    const ExperimentCalibration parallel = calibrateExperiment(e, cells, opt, 2);
    EXPECT_NEAR(parallel.gridSeconds, cell(parallel.models[0]) + cell(parallel.models[1]),
                1e-9 * parallel.gridSeconds);
    // After the grid ran nothing remains.
    runExperiment(e, dir.path.string(), {}, "test", {});
    EXPECT_EQ(calibrateExperiment(e, cells, {}, 1).gridSeconds, 0.0);
}

TEST(ExperimentCells, ModelQubitCountsSetNAndNmOfTheSqsPopulations)
{
    TempDir dir;
    const std::string file = (dir.path / "q.experiment.json").string();
    std::ofstream(file) << R"({"base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/quickstart.sqsnn.json", "seeds": [1],
        "models": [{"name": "a", "io_qubits": 2, "memory_qubits": 0}, {"name": "b"}]})";
    const Experiment e = loadExperiment(file);
    const Project a = experimentRunProject(e, e.models[0], 1);
    const Project b = experimentRunProject(e, e.models[1], 1);
    for (std::size_t i = 0; i < a.network.populations.size(); ++i) {
        const auto &p = a.network.populations[i];
        if (p.kind != "sqs")
            continue;
        EXPECT_EQ(p.ioQubits, p.readout ? 1 : 2) << p.name; // a readout keeps 1 line per class
        EXPECT_EQ(p.memoryQubits, 0) << p.name;
        EXPECT_EQ(b.network.populations[i].ioQubits, 1) << p.name;
    }
    // It trains (the readout rule holds).
    const auto cells = experimentCells(e, dir.path.string(), true);
    EXPECT_TRUE(runExperimentCell(e, cells[0], true, 1, nullptr, nullptr));
    std::ofstream(file) << R"({"base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/quickstart.sqsnn.json", "seeds": [1], "models": [{"name": "a", "io_qubits": 0}]})";
    const std::string err = errorOf([&] { loadExperiment(file); });
    EXPECT_NE(err.find("/models/0/io_qubits"), std::string::npos) << err;
}

// Experiments: every experiment file in projects/experiments runs end to end on a tiny slice
// (accuracy is never asserted), models are sized to the budget, and runs resume.
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/Experiment.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace sqsnn;
namespace fs = std::filesystem;

namespace {
struct TempDir
{
    TempDir()
        : path(fs::temp_directory_path() / ("sqsnn-exp-" + std::to_string(::getpid())))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path path;
};
} // namespace

TEST(Experiment, EveryExperimentFileRunsOnATinySlice)
{
    int files = 0;
    for (const auto &f : fs::directory_iterator(fs::path(SQSNN_SOURCE_DIR) / "projects/experiments")) {
        if (!f.path().string().ends_with(".experiment.json"))
            continue;
        SCOPED_TRACE(f.path().string());
        ++files;
        TempDir dir;
        const Experiment e = loadExperiment(f.path().string());
        const auto rows = runExperiment(e, dir.path.string(), ExperimentOptions{2, true}, "test", {});
        EXPECT_EQ(rows.size(), e.models.size()); // one seed, one epoch each
        for (const auto &r : rows) {
            if (e.budget > 0)
                EXPECT_LE(std::abs(double(r.parameters - e.budget)), e.tolerance * e.budget) << r.model;
            EXPECT_TRUE(std::isfinite(r.metrics.testLoss)) << r.model;
        }
        EXPECT_TRUE(fs::exists(dir.path / "results.csv"));
        EXPECT_TRUE(fs::exists(dir.path / "summary.md"));
    }
    EXPECT_GE(files, 1);
}

TEST(Experiment, AnInterruptedExperimentResumesFromItsCheckpoints)
{
    TempDir dir;
    const std::string file = (dir.path / "e.experiment.json").string();
    std::ofstream(file) << R"({"title": "t", "base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/quickstart.sqsnn.json", "seeds": [5], "epochs": 2,
        "models": [{"name": "SQS"}, {"name": "GLM net", "kind": "glm"}]})";
    const Experiment e = loadExperiment(file);
    // First only one epoch (as if stopped), then the full experiment: it continues the runs.
    Experiment small = e;
    small.base.data.trainSamples = 20;
    small.base.data.testSamples = 10;
    Experiment first = small;
    first.epochs = 1;
    runExperiment(first, dir.path.string(), {}, "test", {});
    const auto rows = runExperiment(small, dir.path.string(), {}, "test", {});
    ASSERT_EQ(rows.size(), 4u); // 2 models x 2 epochs
    // Same as running 2 epochs straight.
    TempDir other;
    const auto straight = runExperiment(small, other.path.string(), {}, "test", {});
    ASSERT_EQ(straight.size(), 4u);
    for (std::size_t i = 0; i < rows.size(); ++i)
        EXPECT_EQ(rows[i].metrics.testLoss, straight[i].metrics.testLoss) << i;
}

TEST(Experiment, BadFilesNameTheFieldAtFault)
{
    TempDir dir;
    const std::string file = (dir.path / "bad.experiment.json").string();
    std::ofstream(file) << R"({"base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/quickstart.sqsnn.json", "seeds": [1], "budget": 10,
        "models": [{"name": "SQS"}]})";
    try {
        loadExperiment(file);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("/models/0 (SQS): cannot size population 'hidden'"),
                  std::string::npos)
            << e.what();
    }
    std::ofstream(file) << R"({"base": "nope.json", "seeds": [1], "models": [{"name": "a"}]})";
    EXPECT_THROW(loadExperiment(file), InputError);
    std::ofstream(file) << R"({"base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/quickstart.sqsnn.json", "seeds": [1], "models": [{"name": "a", "kind": "hopfield"}]})";
    EXPECT_THROW(loadExperiment(file), InputError);
}

TEST(Experiment, ExperimentOverridesApplyToEveryModelBeforeTheModelsOwn)
{
    TempDir dir;
    const std::string file = (dir.path / "o.experiment.json").string();
    std::ofstream(file) << R"({"base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/quickstart.sqsnn.json", "seeds": [1],
        "overrides": {"data": {"train_samples": 30, "test_samples": 12},
                      "training": {"learning_rate": 0.01}},
        "models": [{"name": "a"},
                   {"name": "b", "overrides": {"training": {"learning_rate": 0.03}}}]})";
    const Experiment e = loadExperiment(file);
    const Project a = experimentRunProject(e, e.models[0], 1);
    const Project b = experimentRunProject(e, e.models[1], 1);
    EXPECT_EQ(a.data.trainSamples, 30);
    EXPECT_EQ(b.data.testSamples, 12);
    EXPECT_DOUBLE_EQ(a.training.learningRate, 0.01);
    EXPECT_DOUBLE_EQ(b.training.learningRate, 0.03);

    std::ofstream(file) << R"({"base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/quickstart.sqsnn.json", "seeds": [1], "overrides": [1],
        "models": [{"name": "a"}]})";
    try {
        loadExperiment(file);
        FAIL();
    } catch (const InputError &err) {
        EXPECT_NE(std::string(err.what()).find("overrides"), std::string::npos) << err.what();
    }
}

#pragma once
// Experiments: a grid of models x seeds trained on one data setup at one parameter budget, to
// compare SQSNNs with QLIF and classical SNNs (model.md section 8). An experiment file:
//   { "title": "...", "description": "...",
//     "base": "../local-rule-2class.sqsnn.json",  // a project, relative to the experiment file
//     "budget": 1040,          // trainable parameters every model is sized to (0 = as is)
//     "hidden": "hidden",      // the population whose size is matched to the budget
//     "tolerance": 0.02,       // the largest relative distance from the budget allowed
//     "seeds": [1, 2, 3], "epochs": 100,           // epochs: optional, else the base's
//     "overrides": {"data": {"train_samples": 10000}},  // optional: changes every model shares
//     "models": [ { "name": "SQSNN exact",
//                   "kind": "sqs",                  // optional: every neuron population's kind
//                   "overrides": {"training": {"estimator": "shift", "shots": 5}} }, ... ] }
// "overrides" is a JSON merge patch (RFC 7386) applied to the base project's JSON (arrays are
// replaced whole): the experiment's first, then the model's; "kind" turns every non-input population into that kind (dropping the other
// kinds' fields). Each run is the base project with the model's changes, the seed, the hidden
// size matched to the budget, and the epochs; runs are checkpointed, so an interrupted
// experiment resumes where it stopped.
#include "project/Project.hpp"
#include "training/Metrics.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sqsnn {

struct ExperimentModel
{
    std::string name;
    std::string kind;             // "" = keep the base's kinds
    nlohmann::json overrides = nlohmann::json::object();
};

struct Experiment
{
    std::string title, description;
    std::string baseFile;          // as written in the file
    Project base;
    std::int64_t budget = 0;
    std::string hidden = "hidden";
    double tolerance = 0.02;
    std::vector<std::uint64_t> seeds;
    int epochs = -1;
    nlohmann::json overrides = nlohmann::json::object(); // applied before every model's own
    std::vector<ExperimentModel> models;
};

// Reads and validates an experiment file (InputError "<file>: <json path>: ...").
Experiment loadExperiment(const std::string &path);

// The project of one run: base + model changes + seed + epochs, the hidden population sized to
// the budget. InputError when the budget cannot be met within the tolerance.
Project experimentRunProject(const Experiment &e, const ExperimentModel &m, std::uint64_t seed);

struct ExperimentOptions
{
    int jobs = 1;       // runs in parallel
    bool tiny = false;  // a slice to prove the pipeline: 1 seed, 1 epoch, a few samples
    int threads = 0;    // training threads per run; 0 = the machine's cores / jobs
};

struct ExperimentRow
{
    std::string model;
    std::uint64_t seed = 0;
    std::int64_t parameters = 0;
    EpochMetrics metrics;
};

// Runs the grid into `outDir` (runs/<model>-seed<k>.sqsnn.json checkpoints, results.csv,
// summary.md), resuming finished epochs. `progress` (optional) gets one line per event.
std::vector<ExperimentRow> runExperiment(const Experiment &e, const std::string &outDir,
                                         const ExperimentOptions &options,
                                         const std::string &command,
                                         const std::function<void(const std::string &)> &progress);

// One cell of the grid: a model x seed and its checkpoint (DIR/runs/<model>-seed<k>.sqsnn.json).
struct ExperimentCell
{
    const ExperimentModel *model = nullptr;
    std::uint64_t seed = 0;
    std::string checkpoint;
};

// The grid's cells in results order (models x seeds; the first seed only when `tiny`).
std::vector<ExperimentCell> experimentCells(const Experiment &e, const std::string &outDir,
                                            bool tiny);

// Trains one cell to the experiment's epochs with `threads` threads (0 = every core), starting
// from its checkpoint when one exists and saving the checkpoint (atomically) after every epoch,
// so a run stopped at any moment resumes from its last finished epoch. A finished cell trains
// nothing. This is the unit the MPI scheduler (app/cli/mpi) hands to ranks.
void runExperimentCell(const Experiment &e, const ExperimentCell &cell,
                       const ExperimentOptions &options, int threads,
                       const std::function<void(const std::string &)> &say);

// Reads every cell's checkpoint and writes DIR/results.csv and DIR/summary.md.
std::vector<ExperimentRow> writeExperimentResults(const Experiment &e, const std::string &outDir,
                                                  const std::vector<ExperimentCell> &cells,
                                                  const std::string &command);

// results.csv and summary.md from the rows (one row per model x seed x epoch).
std::string experimentResultsCsv(const std::vector<ExperimentRow> &rows);
std::string experimentSummary(const Experiment &e, const std::vector<ExperimentRow> &rows,
                              const std::string &command);

} // namespace sqsnn

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
//                   "io_qubits": 2, "memory_qubits": 1,  // optional: N, N_M of every SQS population
//                   "overrides": {"training": {"estimator": "shift", "shots": 5}} }, ... ],
//     "methods": ["local", "bptt"] }  // optional: a training.method axis (model x method x seed)
// "overrides" is a JSON merge patch (RFC 7386) applied to the base project's JSON (arrays are
// replaced whole): the experiment's first, then the model's; "kind" turns every non-input population into that kind (dropping the other
// kinds' fields). Each run is the base project with the model's changes, the seed, the hidden
// size matched to the budget, and the epochs; runs are checkpointed, so an interrupted
// experiment resumes where it stopped. With "methods", every model runs once per method (the
// method sets training.method after the model's overrides); without it the grid, the file names
// and the outputs are exactly those of a file without the axis.
//
// The cell API (experimentCells, runExperimentCell, experimentRows, writeExperimentOutputs) is
// what runExperiment is built from; the lab's Experiment window and other runners use it to run
// cells on their own workers, with per-cell progress and a stop flag (pause = stop, resume =
// run again: finished cells are skipped, a cell continues from its last finished epoch).
#include "project/Project.hpp"
#include "training/Metrics.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace sqsnn {

struct ExperimentModel
{
    std::string name;
    std::string kind;             // "" = keep the base's kinds
    int ioQubits = 0;             // "io_qubits": N of every hidden (non-readout) SQS population (0 = keep)
    int memoryQubits = -1;        // "memory_qubits": N_M of every SQS population (-1 = keep)
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
    std::vector<std::string> methods; // empty = no method axis (the projects' own method)
};

// Reads and validates an experiment file (InputError "<file>: <json path>: ...").
Experiment loadExperiment(const std::string &path);
// The same from an already parsed document; `path` names it in messages and locates "base".
Experiment parseExperiment(const nlohmann::json &doc, const std::string &path);

// The project of one run: base + model changes + seed + epochs, the hidden population sized to
// the budget. InputError when the budget cannot be met within the tolerance. `method` ("" = keep
// the project's) sets training.method.
Project experimentRunProject(const Experiment &e, const ExperimentModel &m, std::uint64_t seed,
                             const std::string &method = "");

// One cell of the grid: a model x method x seed and its checkpoint file.
struct ExperimentCell
{
    std::size_t model = 0;   // index into Experiment::models
    std::string method;      // "" without a method axis
    std::uint64_t seed = 0;
    std::string checkpoint;  // <outDir>/runs/<model slug>[-<method>]-seed<k>.sqsnn.json
};

// Calls from the workers, serialised by runExperiment (one at a time); runExperimentCell alone
// calls from the thread it runs on. Keep them short.
class ExperimentObserver
{
public:
    virtual ~ExperimentObserver() = default;
    virtual void onCellStart(const ExperimentCell &, std::int64_t /*parameters*/,
                             int /*epochsDone*/, int /*epochs*/) {}
    // After every training sample of the cell's current epoch.
    virtual void onCellSample(const ExperimentCell &, int /*epoch*/, int /*index*/,
                              int /*total*/) {}
    virtual void onCellEpoch(const ExperimentCell &, const EpochMetrics &) {}
    // finished: every epoch done (false: stopped part-way).
    virtual void onCellEnd(const ExperimentCell &, bool /*finished*/) {}
};

struct ExperimentOptions
{
    int jobs = 1;       // runs in parallel
    bool tiny = false;  // a slice to prove the pipeline: 1 seed, 1 epoch, a few samples
    const std::atomic<bool> *stop = nullptr; // raised: every cell stops after its current step
    ExperimentObserver *observer = nullptr;
    int threads = 0;    // training threads per run; 0 = the machine's cores / jobs
};

// Turns cell events into the CLI's progress lines ("run M seed k: P parameters, d/E epochs
// done", "  M seed k: epoch e, test accuracy a"), one at a time (a mutex), and forwards every
// event to `inner` (may be null). runExperiment and the MPI runner use it.
class ExperimentProgress : public ExperimentObserver
{
public:
    ExperimentProgress(const Experiment &e, std::function<void(const std::string &)> progress,
                       ExperimentObserver *inner = nullptr)
        : m_e(&e), m_inner(inner), m_progress(std::move(progress))
    {}
    void onCellStart(const ExperimentCell &c, std::int64_t params, int done, int epochs) override;
    void onCellSample(const ExperimentCell &c, int epoch, int index, int total) override;
    void onCellEpoch(const ExperimentCell &c, const EpochMetrics &m) override;
    void onCellEnd(const ExperimentCell &c, bool finished) override;

private:
    const Experiment *m_e;
    ExperimentObserver *m_inner;
    std::function<void(const std::string &)> m_progress;
    std::mutex m_mutex;
};

struct ExperimentRow
{
    std::string model;
    std::uint64_t seed = 0;
    std::int64_t parameters = 0;
    EpochMetrics metrics;
    std::string method; // "" without a method axis
};

// The grid in order: models, then methods, then seeds (tiny: the first seed only).
std::vector<ExperimentCell> experimentCells(const Experiment &e, const std::string &outDir,
                                            bool tiny = false);
// The project a cell trains: its checkpoint when there is one (the epochs already done), else
// experimentRunProject; the experiment's epochs (tiny: 1 epoch, 20 train / 10 test samples).
Project experimentCellProject(const Experiment &e, const ExperimentCell &c, bool tiny = false);
// Epochs the cell has finished (0 without a checkpoint) and the epochs it needs.
int experimentCellEpochsDone(const ExperimentCell &c);
int experimentCellEpochs(const Experiment &e, bool tiny = false);
// Trains one cell from its checkpoint, saving the checkpoint after every epoch. `threads` for
// the trainer (0 = every core). True when all its epochs are done, false when `stop` ended it
// (the epoch in flight is dropped; running the cell again redoes it, bit-identically).
// InputError "model 'M' [method 'x'] seed k: ..." when its project cannot be trained.
bool runExperimentCell(const Experiment &e, const ExperimentCell &c, bool tiny, int threads,
                       ExperimentObserver *observer, const std::atomic<bool> *stop);
// One row per recorded epoch of every cell's checkpoint (cells without one are skipped).
std::vector<ExperimentRow> experimentRows(const Experiment &e,
                                          const std::vector<ExperimentCell> &cells);
// results.csv and summary.md into outDir.
void writeExperimentOutputs(const Experiment &e, const std::vector<ExperimentRow> &rows,
                            const std::string &outDir, const std::string &command);

// Measured cost of a grid: the trainer's set-up (data loading) and a few training and test
// samples of each model x method, and the remaining work of `cells` (set-up + the epochs their
// checkpoints do not hold yet) at `jobs` cells in parallel.
struct ExperimentCalibration
{
    struct Model
    {
        std::string model, method;
        std::int64_t parameters = 0;
        double trainSampleSeconds = 0, testSampleSeconds = 0;
        double cellSeconds = 0;  // the epochs of one cell (train + test samples)
        double setupSeconds = 0; // building a cell's trainer (loading its data), once per cell
    };
    std::vector<Model> models;
    double gridSeconds = 0;     // the remaining cells, wall time with `jobs` in parallel
};
ExperimentCalibration calibrateExperiment(const Experiment &e,
                                          const std::vector<ExperimentCell> &cells,
                                          const ExperimentOptions &options, int samples = 3);

// Runs the grid into `outDir` (runs/<model>-seed<k>.sqsnn.json checkpoints, results.csv,
// summary.md), resuming finished epochs. `progress` (optional) gets one line per event. When
// options.stop ends it early, results.csv and summary.md are not written and the rows of the
// epochs done so far are returned.
std::vector<ExperimentRow> runExperiment(const Experiment &e, const std::string &outDir,
                                         const ExperimentOptions &options,
                                         const std::string &command,
                                         const std::function<void(const std::string &)> &progress);

// The file-name form of a model name: lower case, runs of other characters as one dash.
std::string experimentSlug(const std::string &name);

// results.csv and summary.md from the rows (one row per model x seed x epoch).
std::string experimentResultsCsv(const std::vector<ExperimentRow> &rows);
// Per model (x method), in order of first appearance: the final epoch of every seed, its test
// accuracy's mean and sample std (n - 1; 0 for one seed), the mean final train accuracy, and
// the wall time summed over all epochs and seeds. summary.md's table and the lab's views.
struct ExperimentSummaryRow
{
    std::string model, method;
    std::int64_t parameters = 0;
    int epochs = 0;                   // the most epochs any seed reached
    std::vector<std::uint64_t> seeds; // ascending
    std::vector<double> finalTest;    // per seed, in the order of `seeds`
    double testMean = 0, testStd = 0, trainMean = 0, seconds = 0;
};
std::vector<ExperimentSummaryRow> summarizeExperimentRows(const std::vector<ExperimentRow> &rows);

// Reads a results.csv back (columns by header name; "method" optional). InputError naming the
// file and line for anything else.
std::vector<ExperimentRow> readExperimentResultsCsv(const std::string &path);
std::string experimentSummary(const Experiment &e, const std::vector<ExperimentRow> &rows,
                              const std::string &command);

} // namespace sqsnn

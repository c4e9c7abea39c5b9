// Running an experiment's grid: the cells, one cell from its checkpoint, the whole grid on a
// pool of threads, and the calibration that times a few samples of every model.
#include "training/Experiment.hpp"

#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "network/NetworkCheck.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

namespace sqsnn {

namespace fs = std::filesystem;

namespace {

std::string cellName(const Experiment &e, const ExperimentCell &c)
{
    return "model '" + e.models[c.model].name + "'"
           + (c.method.empty() ? "" : " method '" + c.method + "'") + " seed "
           + std::to_string(c.seed);
}

// The progress lines of the CLI ("run <name> seed k: ...", "  <name> seed k: epoch ...").
std::string displayName(const Experiment &e, const ExperimentCell &c)
{
    return e.models[c.model].name + (c.method.empty() ? "" : " [" + c.method + "]");
}

// Serialises the callbacks of the workers and turns them into the CLI's progress lines.


} // namespace

std::vector<ExperimentCell> experimentCells(const Experiment &e, const std::string &outDir,
                                            bool tiny)
{
    std::vector<ExperimentCell> cells;
    const std::vector<std::string> methods
        = e.methods.empty() ? std::vector<std::string>{""} : e.methods;
    for (std::size_t m = 0; m < e.models.size(); ++m)
        for (const auto &method : methods)
            for (std::size_t s = 0; s < (tiny ? 1 : e.seeds.size()); ++s) {
                const std::string name = experimentSlug(e.models[m].name)
                                         + (method.empty() ? "" : "-" + method) + "-seed"
                                         + std::to_string(e.seeds[s]) + ".sqsnn.json";
                cells.push_back({m, method, e.seeds[s], (fs::path(outDir) / "runs" / name).string()});
            }
    return cells;
}

int experimentCellEpochs(const Experiment &e, bool tiny)
{
    return tiny ? 1 : e.epochs >= 0 ? e.epochs : e.base.training.epochs;
}

void ExperimentProgress::onCellStart(const ExperimentCell &c, std::int64_t params, int done,
                                     int epochs)
{
    std::lock_guard lock(m_mutex);
    if (m_progress)
        m_progress("run " + displayName(*m_e, c) + " seed " + std::to_string(c.seed) + ": "
                   + std::to_string(params) + " parameters, " + std::to_string(done) + "/"
                   + std::to_string(epochs) + " epochs done");
    if (m_inner)
        m_inner->onCellStart(c, params, done, epochs);
}

void ExperimentProgress::onCellSample(const ExperimentCell &c, int epoch, int index, int total)
{
    if (!m_inner)
        return;
    std::lock_guard lock(m_mutex);
    m_inner->onCellSample(c, epoch, index, total);
}

void ExperimentProgress::onCellEpoch(const ExperimentCell &c, const EpochMetrics &m)
{
    std::lock_guard lock(m_mutex);
    if (m_progress)
        m_progress("  " + displayName(*m_e, c) + " seed " + std::to_string(c.seed) + ": epoch "
                   + std::to_string(m.epoch) + ", test accuracy "
                   + std::to_string(m.testAccuracy).substr(0, 6));
    if (m_inner)
        m_inner->onCellEpoch(c, m);
}

void ExperimentProgress::onCellEnd(const ExperimentCell &c, bool finished)
{
    std::lock_guard lock(m_mutex);
    if (m_inner)
        m_inner->onCellEnd(c, finished);
}

Project experimentCellProject(const Experiment &e, const ExperimentCell &c, bool tiny)
{
    // A checkpoint holds the epochs already done; the experiment says how many to do.
    Project p = fs::exists(c.checkpoint)
                    ? loadProject(c.checkpoint)
                    : experimentRunProject(e, e.models[c.model], c.seed, c.method);
    p.training.epochs = experimentCellEpochs(e, tiny);
    if (tiny) {
        p.data.trainSamples = 20;
        p.data.testSamples = 10;
    }
    return p;
}

int experimentCellEpochsDone(const ExperimentCell &c)
{
    if (!fs::exists(c.checkpoint))
        return 0;
    return int(loadProject(c.checkpoint).history.size());
}

bool runExperimentCell(const Experiment &e, const ExperimentCell &c, bool tiny, int threads,
                       ExperimentObserver *observer, const std::atomic<bool> *stop)
{
    try {
        fs::create_directories(fs::path(c.checkpoint).parent_path());
        const Project p = experimentCellProject(e, c, tiny);
        Trainer t(p, TrainerOptions{threads});
        struct Saver : TrainingObserver
        {
            void onSample(int epoch, int index, int total, const SampleResult &) override
            {
                if (observer)
                    observer->onCellSample(*cell, epoch, index, total);
            }
            void onEpoch(const EpochMetrics &m) override
            {
                saveProject(trainer->result(), cell->checkpoint);
                if (observer)
                    observer->onCellEpoch(*cell, m);
            }
            Trainer *trainer = nullptr;
            const ExperimentCell *cell = nullptr;
            ExperimentObserver *observer = nullptr;
        } saver;
        saver.trainer = &t;
        saver.cell = &c;
        saver.observer = observer;
        if (observer)
            observer->onCellStart(c, t.network().parameterCount(), t.epochsDone(),
                                  p.training.epochs);
        t.setStopFlag(stop);
        t.run(p.training.epochs, &saver, stop);
        const bool finished = t.epochsDone() >= p.training.epochs;
        if (finished && !fs::exists(c.checkpoint))
            saveProject(t.result(), c.checkpoint); // 0 epochs asked: the untrained project
        if (observer)
            observer->onCellEnd(c, finished);
        return finished;
    } catch (const InputError &err) {
        throw InputError(cellName(e, c) + ": " + err.what());
    }
}

std::vector<ExperimentRow> runExperiment(const Experiment &e, const std::string &outDir,
                                         const ExperimentOptions &options,
                                         const std::string &command,
                                         const std::function<void(const std::string &)> &progress)
{
    fs::create_directories(fs::path(outDir) / "runs");
    const std::vector<ExperimentCell> cells = experimentCells(e, outDir, options.tiny);
    ExperimentProgress serial(e, progress, options.observer);
    const int jobs = std::max(1, std::min<int>(options.jobs, int(cells.size())));
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const int threads = options.threads > 0 ? options.threads : int(std::max(1u, hw / unsigned(jobs)));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stopped{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        for (std::size_t k; (k = next++) < cells.size();) {
            try {
                if (!runExperimentCell(e, cells[k], options.tiny, threads, &serial, options.stop))
                    stopped = true;
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                next = cells.size();
            }
            if (options.stop && options.stop->load())
                stopped = true;
            if (stopped)
                next = cells.size();
        }
    };
    std::vector<std::thread> pool;
    for (int w = 1; w < jobs; ++w)
        pool.emplace_back(worker);
    worker();
    for (auto &th : pool)
        th.join();
    if (failure)
        std::rethrow_exception(failure);
    std::vector<ExperimentRow> rows = experimentRows(e, cells);
    if (!stopped)
        writeExperimentOutputs(e, rows, outDir, command);
    return rows;
}

ExperimentCalibration calibrateExperiment(const Experiment &e,
                                          const std::vector<ExperimentCell> &cells,
                                          const ExperimentOptions &options, int samples)
{
    using Clock = std::chrono::steady_clock;
    const int jobs = std::max(1, std::min<int>(options.jobs, int(std::max<std::size_t>(1, cells.size()))));
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const int threads = int(std::max(1u, hw / unsigned(jobs)));
    const int epochs = experimentCellEpochs(e, options.tiny);
    ExperimentCalibration cal;
    double remaining = 0;
    for (const ExperimentCell &c : cells) {
        auto it = std::find_if(cal.models.begin(), cal.models.end(), [&](const auto &m) {
            return m.model == e.models[c.model].name && m.method == c.method;
        });
        if (it == cal.models.end()) {
            ExperimentCell fresh = c;
            fresh.checkpoint.clear(); // time the untrained model, never a checkpoint
            try {
                Project p = experimentCellProject(e, fresh, options.tiny);
                auto setup = Clock::now();
                Trainer t(p, TrainerOptions{threads});
                const double setupSeconds
                    = std::chrono::duration<double>(Clock::now() - setup).count();
                ExperimentCalibration::Model m{e.models[c.model].name, c.method,
                                               t.network().parameterCount()};
                const int nTrain = std::max<int>(1, std::min<int>(samples, int(t.data().train.labels.size())));
                const int nTest = std::max<int>(1, std::min<int>(samples, int(t.data().test.labels.size())));
                auto start = Clock::now();
                for (int i = 0; i < nTrain; ++i)
                    t.trainSample(1, std::size_t(i));
                m.trainSampleSeconds
                    = std::chrono::duration<double>(Clock::now() - start).count() / nTrain;
                start = Clock::now();
                for (int i = 0; i < nTest; ++i)
                    t.evaluateSample(t.data().test, std::size_t(i));
                m.testSampleSeconds
                    = std::chrono::duration<double>(Clock::now() - start).count() / nTest;
                m.setupSeconds = setupSeconds;
                m.cellSeconds = epochs
                                * (m.trainSampleSeconds * double(t.data().train.labels.size())
                                   + m.testSampleSeconds * double(t.data().test.labels.size()));
                cal.models.push_back(m);
            } catch (const InputError &err) {
                throw InputError(cellName(e, c) + ": " + err.what());
            }
            it = cal.models.end() - 1;
        }
        const int done = std::min(epochs, experimentCellEpochsDone(c));
        if (done < epochs)
            remaining += it->setupSeconds + it->cellSeconds * double(epochs - done) / double(epochs);
    }
    cal.gridSeconds = remaining / jobs;
    return cal;
}

} // namespace sqsnn

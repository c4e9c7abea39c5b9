#include "training/Experiment.hpp"

#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "network/NetworkCheck.hpp"
#include "project/ProjectIo.hpp"
#include "project/ProjectValidation.hpp"
#include "training/Trainer.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace sqsnn {

namespace fs = std::filesystem;

namespace {

std::string slug(const std::string &name)
{
    std::string s;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            s += char(std::tolower(static_cast<unsigned char>(c)));
        else if (!s.empty() && s.back() != '-')
            s += '-';
    }
    while (!s.empty() && s.back() == '-')
        s.pop_back();
    return s.empty() ? "model" : s;
}

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open the file");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

Experiment loadExperiment(const std::string &path)
{
    const nlohmann::json doc = parseProjectText(readText(path), path);
    const ObjectReader r(doc, "", path,
                         {"title", "description", "base", "budget", "hidden", "tolerance", "seeds",
                          "epochs", "overrides", "models"},
                         "an experiment");
    Experiment e;
    e.title = r.text("title", "");
    e.description = r.text("description", "");
    e.baseFile = r.text("base", "");
    if (e.baseFile.empty())
        r.fail("base", "must name the base project file");
    const fs::path base = fs::path(path).parent_path() / e.baseFile;
    e.base = loadProject(base.string());
    e.budget = r.integer("budget", 0, 0, 1'000'000'000);
    e.hidden = r.text("hidden", e.hidden);
    e.tolerance = r.number("tolerance", e.tolerance, NumberRange::closed(0, 1));
    e.epochs = int(r.integer("epochs", -1, -1, 100000));
    if (const nlohmann::json *o = r.find("overrides")) {
        if (!o->is_object())
            r.fail("overrides", "must be an object (a JSON merge patch of the base project)", *o);
        e.overrides = *o;
    }
    const nlohmann::json *seeds = r.find("seeds");
    if (!seeds || !seeds->is_array() || seeds->empty())
        r.fail("seeds", "must be a non-empty list of seeds", seeds ? *seeds : nlohmann::json());
    for (std::size_t i = 0; i < seeds->size(); ++i)
        e.seeds.push_back(std::uint64_t(readInteger((*seeds)[i], 0, (1LL << 62),
                                                    path, jsonPointerAppend("/seeds", i))));
    const nlohmann::json *models = r.find("models");
    if (!models || !models->is_array() || models->empty())
        r.fail("models", "must be a non-empty list of models", models ? *models : nlohmann::json());
    std::map<std::string, int> slugs;
    for (std::size_t i = 0; i < models->size(); ++i) {
        const std::string mp = jsonPointerAppend("/models", i);
        const ObjectReader m((*models)[i], mp, path, {"name", "kind", "overrides"}, "a model");
        ExperimentModel model;
        model.name = m.text("name", "");
        if (model.name.empty())
            m.fail("name", "every model needs a name");
        if (slugs[slug(model.name)]++)
            m.fail("name", "two models would share the run name '" + slug(model.name) + "'");
        model.kind = m.choice("kind", "", {"", "sqs", "qlif", "glm", "lif"});
        if (const nlohmann::json *o = m.find("overrides")) {
            if (!o->is_object())
                m.fail("overrides", "must be an object (a JSON merge patch of the project)", *o);
            model.overrides = *o;
        }
        e.models.push_back(std::move(model));
        // Every run's project must be valid: build the first seed's now, so errors show early.
        try {
            experimentRunProject(e, e.models.back(), e.seeds.front());
        } catch (const InputError &err) {
            throw InputError(path + ": " + mp + " (" + e.models.back().name + "): " + err.what());
        }
    }
    return e;
}

Project experimentRunProject(const Experiment &e, const ExperimentModel &m, std::uint64_t seed)
{
    nlohmann::json j = projectToJson(e.base);
    j["parameters"] = nlohmann::json::object();
    j["history"] = nlohmann::json::array();
    j.merge_patch(e.overrides);
    if (!m.kind.empty())
        for (auto &p : j["network"]["populations"]) {
            if (p["kind"] == "input")
                continue;
            nlohmann::json q = {{"name", p["name"]}, {"kind", m.kind}, {"size", p["size"]},
                                {"readout", p.value("readout", false)}};
            if (m.kind == "sqs")
                q["io_qubits"] = 1, q["memory_qubits"] = 1;
            p = q;
        }
    j.merge_patch(m.overrides);
    Project p = projectFromJson(j, "model '" + m.name + "'");
    p.seed = seed;
    if (e.epochs >= 0)
        p.training.epochs = e.epochs;
    if (e.budget > 0) {
        const int lines = inputLinesFor(p.data);
        matchHiddenSize(p.network, e.hidden, e.budget, lines);
        const std::int64_t count = parameterCount(p.network, lines);
        if (std::abs(double(count - e.budget)) > e.tolerance * double(e.budget))
            throw InputError("cannot size population '" + e.hidden + "' to within "
                             + std::to_string(e.tolerance * 100).substr(0, 4) + "% of "
                             + std::to_string(e.budget) + " parameters: the closest is "
                             + std::to_string(count));
    }
    return p;
}

std::vector<ExperimentCell> experimentCells(const Experiment &e, const std::string &outDir,
                                            bool tiny)
{
    std::vector<ExperimentCell> cells;
    for (const auto &m : e.models)
        for (std::size_t s = 0; s < (tiny ? 1 : e.seeds.size()); ++s)
            cells.push_back({&m, e.seeds[s],
                             (fs::path(outDir) / "runs"
                              / (slug(m.name) + "-seed" + std::to_string(e.seeds[s]) + ".sqsnn.json"))
                                 .string()});
    return cells;
}

void runExperimentCell(const Experiment &e, const ExperimentCell &c,
                       const ExperimentOptions &options, int threads,
                       const std::function<void(const std::string &)> &say)
{
    // A checkpoint holds the epochs already done; the experiment says how many to do.
    Project p = fs::exists(c.checkpoint) ? loadProject(c.checkpoint)
                                         : experimentRunProject(e, *c.model, c.seed);
    p.training.epochs = e.epochs >= 0 ? e.epochs : e.base.training.epochs;
    if (options.tiny) {
        p.data.trainSamples = 20;
        p.data.testSamples = 10;
        p.training.epochs = 1;
    }
    Trainer t(p, TrainerOptions{threads});
    struct Saver : TrainingObserver
    {
        void onEpoch(const EpochMetrics &m) override
        {
            saveProject(trainer->result(), path);
            if (say)
                say("  " + name + " seed " + std::to_string(seed) + ": epoch "
                    + std::to_string(m.epoch) + ", test accuracy "
                    + std::to_string(m.testAccuracy).substr(0, 6));
        }
        Trainer *trainer;
        std::string path, name;
        std::uint64_t seed;
        std::function<void(const std::string &)> say;
    } saver;
    saver.trainer = &t;
    saver.path = c.checkpoint;
    saver.name = c.model->name;
    saver.seed = c.seed;
    saver.say = say;
    if (say)
        say("run " + c.model->name + " seed " + std::to_string(c.seed) + ": "
            + std::to_string(t.network().parameterCount()) + " parameters, "
            + std::to_string(t.epochsDone()) + "/" + std::to_string(p.training.epochs)
            + " epochs done");
    t.run(p.training.epochs, &saver);
    if (!fs::exists(c.checkpoint))
        saveProject(t.result(), c.checkpoint);
}

std::vector<ExperimentRow> runExperiment(const Experiment &e, const std::string &outDir,
                                         const ExperimentOptions &options,
                                         const std::string &command,
                                         const std::function<void(const std::string &)> &progress)
{
    fs::create_directories(fs::path(outDir) / "runs");
    const std::vector<ExperimentCell> cells = experimentCells(e, outDir, options.tiny);
    std::mutex io;
    auto say = [&](const std::string &line) {
        if (progress) {
            std::lock_guard lock(io);
            progress(line);
        }
    };
    const int jobs = std::max(1, std::min<int>(options.jobs, int(cells.size())));
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const int threads = options.threads > 0 ? options.threads : int(std::max(1u, hw / unsigned(jobs)));
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    auto worker = [&] {
        for (std::size_t k; (k = next++) < cells.size();) {
            try {
                runExperimentCell(e, cells[k], options, threads, say);
            } catch (...) {
                std::lock_guard lock(io);
                if (!failure)
                    failure = std::current_exception();
                next = cells.size();
            }
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
    return writeExperimentResults(e, outDir, cells, command);
}

std::vector<ExperimentRow> writeExperimentResults(const Experiment &e, const std::string &outDir,
                                                  const std::vector<ExperimentCell> &cells,
                                                  const std::string &command)
{
    std::vector<ExperimentRow> rows;
    for (const ExperimentCell &c : cells) {
        const Project p = loadProject(c.checkpoint);
        const std::int64_t count = parameterCount(p.network, inputLinesFor(p.data));
        for (const auto &h : p.history)
            rows.push_back({c.model->name, c.seed, count, EpochMetrics::fromJson(h)});
    }
    std::ofstream(fs::path(outDir) / "results.csv") << experimentResultsCsv(rows);
    std::ofstream(fs::path(outDir) / "summary.md") << experimentSummary(e, rows, command);
    return rows;
}

std::string experimentResultsCsv(const std::vector<ExperimentRow> &rows)
{
    std::string out = "model,seed,parameters," + metricsCsvHeader() + "\n";
    for (const auto &r : rows) {
        std::string name = r.model;
        std::replace(name.begin(), name.end(), ',', ';');
        out += name + "," + std::to_string(r.seed) + "," + std::to_string(r.parameters) + ","
               + metricsCsvRow(r.metrics) + "\n";
    }
    return out;
}

std::string experimentSummary(const Experiment &e, const std::vector<ExperimentRow> &rows,
                              const std::string &command)
{
    std::ostringstream o;
    o << "# " << (e.title.empty() ? "Experiment" : e.title) << "\n\n";
    if (!e.description.empty())
        o << e.description << "\n\n";
    o << "Produced by `" << command << "`.\n\n";
    o << "| model | parameters | seeds | epochs | final test accuracy (mean +- std) | final train "
         "accuracy | wall time (s) |\n|---|---|---|---|---|---|---|\n";
    for (const auto &m : e.models) {
        std::map<std::uint64_t, const ExperimentRow *> last;
        double seconds = 0;
        std::int64_t params = 0;
        for (const auto &r : rows)
            if (r.model == m.name) {
                auto &l = last[r.seed];
                if (!l || r.metrics.epoch > l->metrics.epoch)
                    l = &r;
                seconds += r.metrics.seconds;
                params = r.parameters;
            }
        if (last.empty())
            continue;
        double mean = 0, train = 0, var = 0;
        int epochs = 0;
        for (auto &[s, r] : last) {
            mean += r->metrics.testAccuracy / last.size();
            train += r->metrics.trainAccuracy / last.size();
            epochs = std::max(epochs, r->metrics.epoch);
        }
        for (auto &[s, r] : last)
            var += (r->metrics.testAccuracy - mean) * (r->metrics.testAccuracy - mean);
        const double sd = last.size() > 1 ? std::sqrt(var / double(last.size() - 1)) : 0.0;
        char line[256];
        std::snprintf(line, sizeof line, "| %s | %lld | %zu | %d | %.4f +- %.4f | %.4f | %.1f |\n",
                      m.name.c_str(), static_cast<long long>(params), last.size(), epochs, mean,
                      sd, train, seconds);
        o << line;
    }
    if (e.budget > 0)
        o << "\nEvery model is sized to within " << e.tolerance * 100 << "% of " << e.budget
          << " trainable parameters (population '" << e.hidden << "').\n";
    return o.str();
}

} // namespace sqsnn

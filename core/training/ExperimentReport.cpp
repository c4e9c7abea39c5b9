// An experiment's outputs: the rows of its checkpoints, results.csv and summary.md. Without a
// method axis both files are byte for byte what they were before the axis existed.
#include "training/Experiment.hpp"

#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "network/NetworkCheck.hpp"
#include "project/ProjectIo.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace sqsnn {

namespace fs = std::filesystem;

std::vector<ExperimentRow> experimentRows(const Experiment &e,
                                          const std::vector<ExperimentCell> &cells)
{
    std::vector<ExperimentRow> rows;
    for (const ExperimentCell &c : cells) {
        if (!fs::exists(c.checkpoint))
            continue;
        const Project p = loadProject(c.checkpoint);
        const std::int64_t count = parameterCount(p.network, inputLinesFor(p.data));
        for (const auto &h : p.history)
            rows.push_back({e.models[c.model].name, c.seed, count, EpochMetrics::fromJson(h),
                            c.method});
    }
    return rows;
}

void writeExperimentOutputs(const Experiment &e, const std::vector<ExperimentRow> &rows,
                            const std::string &outDir, const std::string &command)
{
    std::ofstream(fs::path(outDir) / "results.csv") << experimentResultsCsv(rows);
    std::ofstream(fs::path(outDir) / "summary.md") << experimentSummary(e, rows, command);
}

std::string experimentResultsCsv(const std::vector<ExperimentRow> &rows)
{
    const bool methods = std::any_of(rows.begin(), rows.end(),
                                     [](const ExperimentRow &r) { return !r.method.empty(); });
    std::string out = std::string("model,") + (methods ? "method," : "") + "seed,parameters,"
                      + metricsCsvHeader() + "\n";
    for (const auto &r : rows) {
        std::string name = r.model;
        std::replace(name.begin(), name.end(), ',', ';');
        out += name + "," + (methods ? r.method + "," : "") + std::to_string(r.seed) + ","
               + std::to_string(r.parameters) + "," + metricsCsvRow(r.metrics) + "\n";
    }
    return out;
}

std::vector<ExperimentSummaryRow> summarizeExperimentRows(const std::vector<ExperimentRow> &rows)
{
    std::vector<ExperimentSummaryRow> out;
    std::vector<std::map<std::uint64_t, const ExperimentRow *>> last;
    for (const auto &r : rows) {
        auto it = std::find_if(out.begin(), out.end(), [&](const ExperimentSummaryRow &s) {
            return s.model == r.model && s.method == r.method;
        });
        if (it == out.end()) {
            ExperimentSummaryRow row;
            row.model = r.model;
            row.method = r.method;
            out.push_back(std::move(row));
            last.emplace_back();
            it = out.end() - 1;
        }
        auto &l = last[std::size_t(it - out.begin())][r.seed];
        if (!l || r.metrics.epoch > l->metrics.epoch)
            l = &r;
        it->seconds += r.metrics.seconds;
        it->parameters = r.parameters;
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        ExperimentSummaryRow &m = out[i];
        const double n = double(last[i].size());
        double var = 0;
        for (auto &[s, r] : last[i]) {
            m.seeds.push_back(s);
            m.finalTest.push_back(r->metrics.testAccuracy);
            m.testMean += r->metrics.testAccuracy / n;
            m.trainMean += r->metrics.trainAccuracy / n;
            m.epochs = std::max(m.epochs, r->metrics.epoch);
        }
        for (double v : m.finalTest)
            var += (v - m.testMean) * (v - m.testMean);
        m.testStd = n > 1 ? std::sqrt(var / (n - 1)) : 0.0;
    }
    return out;
}

std::string experimentSummary(const Experiment &e, const std::vector<ExperimentRow> &rows,
                              const std::string &command)
{
    const bool axis = !e.methods.empty();
    std::ostringstream o;
    o << "# " << (e.title.empty() ? "Experiment" : e.title) << "\n\n";
    if (!e.description.empty())
        o << e.description << "\n\n";
    o << "Produced by `" << command << "`.\n\n";
    o << (axis ? "| model | method " : "| model ")
      << "| parameters | seeds | epochs | final test accuracy (mean +- std) | final train "
         "accuracy | wall time (s) |\n"
      << (axis ? "|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|---|\n");
    for (const ExperimentSummaryRow &m : summarizeExperimentRows(rows)) {
        const std::string label = axis ? m.model + " | " + m.method : m.model;
        char line[512];
        std::snprintf(line, sizeof line, "| %s | %lld | %zu | %d | %.4f +- %.4f | %.4f | %.1f |\n",
                      label.c_str(), static_cast<long long>(m.parameters), m.finalTest.size(),
                      m.epochs, m.testMean, m.testStd, m.trainMean, m.seconds);
        o << line;
    }
    if (e.budget > 0)
        o << "\nEvery model is sized to within " << e.tolerance * 100 << "% of " << e.budget
          << " trainable parameters (population '" << e.hidden << "').\n";
    return o.str();
}

} // namespace sqsnn

namespace sqsnn {

std::vector<ExperimentRow> readExperimentResultsCsv(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open the file");
    auto split = [](const std::string &line) {
        std::vector<std::string> out;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');)
            out.push_back(cell.substr(0, cell.find_last_not_of(" \r") + 1));
        if (!line.empty() && line.back() == ',')
            out.emplace_back();
        return out;
    };
    std::string line;
    if (!std::getline(in, line))
        throw InputError(path + ": empty file (expected the results.csv header)");
    std::map<std::string, std::size_t> column;
    const auto header = split(line);
    for (std::size_t i = 0; i < header.size(); ++i)
        column[header[i]] = i;
    for (const char *need : {"model", "seed", "epoch", "test_accuracy"})
        if (!column.count(need))
            throw InputError(path + ": line 1: no '" + std::string(need)
                             + "' column (is this an experiment's results.csv?)");
    std::vector<ExperimentRow> rows;
    for (int number = 2; std::getline(in, line); ++number) {
        if (line.find_first_not_of(" \r") == std::string::npos)
            continue;
        const auto cells = split(line);
        const std::string where = path + ": line " + std::to_string(number) + ": ";
        if (cells.size() != header.size())
            throw InputError(where + std::to_string(cells.size()) + " fields, the header has "
                             + std::to_string(header.size()));
        auto num = [&](const char *name) {
            const auto it = column.find(name);
            if (it == column.end())
                return std::nan("");
            const std::string &c = cells[it->second];
            char *end = nullptr;
            const double v = std::strtod(c.c_str(), &end);
            if (c.empty() || end != c.c_str() + c.size())
                throw InputError(where + name + ": not a number: '" + c + "'");
            return v;
        };
        ExperimentRow r;
        r.model = cells[column["model"]];
        if (column.count("method"))
            r.method = cells[column["method"]];
        const double seed = num("seed"), epoch = num("epoch");
        if (!(seed >= 0 && seed == std::floor(seed)) || !(epoch >= 1 && epoch == std::floor(epoch)))
            throw InputError(where + "seed and epoch must be whole numbers (epoch from 1)");
        r.seed = std::uint64_t(seed);
        r.metrics.epoch = int(epoch);
        const double params = num("parameters");
        r.parameters = std::isfinite(params) ? std::int64_t(params) : 0;
        r.metrics.trainLoss = num("train_loss");
        r.metrics.trainAccuracy = num("train_accuracy");
        r.metrics.testLoss = num("test_loss");
        r.metrics.testAccuracy = num("test_accuracy");
        r.metrics.seconds = num("seconds");
        r.metrics.samplesPerSecond = num("samples_per_second");
        rows.push_back(std::move(r));
    }
    if (rows.empty())
        throw InputError(path + ": no result rows after the header");
    return rows;
}

} // namespace sqsnn

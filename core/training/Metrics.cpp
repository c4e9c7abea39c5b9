#include "training/Metrics.hpp"

#include "common/Error.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace sqsnn {

nlohmann::json EpochMetrics::toJson() const
{
    nlohmann::json rates = nlohmann::json::object();
    for (std::size_t i = 0; i < populations.size() && i < firingRates.size(); ++i)
        rates[populations[i]] = firingRates[i];
    return {{"epoch", epoch},
            {"train_loss", trainLoss},
            {"train_accuracy", trainAccuracy},
            {"test_loss", testLoss},
            {"test_accuracy", testAccuracy},
            {"seconds", seconds},
            {"samples_per_second", samplesPerSecond},
            {"firing_rates", rates}};
}

EpochMetrics EpochMetrics::fromJson(const nlohmann::json &j)
{
    // History is free-form (the GUI and older versions may write other things): a missing or
    // non-numeric value (null is how JSON stores a NaN metric) reads as NaN, never as an error.
    auto num = [&](const char *key) {
        return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>()
                                                                      : std::nan("");
    };
    EpochMetrics m;
    m.epoch = j.is_object() && j.contains("epoch") && j["epoch"].is_number_integer()
                  ? j["epoch"].get<int>()
                  : 0;
    m.trainLoss = num("train_loss");
    m.trainAccuracy = num("train_accuracy");
    m.testLoss = num("test_loss");
    m.testAccuracy = num("test_accuracy");
    m.seconds = num("seconds");
    m.samplesPerSecond = num("samples_per_second");
    if (j.is_object() && j.contains("firing_rates") && j["firing_rates"].is_object())
        for (auto it = j["firing_rates"].begin(); it != j["firing_rates"].end(); ++it) {
            m.populations.push_back(it.key());
            m.firingRates.push_back(it.value().is_number() ? it.value().get<double>() : 0.0);
        }
    return m;
}

std::string metricsCsvHeader()
{
    return "epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds,samples_per_second";
}

std::string metricsCsvRow(const EpochMetrics &m)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, "%d,%.9g,%.9g,%.9g,%.9g,%.4f,%.2f", m.epoch, m.trainLoss,
                  m.trainAccuracy, m.testLoss, m.testAccuracy, m.seconds, m.samplesPerSecond);
    return buf;
}

std::string metricsCsv(const std::vector<EpochMetrics> &history)
{
    std::string text = metricsCsvHeader() + '\n';
    for (const auto &m : history)
        text += metricsCsvRow(m) + '\n';
    return text;
}

std::vector<EpochMetrics> metricsFromHistory(const nlohmann::json &history)
{
    std::vector<EpochMetrics> out;
    if (history.is_array())
        for (const auto &e : history)
            out.push_back(EpochMetrics::fromJson(e));
    return out;
}

std::vector<EpochMetrics> readMetricsCsv(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open");
    auto split = [](const std::string &line) {
        std::vector<std::string> out;
        std::stringstream ss(line);
        for (std::string cell; std::getline(ss, cell, ',');)
            out.push_back(cell.substr(0, cell.find_last_not_of(" \r") + 1));
        return out;
    };
    std::string line;
    if (!std::getline(in, line))
        throw InputError(path + ": empty file (expected the metrics.csv header)");
    std::map<std::string, std::size_t> column;
    const auto header = split(line);
    for (std::size_t i = 0; i < header.size(); ++i)
        column[header[i]] = i;
    for (const char *need : {"epoch", "test_accuracy"})
        if (!column.count(need))
            throw InputError(path + ": line 1: no '" + need + "' column (is this a metrics.csv?)");
    std::vector<EpochMetrics> out;
    for (int number = 2; std::getline(in, line); ++number) {
        if (line.find_first_not_of(" \r") == std::string::npos)
            continue;
        const auto cells = split(line);
        auto num = [&](const char *name) {
            const auto it = column.find(name);
            if (it == column.end())
                return std::nan("");
            if (it->second >= cells.size())
                throw InputError(path + ": line " + std::to_string(number) + ": no '" + name + "' value");
            const std::string &c = cells[it->second];
            char *end = nullptr;
            const double v = std::strtod(c.c_str(), &end);
            if (c.empty() || end != c.c_str() + c.size())
                throw InputError(path + ": line " + std::to_string(number) + ": " + name
                                 + ": not a number: '" + c + "'");
            return v;
        };
        EpochMetrics m;
        const double epoch = num("epoch");
        if (!(epoch >= 1 && epoch == std::floor(epoch) && epoch < 1e9))
            throw InputError(path + ": line " + std::to_string(number) + ": epoch: expected a "
                             "positive integer");
        m.epoch = int(epoch);
        m.trainLoss = num("train_loss");
        m.trainAccuracy = num("train_accuracy");
        m.testLoss = num("test_loss");
        m.testAccuracy = num("test_accuracy");
        m.seconds = num("seconds");
        m.samplesPerSecond = num("samples_per_second");
        out.push_back(m);
    }
    return out;
}

} // namespace sqsnn

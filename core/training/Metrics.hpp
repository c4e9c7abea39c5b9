#pragma once
// Metrics of one epoch, as the trainer reports them and the project's history stores them.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sqsnn {

struct EpochMetrics
{
    int epoch = 0;                    // 1-based
    double trainLoss = 0;             // mean learning signal per step over the training samples
    double trainAccuracy = 0;         // while training (single-shot predictions)
    double testLoss = 0;
    double testAccuracy = 0;
    double seconds = 0;               // wall time of the epoch (training + evaluation)
    double samplesPerSecond = 0;      // training samples per second
    std::vector<std::string> populations;
    std::vector<double> firingRates;  // per population: spikes per line per step (train)
    bool complete = true;             // false: stopped mid-epoch (not evaluated, not recorded)

    nlohmann::json toJson() const;
    static EpochMetrics fromJson(const nlohmann::json &j);
};

// The CSV header and row of metrics.csv (documented in the README).
std::string metricsCsvHeader();
std::string metricsCsvRow(const EpochMetrics &m);
// The whole file: the header line, then one row per epoch (each line ends with '\n').
std::string metricsCsv(const std::vector<EpochMetrics> &history);
// A project's `history` (free-form JSON, see fromJson); anything but an array reads as empty.
std::vector<EpochMetrics> metricsFromHistory(const nlohmann::json &history);
// Reads a metrics.csv as `sqsnn train` writes it (columns found by their header names, so
// added columns do not break it; epoch and test_accuracy are required, other missing columns
// read as NaN). InputError naming the file and line for anything else.
std::vector<EpochMetrics> readMetricsCsv(const std::string &path);

} // namespace sqsnn

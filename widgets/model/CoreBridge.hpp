#pragma once
// The widgets' one doorway into the core for project-level questions: validation, parameter
// counts, input lines, JSON and files. Everything here forwards to the core; the GUI never
// computes physics or file formats itself. Calls may throw sqsnn::Error (callers catch).
#include "network/NetworkCheck.hpp"
#include "project/Project.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace sqsnn::lab {

// Lines the data set gives an "input" population of size 0 (data/inputLinesFor).
int inputLines(const DataSpec &data);
// Readout size the data set asks for (0 when unknown: the check is skipped).
int numClasses(const DataSpec &data);

std::vector<NetworkIssue> validate(const Project &project);
std::int64_t parameterCount(const Project &project);
std::int64_t populationParameters(const Project &project, int population);

// Field-level check of an edited project through the core's own readers (same messages as
// loading a file); empty when fine.
std::string checkFields(const NetworkSpec &network, const DataSpec &data,
                        const TrainingSpec &training);

nlohmann::json toJson(const Project &project);
Project fromJson(const nlohmann::json &json, const std::string &source);
Project load(const std::string &path);
void save(const Project &project, const std::string &path);

} // namespace sqsnn::lab

#pragma once
// Reading, validating, writing and atomically saving project files (docs/project-format.md).
//
//   Project projectFromJson(doc, source)
//       Upgrades an older document (ProjectUpgrade.hpp), then reads and validates every field.
//       Throws InputError "<source>: <json pointer>: <what is wrong>, got <value>" for the
//       first problem, e.g. "a.sqsnn.json: /network/populations/2/memory_qubits: must be
//       0..10, got 40". Unknown keys are refused (except inside `ui` and `history`), a missing
//       `format_version` is refused (never guessed), a newer one is refused. Checks are field
//       level (types, ranges, names, references); graph checks (cycles, the readout) belong to
//       core/network.
//   nlohmann::json projectToJson(project)
//       The canonical form: current format_version, every field written, population fields
//       only for the population's kind, keys in a stable (sorted) order.
//       projectFromJson(projectToJson(p)) == p for every p that projectFromJson can return.
//   nlohmann::json parseProjectText(text, source)
//       Parses JSON text; malformed text throws InputError "<source>: line L, column C: ...".
//       Nesting deeper than kMaxProjectJsonDepth is refused (bounded memory and stack).
//   Project loadProject(path)
//       File -> Project; every message starts with the path. Memory: the file's text is freed
//       once parsed, and the JSON tree is held once (ui and history move into the Project), so
//       the peak is about the text plus one tree (docs/project-format.md states the cap).
//   void saveProject(project, path)
//       Atomic: writes "<path>.tmp-XXXXXX" in the same directory, fsyncs it, renames it over
//       the path and fsyncs the directory. On any failure the old file is untouched, the
//       temporary file is removed and an InputError names the path and the OS error. Before
//       the first save over a file of an older format_version, a copy of that file is kept as
//       "<path>.v<old>.bak" (made once; an existing backup is never overwritten).
#include "project/Project.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace sqsnn {

inline constexpr int kMaxProjectJsonDepth = 64;

Project projectFromJson(const nlohmann::json &doc, const std::string &source);
// The same, consuming `doc`: `ui` and `history` are moved into the Project, not copied.
Project projectFromJson(nlohmann::json &&doc, const std::string &source);
nlohmann::json projectToJson(const Project &project);

nlohmann::json parseProjectText(std::string_view text, const std::string &source);
Project loadProject(const std::string &path);
void saveProject(const Project &project, const std::string &path);

// Pieces of projectFromJson, for the node editor and the CLI (same paths and messages).
// `path` is the JSON pointer of the value (e.g. "/network").
NetworkSpec networkFromJson(const nlohmann::json &value, const std::string &path,
                            const std::string &source);
nlohmann::json networkToJson(const NetworkSpec &network);
DataSpec dataFromJson(const nlohmann::json &value, const std::string &path,
                      const std::string &source);
nlohmann::json dataToJson(const DataSpec &data);
TrainingSpec trainingFromJson(const nlohmann::json &value, const std::string &path,
                              const std::string &source);
nlohmann::json trainingToJson(const TrainingSpec &training);

} // namespace sqsnn

#pragma once
// Copied nodes as JSON text for the system clipboard, so a copy in one lab window (or project)
// pastes in another:
//
//   {"sqsnn_fragment": 1,
//    "network": {"populations": [...], "projections": [...]},   // the project file's form
//    "positions": {"<population>": {"x": 0, "y": 0}, ...}}
//
// Reading accepts that, a whole project file (its network and node positions) and a bare
// network object ({"populations": [...], "projections": [...]}). Populations and projections
// are read by the core's project reader, so a bad fragment is refused with the same messages as
// a bad project file ("clipboard: /network/populations/0/kind: ...").
#include "model/ProjectModel.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sqsnn::lab {

inline constexpr const char *kFragmentKey = "sqsnn_fragment";
inline constexpr int kFragmentVersion = 1;

nlohmann::json fragmentToJson(const Fragment &fragment);
// Throws InputError naming `source`, the JSON pointer and what is wrong.
Fragment fragmentFromText(const std::string &text, const std::string &source = "clipboard");

} // namespace sqsnn::lab

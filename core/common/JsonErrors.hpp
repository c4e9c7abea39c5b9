#pragma once
// Small helpers for JSON readers outside the project file (which has its own, richer reader in
// project/ProjectValidation.hpp): an InputError at a JSON path, and a short rendering of a value.
#include "common/Error.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace sqsnn {

[[noreturn]] inline void failAt(const std::string &path, const std::string &what)
{
    throw InputError(path + ": " + what);
}

inline std::string shortJson(const nlohmann::json &j)
{
    std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

} // namespace sqsnn

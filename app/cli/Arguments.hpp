#pragma once
// Strict command-line values for the CLI's commands. A value is the whole argument (no trailing
// characters, no silent clamping): anything else is an InputError naming the option and the
// accepted range, e.g. "--threads: must be an integer in 0..256, got 'abc'". CLI exit code 2.
#include "common/Error.hpp"
#include "common/Printable.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace sqsnn::cli {

// Threads a command may ask for (bench, train, eval); 0 = every core where allowed.
inline constexpr long long kMaxThreads = 256;

// "[lo, hi]" or "(lo, hi]".
inline std::string rangeText(double lo, double hi, bool openLow)
{
    char buf[80];
    std::snprintf(buf, sizeof buf, "%s%g, %g]", openLow ? "(" : "[", lo, hi);
    return buf;
}

// The value after option args[i]; advances i.
inline const std::string &optionValue(const std::vector<std::string> &args, std::size_t &i)
{
    if (i + 1 >= args.size())
        throw InputError(args[i] + ": missing value");
    return args[++i];
}

// An integer in [lo, hi], the whole text.
inline long long parseInteger(const std::string &text, const std::string &name, long long lo,
                              long long hi)
{
    long long v = 0;
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end || v < lo || v > hi)
        throw InputError(name + ": must be an integer in " + std::to_string(lo) + ".."
                         + std::to_string(hi) + ", got '" + printable(text) + "'");
    return v;
}

// A finite number in [lo, hi] (lo excluded when openLow), the whole text.
inline double parseNumber(const std::string &text, const std::string &name, double lo, double hi,
                          bool openLow = false)
{
    double v = 0;
    const char *end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)
        || (openLow ? v <= lo : v < lo) || v > hi)
        throw InputError(name + ": must be a number in " + rangeText(lo, hi, openLow) + ", got '"
                         + printable(text) + "'");
    return v;
}

inline long long integerOption(const std::vector<std::string> &args, std::size_t &i, long long lo,
                               long long hi)
{
    const std::string name = args[i];
    return parseInteger(optionValue(args, i), name, lo, hi);
}

inline double numberOption(const std::vector<std::string> &args, std::size_t &i, double lo,
                           double hi, bool openLow = false)
{
    const std::string name = args[i];
    return parseNumber(optionValue(args, i), name, lo, hi, openLow);
}

// Runs f; an InputError from it that does not already name `path` gets "path: " in front, so
// every message about a project (its parameters, its data) names the file.
template <class F>
auto namingFile(const std::string &path, F &&f) -> decltype(f())
{
    try {
        return f();
    } catch (const InputError &e) {
        const std::string what = e.what();
        if (what.rfind(path, 0) == 0)
            throw;
        throw InputError(path + ": " + what);
    }
}

} // namespace sqsnn::cli

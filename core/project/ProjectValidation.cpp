#include "project/ProjectValidation.hpp"

#include "common/Error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sqsnn {

namespace {

std::string formatBound(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string integerRangeText(long long lo, long long hi)
{
    if (hi == std::numeric_limits<long long>::max())
        return lo == 0 ? "a non-negative integer" : "an integer >= " + std::to_string(lo);
    return std::to_string(lo) + ".." + std::to_string(hi);
}

// Levenshtein distance, for "did you mean" (keys are short; long ones are not compared).
std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string unknownKeyMessage(std::string_view key, const std::vector<std::string_view> &keys,
                              std::string_view what)
{
    std::string msg = "unknown key " + describeJsonValue(nlohmann::json(std::string(key)));
    if (key.size() < 64) {
        std::string_view best;
        std::size_t bestDistance = 3; // suggest only close matches
        for (auto k : keys) {
            const std::size_t d = editDistance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (!best.empty())
            msg += " (did you mean \"" + std::string(best) + "\"?)";
    }
    msg += "; " + std::string(what) + " has:";
    for (std::size_t i = 0; i < keys.size(); ++i)
        msg += (i ? ", " : " ") + std::string(keys[i]);
    return msg;
}

} // namespace

std::string jsonPointerAppend(const std::string &path, std::string_view key)
{
    std::string out = path;
    out.reserve(path.size() + key.size() + 1);
    out += '/';
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string jsonPointerAppend(const std::string &path, std::size_t index)
{
    return path + "/" + std::to_string(index);
}

std::string jsonTypeName(const nlohmann::json &value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::binary: return "binary data";
    case nlohmann::json::value_t::discarded: return "a discarded value";
    default: return "a number";
    }
}

std::string describeJsonValue(const nlohmann::json &value)
{
    using nlohmann::json;
    if (value.is_array())
        return value.empty() ? "an empty array"
                             : "an array of " + std::to_string(value.size()) + " element"
                                   + (value.size() == 1 ? "" : "s");
    if (value.is_object())
        return value.empty() ? "an empty object"
                             : "an object with " + std::to_string(value.size()) + " key"
                                   + (value.size() == 1 ? "" : "s");
    if (value.is_binary() || value.is_discarded())
        return jsonTypeName(value);
    if (value.is_number_float() && !std::isfinite(value.get<double>())) {
        const double v = value.get<double>();
        return std::isnan(v) ? "NaN" : (v > 0 ? "inf" : "-inf");
    }
    if (value.is_string()) {
        constexpr std::size_t kMax = 60;
        const auto &s = value.get_ref<const std::string &>();
        if (s.size() > kMax) {
            std::size_t cut = kMax;
            while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
                --cut; // do not split a UTF-8 sequence
            std::string quoted = json(s.substr(0, cut))
                                     .dump(-1, ' ', false, json::error_handler_t::replace);
            quoted.pop_back(); // the closing quote
            return quoted + "...\" (" + std::to_string(s.size()) + " bytes)";
        }
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void throwAt(const std::string &source, const std::string &path, const std::string &what)
{
    throw InputError(source + ": " + (path.empty() ? "" : path + ": ") + what);
}

void throwAt(const std::string &source, const std::string &path, const std::string &what,
             const nlohmann::json &got)
{
    throwAt(source, path, what + ", got " + describeJsonValue(got));
}

bool NumberRange::contains(double v) const
{
    if (!std::isfinite(v))
        return false;
    if (loOpen ? !(v > lo) : !(v >= lo))
        return false;
    if (hiOpen ? !(v < hi) : !(v <= hi))
        return false;
    return true;
}

std::string NumberRange::describe() const
{
    if (std::isinf(hi) && std::isinf(lo))
        return "must be a finite number";
    if (std::isinf(hi))
        return "must be a finite number " + std::string(loOpen ? "> " : ">= ") + formatBound(lo);
    return "must be in " + std::string(loOpen ? "(" : "[") + formatBound(lo) + ", "
           + formatBound(hi) + (hiOpen ? ")" : "]");
}

double readNumber(const nlohmann::json &value, const NumberRange &range,
                  const std::string &source, const std::string &path)
{
    if (!value.is_number())
        throwAt(source, path, range.describe(), value);
    const double v = value.get<double>();
    if (!range.contains(v))
        throwAt(source, path, range.describe(), value);
    return v;
}

long long readInteger(const nlohmann::json &value, long long lo, long long hi,
                      const std::string &source, const std::string &path)
{
    const std::string range = integerRangeText(lo, hi);
    const bool named = range.front() == 'a'; // "a non-negative integer", "an integer >= 3"
    if (!value.is_number_integer())
        throwAt(source, path, named ? "must be " + range : "must be an integer in " + range,
                value);
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(hi) || (lo > 0 && u < static_cast<std::uint64_t>(lo)))
            throwAt(source, path, "must be " + range, value);
        return static_cast<long long>(u);
    }
    const auto v = value.get<std::int64_t>();
    if (v < lo || v > hi)
        throwAt(source, path, "must be " + range, value);
    return v;
}

ObjectReader::ObjectReader(const nlohmann::json &value, std::string path,
                           const std::string &source,
                           std::initializer_list<std::string_view> keys, std::string_view what)
    : m_value(value), m_path(std::move(path)), m_source(source)
{
    if (!value.is_object())
        throwAt(m_source, m_path.empty() ? "/" : m_path, "must be an object", value);
    const std::vector<std::string_view> known(keys);
    for (const auto &item : value.items()) {
        if (std::find(known.begin(), known.end(), item.key()) == known.end())
            throwAt(m_source, pathOf(item.key()), unknownKeyMessage(item.key(), known, what));
    }
}

const nlohmann::json *ObjectReader::find(std::string_view key) const
{
    const auto it = m_value.find(key);
    return it == m_value.end() ? nullptr : &*it;
}

void ObjectReader::fail(std::string_view key, const std::string &what) const
{
    throwAt(m_source, key.empty() ? m_path : pathOf(key), what);
}

void ObjectReader::fail(std::string_view key, const std::string &what,
                        const nlohmann::json &got) const
{
    throwAt(m_source, key.empty() ? m_path : pathOf(key), what, got);
}

std::string ObjectReader::text(std::string_view key, std::string def) const
{
    const auto *v = find(key);
    if (!v)
        return def;
    if (!v->is_string())
        fail(key, "must be a string", *v);
    return v->get<std::string>();
}

std::string ObjectReader::choice(std::string_view key, std::string def,
                                 std::initializer_list<std::string_view> allowed) const
{
    const auto *v = find(key);
    if (!v)
        return def;
    std::string what = "must be one of ";
    for (auto a : allowed)
        what += (a == *allowed.begin() ? "\"" : ", \"") + std::string(a) + "\"";
    if (!v->is_string())
        fail(key, what, *v);
    const auto &s = v->get_ref<const std::string &>();
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end())
        fail(key, what, *v);
    return s;
}

bool ObjectReader::flag(std::string_view key, bool def) const
{
    const auto *v = find(key);
    if (!v)
        return def;
    if (!v->is_boolean())
        fail(key, "must be true or false", *v);
    return v->get<bool>();
}

long long ObjectReader::integer(std::string_view key, long long def, long long lo,
                                long long hi) const
{
    const auto *v = find(key);
    return v ? readInteger(*v, lo, hi, m_source, pathOf(key)) : def;
}

std::uint64_t ObjectReader::unsignedInteger(std::string_view key, std::uint64_t def) const
{
    const auto *v = find(key);
    if (!v)
        return def;
    if (!v->is_number_unsigned()) // non-negative integers parse as unsigned
        fail(key, "must be a non-negative integer", *v);
    return v->get<std::uint64_t>();
}

double ObjectReader::number(std::string_view key, double def, const NumberRange &range) const
{
    const auto *v = find(key);
    return v ? readNumber(*v, range, m_source, pathOf(key)) : def;
}

std::vector<double> ObjectReader::numbers(std::string_view key) const
{
    const auto *v = find(key);
    if (!v)
        return {};
    if (!v->is_array())
        fail(key, "must be an array of finite numbers", *v);
    std::vector<double> out;
    out.reserve(v->size());
    for (std::size_t i = 0; i < v->size(); ++i)
        out.push_back(readNumber((*v)[i], NumberRange{}, m_source,
                                 jsonPointerAppend(pathOf(key), i)));
    return out;
}

void refuseKeysOutside(const nlohmann::json &object, const std::string &path,
                       const std::string &source, const std::vector<std::string_view> &keys,
                       const std::string &why)
{
    for (const auto &item : object.items()) {
        if (std::find(keys.begin(), keys.end(), item.key()) == keys.end())
            throwAt(source, jsonPointerAppend(path, item.key()), why);
    }
}

int jsonDepth(const nlohmann::json &value, int limit)
{
    if (!value.is_structured())
        return 1;
    if (limit <= 1)
        return 2; // deeper than the limit
    int deepest = 0;
    for (const auto &child : value) {
        deepest = std::max(deepest, jsonDepth(child, limit - 1));
        if (deepest >= limit)
            break;
    }
    return 1 + deepest;
}

} // namespace sqsnn

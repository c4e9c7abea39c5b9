#pragma once
// Checked, field-by-field reading of the JSON of a project file (docs/project-format.md).
// Every failure is an InputError that names the source, the JSON pointer (RFC 6901) of the
// value at fault and the value itself:
//   "<source>: /network/populations/2/memory_qubits: must be 0..10, got 40"
// An ObjectReader is built on one JSON object with the keys that object may hold; a key not in
// the list is refused at once with its path (typos must not be silently ignored), with a
// suggestion when a known key is close. Absent keys give the default the caller passes.
// Nothing is clamped or converted: 3.0 is not an integer, "0.5" is not a number, and a value
// out of range is an error.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace sqsnn {

// path + "/" + the key escaped as an RFC 6901 reference token ("~" -> "~0", "/" -> "~1").
std::string jsonPointerAppend(const std::string &path, std::string_view key);
std::string jsonPointerAppend(const std::string &path, std::size_t index);

// A short, single-line rendering of a value for messages: numbers, booleans and null as JSON,
// strings quoted and cut after ~60 characters, containers as "an array of 3 elements" or
// "an object with 2 keys". Never throws on invalid UTF-8.
std::string describeJsonValue(const nlohmann::json &value);
// "a string", "a number", "an array"... for type errors.
std::string jsonTypeName(const nlohmann::json &value);

// Throws InputError "<source>: <path>: <what>" (path omitted when empty).
[[noreturn]] void throwAt(const std::string &source, const std::string &path,
                          const std::string &what);
// Throws InputError "<source>: <path>: <what>, got <describeJsonValue(got)>".
[[noreturn]] void throwAt(const std::string &source, const std::string &path,
                          const std::string &what, const nlohmann::json &got);

// A closed or open interval for a floating-point field; hi = infinity means "no upper bound".
// Every number read through it must also be finite.
struct NumberRange
{
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool loOpen = false;
    bool hiOpen = false;

    static NumberRange atLeast(double lo) { return {lo, kInf, false, false}; }
    static NumberRange above(double lo) { return {lo, kInf, true, false}; }
    static NumberRange closed(double lo, double hi) { return {lo, hi, false, false}; }
    static constexpr double kInf = std::numeric_limits<double>::infinity();

    bool contains(double v) const;
    std::string describe() const; // "must be in [0, 1]", "must be a finite number > 0"...
};

// Checks one finite number in range; the message is "<range.describe()>, got <value>".
double readNumber(const nlohmann::json &value, const NumberRange &range,
                  const std::string &source, const std::string &path);
// Checks one integer (JSON integer type, no fractional or exponent form) in lo..hi.
long long readInteger(const nlohmann::json &value, long long lo, long long hi,
                      const std::string &source, const std::string &path);

class ObjectReader
{
public:
    // Refuses a value that is not an object (what = "must be an object"), then every key that
    // is not in `keys`. `what` names the object in the unknown-key message ("a population").
    ObjectReader(const nlohmann::json &value, std::string path, const std::string &source,
                 std::initializer_list<std::string_view> keys, std::string_view what);

    const std::string &path() const { return m_path; }
    const std::string &source() const { return m_source; }
    std::string pathOf(std::string_view key) const { return jsonPointerAppend(m_path, key); }
    const nlohmann::json &json() const { return m_value; }
    // The member, or nullptr when absent.
    const nlohmann::json *find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }

    std::string text(std::string_view key, std::string def) const;
    std::string choice(std::string_view key, std::string def,
                       std::initializer_list<std::string_view> allowed) const;
    bool flag(std::string_view key, bool def) const;
    long long integer(std::string_view key, long long def, long long lo, long long hi) const;
    std::uint64_t unsignedInteger(std::string_view key, std::uint64_t def) const;
    double number(std::string_view key, double def, const NumberRange &range) const;
    // An array of finite numbers (any length).
    std::vector<double> numbers(std::string_view key) const;

    [[noreturn]] void fail(std::string_view key, const std::string &what) const;
    [[noreturn]] void fail(std::string_view key, const std::string &what,
                           const nlohmann::json &got) const;

private:
    const nlohmann::json &m_value;
    std::string m_path;
    const std::string &m_source;
};

// Refuses every key of `object` not in `keys` ("<path>/<key>: <why>").
void refuseKeysOutside(const nlohmann::json &object, const std::string &path,
                       const std::string &source, const std::vector<std::string_view> &keys,
                       const std::string &why);

// Nesting depth of a value (a scalar is 1), computed without recursing past `limit`; returns
// limit + 1 when deeper. Used to bound the free `ui` and `history` trees.
int jsonDepth(const nlohmann::json &value, int limit);

} // namespace sqsnn

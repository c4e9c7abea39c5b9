#include "data/Events.hpp"

#include "common/Error.hpp"
#include "data/ByteIo.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

namespace sqsnn {

std::vector<Event> parseNmnistEvents(std::span<const std::uint8_t> bytes, const std::string &name)
{
    if (bytes.size() % 5 != 0)
        throw InputError(name + ": truncated: " + std::to_string(bytes.size()) +
                         " bytes is not a whole number of 5-byte N-MNIST events");
    std::vector<Event> events(bytes.size() / 5);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const std::uint8_t *p = bytes.data() + 5 * i;
        Event &e = events[i];
        e.x = p[0];
        e.y = p[1];
        e.on = (p[2] & 0x80) != 0;
        e.tUs = double(std::uint32_t(p[2] & 0x7f) << 16 | std::uint32_t(p[3]) << 8 | p[4]);
    }
    return events;
}

std::vector<std::uint8_t> writeNmnistEvents(const std::vector<Event> &events)
{
    std::vector<std::uint8_t> out;
    out.reserve(events.size() * 5);
    for (const Event &e : events) {
        const std::uint32_t t = std::uint32_t(e.tUs) & 0x7fffff;
        out.push_back(std::uint8_t(e.x));
        out.push_back(std::uint8_t(e.y));
        out.push_back(std::uint8_t((e.on ? 0x80 : 0) | (t >> 16)));
        out.push_back(std::uint8_t(t >> 8));
        out.push_back(std::uint8_t(t));
    }
    return out;
}

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

template <typename T>
bool parseNumber(std::string_view s, T &v)
{
    s = trim(s);
    if (s.empty())
        return false;
    if constexpr (std::is_integral_v<T>) {
        if (s.front() == '+')
            s.remove_prefix(1);
    }
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && ptr == s.data() + s.size();
}

} // namespace

std::vector<Event> parseCsvEvents(std::span<const std::uint8_t> bytes, const std::string &name)
{
    const std::string_view text(reinterpret_cast<const char *>(bytes.data()), bytes.size());
    std::vector<Event> events;
    std::size_t pos = 0;
    for (std::size_t lineNo = 1; pos < text.size(); ++lineNo) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = trim(text.substr(pos, end - pos));
        pos = end + 1;
        if (line.empty())
            continue;
        const auto where = [&] { return name + ":" + std::to_string(lineNo) + ": "; };
        if (lineNo == 1 && !(line.front() >= '0' && line.front() <= '9') && line.front() != '.')
            continue; // header
        std::string_view field[4];
        int n = 0;
        for (std::size_t start = 0;;) {
            const std::size_t comma = line.find(',', start);
            if (n == 4)
                throw InputError(where() + "more than 4 fields (expected t,x,y,polarity)");
            field[n++] = line.substr(start, comma == std::string_view::npos ? comma : comma - start);
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        if (n != 4)
            throw InputError(where() + std::to_string(n) + " fields (expected t,x,y,polarity)");
        Event e;
        int x = 0, y = 0, p = 0;
        if (!parseNumber(field[0], e.tUs) || !std::isfinite(e.tUs) || e.tUs < 0)
            throw InputError(where() + "bad timestamp '" + std::string(trim(field[0])) +
                             "' (expected microseconds >= 0)");
        if (!parseNumber(field[1], x) || x < 0 || x > 65535)
            throw InputError(where() + "bad x '" + std::string(trim(field[1])) + "'");
        if (!parseNumber(field[2], y) || y < 0 || y > 65535)
            throw InputError(where() + "bad y '" + std::string(trim(field[2])) + "'");
        if (!parseNumber(field[3], p) || p < -1 || p > 1)
            throw InputError(where() + "bad polarity '" + std::string(trim(field[3])) +
                             "' (expected 1, 0 or -1)");
        e.x = std::uint16_t(x);
        e.y = std::uint16_t(y);
        e.on = p == 1;
        events.push_back(e);
    }
    return events;
}

std::vector<Event> readNmnistEvents(const std::string &path)
{
    return parseNmnistEvents(readFileBytes(path), path);
}

std::vector<Event> readCsvEvents(const std::string &path)
{
    return parseCsvEvents(readFileBytes(path), path);
}

} // namespace sqsnn

#include "data/EventBinning.hpp"

#include "common/Error.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

void validateBinSpec(const BinSpec &s, const std::string &field)
{
    if (!std::isfinite(s.binUs) || s.binUs <= 0)
        throw InputError(field + ".binMs: " + std::to_string(s.binUs / 1000.0) +
                         " is not a positive bin width");
    if (s.bins < 1 || s.bins > 100000)
        throw InputError(field + ".timeSteps: " + std::to_string(s.bins) +
                         " bins (expected 1..100000)");
    if (s.sensorWidth < 1 || s.sensorHeight < 1 || s.sensorWidth > 65536 || s.sensorHeight > 65536)
        throw InputError(field + ": bad sensor size " + std::to_string(s.sensorWidth) + "x" +
                         std::to_string(s.sensorHeight));
    if (s.crop < 0 || s.crop > std::min(s.sensorWidth, s.sensorHeight))
        throw InputError(field + ".crop: " + std::to_string(s.crop) + " does not fit the " +
                         std::to_string(s.sensorWidth) + "x" + std::to_string(s.sensorHeight) +
                         " sensor");
    if (double(s.bins) * s.lines() > 4e9)
        throw InputError(field + ": " + std::to_string(s.bins) + " frames of " +
                         std::to_string(s.lines()) + " lines is too large");
}

void binEvents(const std::vector<Event> &events, const BinSpec &s, const std::string &name,
               std::vector<std::uint32_t> &out, std::vector<std::uint8_t> &scratch)
{
    out.clear();
    if (events.empty())
        return;
    const int w = s.width(), h = s.height();
    const int x0 = (s.sensorWidth - w) / 2, y0 = (s.sensorHeight - h) / 2;
    const std::size_t lines = std::size_t(s.lines());
    scratch.assign(lines * std::size_t(s.bins), 0);
    double t0 = events.front().tUs;
    for (const Event &e : events)
        t0 = std::min(t0, e.tUs);
    for (const Event &e : events) {
        if (e.x >= s.sensorWidth || e.y >= s.sensorHeight)
            throw InputError(name + ": event at (" + std::to_string(e.x) + ", " +
                             std::to_string(e.y) + ") is outside the " +
                             std::to_string(s.sensorWidth) + "x" +
                             std::to_string(s.sensorHeight) + " sensor");
        const double b = std::floor((e.tUs - t0) / s.binUs);
        if (b >= s.bins)
            continue;
        const int x = e.x - x0, y = e.y - y0;
        if (x < 0 || y < 0 || x >= w || y >= h)
            continue;
        const int c = s.mergePolarities ? 0 : (e.on ? 1 : 0);
        const std::size_t line = (std::size_t(c) * h + y) * w + x;
        scratch[std::size_t(b) * lines + line] = 1;
    }
    for (std::size_t k = 0; k < scratch.size(); ++k)
        if (scratch[k])
            out.push_back(std::uint32_t(k));
}

std::vector<std::uint32_t> binEvents(const std::vector<Event> &events, const BinSpec &spec,
                                     const std::string &name)
{
    std::vector<std::uint32_t> out;
    std::vector<std::uint8_t> scratch;
    binEvents(events, spec, name, out, scratch);
    return out;
}

} // namespace sqsnn

#include "data/Encoder.hpp"

#include "common/Error.hpp"
#include "project/Project.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

namespace {

// Sizes `out` for steps x lines; clears the per-step lists without giving back their storage.
void prepare(SpikeTrain &out, int steps, int lines, bool analog)
{
    out.steps = steps;
    out.lines = lines;
    out.active.resize(std::size_t(steps));
    for (auto &a : out.active)
        a.clear();
    if (analog)
        out.analog.resize(std::size_t(steps));
    else
        out.analog.clear();
}

void checkSize(std::size_t have, std::size_t want, const char *who)
{
    if (have != want)
        throw InternalError(std::string(who) + ": input has " + std::to_string(have) +
                            " values, expected " + std::to_string(want));
}

const std::vector<float> &staticInput(const Dataset &data, std::size_t index, const char *who)
{
    if (data.isEvents())
        throw InternalError(std::string(who) + ": data set '" + data.name + "' holds event frames");
    return data.inputs.at(index);
}

} // namespace

RateEncoder::RateEncoder(int lines, int steps, double pMax)
    : m_lines(lines), m_steps(steps), m_pMax(pMax)
{
}

void RateEncoder::encode(const Dataset &data, std::size_t index, Rng &rng, SpikeTrain &out) const
{
    encode(staticInput(data, index, "rate encoder"), rng, out);
}

void RateEncoder::encode(const std::vector<float> &input, Rng &rng, SpikeTrain &out) const
{
    checkSize(input.size(), std::size_t(m_lines), "rate encoder");
    prepare(out, m_steps, m_lines, false);
    // The same draws as "if (p > 0 && uniform() < p) push l", without the unpredictable
    // branch on the draw: every candidate line is written and kept when it fired.
    for (int t = 0; t < m_steps; ++t) {
        auto &a = out.active[t];
        a.resize(std::size_t(m_lines));
        int *dst = a.data();
        std::size_t kept = 0;
        for (int l = 0; l < m_lines; ++l) {
            const double p = std::min<double>(input[l], m_pMax);
            if (p > 0) {
                dst[kept] = l;
                kept += rng.uniform() < p;
            }
        }
        a.resize(kept);
    }
}

RepeatEncoder::RepeatEncoder(int lines, int steps) : m_lines(lines), m_steps(steps) {}

void RepeatEncoder::encode(const Dataset &data, std::size_t index, Rng &rng, SpikeTrain &out) const
{
    encode(staticInput(data, index, "repeat encoder"), rng, out);
}

void RepeatEncoder::encode(const std::vector<float> &input, Rng &, SpikeTrain &out) const
{
    checkSize(input.size(), std::size_t(m_lines), "repeat encoder");
    prepare(out, m_steps, m_lines, true);
    for (int t = 0; t < m_steps; ++t) {
        out.analog[t].assign(input.begin(), input.end());
        for (int l = 0; l < m_lines; ++l)
            if (input[l] > 0)
                out.active[t].push_back(l);
    }
}

EventFrameEncoder::EventFrameEncoder(int lines, int frames) : m_lines(lines), m_frames(frames) {}

void EventFrameEncoder::encode(const Dataset &data, std::size_t index, Rng &, SpikeTrain &out) const
{
    if (!data.isEvents())
        throw InternalError("events encoder: data set '" + data.name + "' holds static images");
    encodeSparse(data.spikes.at(index), out);
}

void EventFrameEncoder::encodeSparse(const std::vector<std::uint32_t> &spikes, SpikeTrain &out) const
{
    prepare(out, m_frames, m_lines, false);
    const std::uint32_t lines = std::uint32_t(m_lines);
    for (std::uint32_t k : spikes) {
        const std::uint32_t t = k / lines;
        if (t >= std::uint32_t(m_frames))
            throw InternalError("events encoder: spike index " + std::to_string(k) +
                                " beyond the last frame");
        out.active[t].push_back(int(k % lines));
    }
}

void EventFrameEncoder::encode(const std::vector<float> &input, Rng &, SpikeTrain &out) const
{
    checkSize(input.size(), std::size_t(m_lines) * std::size_t(m_frames), "events encoder");
    prepare(out, m_frames, m_lines, false);
    for (int t = 0; t < m_frames; ++t)
        for (int l = 0; l < m_lines; ++l)
            if (input[std::size_t(t) * m_lines + l] > 0.5f)
                out.active[t].push_back(l);
}

std::unique_ptr<Encoder> makeEncoder(const DataSpec &spec, const Dataset &data)
{
    const std::string &name = spec.encoder;
    if (name != "rate" && name != "repeat" && name != "events")
        throw InputError("data.encoder: unknown encoder '" + name +
                         "' (expected \"rate\", \"repeat\" or \"events\")");
    if (name == "events") {
        if (!data.isEvents())
            throw InputError("data.encoder: \"events\" needs event data, but data set '" +
                             data.name + "' holds static images (use \"rate\" or \"repeat\")");
        return std::make_unique<EventFrameEncoder>(data.inputLines(), data.frames);
    }
    if (data.isEvents())
        throw InputError("data.encoder: \"" + name + "\" needs static images, but data set '" +
                         data.name + "' holds event frames (use \"events\")");
    if (spec.timeSteps < 1 || spec.timeSteps > 100000)
        throw InputError("data.time_steps: " + std::to_string(spec.timeSteps) +
                         " (expected 1..100000)");
    if (name == "repeat")
        return std::make_unique<RepeatEncoder>(data.inputLines(), spec.timeSteps);
    if (!(spec.pMax > 0.0 && spec.pMax <= 1.0)) // also rejects NaN
        throw InputError("data.p_max: " + std::to_string(spec.pMax) + " is not in (0, 1]");
    return std::make_unique<RateEncoder>(data.inputLines(), spec.timeSteps, spec.pMax);
}

} // namespace sqsnn

#pragma once
// Encoders: one sample -> the spike train the network's input lines see (model.md section 5).
//
//   "rate"   : Bernoulli rate code for static images. At each step t = 0..T-1 (T = timeSteps)
//              each line spikes with probability min(value, pMax), drawn afresh every step.
//   "repeat" : analogue repeat for QLIF: analog[t] = the input values at every step, T =
//              timeSteps; active[t] = the lines with value > 0.
//   "events" : binary event frames passed through: active[t] = the lines that are 1 in frame t,
//              T = the data set's frames.
//
// SpikeTrain: active[t] lists the lines that spiked at step t, ascending; analog is empty except
// for "repeat". encode() reuses `out`'s storage: once `out` has held one sample of this encoder,
// further calls allocate nothing (the trainer calls it once per sample).
//
//   makeEncoder(spec, data) : InputError for an unknown encoder name, pMax outside (0,1] or
//                             NaN, timeSteps outside 1..100000, or an encoder that does not fit
//                             the data ("rate"/"repeat" need static images, "events" event data).
#include "common/Rng.hpp"
#include "data/Dataset.hpp"

#include <memory>
#include <vector>

namespace sqsnn {

struct DataSpec;

struct SpikeTrain
{
    int steps = 0;
    int lines = 0;
    std::vector<std::vector<int>> active;   // per step: lines that spiked (sorted)
    std::vector<std::vector<float>> analog; // per step: value per line ("repeat" only)
};

class Encoder
{
public:
    virtual ~Encoder() = default;
    virtual int steps() const = 0; // T
    virtual int lines() const = 0; // input lines per step
    // Sample `index` of `data` (static images or sparse event frames).
    virtual void encode(const Dataset &data, std::size_t index, Rng &rng,
                        SpikeTrain &out) const = 0;
    // A dense input: static, lines() values; events, steps()*lines() values in {0,1}.
    // InternalError when the size does not match.
    virtual void encode(const std::vector<float> &input, Rng &rng, SpikeTrain &out) const = 0;
};

class RateEncoder final : public Encoder
{
public:
    RateEncoder(int lines, int steps, double pMax);
    int steps() const override { return m_steps; }
    int lines() const override { return m_lines; }
    void encode(const Dataset &data, std::size_t index, Rng &rng, SpikeTrain &out) const override;
    void encode(const std::vector<float> &input, Rng &rng, SpikeTrain &out) const override;

private:
    int m_lines, m_steps;
    double m_pMax;
};

class RepeatEncoder final : public Encoder
{
public:
    RepeatEncoder(int lines, int steps);
    int steps() const override { return m_steps; }
    int lines() const override { return m_lines; }
    void encode(const Dataset &data, std::size_t index, Rng &rng, SpikeTrain &out) const override;
    void encode(const std::vector<float> &input, Rng &rng, SpikeTrain &out) const override;

private:
    int m_lines, m_steps;
};

class EventFrameEncoder final : public Encoder
{
public:
    EventFrameEncoder(int lines, int frames);
    int steps() const override { return m_frames; }
    int lines() const override { return m_lines; }
    void encode(const Dataset &data, std::size_t index, Rng &rng, SpikeTrain &out) const override;
    void encode(const std::vector<float> &input, Rng &rng, SpikeTrain &out) const override;
    // The sparse form directly: sorted indices t*lines + line.
    void encodeSparse(const std::vector<std::uint32_t> &spikes, SpikeTrain &out) const;

private:
    int m_lines, m_frames;
};

std::unique_ptr<Encoder> makeEncoder(const DataSpec &spec, const Dataset &data);

} // namespace sqsnn

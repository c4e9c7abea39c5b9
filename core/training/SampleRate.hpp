#pragma once
// The one definition of "samples per second" (metrics.csv's samples_per_second, the lab's
// status bar and Training dock): training samples completed in the epoch, divided by the
// wall-clock seconds from the epoch's start to now (or to the end of its training part, once
// finished), minus the time the run was paused by the user. The end-of-epoch evaluation is not
// counted (its samples do not train). Slow motion counts: at 5 steps/s and T = 5 it reads 1.
// The Trainer keeps one per epoch; the lab reads the same object, so both show one number.
#include <algorithm>
#include <chrono>

namespace sqsnn {

class SampleRate
{
public:
    using Clock = std::chrono::steady_clock;

    void start(Clock::time_point now = Clock::now())
    {
        m_start = now;
        m_paused = 0;
        m_samples = 0;
        m_finished = false;
    }
    void sample() { ++m_samples; }
    // The training part of the epoch is over: the rate stays as it is now.
    void finish(Clock::time_point now = Clock::now())
    {
        m_end = now;
        m_finished = true;
    }
    // Time the run spent paused by the user (not training).
    void excludePause(double seconds) { m_paused += std::max(0.0, seconds); }

    long samples() const { return m_samples; }
    double seconds(Clock::time_point now = Clock::now()) const
    {
        const auto end = m_finished ? m_end : now;
        return std::max(0.0, std::chrono::duration<double>(end - m_start).count() - m_paused);
    }
    double perSecond(Clock::time_point now = Clock::now()) const
    {
        return m_samples / std::max(1e-9, seconds(now));
    }

private:
    Clock::time_point m_start = Clock::now(), m_end = m_start;
    double m_paused = 0;
    long m_samples = 0;
    bool m_finished = false;
};

} // namespace sqsnn

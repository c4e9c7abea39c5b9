#pragma once
// The source lines of a projection that carried a spike in a sample, and in which steps: what
// the learning methods need to update a dense projection's weights a row at a time.
#include "network/Network.hpp"

#include <cstdint>
#include <vector>

namespace sqsnn {

class ActiveLines
{
public:
    // Whether projection k's sample of T steps can be described this way: a dense projection
    // (not channel-matched) fed spikes only (no analogue values), at most 64 steps.
    static bool fits(const Network &net, int k, int T)
    {
        if (net.projection(k).channelMatched() || T > 64)
            return false;
        for (int t = 0; t < T; ++t)
            if (!net.delivered(k, t).values.empty())
                return false;
        return true;
    }

    // Collects projection k's active lines over steps [0, T) (fits() must hold); clear()
    // after use resets the masks it set, so no pass over every line is needed per sample.
    void collect(const Network &net, int k, int T)
    {
        const int L = net.projection(k).sourceLines();
        if (m_steps.size() < std::size_t(L))
            m_steps.assign(std::size_t(L), 0);
        for (int t = 0; t < T; ++t)
            for (int line : net.delivered(k, t).lines)
                m_steps[std::size_t(line)] |= std::uint64_t(1) << t;
        m_lines.clear();
        for (int line = 0; line < L; ++line) // line order: neighbouring rows stay together
            if (m_steps[std::size_t(line)])
                m_lines.push_back(line);
    }
    void clear()
    {
        for (int line : m_lines)
            m_steps[std::size_t(line)] = 0;
        m_lines.clear();
    }

    // The active lines in line order, and a line's steps (bit t: it spiked at step t).
    const std::vector<int> &lines() const { return m_lines; }
    std::uint64_t steps(int line) const { return m_steps[std::size_t(line)]; }

private:
    std::vector<std::uint64_t> m_steps;
    std::vector<int> m_lines;
};

} // namespace sqsnn

#pragma once
// The lab's random number generator: xoshiro256** (Blackman & Vigna), seeded through
// splitmix64. Fast, small, and bit-identical on every platform and standard library, unlike
// std::uniform_real_distribution. Every random draw in the core takes one of these by
// reference; one seed in the project makes a run repeatable.
#include <cmath>
#include <cstdint>

namespace sqsnn {

class Rng
{
public:
    explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

    void reseed(std::uint64_t seed)
    {
        std::uint64_t x = seed;
        for (auto &s : m_s) {
            x += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = x;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [0, n).
    std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
    bool bernoulli(double p) { return uniform() < p; }
    // Normal(mean, sd^2) by Box-Muller (two uniforms per draw, no cached second value, so a
    // draw's position in the stream is fixed).
    double normal(double mean, double sd)
    {
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return mean + sd * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }

    // An independent stream derived from this seed and a stream index (for per-thread or
    // per-sample generators whose draws must not depend on scheduling).
    static Rng stream(std::uint64_t seed, std::uint64_t index)
    {
        return Rng(seed ^ (0xd1b54a32d192ed03ULL * (index + 1)));
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

} // namespace sqsnn

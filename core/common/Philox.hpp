#pragma once
// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2, 3",
// SC'11): a counter-based generator. A draw is a pure function of a 128-bit counter and a
// 64-bit key (ten rounds of two 32x32->64 multiplications and xors, the key bumped by the Weyl
// constants between rounds), so any draw can be computed independently of every other one, in
// any order, on any thread or SIMD lane. Bit-identical to the Random123 reference (the
// known-answer vectors of its kat_vectors file are in tests/core/common/PhiloxTest.cpp).
//
// The engine's keying (SqsKernel11): key = the population's per-sample seed (itself a function
// of the project seed, epoch, sample and population), counter = (step, neuron, stream, 0), so
// every draw is a function of (seed, epoch, sample, neuron, step) whatever the scheduling.
#include <array>
#include <cstdint>

namespace sqsnn {

struct Philox4x32
{
    using Counter = std::array<std::uint32_t, 4>;
    using Key = std::array<std::uint32_t, 2>;

    static constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u; // round multipliers
    static constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u; // key schedule (Weyl)

    static constexpr Key key(std::uint64_t seed)
    {
        return {std::uint32_t(seed), std::uint32_t(seed >> 32)};
    }

    // The ten-round block function.
    static constexpr Counter generate(Counter c, Key k)
    {
        for (int r = 0; r < 10; ++r) {
            if (r > 0) {
                k[0] += kW0;
                k[1] += kW1;
            }
            const std::uint64_t p0 = std::uint64_t(kM0) * c[0];
            const std::uint64_t p1 = std::uint64_t(kM1) * c[2];
            c = {std::uint32_t(p1 >> 32) ^ c[1] ^ k[0], std::uint32_t(p1),
                 std::uint32_t(p0 >> 32) ^ c[3] ^ k[1], std::uint32_t(p0)};
        }
        return c;
    }

    // Uniform in [0, 1) from two output words: their top 52 bits w = (hi:lo) >> 12, as
    // w 2^-52 (a multiple of 2^-52; the SIMD kernel builds the same double from the bit
    // pattern of 1 + w 2^-52).
    static constexpr double uniform(std::uint32_t hi, std::uint32_t lo)
    {
        return double(((std::uint64_t(hi) << 32) | lo) >> 12) * 0x1.0p-52;
    }
};

} // namespace sqsnn

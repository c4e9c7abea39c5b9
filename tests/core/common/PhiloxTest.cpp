// Philox4x32-10 against the published known-answer vectors of the Random123 reference
// (Salmon et al., SC'11; Random123's tests/kat_vectors: counter words, key words, output).
#include "common/Philox.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

using namespace sqsnn;

TEST(Philox, Random123KnownAnswers)
{
    struct Kat { Philox4x32::Counter ctr; Philox4x32::Key key; Philox4x32::Counter out; };
    const Kat kats[] = {
        {{0, 0, 0, 0}, {0, 0}, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
        {{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff},
         {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
        {{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0},
         {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
    };
    for (const Kat &k : kats)
        EXPECT_EQ(Philox4x32::generate(k.ctr, k.key), k.out);
    // Usable at compile time.
    static_assert(Philox4x32::generate({0, 0, 0, 0}, {0, 0})[0] == 0x6627e8d5u);
}

TEST(Philox, KeyFromSeedAndUniformMapping)
{
    EXPECT_EQ(Philox4x32::key(0x0123456789abcdefULL), (Philox4x32::Key{0x89abcdefu, 0x01234567u}));
    EXPECT_EQ(Philox4x32::uniform(0, 0), 0.0);
    // The largest value is 1 - 2^-52, never 1.
    EXPECT_EQ(Philox4x32::uniform(0xffffffffu, 0xffffffffu), 1.0 - 0x1.0p-52);
    // The top 52 of the 64 bits count: the low 12 bits of the second word do not.
    EXPECT_EQ(Philox4x32::uniform(5, 0xfffu), Philox4x32::uniform(5, 0));
    EXPECT_EQ(Philox4x32::uniform(0, 0x1000u), 0x1.0p-52);
    EXPECT_EQ(Philox4x32::uniform(0x80000000u, 0), 0.5);
}

TEST(Philox, UniformsLookUniform)
{
    // Mean and variance of 200,000 uniforms from consecutive counters (tolerance 5 sigma), and
    // no repeats among them: a broken round function fails one of these.
    const int n = 200000;
    double sum = 0, sum2 = 0;
    std::set<double> seen;
    for (std::uint32_t i = 0; i < std::uint32_t(n); ++i) {
        const auto x = Philox4x32::generate({7, i, 0, 0}, Philox4x32::key(42));
        const double u = Philox4x32::uniform(x[0], x[1]);
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        sum += u;
        sum2 += u * u;
        seen.insert(u);
    }
    const double mean = sum / n, var = sum2 / n - mean * mean;
    EXPECT_NEAR(mean, 0.5, 5 * std::sqrt(1.0 / 12 / n));
    EXPECT_NEAR(var, 1.0 / 12, 5 * std::sqrt(1.0 / 180 / n));
    EXPECT_EQ(int(seen.size()), n);
}

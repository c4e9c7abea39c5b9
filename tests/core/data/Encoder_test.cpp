// Encoders: the rate code's spike frequency against min(p, pMax), the repeat and event-frame
// encoders, spec validation, and no allocation in encode() after warm-up.
#include "common/Error.hpp"
#include "data/Encoder.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocations{0};
}

void *operator new(std::size_t n)
{
    ++g_allocations;
    if (void *p = std::malloc(n ? n : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }

using namespace sqsnn;

namespace {

Dataset staticSet(std::vector<float> pixels)
{
    Dataset d;
    d.name = "toy";
    d.width = int(pixels.size());
    d.height = 1;
    d.numClasses = 1;
    d.inputs = {std::move(pixels)};
    d.labels = {0};
    return d;
}

} // namespace

TEST(RateEncoder, FrequencyMatchesMinOfPixelAndPMax)
{
    const std::vector<float> pixels = {0.0f, 0.1f, 0.3f, 0.5f, 0.8f, 1.0f};
    const Dataset d = staticSet(pixels);
    DataSpec spec;
    spec.pMax = 0.5;
    spec.timeSteps = 10;
    const auto enc = makeEncoder(spec, d);
    EXPECT_EQ(enc->steps(), 10);
    EXPECT_EQ(enc->lines(), 6);
    Rng rng(123);
    SpikeTrain st;
    const int samples = 4000; // 40000 Bernoulli draws per line
    std::vector<long> counts(pixels.size(), 0);
    for (int s = 0; s < samples; ++s) {
        enc->encode(d, 0, rng, st);
        ASSERT_EQ(st.steps, 10);
        ASSERT_TRUE(st.analog.empty());
        for (const auto &a : st.active) {
            for (std::size_t k = 1; k < a.size(); ++k)
                ASSERT_LT(a[k - 1], a[k]);
            for (int l : a)
                ++counts[l];
        }
    }
    const double n = samples * 10.0;
    for (std::size_t l = 0; l < pixels.size(); ++l) {
        const double p = std::min(double(pixels[l]), 0.5);
        const double sigma = std::sqrt(p * (1 - p) / n);
        EXPECT_NEAR(counts[l] / n, p, 5 * sigma + 1e-12) << "line " << l;
    }
    EXPECT_EQ(counts[0], 0);
}

TEST(RateEncoder, DeterministicForASeed)
{
    const Dataset d = staticSet({0.2f, 0.4f, 0.6f, 0.9f});
    DataSpec spec;
    const auto enc = makeEncoder(spec, d);
    Rng a(9), b(9);
    SpikeTrain sa, sb;
    for (int i = 0; i < 20; ++i) {
        enc->encode(d, 0, a, sa);
        enc->encode(d.inputs[0], b, sb);
        EXPECT_EQ(sa.active, sb.active);
    }
}

TEST(RepeatEncoder, ValueEveryStep)
{
    const Dataset d = staticSet({0.0f, 0.25f, 1.0f});
    DataSpec spec;
    spec.encoder = "repeat";
    spec.timeSteps = 3;
    const auto enc = makeEncoder(spec, d);
    Rng rng(1);
    SpikeTrain st;
    enc->encode(d, 0, rng, st);
    ASSERT_EQ(st.analog.size(), 3u);
    for (int t = 0; t < 3; ++t) {
        EXPECT_EQ(st.analog[t], d.inputs[0]);
        EXPECT_EQ(st.active[t], (std::vector<int>{1, 2}));
    }
}

TEST(EventFrameEncoder, FramesPassThrough)
{
    Dataset d;
    d.name = "ev";
    d.width = 2;
    d.height = 2;
    d.frames = 3;
    d.numClasses = 1;
    d.labels = {0};
    d.spikes = {{1, 3, 4 + 0, 8 + 2}}; // t0: 1,3; t1: 0; t2: 2
    DataSpec spec;
    spec.encoder = "events";
    const auto enc = makeEncoder(spec, d);
    EXPECT_EQ(enc->steps(), 3);
    Rng rng(1);
    SpikeTrain st;
    enc->encode(d, 0, rng, st);
    EXPECT_EQ(st.active, (std::vector<std::vector<int>>{{1, 3}, {0}, {2}}));
    SpikeTrain dense;
    enc->encode(d.denseInput(0), rng, dense);
    EXPECT_EQ(dense.active, st.active);
}

TEST(Encoder, SpecErrors)
{
    const Dataset d = staticSet({0.5f});
    DataSpec spec;
    spec.encoder = "poisson";
    EXPECT_THROW(makeEncoder(spec, d), InputError);
    spec.encoder = "rate";
    for (double bad : {0.0, -0.1, 1.5, std::nan("")}) {
        spec.pMax = bad;
        EXPECT_THROW(makeEncoder(spec, d), InputError) << bad;
    }
    spec.pMax = 1.0;
    EXPECT_NO_THROW(makeEncoder(spec, d));
    spec.timeSteps = 0;
    EXPECT_THROW(makeEncoder(spec, d), InputError);
    spec.timeSteps = 5;
    spec.encoder = "events";
    try {
        makeEncoder(spec, d);
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("\"events\" needs event data"), std::string::npos);
    }
    Dataset ev = d;
    ev.frames = 2;
    spec.encoder = "rate";
    EXPECT_THROW(makeEncoder(spec, ev), InputError);
}

TEST(Encoder, NoAllocationAfterWarmUp)
{
    std::vector<float> pixels(784);
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = float(i % 17) / 16.0f;
    Dataset d = staticSet(pixels);
    d.inputs.push_back(std::vector<float>(784, 1.0f)); // densest sample
    d.labels.push_back(0);
    Dataset ev;
    ev.name = "ev";
    ev.width = 10;
    ev.height = 1;
    ev.frames = 4;
    ev.numClasses = 1;
    ev.labels = {0, 0};
    ev.spikes = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 39}, {5}};
    for (const char *name : {"rate", "repeat", "events"}) {
        DataSpec spec;
        spec.encoder = name;
        spec.pMax = 1.0;
        const Dataset &data = spec.encoder == "events" ? ev : d;
        const auto enc = makeEncoder(spec, data);
        Rng rng(3);
        SpikeTrain st;
        for (std::size_t i = 0; i < data.size(); ++i)
            enc->encode(data, i, rng, st); // warm-up: capacity for the densest sample
        const long before = g_allocations.load();
        for (int k = 0; k < 50; ++k)
            enc->encode(data, std::size_t(k) % data.size(), rng, st);
        EXPECT_EQ(g_allocations.load() - before, 0) << name;
    }
}

// The emulated event camera: a moving edge makes events, a blank image makes none; seeded
// determinism; the "events-emulated" data set end to end.
#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "data/EventDatasets.hpp"
#include "data/EventEmulator.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace sqsnn;

namespace {

std::vector<float> edgeImage(int side)
{
    std::vector<float> img(std::size_t(side) * side, 0.0f);
    for (int y = 0; y < side; ++y)
        for (int x = side / 2; x < side; ++x)
            img[std::size_t(y) * side + x] = 1.0f; // vertical edge in the middle
    return img;
}

} // namespace

TEST(EventEmulator, BlankAndUniformImagesAreSilent)
{
    EventEmulator em;
    Rng rng(1);
    std::vector<Event> out;
    const std::vector<float> black(16 * 16, 0.0f);
    em.emulate(black.data(), 16, 16, rng, out);
    EXPECT_TRUE(out.empty());
}

TEST(EventEmulator, MovingEdgeEmitsOnAndOffNearTheEdge)
{
    EventEmulator em;
    Rng rng(1);
    std::vector<Event> out;
    const auto img = edgeImage(16);
    em.emulate(img.data(), 16, 16, rng, out);
    ASSERT_GT(out.size(), 50u);
    const auto on = std::count_if(out.begin(), out.end(), [](const Event &e) { return e.on; });
    EXPECT_GT(on, 10);
    EXPECT_GT(long(out.size()) - on, 10);
    for (const Event &e : out) {
        // The image moves at most a/2 = 1.5 px either way, so away from the white area's own
        // borders (rows 0..1 and 14..15, columns 14..15) only columns near the edge at x = 8
        // can change.
        if (e.y >= 3 && e.y <= 12)
            EXPECT_TRUE((e.x >= 5 && e.x <= 10) || e.x >= 13) << e.x << "," << e.y;
        EXPECT_GE(e.tUs, 0.0);
        EXPECT_LE(e.tUs, 300500.0);
    }
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end(),
                               [](const Event &a, const Event &b) { return a.tUs < b.tUs; }));
    // Same seed, same events; another seed moves only the timing jitter.
    Rng again(1), other(2);
    std::vector<Event> out2, out3;
    em.emulate(img.data(), 16, 16, again, out2);
    em.emulate(img.data(), 16, 16, other, out3);
    ASSERT_EQ(out2.size(), out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        EXPECT_EQ(out[i].tUs, out2[i].tUs);
    EXPECT_EQ(out3.size(), out.size());
}

TEST(EventEmulator, DurationLimitsTheStream)
{
    EmulatorParams p;
    p.durationMs = 50;
    p.jitterMs = 0;
    EventEmulator em(p);
    Rng rng(1);
    std::vector<Event> out;
    const auto img = edgeImage(16);
    em.emulate(img.data(), 16, 16, rng, out);
    ASSERT_FALSE(out.empty());
    for (const Event &e : out) {
        EXPECT_LE(e.tUs, 50000.0);
        EXPECT_EQ(std::fmod(e.tUs, 5000.0), 0.0); // motion sampled every 5 ms, no jitter
    }
}

TEST(EmulatedDataset, FashionMnistAsEvents)
{
    DataSpec spec;
    spec.dataset = "events-emulated";
    spec.encoder = "events";
    spec.classes = {1, 7};
    spec.trainSamples = 40;
    spec.testSamples = 10;
    spec.timeSteps = 8;
    spec.binMs = 25;
    spec.mergePolarities = false;
    const DataSplit a = loadData(spec, 5);
    EXPECT_EQ(a.train.size(), 40u);
    EXPECT_EQ(a.train.frames, 8);
    EXPECT_EQ(a.train.channels, 2);
    EXPECT_EQ(a.train.width, 28);
    EXPECT_TRUE(a.train.inputs.empty());
    EXPECT_EQ(a.train.inputLines(), inputLinesFor(spec));
    std::size_t total = 0;
    std::vector<int> perFrame(8, 0);
    for (const auto &s : a.train.spikes) {
        EXPECT_FALSE(s.empty());
        EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
        total += s.size();
        for (auto k : s)
            ++perFrame[k / a.train.inputLines()];
    }
    EXPECT_GT(total, 40u * 100);
    for (int f = 0; f < 8; ++f)
        EXPECT_GT(perFrame[f], 0) << "frame " << f;
    const DataSplit b = loadData(spec, 5);
    EXPECT_EQ(a.train.spikes, b.train.spikes);
    EXPECT_EQ(a.test.spikes, b.test.spikes);
    spec.crop = 20;
    spec.mergePolarities = true;
    spec.imageSize = 24;
    const DataSplit c = loadData(spec, 5);
    EXPECT_EQ(c.train.width, 20);
    EXPECT_EQ(c.train.inputLines(), 400);
    EXPECT_EQ(inputLinesFor(spec), 400);
}

TEST(EmulatedDataset, ThreadedConversionEqualsSampleBySample)
{
    // 300 samples: emulateEvents uses worker threads; each sample must equal its own
    // single-threaded emulation with the documented per-sample stream.
    Dataset d;
    d.name = "toy";
    d.width = d.height = 12;
    d.numClasses = 1;
    Rng fill(99);
    for (int i = 0; i < 300; ++i) {
        std::vector<float> img(144);
        for (auto &v : img)
            v = float(fill.uniform());
        d.inputs.push_back(img);
        d.labels.push_back(0);
    }
    const Dataset original = d;
    DataSpec spec;
    spec.timeSteps = 6;
    spec.binMs = 10;
    emulateEvents(d, spec, 17, 1);
    ASSERT_EQ(d.spikes.size(), 300u);
    EXPECT_EQ(d.frames, 6);
    EmulatorParams p;
    p.durationMs = 6 * 10 + p.stepMs;
    EventEmulator em(p);
    BinSpec b;
    b.binUs = 10000;
    b.bins = 6;
    b.sensorWidth = b.sensorHeight = 12;
    std::vector<Event> events;
    for (std::size_t i = 0; i < 300; ++i) {
        Rng rng = Rng::stream(17 ^ (0x9e3779b97f4a7c15ULL * 2), i);
        em.emulate(original.inputs[i].data(), 12, 12, rng, events);
        ASSERT_EQ(d.spikes[i], binEvents(events, b, "toy")) << i;
    }
}

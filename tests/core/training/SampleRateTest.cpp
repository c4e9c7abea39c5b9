// The one definition of samples per second: samples / (seconds of the training part - pauses),
// frozen when the training part ends; and the Trainer's metrics.csv value is that definition.
#include "training/SampleRate.hpp"
#include "training/Trainer.hpp"
#include "project/ProjectIo.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;
using namespace std::chrono_literals;

TEST(SampleRate, SamplesOverUnpausedSeconds)
{
    SampleRate r;
    const auto t0 = SampleRate::Clock::now();
    r.start(t0);
    EXPECT_EQ(r.perSecond(t0 + 1s), 0.0);
    for (int i = 0; i < 5; ++i)
        r.sample();
    // 5 samples in 5 s: 1 per second (slow motion at 5 steps/s, T = 5).
    EXPECT_NEAR(r.perSecond(t0 + 5s), 1.0, 1e-12);
    // 3 s of the 8 spent paused do not count.
    r.excludePause(3.0);
    EXPECT_NEAR(r.perSecond(t0 + 8s), 1.0, 1e-12);
    // Frozen once the training part ends (the evaluation does not dilute it).
    r.finish(t0 + 8s);
    EXPECT_NEAR(r.perSecond(t0 + 100s), 1.0, 1e-12);
    EXPECT_EQ(r.samples(), 5);
}

TEST(SampleRate, TrainerReportsTheSameNumberItRecords)
{
    Project p = loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/lessons/01-born-rule.sqsnn.json");
    p.data.trainSamples = 10;
    p.data.testSamples = 4;
    Trainer t(p, TrainerOptions{1});
    const EpochMetrics m = t.trainEpoch();
    EXPECT_EQ(t.sampleRate().samples(), 10);
    EXPECT_GT(m.samplesPerSecond, 0);
    // Frozen at the end of the training part: what the lab reads after the epoch is the csv's.
    EXPECT_DOUBLE_EQ(t.sampleRate().perSecond(), m.samplesPerSecond);
}

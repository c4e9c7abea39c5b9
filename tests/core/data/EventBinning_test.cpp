// Binning hand-made events: bin width, number of bins, centre crop, polarity merge.
#include "common/Error.hpp"
#include "data/EventBinning.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;

namespace {

Event ev(double t, int x, int y, bool on) { return {t, std::uint16_t(x), std::uint16_t(y), on}; }

} // namespace

TEST(EventBinning, TimeBinsFromFirstEvent)
{
    BinSpec s;
    s.binUs = 1000;
    s.bins = 3;
    s.sensorWidth = 4;
    s.sensorHeight = 2;
    // t0 = 500: bins [500,1500) [1500,2500) [2500,3500); 3500 is dropped.
    const std::vector<Event> events = {ev(1499, 1, 0, true), ev(500, 0, 0, false),
                                       ev(1500, 3, 1, true), ev(1600, 3, 1, false),
                                       ev(3499, 2, 1, true), ev(3500, 1, 1, true)};
    EXPECT_EQ(binEvents(events, s, "x"), (std::vector<std::uint32_t>{0, 1, 8 + 7, 16 + 6}));
    EXPECT_TRUE(binEvents({}, s, "x").empty());
}

TEST(EventBinning, PolaritiesSeparateOrMerged)
{
    BinSpec s;
    s.binUs = 10;
    s.bins = 1;
    s.sensorWidth = 2;
    s.sensorHeight = 2;
    s.mergePolarities = false;
    const std::vector<Event> events = {ev(0, 1, 0, true), ev(1, 1, 0, false), ev(2, 0, 1, true)};
    // channel 0 = OFF at (1,0) -> 1; channel 1 = ON at (1,0) -> 4+1, (0,1) -> 4+2
    EXPECT_EQ(binEvents(events, s, "x"), (std::vector<std::uint32_t>{1, 5, 6}));
    EXPECT_EQ(s.lines(), 8);
    s.mergePolarities = true;
    EXPECT_EQ(binEvents(events, s, "x"), (std::vector<std::uint32_t>{1, 2}));
}

TEST(EventBinning, CentreCrop)
{
    BinSpec s;
    s.binUs = 10;
    s.bins = 2;
    s.sensorWidth = 6;
    s.sensorHeight = 6;
    s.crop = 2; // keeps x, y in [2, 4)
    const std::vector<Event> events = {ev(0, 2, 2, true), ev(0, 3, 3, true), ev(0, 1, 2, true),
                                       ev(15, 4, 3, true), ev(15, 3, 2, false)};
    EXPECT_EQ(binEvents(events, s, "x"), (std::vector<std::uint32_t>{0, 3, 4 + 1}));
    EXPECT_EQ(s.lines(), 4);
}

TEST(EventBinning, Errors)
{
    BinSpec s;
    s.sensorWidth = s.sensorHeight = 34;
    try {
        binEvents({ev(0, 40, 2, true)}, s, "f.bin");
        FAIL();
    } catch (const InputError &e) {
        EXPECT_STREQ(e.what(), "f.bin: event at (40, 2) is outside the 34x34 sensor");
    }
    s.crop = 35;
    EXPECT_THROW(validateBinSpec(s, "data"), InputError);
    s.crop = 0;
    s.binUs = 0;
    EXPECT_THROW(validateBinSpec(s, "data"), InputError);
    s.binUs = 1000;
    s.bins = 0;
    EXPECT_THROW(validateBinSpec(s, "data"), InputError);
}

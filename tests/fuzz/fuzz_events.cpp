// libFuzzer target: arbitrary bytes into the N-MNIST binary and CSV event parsers, and what they
// return through the binning (bin spec taken from the first bytes). InputError is the expected
// answer to bad bytes; anything else is a bug.
#include "common/Error.hpp"
#include "data/EventBinning.hpp"
#include "data/Events.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace {

void binSome(const std::vector<sqsnn::Event> &events, std::span<const std::uint8_t> ctl)
{
    sqsnn::BinSpec s;
    s.binUs = ctl.size() > 0 ? 1.0 + ctl[0] * 100.0 : 1000.0;
    s.bins = ctl.size() > 1 ? 1 + ctl[1] % 16 : 4;
    s.sensorWidth = ctl.size() > 2 ? 1 + ctl[2] % 64 : 34;
    s.sensorHeight = ctl.size() > 3 ? 1 + ctl[3] % 64 : 34;
    s.crop = ctl.size() > 4 ? ctl[4] % 40 : 0;
    s.mergePolarities = ctl.size() > 5 ? (ctl[5] & 1) : true;
    try {
        sqsnn::validateBinSpec(s, "fuzz");
        const auto out = sqsnn::binEvents(events, s, "fuzz");
        const std::size_t limit = std::size_t(s.bins) * std::size_t(s.lines());
        for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i] >= limit || (i > 0 && out[i - 1] >= out[i]))
                __builtin_trap();
    } catch (const sqsnn::InputError &) {
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::span<const std::uint8_t> bytes(data, size);
    try {
        binSome(sqsnn::parseNmnistEvents(bytes, "fuzz.bin"), bytes);
    } catch (const sqsnn::InputError &) {
    }
    try {
        binSome(sqsnn::parseCsvEvents(bytes, "fuzz.csv"), bytes);
    } catch (const sqsnn::InputError &) {
    }
    return 0;
}

#pragma once
// Binning an event stream into binary frames (model.md section 5).
//
// Time: bins start at the stream's earliest event t0; event e falls in bin
// floor((e.tUs - t0) / binUs); events at or after bin `bins` are dropped (the authors keep the
// first 20 bins of 25 ms for MNIST-DVS). A bin pixel is 1 when it holds >= 1 event.
// Space: the sensor is sensorWidth x sensorHeight; a centre crop of side c keeps
// x in [x0, x0+c) with x0 = (sensorWidth - c) / 2 (likewise y) and drops the rest. Events
// outside the sensor are an InputError (naming `name`).
// Channels: mergePolarities -> 1 channel; else 2 (channel 0 = OFF, channel 1 = ON).
// Output: sorted flat indices t*lines + line, line = (c*h + y)*w + x with w, h the frame size
// after cropping and lines = w*h*channels (the layout Dataset::spikes uses).
#include "data/Events.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sqsnn {

struct BinSpec
{
    double binUs = 25000.0; // bin width, microseconds (> 0)
    int bins = 20;          // number of frames (> 0)
    int sensorWidth = 34, sensorHeight = 34;
    int crop = 0;           // centre crop side (0 = whole sensor)
    bool mergePolarities = true;

    int width() const { return crop > 0 ? crop : sensorWidth; }
    int height() const { return crop > 0 ? crop : sensorHeight; }
    int channels() const { return mergePolarities ? 1 : 2; }
    int lines() const { return width() * height() * channels(); }
};

// InputError (naming `field`) unless binUs is finite and > 0, bins in 1..100000, the crop
// fits the sensor and the frame is not absurdly large.
void validateBinSpec(const BinSpec &spec, const std::string &field);

// `scratch` is reused between calls (bins*lines bytes).
void binEvents(const std::vector<Event> &events, const BinSpec &spec, const std::string &name,
               std::vector<std::uint32_t> &out, std::vector<std::uint8_t> &scratch);
std::vector<std::uint32_t> binEvents(const std::vector<Event> &events, const BinSpec &spec,
                                     const std::string &name);

} // namespace sqsnn

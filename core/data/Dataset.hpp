#pragma once
// One split of a data set, as the trainer sees it, and the pair of splits loadData() returns.
//
// Static images (frames == 0): inputs[i] holds width*height*channels floats in [0,1], row-major
// (line = (c*height + y)*width + x); an encoder turns them into spikes.
// Event data (frames > 0): spikes[i] holds sample i's binary frames sparsely: the sorted flat
// indices t*inputLines() + line of every 1 (t = 0..frames-1). Dense frames of a big event set
// (60000 x 20 x 676 floats) would not fit in memory, so `inputs` stays empty for event data;
// denseInput(i) expands one sample when a dense view is wanted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sqsnn {

struct Dataset
{
    std::string name;
    int width = 0, height = 0;
    int channels = 1;        // polarities for events (1 = merged, 2 = OFF, ON)
    int frames = 0;          // 0: static images; >0: binary event frames per sample
    int numClasses = 0;
    std::vector<std::string> classNames;
    std::vector<std::vector<float>> inputs;          // static: width*height*channels values
    std::vector<std::vector<std::uint32_t>> spikes;  // events: sorted t*inputLines()+line
    std::vector<int> labels;                         // 0..numClasses-1

    int inputLines() const { return width * height * channels; } // lines seen per step
    std::size_t size() const { return labels.size(); }
    bool isEvents() const { return frames > 0; }
    // Static: the image; events: frames*inputLines() values in {0,1}.
    std::vector<float> denseInput(std::size_t i) const
    {
        if (!isEvents())
            return inputs.at(i);
        std::vector<float> out(std::size_t(frames) * std::size_t(inputLines()), 0.0f);
        for (std::uint32_t k : spikes.at(i))
            out[k] = 1.0f;
        return out;
    }
};

struct DataSplit
{
    Dataset train, test;
};

} // namespace sqsnn

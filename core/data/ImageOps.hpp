#pragma once
// Operations on a loaded split: resizing images, class subsets, seeded subsampling.
//
//   Resampler(inW, inH, outW, outH) : separable resize. Per axis: area averaging when shrinking
//       (each output pixel is the mean of the input area it covers, fractional pixels weighted),
//       bilinear interpolation when enlarging (pixel centres at (i+0.5)*in/out - 0.5, edges
//       clamped), identity when equal. Weights are built once; apply() allocates nothing (it uses
//       a scratch row buffer, so one Resampler per thread).
//   resizeImages(data, side)        : every image of `data` to side x side.
//   selectClasses(data, classes, f) : keep the listed classes, relabelled 0..k-1 in the order
//       given (class names follow). InputError (naming field `f`) for a class outside the set or
//       listed twice.
//   subsample(data, n, rng, field)  : keep n samples, class-stratified: each class is shuffled,
//       then classes are taken round-robin (balanced as far as the classes allow); kept samples
//       stay in their original order. n == 0 keeps all; n > size is an InputError naming `field`.
//   subsampleIndices(labels, numClasses, n, rng, field) : the same choice on labels alone (for
//       data sets that are read file by file).
#include "common/Rng.hpp"
#include "data/Dataset.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace sqsnn {

class Resampler
{
public:
    Resampler(int inW, int inH, int outW, int outH);
    // in: inW*inH row-major; out: outW*outH (resized by the call if needed).
    void apply(const float *in, float *out);
    int outWidth() const { return m_outW; }
    int outHeight() const { return m_outH; }

private:
    struct Tap { int src; float weight; };
    struct Axis { std::vector<int> begin; std::vector<Tap> taps; }; // taps[begin[o]..begin[o+1])
    static Axis makeAxis(int in, int out);

    int m_inW, m_inH, m_outW, m_outH;
    Axis m_x, m_y;
    std::vector<float> m_rows; // inH x outW intermediate
};

void resizeImages(Dataset &data, int side);
void selectClasses(Dataset &data, const std::vector<int> &classes, const std::string &field);
std::vector<std::size_t> subsampleIndices(const std::vector<int> &labels, int numClasses,
                                          std::size_t n, Rng &rng, const std::string &field);
void subsample(Dataset &data, std::size_t n, Rng &rng, const std::string &field);
// Keeps the samples at `indices` (ascending), in that order.
void keepSamples(Dataset &data, const std::vector<std::size_t> &indices);

} // namespace sqsnn

#include "data/ImageOps.hpp"

#include "common/Error.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

Resampler::Axis Resampler::makeAxis(int in, int out)
{
    Axis a;
    a.begin.reserve(out + 1);
    for (int o = 0; o < out; ++o) {
        a.begin.push_back(int(a.taps.size()));
        if (in == out) {
            a.taps.push_back({o, 1.0f});
        } else if (out < in) {
            const double scale = double(in) / out;
            const double lo = o * scale, hi = (o + 1) * scale;
            for (int i = int(std::floor(lo)); i < in && i < hi; ++i) {
                const double overlap = std::min<double>(hi, i + 1) - std::max<double>(lo, i);
                if (overlap > 1e-12)
                    a.taps.push_back({i, float(overlap / scale)});
            }
        } else {
            double c = (o + 0.5) * in / out - 0.5;
            c = std::clamp(c, 0.0, double(in - 1));
            const int i0 = int(std::floor(c));
            const int i1 = std::min(i0 + 1, in - 1);
            const float f = float(c - i0);
            a.taps.push_back({i0, 1.0f - f});
            if (i1 != i0 && f > 0.0f)
                a.taps.push_back({i1, f});
        }
    }
    a.begin.push_back(int(a.taps.size()));
    return a;
}

Resampler::Resampler(int inW, int inH, int outW, int outH)
    : m_inW(inW), m_inH(inH), m_outW(outW), m_outH(outH), m_x(makeAxis(inW, outW)),
      m_y(makeAxis(inH, outH)), m_rows(std::size_t(inH) * outW)
{
    if (inW <= 0 || inH <= 0 || outW <= 0 || outH <= 0)
        throw InternalError("Resampler: non-positive image size");
}

void Resampler::apply(const float *in, float *out)
{
    for (int y = 0; y < m_inH; ++y) {
        const float *row = in + std::size_t(y) * m_inW;
        float *dst = m_rows.data() + std::size_t(y) * m_outW;
        for (int o = 0; o < m_outW; ++o) {
            float s = 0.0f;
            for (int k = m_x.begin[o]; k < m_x.begin[o + 1]; ++k)
                s += m_x.taps[k].weight * row[m_x.taps[k].src];
            dst[o] = s;
        }
    }
    for (int o = 0; o < m_outH; ++o) {
        float *dst = out + std::size_t(o) * m_outW;
        std::fill(dst, dst + m_outW, 0.0f);
        for (int k = m_y.begin[o]; k < m_y.begin[o + 1]; ++k) {
            const float w = m_y.taps[k].weight;
            const float *src = m_rows.data() + std::size_t(m_y.taps[k].src) * m_outW;
            for (int x = 0; x < m_outW; ++x)
                dst[x] += w * src[x];
        }
        for (int x = 0; x < m_outW; ++x)
            dst[x] = std::clamp(dst[x], 0.0f, 1.0f); // rounding only: weights sum to 1
    }
}

void resizeImages(Dataset &data, int side)
{
    if (data.isEvents() || data.channels != 1)
        throw InternalError("resizeImages: needs single-channel static images");
    if (side == data.width && side == data.height)
        return;
    Resampler r(data.width, data.height, side, side);
    std::vector<float> tmp(std::size_t(side) * side);
    for (auto &img : data.inputs) {
        r.apply(img.data(), tmp.data());
        img.assign(tmp.begin(), tmp.end());
        img.shrink_to_fit();
    }
    data.width = data.height = side;
}

void selectClasses(Dataset &data, const std::vector<int> &classes, const std::string &field)
{
    if (classes.empty())
        return;
    std::vector<int> map(data.numClasses, -1);
    std::vector<std::string> names;
    for (std::size_t k = 0; k < classes.size(); ++k) {
        const int c = classes[k];
        if (c < 0 || c >= data.numClasses)
            throw InputError(field + ": class " + std::to_string(c) + " is not in " + data.name +
                             " (classes 0.." + std::to_string(data.numClasses - 1) + ")");
        if (map[c] >= 0)
            throw InputError(field + ": class " + std::to_string(c) + " is listed twice");
        map[c] = int(k);
        names.push_back(c < int(data.classNames.size()) ? data.classNames[c] : std::to_string(c));
    }
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < data.labels.size(); ++i)
        if (map[data.labels[i]] >= 0)
            keep.push_back(i);
    keepSamples(data, keep);
    for (int &l : data.labels)
        l = map[l];
    data.numClasses = int(classes.size());
    data.classNames = std::move(names);
}

std::vector<std::size_t> subsampleIndices(const std::vector<int> &labels, int numClasses,
                                          std::size_t n, Rng &rng, const std::string &field)
{
    if (n > labels.size())
        throw InputError(field + ": " + std::to_string(n) + " samples asked but only " +
                         std::to_string(labels.size()) + " are available");
    std::vector<std::vector<std::size_t>> byClass(std::max(numClasses, 1));
    for (std::size_t i = 0; i < labels.size(); ++i)
        byClass.at(labels[i]).push_back(i);
    for (auto &members : byClass)
        for (std::size_t i = members.size(); i > 1; --i)
            std::swap(members[i - 1], members[rng.below(i)]);
    std::vector<std::size_t> chosen;
    chosen.reserve(n);
    for (std::size_t round = 0; chosen.size() < n; ++round)
        for (auto &members : byClass)
            if (round < members.size() && chosen.size() < n)
                chosen.push_back(members[round]);
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

void subsample(Dataset &data, std::size_t n, Rng &rng, const std::string &field)
{
    if (n == 0)
        return;
    keepSamples(data, subsampleIndices(data.labels, data.numClasses, n, rng, field));
}

void keepSamples(Dataset &data, const std::vector<std::size_t> &indices)
{
    auto pick = [&](auto &v) {
        if (v.empty())
            return;
        std::remove_reference_t<decltype(v)> kept;
        kept.reserve(indices.size());
        for (std::size_t i : indices)
            kept.push_back(std::move(v[i]));
        v = std::move(kept);
    };
    pick(data.inputs);
    pick(data.spikes);
    pick(data.labels);
}

} // namespace sqsnn

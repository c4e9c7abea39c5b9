#include "training/ParameterHistograms.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sqsnn {

namespace {

constexpr double kTwoPi = 2 * M_PI;

// Values as (pointer, count) spans of one group, plus which of them are angles.
struct Span
{
    const double *v;
    std::size_t n;
};

// A histogram over every value of `spans` with `pick(span, i)` true; `range` fixed or
// (when lo >= hi) from the values' own min and max.
template <class Pick>
ParameterHistogram bin(ParameterHistogram::Kind kind, std::string name,
                       const std::vector<Span> &spans, Pick pick, int bins)
{
    ParameterHistogram h;
    h.kind = kind;
    h.name = std::move(name);
    h.counts.assign(std::size_t(std::max(1, bins)), 0);
    const bool angles = kind == ParameterHistogram::Kind::Angles;
    auto value = [&](double x) { return angles ? wrapAngle(x) : x; };
    if (angles) {
        h.lo = 0;
        h.hi = kTwoPi;
    } else {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (std::size_t s = 0; s < spans.size(); ++s)
            for (std::size_t i = 0; i < spans[s].n; ++i)
                if (pick(s, i) && std::isfinite(spans[s].v[i])) {
                    lo = std::min(lo, spans[s].v[i]);
                    hi = std::max(hi, spans[s].v[i]);
                }
        if (!(lo <= hi))
            lo = hi = 0;
        if (hi - lo < 1e-12 * std::max(1.0, std::abs(lo))) { // one value: a unit-wide range
            lo -= 0.5;
            hi += 0.5;
        }
        h.lo = lo;
        h.hi = hi;
    }
    const double scale = double(h.counts.size()) / (h.hi - h.lo);
    const auto last = std::int64_t(h.counts.size()) - 1;
    for (std::size_t s = 0; s < spans.size(); ++s)
        for (std::size_t i = 0; i < spans[s].n; ++i) {
            if (!pick(s, i))
                continue;
            const double x = spans[s].v[i];
            if (!std::isfinite(x)) {
                ++h.nonFinite;
                continue;
            }
            const auto k = std::int64_t((value(x) - h.lo) * scale);
            ++h.counts[std::size_t(std::clamp<std::int64_t>(k, 0, last))];
        }
    return h;
}

} // namespace

double wrapAngle(double a)
{
    a = std::fmod(a, kTwoPi);
    if (a < 0)
        a += kTwoPi;
    return a >= kTwoPi ? 0.0 : a; // -tiny + 2 pi rounds to 2 pi
}

std::int64_t ParameterHistogram::total() const
{
    return std::accumulate(counts.begin(), counts.end(), nonFinite);
}

std::vector<ParameterHistogram> parameterHistograms(const Network &net, int bins)
{
    using Kind = ParameterHistogram::Kind;
    std::vector<ParameterHistogram> out;
    std::vector<Span> weights, pops;
    std::vector<const Population *> popOf;
    for (int k = 0; k < net.projectionCount(); ++k)
        if (!net.projection(k).params().empty())
            weights.push_back({net.projection(k).params().data(), net.projection(k).params().size()});
    for (int p = 0; p < net.populationCount(); ++p)
        if (!net.isInput(p) && net.population(p).paramCount() > 0) {
            pops.push_back({net.population(p).params().data(), net.population(p).params().size()});
            popOf.push_back(&net.population(p));
        }
    auto isAngle = [&](std::size_t s, std::size_t i) {
        const Population &P = *popOf[s];
        return P.paramIsAngle(int(i % std::size_t(P.paramsPerNeuron())));
    };
    auto all = [](std::size_t, std::size_t) { return true; };
    if (!weights.empty())
        out.push_back(bin(Kind::Weights, "all weights", weights, all, bins));
    bool anyAngle = false;
    for (std::size_t s = 0; s < pops.size() && !anyAngle; ++s)
        for (int k = 0; k < popOf[s]->paramsPerNeuron() && !anyAngle; ++k)
            anyAngle = popOf[s]->paramIsAngle(k);
    if (anyAngle)
        out.push_back(bin(Kind::Angles, "all circuit angles", pops, isAngle, bins));
    for (int k = 0; k < net.projectionCount(); ++k) {
        const Projection &pr = net.projection(k);
        if (pr.params().empty())
            continue;
        out.push_back(bin(Kind::Weights, "weights " + pr.spec().from + "->" + pr.spec().to,
                          {{pr.params().data(), pr.params().size()}}, all, bins));
    }
    for (std::size_t s = 0; s < pops.size(); ++s) {
        const Population &P = *popOf[s];
        bool angle = false, other = false;
        for (int k = 0; k < P.paramsPerNeuron(); ++k)
            (P.paramIsAngle(k) ? angle : other) = true;
        const std::vector<Span> one{pops[s]};
        auto angleHere = [&](std::size_t, std::size_t i) { return isAngle(s, i); };
        auto otherHere = [&](std::size_t, std::size_t i) { return !isAngle(s, i); };
        if (angle)
            out.push_back(bin(Kind::Angles, "angles " + P.spec().name, one, angleHere, bins));
        if (other)
            out.push_back(bin(Kind::NeuronParameters, "parameters " + P.spec().name, one,
                              otherHere, bins));
    }
    return out;
}

} // namespace sqsnn

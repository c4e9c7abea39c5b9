#include "data/EventEmulator.hpp"

#include "common/Error.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace sqsnn {

EventEmulator::EventEmulator(EmulatorParams params) : m_p(params)
{
    const auto positive = [](double v) { return std::isfinite(v) && v > 0; };
    if (!positive(m_p.saccadeMs) || !positive(m_p.stepMs) || !positive(m_p.threshold) ||
        !positive(m_p.logEps) || !(m_p.amplitudePx >= 0 && m_p.amplitudePx <= 64) || !std::isfinite(m_p.jitterMs) ||
        m_p.jitterMs < 0 || m_p.jitterMs >= m_p.stepMs || !std::isfinite(m_p.durationMs) || m_p.durationMs < 0)
        throw InputError("event emulator: parameters must be finite and positive (amplitude 0..64 px)");
}

void EventEmulator::shifted(int w, int h, double dx, double dy)
{
    // frame(x, y) = image(x - dx, y - dy), bilinear, zero outside; read from m_padded, the image
    // with a zero margin of m_margin pixels, so no bounds checks are needed.
    const double fx = std::floor(dx), fy = std::floor(dy);
    const float ax = float(dx - fx), ay = float(dy - fy);
    const int pw = w + 2 * m_margin;
    // source position x - dx = (x - fx - 1) + (1 - ax): taps at x - fx - 1 (weight ax) and + 1.
    const int ox = m_margin - int(fx) - 1, oy = m_margin - int(fy) - 1;
    const float w00 = ay * ax, w01 = ay * (1 - ax), w10 = (1 - ay) * ax, w11 = (1 - ay) * (1 - ax);
    for (int y = 0; y < h; ++y) {
        const float *r0 = m_padded.data() + std::size_t(y + oy) * pw + ox;
        const float *r1 = r0 + pw;
        float *dst = m_frame.data() + std::size_t(y) * w;
        for (int x = 0; x < w; ++x)
            dst[x] = w00 * r0[x] + w01 * r0[x + 1] + w10 * r1[x] + w11 * r1[x + 1];
    }
}

void EventEmulator::emulate(const float *image, int w, int h, Rng &rng, std::vector<Event> &out)
{
    if (w <= 0 || h <= 0 || w > 65536 || h > 65536)
        throw InternalError("EventEmulator: bad image size");
    out.clear();
    const std::size_t n = std::size_t(w) * h;
    m_frame.resize(n);
    m_margin = int(std::ceil(std::abs(m_p.amplitudePx))) + 2;
    const int pw = w + 2 * m_margin;
    m_padded.assign(std::size_t(pw) * (h + 2 * m_margin), 0.0f);
    for (int y = 0; y < h; ++y)
        std::copy(image + std::size_t(y) * w, image + std::size_t(y + 1) * w,
                  m_padded.begin() + std::ptrdiff_t(y + m_margin) * pw + m_margin);
    m_ref.resize(n);
    const double a = m_p.amplitudePx;
    const double vx[4] = {-a / 2, 0, a / 2, -a / 2};
    const double vy[4] = {-a / 2, a / 2, -a / 2, -a / 2};
    const double total = 3 * m_p.saccadeMs;
    const double end = m_p.durationMs > 0 ? std::min(total, m_p.durationMs) : total;
    const auto position = [&](double tMs, double &dx, double &dy) {
        const int leg = std::min(2, int(tMs / m_p.saccadeMs));
        const double f = std::clamp(tMs / m_p.saccadeMs - leg, 0.0, 1.0);
        dx = vx[leg] + f * (vx[leg + 1] - vx[leg]);
        dy = vy[leg] + f * (vy[leg + 1] - vy[leg]);
    };
    // Compared in the linear domain: L - L_ref >= thr  <=>  I + eps >= exp(L_ref) * exp(thr).
    const float up = float(std::exp(m_p.threshold)), down = float(std::exp(-m_p.threshold));
    const float eps = float(m_p.logEps);
    double dx, dy;
    position(0, dx, dy);
    shifted(w, h, dx, dy);
    for (std::size_t i = 0; i < n; ++i)
        m_ref[i] = m_frame[i] + eps;
    const std::size_t steps = std::size_t(std::ceil(end / m_p.stepMs - 1e-9));
    for (std::size_t k = 1; k <= steps; ++k) {
        const double tMs = std::min(end, k * m_p.stepMs);
        position(tMs, dx, dy);
        shifted(w, h, dx, dy);
        const std::size_t first = out.size();
        for (std::size_t i = 0; i < n; ++i) {
            const float v = m_frame[i] + eps;
            float &ref = m_ref[i];
            if (!(v < 1e30f) || !(ref < 1e30f))
                continue; // not a finite image value: no events (and no endless loop)
            while (v >= ref * up) {
                ref *= up;
                out.push_back({0.0, std::uint16_t(i % w), std::uint16_t(i / w), true});
            }
            while (v * up <= ref) {
                ref *= down;
                out.push_back({0.0, std::uint16_t(i % w), std::uint16_t(i / w), false});
            }
        }
        // Jitter is drawn in emission order; it is below stepMs, so sorting each step's events
        // sorts the stream. The order is total on the events' content: same output everywhere.
        for (std::size_t e = first; e < out.size(); ++e)
            out[e].tUs = 1000.0 * (tMs + (m_p.jitterMs > 0 ? m_p.jitterMs * rng.uniform() : 0.0));
        std::sort(out.begin() + std::ptrdiff_t(first), out.end(), [](const Event &l, const Event &r) {
            return std::tie(l.tUs, l.y, l.x, l.on) < std::tie(r.tUs, r.y, r.x, r.on);
        });
    }
    const auto byContent = [](const Event &l, const Event &r) {
        return std::tie(l.tUs, l.y, l.x, l.on) < std::tie(r.tUs, r.y, r.x, r.on);
    };
    if (!std::is_sorted(out.begin(), out.end(), byContent)) // a shortened last step
        std::sort(out.begin(), out.end(), byContent);
}

} // namespace sqsnn

#pragma once
// An emulated event camera (model.md section 5), in the manner of N-MNIST (Orchard et al.
// 2015): the image moves along three linear saccades forming a triangle and every sensor pixel
// reports log-intensity changes as events.
//
// Motion: the image is shifted by d(t) (sub-pixel, bilinear sampling, zero outside), with
// d going V0 -> V1 -> V2 -> V0, V0 = (-a/2, -a/2), V1 = (0, +a/2), V2 = (+a/2, -a/2),
// a = amplitudePx, each leg lasting saccadeMs. The motion is sampled every stepMs.
// Events: L = log(I + logEps) per pixel (compared in the linear domain: no log per pixel); each pixel keeps a reference L_ref (initially L at
// t = 0); while L - L_ref >= threshold it emits ON and L_ref += threshold; while
// L_ref - L >= threshold it emits OFF and L_ref -= threshold. Event times are the sample time
// plus a uniform jitter in [0, jitterMs) drawn from the Rng (0 = none).
// The sensor is the image's own size (width x height), so events bin like real ones with
// BinSpec{sensor = image size}. A constant image emits nothing; the output is sorted by time
// and is a pure function of (image, parameters, Rng state).
#include "common/Rng.hpp"
#include "data/Events.hpp"

#include <vector>

namespace sqsnn {

struct EmulatorParams
{
    double amplitudePx = 3.0; // saccade triangle size a, pixels
    double saccadeMs = 100.0; // duration of each of the three saccades
    double stepMs = 5.0;      // motion sampling period
    double threshold = 0.25;  // log-intensity contrast threshold
    double logEps = 0.1;      // L = log(I + logEps), so black pixels have finite L
    double jitterMs = 0.5;    // timing noise (must be below stepMs)
    double durationMs = 0.0;  // emulate only [0, durationMs) (0 = all three saccades)
};

class EventEmulator
{
public:
    explicit EventEmulator(EmulatorParams params = {});
    // image: width*height values in [0,1]. `out` is overwritten (its capacity reused).
    void emulate(const float *image, int width, int height, Rng &rng, std::vector<Event> &out);
    const EmulatorParams &params() const { return m_p; }

private:
    void shifted(int width, int height, double dx, double dy);

    EmulatorParams m_p;
    std::vector<float> m_ref, m_frame; // per pixel: exp(L_ref) = I_ref + logEps; shifted image
    std::vector<float> m_padded;       // the image with a zero margin
    int m_margin = 0;
};

} // namespace sqsnn

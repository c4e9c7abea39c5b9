#include "neurons/QlifNeuron.hpp"

#include "common/Error.hpp"

#include <cassert>
#include <algorithm>
#include <cmath>
#include <string>

namespace sqsnn {

void validateQlifParams(const QlifParams &p)
{
    if (!(std::isfinite(p.threshold) && p.threshold > 0.0 && p.threshold <= 1.0))
        throw InputError("qlif.threshold: must be in (0, 1], got " + std::to_string(p.threshold));
    if (!(std::isfinite(p.t1) && p.t1 > 0.0))
        throw InputError("qlif.t1: must be a finite time > 0, got " + std::to_string(p.t1));
}

QlifResult qlifStepAngles(double &alpha, double theta, double tau, int x, const QlifParams &p)
{
    assert(alpha >= 0.0 && alpha <= 1.0);
    assert(x == 0 || x == 1);
    QlifResult r;
    if (alpha >= p.threshold) {
        alpha = 0.0;
        return r;
    }
    const double phi = 2.0 * std::asin(std::sqrt(alpha));
    double next;
    if (x == 1) {
        const double s = std::sin(0.5 * (theta + phi));
        next = s * s;
        r.dAlphaDa = 0.5 * std::sin(theta + phi);
    } else {
        const double u = alpha * std::exp(-tau / p.t1);
        const double gamma = -2.0 * std::asin(std::sqrt(u));
        const double s = std::sin(0.5 * (gamma + phi));
        next = s * s;
        const double dGammaDTau = std::sqrt(u / (1.0 - u)) / p.t1; // u <= alpha < thr <= 1
        r.dAlphaDb = 0.5 * std::sin(gamma + phi) * dGammaDTau;
    }
    r.spike = next > p.threshold ? 1 : 0;
    if (next > 1.0) {
        next = 0.0;
        r.dAlphaDa = r.dAlphaDb = 0.0;
    }
    alpha = next;
    r.alpha = next;
    return r;
}

QlifResult qlifStep(double &alpha, double a, double b, const QlifParams &p)
{
    const double theta = std::numbers::pi * std::abs(a);
    const double tau = kQlifTauScale * std::abs(b);
    const int x = a > 0.0 ? 1 : 0;
    QlifResult r = qlifStepAngles(alpha, theta, tau, x, p);
    // dtheta/da = pi sign(a) = pi where dAlphaDa can be nonzero (x = 1 means a > 0).
    const double signB = b > 0.0 ? 1.0 : (b < 0.0 ? -1.0 : 0.0);
    r.dAlphaDa *= std::numbers::pi;
    r.dAlphaDb *= kQlifTauScale * signB;
    return r;
}

QlifGradient qlifBackward(double alphaIn, double a, double b, double gAlpha, double gPhiNext,
                          const QlifParams &p)
{
    QlifGradient g;
    if (alphaIn >= p.threshold)
        return g;
    const double phi = 2.0 * std::asin(std::sqrt(alphaIn));
    const double theta = std::numbers::pi * std::abs(a);
    const double tau = kQlifTauScale * std::abs(b);
    auto sign = [](double v) { return v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0); };
    if (a > 0.0) {
        const double psi = theta + phi;
        const double gPsi = gAlpha * 0.5 * std::sin(psi) + gPhiNext * sign(std::sin(psi));
        g.gA = gPsi * std::numbers::pi;
        g.gPhi = gPsi;
        return g;
    }
    const double q = std::sin(0.5 * phi), e = std::exp(-0.5 * tau / p.t1);
    const double root = std::sqrt(std::max(0.0, 1.0 - q * q * e * e));
    const double gamma = -2.0 * std::asin(q * e);
    const double psi = gamma + phi;
    const double gPsi = gAlpha * 0.5 * std::sin(psi) + gPhiNext * sign(std::sin(psi));
    if (root > 0) {
        const double dGammaDPhi = -e * std::cos(0.5 * phi) / root;
        const double dGammaDTau = q * e / (p.t1 * root);
        g.gPhi = gPsi * (1.0 + dGammaDPhi);
        g.gB = gPsi * dGammaDTau * kQlifTauScale * sign(b);
    }
    return g;
}

} // namespace sqsnn

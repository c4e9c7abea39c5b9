#pragma once
// The quantum leaky integrate-and-fire (QLIF) neuron, a deterministic baseline (model.md §6).
//
// One qubit per neuron; the membrane is its excited population alpha in [0, 1] (alpha = 0 at
// the start of every sample). One step with rotation angle theta, leak time tau and input bit x:
//   if alpha >= thr:  reset: alpha' = 0, no spike (the step after a spike is always a reset);
//   else:             phi   =  2 asin sqrt(alpha)
//                     gamma = -2 asin sqrt(alpha e^(-tau / T1))
//                     alpha' = sin^2((theta + phi) x / 2) + sin^2((gamma + phi)(1 - x) / 2)
//                     spike  = [alpha' > thr]            (on alpha' before the next rule)
//                     alpha' > 1 becomes 0               (unreachable in exact arithmetic: for
//                                                         x in {0,1} one term vanishes)
// In a network the neuron reads two input channels, a and b (two linear maps of the
// presynaptic spikes):  theta = pi |a|,  tau = 200 |b|,  x = [a > 0].
//
// Learning (model.md §4, §6): QLIF is deterministic, so it learns with a surrogate derivative
// in place of the score: dS/dalpha ~ 1 / (1 + (pi alpha)^2) (qlifSurrogate), chained with the
// local derivatives of alpha' w.r.t. the channel currents at this step, holding the incoming
// alpha fixed (no path through time):
//   x = 1 (a > 0):  dalpha'/da = sin(theta + phi)/2 * pi sign(a),       dalpha'/db = 0
//   x = 0 (a <= 0): dalpha'/db = sin(gamma + phi)/2 * dgamma/dtau * 200 sign(b),  dalpha'/da = 0
//                   dgamma/dtau = sqrt(u / (1 - u)) / T1,  u = alpha e^(-tau / T1)
// Both are 0 on a reset step. At a = 0 (x switches) and b = 0 (|b| kink) alpha' is not
// differentiable; there the one-sided values above are returned (sign(0) = 0).
//
// Parameters (validated by validateQlifParams, all-or-nothing):
//   threshold  thr, dimensionless population in (0, 1], default 0.75
//   t1         T1, relaxation time in time-step units, > 0, default 60
//
// References: L. Brand, F. Petruccione, "A quantum leaky integrate-and-fire spiking neuron and
// network" (2024); /work/shared/design/model.md §6.

#include <numbers>

namespace sqsnn {

struct QlifParams
{
    double threshold = 0.75; // population, (0, 1]
    double t1 = 60.0; // time steps, > 0
};

struct QlifResult
{
    int spike = 0; // 1 if alpha' > threshold (never on a reset step)
    double alpha = 0.0; // alpha after the step (= the state)
    double dAlphaDa = 0.0; // dalpha'/da at this step, incoming alpha held fixed; 0 on reset
    double dAlphaDb = 0.0; // dalpha'/db likewise
};

// Channel-to-angle map of the QLIF network.
inline constexpr double kQlifTauScale = 200.0; // tau = 200 |b|

// Throws InputError naming the field if a parameter is out of range or not finite.
void validateQlifParams(const QlifParams &p);

// One step from the channel currents a, b; updates alpha in place.
QlifResult qlifStep(double &alpha, double a, double b, const QlifParams &p);

// One step from the raw (theta, tau, x) form. The derivatives are reported w.r.t. theta
// (in dAlphaDa) and tau (in dAlphaDb), i.e. without the pi sign(a) and 200 sign(b) factors.
QlifResult qlifStepAngles(double &alpha, double theta, double tau, int x, const QlifParams &p);

// The authors' surrogate derivative of the spike w.r.t. alpha.
inline double qlifSurrogate(double alpha)
{
    const double z = std::numbers::pi * alpha;
    return 1.0 / (1.0 + z * z);
}

// Reverse mode of one step for bptt, through time along the membrane. Write psi for the angle
// whose half-angle sine gives alpha' = sin^2(psi / 2): psi = theta + phi (x = 1) or
// gamma + phi (x = 0). The next step's phi' = 2 asin sqrt(alpha') = 2 asin |sin(psi / 2)| has
// dphi'/dpsi = sign(sin psi), which avoids the 1/sqrt(alpha (1 - alpha)) of going through
// alpha'. With q = sin(phi / 2) = sqrt(alpha), e = e^(-tau / (2 T1)), gamma = -2 asin(q e):
//   dgamma/dphi = -e cos(phi / 2) / sqrt(1 - q^2 e^2),  dgamma/dtau = q e / (T1 sqrt(1 - q^2 e^2)).
// Given dL/dalpha' (gAlpha) and dL/dphi' (gPhiNext, the adjoint of the next step), returns
// dL/da, dL/db and dL/dphi of this step (the adjoint handed to the step before). A reset step
// (alpha >= thr) is constant: all zero. sign(0) = 0 at the kinks a = 0, b = 0.
struct QlifGradient
{
    double gA = 0.0, gB = 0.0, gPhi = 0.0;
};
QlifGradient qlifBackward(double alphaIn, double a, double b, double gAlpha, double gPhiNext,
                          const QlifParams &p);

} // namespace sqsnn

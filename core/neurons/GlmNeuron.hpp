#pragma once
// The classical stochastic spiking neuron (GLM), the classical counterpart of SQS (model.md §6).
//
// State per neuron: the synaptic trace u, the feedback trace f and the last spike s_(t-1)
// (all 0 at the start of every sample). One step t with the raw input current c_t
// (c_t = sum_p w_p x_p,t, the engine's weighted sum of presynaptic spikes this step):
//   u_t = d_syn u_(t-1) + c_t                     exponential synaptic kernel, includes c_t
//   f_t = d_fb  f_(t-1) + s_(t-1)                 trace of PAST own spikes (not s_t)
//   h_t = u_t + bias + w_self f_t                 pre-activation (w_self f_t dropped, f_t = 0,
//                                                 when selfFeedback is off)
//   p_t = sigmoid(h_t),   s_t ~ Bernoulli(p_t)    one sample: s = [rng.uniform() < p], or forced
//
// Learning (model.md §4): the score is exact, log P(s) = s log p + (1 - s) log(1 - p):
//   dlogP/dh      = s - p                 (GlmResult::score)
//   dlogP/dbias   = s - p
//   dlogP/dw_self = (s - p) f_t           (GlmResult::score * GlmResult::feedback)
//   dlogP/dc_t'   = (s - p) d_syn^(t - t')  for t' <= t, hence
//   dlogP/dw_p    = (s - p) (kernel * x_p)_t with (kernel * x_p)_t = sum_t'<=t d_syn^(t-t') x_p,t'
// The engine keeps that presynaptic filter (the same recursion as u, per input line).
//
// Parameters (validated by validateGlmParams, all-or-nothing):
//   synapticDecay  d_syn, per time step, in [0, 1], default 0.5
//   feedbackDecay  d_fb,  per time step, in [0, 1], default 0.5
//   selfFeedback   whether the w_self f term is used, default true
//
// References: generalized linear model (GLM) spiking neurons as used in probabilistic SNNs,
// H. Jang, O. Simeone, B. Gardner, A. Gruning, "An introduction to probabilistic spiking neural
// networks", IEEE Signal Processing Magazine 36(6), 2019; /work/shared/design/model.md §4, §6.

#include "common/Rng.hpp"

namespace sqsnn {

struct GlmParams
{
    double synapticDecay = 0.5; // per step, [0, 1]
    double feedbackDecay = 0.5; // per step, [0, 1]
    bool selfFeedback = true;
};

struct GlmState
{
    double u = 0.0; // synaptic trace
    double f = 0.0; // feedback trace of past spikes
    int lastSpike = 0; // s_(t-1)
};

struct GlmResult
{
    int spike = 0; // s_t
    double p = 0.0; // P(s_t = 1)
    double score = 0.0; // s - p = dlogP(s)/dh
    double feedback = 0.0; // f_t used in h_t (0 with selfFeedback off)
    double preActivation = 0.0; // h_t
};

// Throws InputError naming the field if a parameter is out of range or not finite.
void validateGlmParams(const GlmParams &p);

// Numerically stable logistic function.
double glmSigmoid(double h);

// One step. forced = 0 or 1 takes that outcome and draws nothing from rng; forced < 0 samples.
GlmResult glmStep(GlmState &state, double rawCurrent, double bias, double wSelf, const GlmParams &p,
                  Rng &rng, int forced = -1);

} // namespace sqsnn

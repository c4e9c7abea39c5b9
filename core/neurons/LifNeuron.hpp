#pragma once
// The deterministic leaky integrate-and-fire (LIF) neuron with a surrogate gradient, the
// everyday SNN baseline (model.md §6).
//
// State: the membrane potential v (0 at the start of every sample). One step with the input
// current I_t (the engine's weighted sum of presynaptic spikes this step):
//   v_t = beta v_(t-1) + I_t                   (pre-reset potential)
//   s_t = [v_t >= v_th]
//   after a spike v is reset to 0 ("reset by zero"; the excess above threshold is discarded)
// Closed form from v = 0 under a constant current I (until the first spike):
//   v_t = I (1 - beta^t) / (1 - beta)
// Learning (model.md §4, §6): the spike is not differentiable, so a surrogate replaces dS/dv,
//   dS/dv ~ 1 / (1 + (pi (v_t - v_th))^2)       (peak 1 at threshold; at the pre-reset v_t)
// and a firing "probability" proxy, used for plots, the decision rule's tie-break and the
// readout's cross-entropy learning signal (it is NOT a probability of the model, which is
// deterministic):
//   p_t = sigmoid(4 (v_t - v_th))
// The input eligibility of a weight is the presynaptic spike train filtered with the membrane
// decay, e_p,t = beta e_p,(t-1) + x_p,t (dv_t/dw_p ignoring the reset); the engine keeps it,
// and the per-step gradient is surrogate * e.
//
// Parameters (validated by validateLifParams, all-or-nothing):
//   membraneDecay  beta, per time step, in [0, 1], default 0.9 (= exp(-dt / tau_m))
//   threshold      v_th, dimensionless (input-current units), finite > 0, default 1.0
//
// References: E. O. Neftci, H. Mostafa, F. Zenke, "Surrogate gradient learning in spiking
// neural networks", IEEE Signal Processing Magazine 36(6), 2019 (a surrogate of the
// 1/(1 + (pi x)^2) family, the same shape as the QLIF one); /work/shared/design/model.md §6.

namespace sqsnn {

struct LifParams
{
    double membraneDecay = 0.9; // beta per step, [0, 1]
    double threshold = 1.0; // v_th, > 0
};

struct LifState
{
    double v = 0.0; // membrane potential after the step's reset
};

struct LifResult
{
    int spike = 0; // s_t
    double v = 0.0; // pre-reset v_t (what the surrogate and p see; plot this)
    double surrogate = 0.0; // 1 / (1 + (pi (v_t - v_th))^2)
    double p = 0.0; // sigmoid(4 (v_t - v_th)), a proxy
};

// Throws InputError naming the field if a parameter is out of range or not finite.
void validateLifParams(const LifParams &p);

LifResult lifStep(LifState &state, double current, const LifParams &p);

} // namespace sqsnn

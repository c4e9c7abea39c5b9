#pragma once
// The `shift` estimator: what quantum hardware can measure (model.md section 4).
//  - Every evaluation runs a fresh single-step circuit (memory |0..0>): hardware cannot copy the
//    memory state, so gradients at step t ignore it.
//  - Probabilities are estimated from S shots (S = 0: exact probabilities).
//  - Angles: the parameter-shift rule on p, per gate occurrence of the parameter:
//      RX/RY/RZ:     dp/dtheta = [p(+pi/2) - p(-pi/2)] / 2
//      CRX/CRY/CRZ:  dp/dtheta = c+ [p(+pi/2) - p(-pi/2)] - c- [p(+3pi/2) - p(-3pi/2)],
//                    c+- = (sqrt 2 +- 1) / (4 sqrt 2)   (the four-term rule)
//  - Input currents (hence weights, by the exact classical chain rule dz_n/dw_np = x_p): SPSA
//    with K random +-1 directions over the channels with z_n > 0,
//      dp/dz_n ~ mean_k [p(z + eps D_k) - p(z - eps D_k)] / (2 eps) D_kn.
//    The weights live on the classical controller, so the quantum evaluations perturb the
//    currents, not every weight (which keeps the cost event-driven).
//  - d log p = dp / p^, with p^ the (shot) estimate of p(s) at the unshifted point; 0 when p^ = 0.
#include "network/SqsEstimator.hpp"

namespace sqsnn {

class ShiftEstimator : public SqsEstimator
{
public:
    ShiftEstimator(int shots, int spsaDirections, double spsaEpsilon);
    void logProbGradient(const SqsNeuron &neuron, const cplx *memory, const double *z, int s,
                         double ps, SqsNeuron::Workspace &w, Rng &rng, double *dTheta,
                         double *dZ, double *scratch) const override;
    // Under noise: the same rules on the noisy fresh circuit (the memory |0..0><0..0| through
    // every channel, readout error included), as a noisy device would measure them.
    void logProbGradientDensity(const SqsNoisyNeuron &neuron, const Eigen::MatrixXcd &sigma,
                                const double *z, int r, double pr, SqsNoisyNeuron::Workspace &w,
                                Rng &rng, double *dTheta, double *dZ,
                                double *scratch) const override;
    const char *name() const override { return "shift"; }
    // The unbiased part: shot estimates of dp(s)/dtheta_k and dp(s)/dz_n on the fresh circuit.
    void probabilityGradient(const SqsNeuron &neuron, const double *z, int s,
                             SqsNeuron::Workspace &w, Rng &rng, double *dTheta, double *dZ,
                             double *scratch) const;
    // A shot estimate of p(s) on the fresh circuit (gate `gate` shifted by `shift`).
    double estimate(const SqsNeuron &n, const double *z, int s, int gate, double shift,
                    SqsNeuron::Workspace &w, Rng &rng) const;

private:
    double shots(double p, Rng &rng) const;
    template <class Prob>
    void shiftRules(const Circuit &c, int N, const double *z, Prob prob, Rng &rng,
                    double *dTheta, double *dZ, double *scratch) const;
    int m_shots, m_K;
    double m_eps;
};

} // namespace sqsnn

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
#include "quantum/Gate.hpp"

#include <cmath>

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

    // The rules of the header (without the unshifted p), given prob(z, gate, shift) = a (shot)
    // estimate of p on the fresh circuit with gate `gate` (if >= 0) moved by `shift`. prob is
    // called once per circuit execution: 4 times per controlled rotation, 2 per other
    // parametrised rotation (per gate occurrence of a parameter), 2K for SPSA when any z_n > 0
    // (HardwareReport.hpp counts the same). scratch: 3N doubles.
    template <class Prob>
    void shiftRules(const Circuit &c, int N, const double *z, Prob prob, Rng &rng,
                    double *dTheta, double *dZ, double *scratch) const;

private:
    double shots(double p, Rng &rng) const;
    int m_shots, m_K;
    double m_eps;
};

template <class Prob>
inline void ShiftEstimator::shiftRules(const Circuit &c, int N, const double *z, Prob prob, Rng &rng,
                                double *dTheta, double *dZ, double *scratch) const
{
    for (int k = 0; k < c.paramCount(); ++k)
        dTheta[k] = 0;
    for (int q = 0; q < N; ++q)
        dZ[q] = 0;
    const double cp = (std::sqrt(2.0) + 1) / (4 * std::sqrt(2.0));
    const double cm = (std::sqrt(2.0) - 1) / (4 * std::sqrt(2.0));
    const auto &gates = c.gates;
    for (std::size_t g = 0; g < gates.size(); ++g) {
        if (gates[g].param < 0)
            continue;
        const int gi = int(g);
        // Four executions for a controlled rotation, two otherwise (nothing evaluated twice).
        double d;
        if (isControlledRotation(gates[g].kind))
            d = cp * (prob(z, gi, M_PI / 2) - prob(z, gi, -M_PI / 2))
                - cm * (prob(z, gi, 3 * M_PI / 2) - prob(z, gi, -3 * M_PI / 2));
        else
            d = 0.5 * (prob(z, gi, M_PI / 2) - prob(z, gi, -M_PI / 2));
        dTheta[gates[g].param] += d;
    }
    // SPSA over the active channels: scratch holds z +- eps D and D.
    double *zp = scratch, *zm = scratch + N, *D = scratch + 2 * N;
    bool any = false;
    for (int q = 0; q < N; ++q)
        any = any || z[q] > 0;
    if (!any)
        return;
    for (int k = 0; k < m_K; ++k) {
        for (int q = 0; q < N; ++q) {
            D[q] = z[q] > 0 ? (rng.bernoulli(0.5) ? 1.0 : -1.0) : 0.0;
            zp[q] = z[q] + m_eps * D[q];
            zm[q] = z[q] - m_eps * D[q];
        }
        const double diff = (prob(zp, -1, 0) - prob(zm, -1, 0)) / (2 * m_eps);
        for (int q = 0; q < N; ++q)
            dZ[q] += diff * D[q] / m_K;
    }
}

} // namespace sqsnn

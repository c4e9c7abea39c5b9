#pragma once
// SQS populations under the `seed-compat` estimator: the authors' released simulation
// (model.md section 7), for reproducing published numbers only.
//   forward:  p_t = sin^2((phi_t + theta_mem + theta_in + theta_ent * s_{t-1}) / 2), s_0 = 0
//             (SeedCompatNeuron), one shot per step;
//   gradients on a fresh circuit (s_{t-1} = 0), as their local rule evaluates them:
//     angles:  the two-term shift applied to log P(s):
//              g_k = [log P(s; theta_k + pi/2) - log P(s; theta_k - pi/2)] / 2
//              (theta_ent has no effect on a fresh circuit, so its gradient is 0);
//     currents (hence weights): SPSA with K directions D = +-1 and the estimate scaled by
//              epsilon, i.e. eps * [log P(z + eps D) - log P(z - eps D)] / (2 eps) * D,
//              where z > 0 (no embedding, no gradient, elsewhere).
// Only the paper's neuron shape is allowed: N = N_M = 1, ansatz sqs-crx with 1 layer.
#include "network/Population.hpp"
#include "neurons/SeedCompatNeuron.hpp"

namespace sqsnn {

class SeedCompatPopulation : public Population
{
public:
    SeedCompatPopulation(PopulationSpec spec, int spsaDirections, double spsaEpsilon);

    int paramsPerNeuron() const override { return SeedCompatNeuron::kParams; }
    bool paramIsAngle(int) const override { return true; }
    void initParams(Rng &rng) override;
    void commitNeurons(int begin, int end) override;
    bool stochastic() const override { return true; }
    void reset(std::uint64_t sampleSeed) override;
    void step(int begin, int end, int thread, StepIo &io) override;
    // bptt through the released neuron: g = phi + theta_mem + theta_in + theta_ent s_{t-1};
    // dp/dg = sin(g) / 2, and the self-loop spike s_{t-1} gets dL/dg theta_ent (then its own
    // surrogate at step t - 1), as the authors' autograd does.
    bool supportsBackward() const override { return true; }
    void setRecording(bool on, int steps) override;
    void backward(int begin, int end, int thread, BackIo &io) override;

private:
    double logP(int i, double z, int s, int shifted, double shift) const;

    int m_K;
    double m_eps;
    std::vector<SeedCompatNeuron> m_neurons;
    std::vector<int> m_prev;
    std::vector<Rng> m_rng;
    std::vector<double> m_recZ, m_recP; // [t][neuron]
    std::vector<int> m_recPrev;         // [t][neuron] s_{t-1}
    std::vector<double> m_carry;        // [neuron] dL/ds of the step below, from its self-loop
};

} // namespace sqsnn

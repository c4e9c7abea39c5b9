#pragma once
// Populations of the baseline neurons of model.md section 6, for comparisons at equal
// parameter budgets: QLIF (quantum, deterministic, surrogate gradient), the classical stochastic
// GLM neuron (exact score, trained by the very same local rule as SQS) and the deterministic
// LIF neuron (surrogate gradient). The single-neuron models live in core/neurons.
#include "network/Population.hpp"
#include "neurons/GlmNeuron.hpp"
#include "neurons/LifNeuron.hpp"
#include "neurons/QlifNeuron.hpp"

namespace sqsnn {

// Channels 2i and 2i+1 carry neuron i's two linear maps a(x) and b(x): theta = pi |a|,
// tau = 200 |b|, x = [a > 0]. Eligibilities: dS/dcurrent = surrogate(alpha') d alpha'/dcurrent
// with the surrogate 1 / (1 + (pi alpha')^2). The line's "probability" is alpha' (its excited
// population), used for the readout's learning signal and plots.
class QlifPopulation : public Population
{
public:
    explicit QlifPopulation(PopulationSpec spec);
    int channelsPerNeuron() const override { return 2; }
    bool stochastic() const override { return false; }
    void reset(std::uint64_t) override;
    void step(int begin, int end, int thread, StepIo &io) override;
    // bptt: ds/dalpha' = 1 / (1 + (pi alpha')^2), through time along alpha (qlifBackward).
    bool supportsBackward() const override { return true; }
    void setRecording(bool on, int steps) override;
    void backward(int begin, int end, int thread, BackIo &io) override;

private:
    QlifParams m_p;
    std::vector<double> m_alpha;
    std::vector<double> m_recAlphaIn, m_recA, m_recB, m_recAlpha; // [t][neuron]
    std::vector<double> m_gPhi;                                   // [neuron] carried adjoint
};

// Own parameters per neuron: [bias, w_self] (w_self only with self_feedback). Initial values 0.
class GlmPopulation : public Population
{
public:
    explicit GlmPopulation(PopulationSpec spec);
    int paramsPerNeuron() const override { return m_p.selfFeedback ? 2 : 1; }
    void initParams(Rng &) override;
    bool stochastic() const override { return true; }
    double inputTraceDecay() const override { return m_p.synapticDecay; }
    void reset(std::uint64_t sampleSeed) override;
    void step(int begin, int end, int thread, StepIo &io) override;
    // bptt: ds/dp by the surrogate, dp/dh = p (1 - p), back in time through the synaptic trace
    // u (d_syn), the feedback trace f (d_fb) and the self-feedback spike s_{t-1} -> f_t.
    bool supportsBackward() const override { return true; }
    void setRecording(bool on, int steps) override;
    void backward(int begin, int end, int thread, BackIo &io) override;

private:
    GlmParams m_p;
    std::vector<GlmState> m_state;
    std::vector<Rng> m_rng;
    std::vector<double> m_recP, m_recF; // [t][neuron]
    std::vector<double> m_gU, m_gF;     // [neuron] carried adjoints of u_t and f_t
};

// The line's "probability" is the proxy sigmoid(4 (v - threshold)).
// bptt: the fast-sigmoid surrogate ds/dv = 1 / (1 + k |v - v_th|)^2 with k = kLifSlope (the
// usual choice of surrogate-gradient SNN libraries), back in time through v_t = beta v_{t-1}
// (1 - s_{t-1}) + I_t with the reset factor (1 - s) held constant (a detached reset).
class LifPopulation : public Population
{
public:
    static constexpr double kLifSlope = 25.0;
    explicit LifPopulation(PopulationSpec spec);
    bool stochastic() const override { return false; }
    double inputTraceDecay() const override { return m_p.membraneDecay; }
    void reset(std::uint64_t) override;
    void step(int begin, int end, int thread, StepIo &io) override;
    bool supportsBackward() const override { return true; }
    void setRecording(bool on, int steps) override;
    void backward(int begin, int end, int thread, BackIo &io) override;

private:
    LifParams m_p;
    std::vector<LifState> m_state;
    std::vector<double> m_recV, m_recP; // [t][neuron] pre-reset v_t, proxy p_t
    std::vector<int> m_recS;            // [t][neuron]
    std::vector<double> m_gV;           // [neuron] beta dL/dv_{t+1} (before the reset factor)
};

} // namespace sqsnn

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

private:
    QlifParams m_p;
    std::vector<double> m_alpha;
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

private:
    GlmParams m_p;
    std::vector<GlmState> m_state;
    std::vector<Rng> m_rng;
};

// The line's "probability" is the proxy sigmoid(4 (v - threshold)).
class LifPopulation : public Population
{
public:
    explicit LifPopulation(PopulationSpec spec);
    bool stochastic() const override { return false; }
    double inputTraceDecay() const override { return m_p.membraneDecay; }
    void reset(std::uint64_t) override;
    void step(int begin, int end, int thread, StepIo &io) override;

private:
    LifParams m_p;
    std::vector<LifState> m_state;
};

} // namespace sqsnn

#include "network/BaselinePopulations.hpp"

#include <algorithm>

namespace sqsnn {

// ---- QLIF ----

QlifPopulation::QlifPopulation(PopulationSpec spec)
    : Population(std::move(spec))
    , m_alpha(std::size_t(size()), 0.0)
{
    m_p.threshold = m_spec.qlifThreshold;
    m_p.t1 = m_spec.qlifT1;
    validateQlifParams(m_p);
}

void QlifPopulation::reset(std::uint64_t)
{
    std::fill(m_alpha.begin(), m_alpha.end(), 0.0);
}

void QlifPopulation::step(int begin, int end, int, StepIo &io)
{
    for (int i = begin; i < end; ++i) {
        const double a = io.current[2 * i], b = io.current[2 * i + 1];
        const double alphaIn = m_alpha[i];
        const QlifResult r = qlifStep(m_alpha[i], a, b, m_p);
        if (m_recording && io.t < m_recordSteps) {
            const std::size_t cell = std::size_t(io.t) * size() + std::size_t(i);
            m_recAlphaIn[cell] = alphaIn;
            m_recA[cell] = a;
            m_recB[cell] = b;
            m_recAlpha[cell] = r.alpha;
        }
        io.spikes[i] = std::uint8_t(r.spike);
        io.prob[i] = r.alpha;
        if (io.learn) {
            const double sg = qlifSurrogate(r.alpha);
            io.dCurrent[2 * i] = sg * r.dAlphaDa;
            io.dCurrent[2 * i + 1] = sg * r.dAlphaDb;
        }
    }
}

// ---- GLM ----

GlmPopulation::GlmPopulation(PopulationSpec spec)
    : Population(std::move(spec))
    , m_state(std::size_t(size()))
    , m_rng(std::size_t(size()))
{
    m_p.synapticDecay = m_spec.synapticDecay;
    m_p.feedbackDecay = m_spec.feedbackDecay;
    m_p.selfFeedback = m_spec.selfFeedback;
    validateGlmParams(m_p);
    m_params.assign(std::size_t(paramCount()), 0.0);
}

void GlmPopulation::initParams(Rng &)
{
    std::fill(m_params.begin(), m_params.end(), 0.0);
}

void GlmPopulation::reset(std::uint64_t sampleSeed)
{
    for (int i = 0; i < size(); ++i) {
        m_state[i] = GlmState{};
        m_rng[i] = Rng::stream(sampleSeed, std::uint64_t(i));
    }
}

void GlmPopulation::step(int begin, int end, int, StepIo &io)
{
    const int per = paramsPerNeuron();
    for (int i = begin; i < end; ++i) {
        const double bias = m_params[std::size_t(i) * per];
        const double wSelf = per > 1 ? m_params[std::size_t(i) * per + 1] : 0.0;
        const GlmResult r = glmStep(m_state[i], io.current[i], bias, wSelf, m_p, m_rng[i],
                                    io.forced ? io.forced[i] : -1);
        if (m_recording && io.t < m_recordSteps) {
            const std::size_t cell = std::size_t(io.t) * size() + std::size_t(i);
            m_recP[cell] = r.p;
            m_recF[cell] = r.feedback;
        }
        io.spikes[i] = std::uint8_t(r.spike);
        io.prob[i] = r.p;
        if (io.learn) {
            // The exact score of the outcome wanted: s - p, or target - p for the readout.
            const double score = io.target ? io.target[i] - r.p : r.score;
            io.dCurrent[i] = score;
            io.dParams[std::size_t(i) * per] = score;
            if (per > 1)
                io.dParams[std::size_t(i) * per + 1] = score * r.feedback;
        }
    }
}

// ---- LIF ----

LifPopulation::LifPopulation(PopulationSpec spec)
    : Population(std::move(spec))
    , m_state(std::size_t(size()))
{
    m_p.membraneDecay = m_spec.membraneDecay;
    m_p.threshold = m_spec.lifThreshold;
    validateLifParams(m_p);
}

void LifPopulation::reset(std::uint64_t)
{
    std::fill(m_state.begin(), m_state.end(), LifState{});
}

void LifPopulation::step(int begin, int end, int, StepIo &io)
{
    for (int i = begin; i < end; ++i) {
        const LifResult r = lifStep(m_state[i], io.current[i], m_p);
        if (m_recording && io.t < m_recordSteps) {
            const std::size_t cell = std::size_t(io.t) * size() + std::size_t(i);
            m_recV[cell] = r.v;
            m_recP[cell] = r.p;
            m_recS[cell] = r.spike;
        }
        io.spikes[i] = std::uint8_t(r.spike);
        io.prob[i] = r.p;
        if (io.learn)
            io.dCurrent[i] = r.surrogate;
    }
}

} // namespace sqsnn

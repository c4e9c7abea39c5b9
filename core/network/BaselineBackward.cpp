// Reverse mode (bptt) of the baseline populations; the equations are in BaselinePopulations.hpp
// and, for QLIF, QlifNeuron.hpp (qlifBackward).
#include "network/BaselinePopulations.hpp"

#include <cmath>

namespace sqsnn {

namespace {
std::size_t cellOf(int t, int size, int i)
{
    return std::size_t(t) * std::size_t(size) + std::size_t(i);
}
} // namespace

// ---- QLIF ----

void QlifPopulation::setRecording(bool on, int steps)
{
    Population::setRecording(on, steps);
    const std::size_t cells = on ? std::size_t(steps) * std::size_t(size()) : 0;
    m_recAlphaIn.assign(cells, 0.0);
    m_recA.assign(cells, 0.0);
    m_recB.assign(cells, 0.0);
    m_recAlpha.assign(cells, 0.0);
    m_gPhi.assign(std::size_t(size()), 0.0);
}

void QlifPopulation::backward(int begin, int end, int, BackIo &io)
{
    const bool last = io.t == m_recordSteps - 1;
    for (int i = begin; i < end; ++i) {
        const std::size_t cell = cellOf(io.t, size(), i);
        if (last)
            m_gPhi[i] = 0.0;
        const double alpha = m_recAlpha[cell];
        const double gAlpha = io.gLine[i] * qlifSurrogate(alpha) + (io.gProb ? io.gProb[i] : 0.0);
        const QlifGradient g =
            qlifBackward(m_recAlphaIn[cell], m_recA[cell], m_recB[cell], gAlpha, m_gPhi[i], m_p);
        io.gCurrent[2 * i] = g.gA;
        io.gCurrent[2 * i + 1] = g.gB;
        m_gPhi[i] = g.gPhi;
    }
}

// ---- GLM ----

void GlmPopulation::setRecording(bool on, int steps)
{
    Population::setRecording(on, steps);
    const std::size_t cells = on ? std::size_t(steps) * std::size_t(size()) : 0;
    m_recP.assign(cells, 0.0);
    m_recF.assign(cells, 0.0);
    m_gU.assign(std::size_t(size()), 0.0);
    m_gF.assign(std::size_t(size()), 0.0);
}

void GlmPopulation::backward(int begin, int end, int, BackIo &io)
{
    const bool last = io.t == m_recordSteps - 1;
    const int per = paramsPerNeuron();
    for (int i = begin; i < end; ++i) {
        const std::size_t cell = cellOf(io.t, size(), i);
        if (last)
            m_gU[i] = m_gF[i] = 0.0;
        const double p = m_recP[cell], f = m_recF[cell];
        // s_t feeds f_{t+1} = d_fb f_t + s_t: its adjoint is the carried dL/df_{t+1}.
        const double gs = io.gLine[i] + (m_p.selfFeedback ? m_gF[i] : 0.0);
        const double gp = gs * spikeSurrogate(m_surrogate, p) + (io.gProb ? io.gProb[i] : 0.0);
        const double gh = gp * p * (1 - p);
        double *gt = io.gParams + std::size_t(i) * per;
        gt[0] += gh;
        const double gu = gh + m_p.synapticDecay * m_gU[i];
        io.gCurrent[i] = gu;
        m_gU[i] = gu;
        if (per > 1) {
            const double wSelf = m_params[std::size_t(i) * per + 1];
            gt[1] += gh * f;
            m_gF[i] = gh * wSelf + m_p.feedbackDecay * m_gF[i];
        }
    }
}

// ---- LIF ----

void LifPopulation::setRecording(bool on, int steps)
{
    Population::setRecording(on, steps);
    const std::size_t cells = on ? std::size_t(steps) * std::size_t(size()) : 0;
    m_recV.assign(cells, 0.0);
    m_recP.assign(cells, 0.0);
    m_recS.assign(cells, 0);
    m_gV.assign(std::size_t(size()), 0.0);
}

void LifPopulation::backward(int begin, int end, int, BackIo &io)
{
    const bool last = io.t == m_recordSteps - 1;
    for (int i = begin; i < end; ++i) {
        const std::size_t cell = cellOf(io.t, size(), i);
        if (last)
            m_gV[i] = 0.0;
        const double v = m_recV[cell], p = m_recP[cell];
        const double d = 1.0 + kLifSlope * std::abs(v - m_p.threshold);
        double gv = io.gLine[i] / (d * d);
        if (io.gProb)
            gv += io.gProb[i] * 4.0 * p * (1 - p); // the proxy p = sigmoid(4 (v - v_th))
        // v_{t+1} = beta v_t (1 - s_t) + I_{t+1}.
        gv += m_gV[i] * (1 - m_recS[cell]);
        io.gCurrent[i] = gv;
        m_gV[i] = m_p.membraneDecay * gv;
    }
}

} // namespace sqsnn

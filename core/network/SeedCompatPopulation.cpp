#include "network/SeedCompatPopulation.hpp"

#include "common/Error.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

SeedCompatPopulation::SeedCompatPopulation(PopulationSpec spec, int spsaDirections,
                                           double spsaEpsilon)
    : Population(std::move(spec))
    , m_K(spsaDirections)
    , m_eps(spsaEpsilon)
    , m_neurons(std::size_t(size()))
    , m_prev(std::size_t(size()), 0)
    , m_rng(std::size_t(size()))
{
    if (m_spec.ioQubits != 1 || m_spec.memoryQubits != 1 || m_spec.ansatz.generator != "sqs-crx"
        || m_spec.ansatz.layers != 1)
        throw InputError("population '" + m_spec.name
                         + "': the seed-compat estimator reproduces the authors' neuron only "
                           "(io_qubits 1, memory_qubits 1, ansatz sqs-crx with 1 layer)");
    if (m_K < 1 || !(m_eps > 0))
        throw InputError("/training: seed-compat needs spsa_directions >= 1 and spsa_epsilon > 0");
    m_params.assign(std::size_t(paramCount()), 0.0);
}

void SeedCompatPopulation::initParams(Rng &rng)
{
    const double choices[] = {M_PI / 4, M_PI / 3, M_PI / 2, 2 * M_PI / 3};
    for (auto &a : m_params)
        a = m_normalAngles ? drawNormalAngle(rng) : choices[rng.below(4)] + rng.uniform(-0.05, 0.05);
    if (m_spec.readout && size() == 2)
        m_params[3 + 1] += M_PI; // the second readout neuron's theta_mem
    commitParams();
}

void SeedCompatPopulation::commitNeurons(int begin, int end)
{
    for (int i = begin; i < end; ++i)
        m_neurons[i].setParameters({m_params[3 * i], m_params[3 * i + 1], m_params[3 * i + 2]});
}

void SeedCompatPopulation::reset(std::uint64_t sampleSeed)
{
    std::fill(m_prev.begin(), m_prev.end(), 0);
    for (int i = 0; i < size(); ++i)
        m_rng[i] = Rng::stream(sampleSeed, std::uint64_t(i));
}

double SeedCompatPopulation::logP(int i, double z, int s, int shifted, double shift) const
{
    SeedCompatNeuron n = m_neurons[i];
    if (shifted >= 0) {
        auto th = n.parameters();
        th[shifted] += shift;
        n.setParameters(th);
    }
    const double p = n.probability(z, 0); // fresh circuit
    return std::log(std::max(s ? p : 1 - p, 1e-12));
}

void SeedCompatPopulation::step(int begin, int end, int, StepIo &io)
{
    for (int i = begin; i < end; ++i) {
        const double z = io.current[i];
        const double p = m_neurons[i].probability(z, m_prev[i]);
        const int s = io.forced ? io.forced[i] : (m_rng[i].uniform() < p ? 1 : 0);
        io.spikes[i] = std::uint8_t(s);
        io.prob[i] = p;
        if (m_recording && io.t < m_recordSteps) {
            const std::size_t cell = std::size_t(io.t) * size() + std::size_t(i);
            m_recZ[cell] = z;
            m_recP[cell] = p;
            m_recPrev[cell] = m_prev[i];
        }
        if (io.learn) {
            const int gs = io.target ? io.target[i] : s;
            double *g = io.dParams + std::size_t(i) * 3;
            for (int k = 0; k < 3; ++k)
                g[k] = 0.5 * (logP(i, z, gs, k, M_PI / 2) - logP(i, z, gs, k, -M_PI / 2));
            double dz = 0;
            if (z > 0) {
                for (int k = 0; k < m_K; ++k) {
                    const double D = m_rng[i].bernoulli(0.5) ? 1.0 : -1.0;
                    dz += m_eps * (logP(i, z + m_eps * D, gs, -1, 0) - logP(i, z - m_eps * D, gs, -1, 0))
                          / (2 * m_eps) * D / m_K;
                }
            }
            io.dCurrent[i] = dz;
        }
        m_prev[i] = s;
    }
}

void SeedCompatPopulation::setRecording(bool on, int steps)
{
    Population::setRecording(on, steps);
    const std::size_t cells = on ? std::size_t(steps) * std::size_t(size()) : 0;
    m_recZ.assign(cells, 0.0);
    m_recP.assign(cells, 0.0);
    m_recPrev.assign(cells, 0);
    m_carry.assign(std::size_t(size()), 0.0);
}

void SeedCompatPopulation::backward(int begin, int end, int, BackIo &io)
{
    const bool last = io.t == m_recordSteps - 1;
    for (int i = begin; i < end; ++i) {
        const std::size_t cell = std::size_t(io.t) * size() + std::size_t(i);
        if (last)
            m_carry[i] = 0.0;
        const double z = m_recZ[cell], p = m_recP[cell];
        const int prev = m_recPrev[cell];
        const double gs = io.gLine[i] + m_carry[i];
        const double gp = gs * spikeSurrogate(m_surrogate, p) + (io.gProb ? io.gProb[i] : 0.0);
        const double gg = gp * m_neurons[i].probabilityDerivative(z, prev);
        double *gt = io.gParams + std::size_t(i) * 3;
        gt[0] += gg * prev;
        gt[1] += gg;
        gt[2] += gg;
        io.gCurrent[i] = z > 0 ? M_PI * gg : 0.0;
        m_carry[i] = gg * m_neurons[i].parameters()[0];
    }
}

} // namespace sqsnn

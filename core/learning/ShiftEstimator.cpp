#include "learning/ShiftEstimator.hpp"

#include "common/Error.hpp"

#include <cmath>

namespace sqsnn {

ShiftEstimator::ShiftEstimator(int shots, int spsaDirections, double spsaEpsilon)
    : m_shots(shots)
    , m_K(spsaDirections)
    , m_eps(spsaEpsilon)
{
    if (shots < 0)
        throw InputError("/training/shots: must be >= 0, got " + std::to_string(shots));
    if (spsaDirections < 1)
        throw InputError("/training/spsa_directions: must be >= 1, got "
                         + std::to_string(spsaDirections));
    if (!(spsaEpsilon > 0) || !std::isfinite(spsaEpsilon))
        throw InputError("/training/spsa_epsilon: must be a finite number > 0");
}

double ShiftEstimator::estimate(const SqsNeuron &n, const double *z, int s, int gate,
                                double shift, SqsNeuron::Workspace &w, Rng &rng) const
{
    const double p = n.freshProbability(z, s, gate, shift, w);
    if (m_shots == 0)
        return p;
    int hits = 0;
    for (int k = 0; k < m_shots; ++k)
        hits += rng.uniform() < p;
    return double(hits) / m_shots;
}

void ShiftEstimator::logProbGradient(const SqsNeuron &n, const cplx *, const double *z, int s,
                                     double, SqsNeuron::Workspace &w, Rng &rng, double *dTheta,
                                     double *dZ, double *scratch) const
{
    const double p0 = estimate(n, z, s, -1, 0, w, rng);
    probabilityGradient(n, z, s, w, rng, dTheta, dZ, scratch);
    const double inv = p0 > 0 ? 1.0 / p0 : 0.0;
    for (int k = 0; k < n.paramCount(); ++k)
        dTheta[k] *= inv;
    for (int q = 0; q < n.ioQubits(); ++q)
        dZ[q] *= inv;
}

void ShiftEstimator::probabilityGradient(const SqsNeuron &n, const double *z, int s,
                                         SqsNeuron::Workspace &w, Rng &rng, double *dTheta,
                                         double *dZ, double *scratch) const
{
    const int N = n.ioQubits();
    for (int k = 0; k < n.paramCount(); ++k)
        dTheta[k] = 0;
    for (int q = 0; q < N; ++q)
        dZ[q] = 0;
    const double cp = (std::sqrt(2.0) + 1) / (4 * std::sqrt(2.0));
    const double cm = (std::sqrt(2.0) - 1) / (4 * std::sqrt(2.0));
    const auto &gates = n.circuit().gates;
    for (std::size_t g = 0; g < gates.size(); ++g) {
        if (gates[g].param < 0)
            continue;
        const int gi = int(g);
        double d = 0.5 * (estimate(n, z, s, gi, M_PI / 2, w, rng)
                          - estimate(n, z, s, gi, -M_PI / 2, w, rng));
        if (isControlledRotation(gates[g].kind))
            d = cp * (estimate(n, z, s, gi, M_PI / 2, w, rng)
                      - estimate(n, z, s, gi, -M_PI / 2, w, rng))
                - cm * (estimate(n, z, s, gi, 3 * M_PI / 2, w, rng)
                        - estimate(n, z, s, gi, -3 * M_PI / 2, w, rng));
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
        const double diff = (estimate(n, zp, s, -1, 0, w, rng) - estimate(n, zm, s, -1, 0, w, rng))
                            / (2 * m_eps);
        for (int q = 0; q < N; ++q)
            dZ[q] += diff * D[q] / m_K;
    }
}

} // namespace sqsnn

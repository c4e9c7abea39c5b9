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

double ShiftEstimator::shots(double p, Rng &rng) const
{
    if (m_shots == 0)
        return p;
    int hits = 0;
    for (int k = 0; k < m_shots; ++k)
        hits += rng.uniform() < p;
    return double(hits) / m_shots;
}

double ShiftEstimator::estimate(const SqsNeuron &n, const double *z, int s, int gate,
                                double shift, SqsNeuron::Workspace &w, Rng &rng) const
{
    return shots(n.freshProbability(z, s, gate, shift, w), rng);
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

void ShiftEstimator::logProbGradientDensity(const SqsNoisyNeuron &n, const Eigen::MatrixXcd &,
                                            const double *z, int r, double,
                                            SqsNoisyNeuron::Workspace &w, Rng &rng,
                                            double *dTheta, double *dZ, double *scratch) const
{
    auto prob = [&](const double *zz, int gate, double shift) {
        return shots(n.probability(zz, w.fresh, r, NoisyShift{gate, -1, shift}, w), rng);
    };
    const double p0 = prob(z, -1, 0);
    shiftRules(n.circuit(), n.ioQubits(), z, prob, rng, dTheta, dZ, scratch);
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
    shiftRules(
        n.circuit(), n.ioQubits(), z,
        [&](const double *zz, int gate, double shift) { return estimate(n, zz, s, gate, shift, w, rng); },
        rng, dTheta, dZ, scratch);
}

} // namespace sqsnn

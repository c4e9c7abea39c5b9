#include "learning/DeadZoneSurrogate.hpp"

#include <cmath>

namespace sqsnn {

namespace {
constexpr double kEdge = 1e-12; // z just above the dead zone: phi = pi 1e-12
constexpr int kMaxIo = 16;
} // namespace

DeadZoneSurrogate::DeadZoneSurrogate(std::shared_ptr<SqsEstimator> exact, double width)
    : m_base(std::move(exact))
    , m_width(width)
{}

void DeadZoneSurrogate::logProbGradient(const SqsNeuron &neuron, const cplx *memory,
                                        const double *z, int s, double ps,
                                        SqsNeuron::Workspace &w, Rng &rng, double *dTheta,
                                        double *dZ, double *scratch) const
{
    const int N = neuron.ioQubits();
    double edge[kMaxIo];
    bool dead = false;
    for (int n = 0; n < N; ++n) {
        edge[n] = z[n] > 0 ? z[n] : kEdge;
        dead = dead || z[n] <= 0;
    }
    if (!dead || N > kMaxIo) {
        m_base->logProbGradient(neuron, memory, z, s, ps, w, rng, dTheta, dZ, scratch);
        return;
    }
    // phi = pi 1e-12 instead of 0 changes p(s) and dp/dtheta by O(1e-12) only.
    m_base->logProbGradient(neuron, memory, edge, s, ps, w, rng, dTheta, dZ, scratch);
    for (int n = 0; n < N; ++n)
        if (z[n] <= 0)
            dZ[n] *= std::exp(z[n] / m_width); // pi dp/dphi / p  ->  pi e^(z/w) dp/dphi / p
}

} // namespace sqsnn

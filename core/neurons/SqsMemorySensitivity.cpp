#include "neurons/SqsMemorySensitivity.hpp"

#include <cmath>

namespace sqsnn {

namespace {
const cplx kI(0.0, 1.0);

double reDot(const cplx *a, const cplx *b, int n)
{
    double r = 0;
    for (int i = 0; i < n; ++i)
        r += (std::conj(a[i]) * b[i]).real();
    return r;
}
} // namespace

SqsMemorySensitivity::SqsMemorySensitivity(const SqsNeuron &n)
    : m_P(n.paramCount())
    , m_N(n.ioQubits())
    , m_dM(n.memoryDim())
    , m_dim(n.outcomes() * n.memoryDim())
    , m_dTheta(std::size_t(m_P) * m_dM)
    , m_x(m_dim)
    , m_out(m_dim)
    , m_dx(m_dim)
    , m_da(m_dim)
    , m_next(std::size_t(m_dM))
{}

void SqsMemorySensitivity::reset()
{
    std::fill(m_dTheta.begin(), m_dTheta.end(), cplx(0.0));
    std::fill(m_dZ.begin(), m_dZ.end(), cplx(0.0));
}

void SqsMemorySensitivity::step(const SqsNeuron &neuron, int t, const cplx *mem, const double *z,
                                int s, double ps, int g, SqsNeuron::Workspace &w, double *dTheta,
                                double *dZ)
{
    const int dIo = neuron.outcomes(), dM = m_dM, N = m_N;
    if (m_dZ.size() < std::size_t(t + 1) * N * dM)
        m_dZ.resize(std::size_t(t + 1) * N * dM, cplx(0.0));
    neuron.resolveCircuit(w);
    neuron.inputState(z, w.psiIn);
    // a = block s of V (psi_in (x) mem); the new memory m' = a / sqrt(ps).
    for (int j = 0; j < dIo; ++j)
        for (int k = 0; k < dM; ++k)
            m_out[j * dM + k] = w.psiIn(j) * mem[k];
    neuron.applyCircuit(m_out.data(), w);
    const cplx *a = m_out.data() + std::size_t(s) * dM;   // taken: the new memory
    const cplx *ag = m_out.data() + std::size_t(g) * dM;  // wanted: the log-probability
    double pg = 0;
    for (int k = 0; k < dM; ++k)
        pg += std::norm(ag[k]);
    const double norm = std::sqrt(ps);
    for (int k = 0; k < dM; ++k)
        m_next[k] = a[k] / norm;

    // V (psi (x) v) for a memory-space vector v, into m_da (whole joint vector).
    auto propagate = [&](const Eigen::VectorXcd &psi, const cplx *v) {
        for (int j = 0; j < dIo; ++j)
            for (int k = 0; k < dM; ++k)
                m_da[j * dM + k] = psi(j) * v[k];
        neuron.applyCircuit(m_da.data(), w);
    };
    // d log p(g) from block g of m_da, then the sensitivity of the new memory (block s).
    auto finish = [&](cplx *sens) {
        const cplx *dg = m_da.data() + std::size_t(g) * dM;
        const cplx *ds = m_da.data() + std::size_t(s) * dM;
        const double dlogp = 2 * reDot(ag, dg, dM) / pg;
        const double proj = reDot(m_next.data(), ds, dM);
        for (int k = 0; k < dM; ++k)
            sens[k] = (ds[k] - m_next[k] * proj) / norm;
        return dlogp;
    };

    // Circuit angles: the direct term (dV/dtheta) x plus the memory path.
    for (int j = 0; j < dIo; ++j)
        for (int k = 0; k < dM; ++k)
            m_x[j * dM + k] = w.psiIn(j) * mem[k];
    for (int p = 0; p < m_P; ++p) {
        cplx *sens = m_dTheta.data() + std::size_t(p) * dM;
        propagate(w.psiIn, sens);
        neuron.applyCircuitDerivative(m_x.data(), p, m_dx.data(), w);
        for (int k = 0; k < m_dim; ++k)
            m_da[k] += m_dx[k];
        dTheta[p] = finish(sens);
    }
    // Earlier currents: through the memory only.
    for (int tp = 0; tp < t; ++tp)
        for (int n = 0; n < N; ++n) {
            cplx *sens = m_dZ.data() + (std::size_t(tp) * N + n) * dM;
            propagate(w.psiIn, sens);
            dZ[tp * N + n] = finish(sens);
        }
    // This step's currents: through the embedding, d psi_in / d z_n = pi d psi_in / d phi_n.
    Eigen::VectorXcd &dpsi = w.lambda; // 2^N_tot >= 2^N entries; the first 2^N used
    for (int n = 0; n < N; ++n) {
        cplx *sens = m_dZ.data() + (std::size_t(t) * N + n) * dM;
        if (!(z[n] > 0)) {
            for (int k = 0; k < dM; ++k)
                sens[k] = 0.0;
            dZ[t * N + n] = 0.0;
            continue;
        }
        // Product state with qubit n replaced by its derivative.
        const double half = M_PI * z[n] / 2;
        for (int j = 0; j < dIo; ++j) {
            cplx amp = 1.0;
            for (int q = 0; q < N; ++q) {
                const int bit = (j >> (N - 1 - q)) & 1;
                const double h = z[q] > 0 ? M_PI * z[q] / 2 : 0.0;
                if (q == n)
                    amp *= bit ? cplx(-kI * std::cos(half) * (M_PI / 2))
                               : cplx(-std::sin(half) * (M_PI / 2));
                else
                    amp *= bit ? cplx(-kI * std::sin(h)) : cplx(std::cos(h));
            }
            dpsi(j) = amp;
        }
        for (int j = 0; j < dIo; ++j)
            for (int k = 0; k < dM; ++k)
                m_da[j * dM + k] = dpsi(j) * mem[k];
        neuron.applyCircuit(m_da.data(), w);
        dZ[t * N + n] = finish(sens);
    }
}

} // namespace sqsnn

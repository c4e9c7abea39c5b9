#include "quantum/State.hpp"

#include "common/Error.hpp"
#include "quantum/Kernels.hpp"
#include "quantum/Register.hpp"

#include <cmath>

namespace sqsnn {

namespace {

void checkSubset(const std::vector<int> &qubits, int n)
{
    std::size_t seen = 0;
    for (int q : qubits) {
        if (q < 0 || q >= n)
            throw InputError("qubit " + std::to_string(q) + " is out of range 0.."
                             + std::to_string(n - 1));
        if (seen & (std::size_t(1) << q))
            throw InputError("qubit " + std::to_string(q) + " is listed twice");
        seen |= std::size_t(1) << q;
    }
}

int sampleIndex(const std::vector<double> &p, Rng &rng)
{
    double u = rng.uniform(), acc = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        acc += p[k];
        if (u < acc)
            return int(k);
    }
    for (std::size_t k = p.size(); k-- > 0;)
        if (p[k] > 0)
            return int(k);
    return 0;
}

} // namespace

int subsetOutcome(std::size_t i, int n, const std::vector<int> &qubits)
{
    int s = 0;
    for (int q : qubits)
        s = (s << 1) | ((i & bitOf(n, q)) ? 1 : 0);
    return s;
}

// ---- PureState ----

PureState::PureState(int qubits)
    : m_n(qubits)
{
    checkQubitCount(qubits, "pure state");
    m_amp = Eigen::VectorXcd::Zero(Eigen::Index(1) << qubits);
    m_amp(0) = 1.0;
}

PureState::PureState(int qubits, Eigen::VectorXcd amplitudes)
    : m_n(qubits)
    , m_amp(std::move(amplitudes))
{
    checkQubitCount(qubits, "pure state");
    if (m_amp.size() != (Eigen::Index(1) << qubits))
        throw InputError("pure state: " + std::to_string(m_amp.size()) + " amplitudes for "
                         + std::to_string(qubits) + " qubits");
}

void PureState::apply(const Gate &g, double angle)
{
    applyToVector(m_amp.data(), m_n, resolveGate(g, angle));
}

void PureState::apply(const Circuit &c, std::span<const double> params)
{
    for (const auto &g : c.gates)
        apply(g, c.angleOf(g, params));
}

Eigen::MatrixXcd PureState::density() const
{
    return m_amp * m_amp.adjoint();
}

Mat2 PureState::reducedQubit(int q) const
{
    checkSubset({q}, m_n);
    const std::size_t b = bitOf(m_n, q);
    Mat2 r = Mat2::Zero();
    for (std::size_t i = 0; i < std::size_t(m_amp.size()); ++i) {
        if (i & b)
            continue;
        const cplx a0 = m_amp(i), a1 = m_amp(i | b);
        r(0, 0) += std::norm(a0);
        r(1, 1) += std::norm(a1);
        r(0, 1) += a0 * std::conj(a1);
    }
    r(1, 0) = std::conj(r(0, 1));
    return r;
}

std::vector<double> PureState::probabilities(const std::vector<int> &qubits) const
{
    checkSubset(qubits, m_n);
    std::vector<double> p(std::size_t(1) << qubits.size(), 0.0);
    for (std::size_t i = 0; i < std::size_t(m_amp.size()); ++i)
        p[subsetOutcome(i, m_n, qubits)] += std::norm(m_amp(i));
    return p;
}

double PureState::project(const std::vector<int> &qubits, int outcome)
{
    const double p = probabilities(qubits).at(outcome);
    if (p <= 0)
        return 0;
    const double scale = 1.0 / std::sqrt(p);
    for (std::size_t i = 0; i < std::size_t(m_amp.size()); ++i)
        m_amp(i) = subsetOutcome(i, m_n, qubits) == outcome ? m_amp(i) * scale : cplx(0);
    return p;
}

int PureState::measure(const std::vector<int> &qubits, Rng &rng)
{
    const int s = sampleIndex(probabilities(qubits), rng);
    project(qubits, s);
    return s;
}

// ---- DensityMatrix ----

DensityMatrix::DensityMatrix(int qubits)
    : m_n(qubits)
{
    checkQubitCount(qubits, "density matrix");
    const Eigen::Index dim = Eigen::Index(1) << qubits;
    m_rho = Eigen::MatrixXcd::Zero(dim, dim);
    m_rho(0, 0) = 1.0;
}

DensityMatrix::DensityMatrix(int qubits, Eigen::MatrixXcd rho)
    : m_n(qubits)
    , m_rho(std::move(rho))
{
    checkQubitCount(qubits, "density matrix");
    const Eigen::Index dim = Eigen::Index(1) << qubits;
    if (m_rho.rows() != dim || m_rho.cols() != dim)
        throw InputError("density matrix: a " + std::to_string(m_rho.rows()) + "x"
                         + std::to_string(m_rho.cols()) + " matrix for " + std::to_string(qubits)
                         + " qubits");
}

void DensityMatrix::apply(const Gate &g, double angle)
{
    applyToDensity(m_rho, m_n, resolveGate(g, angle));
}

void DensityMatrix::apply(const Circuit &c, std::span<const double> params)
{
    for (const auto &g : c.gates)
        apply(g, c.angleOf(g, params));
}

DensityMatrix DensityMatrix::partialTrace(const std::vector<int> &keep) const
{
    checkSubset(keep, m_n);
    const int k = int(keep.size());
    checkQubitCount(k, "partial trace");
    std::size_t keepMask = 0;
    for (int q : keep)
        keepMask |= bitOf(m_n, q);
    const std::size_t dim = std::size_t(1) << m_n;
    Eigen::MatrixXcd r = Eigen::MatrixXcd::Zero(Eigen::Index(1) << k, Eigen::Index(1) << k);
    for (std::size_t i = 0; i < dim; ++i) {
        const int a = subsetOutcome(i, m_n, keep);
        for (std::size_t j = 0; j < dim; ++j) {
            if ((i & ~keepMask) != (j & ~keepMask))
                continue;
            r(a, subsetOutcome(j, m_n, keep)) += m_rho(i, j);
        }
    }
    return DensityMatrix(k, std::move(r));
}

Mat2 DensityMatrix::reducedQubit(int q) const
{
    const Eigen::MatrixXcd r = partialTrace({q}).matrix();
    return r;
}

std::vector<double> DensityMatrix::probabilities(const std::vector<int> &qubits) const
{
    checkSubset(qubits, m_n);
    std::vector<double> p(std::size_t(1) << qubits.size(), 0.0);
    for (std::size_t i = 0; i < std::size_t(m_rho.rows()); ++i)
        p[subsetOutcome(i, m_n, qubits)] += m_rho(i, i).real();
    return p;
}

double DensityMatrix::project(const std::vector<int> &qubits, int outcome)
{
    const double p = probabilities(qubits).at(outcome);
    if (p <= 0)
        return 0;
    const std::size_t dim = std::size_t(m_rho.rows());
    for (std::size_t i = 0; i < dim; ++i)
        for (std::size_t j = 0; j < dim; ++j) {
            const bool in = subsetOutcome(i, m_n, qubits) == outcome
                            && subsetOutcome(j, m_n, qubits) == outcome;
            m_rho(i, j) = in ? m_rho(i, j) / p : cplx(0);
        }
    return p;
}

int DensityMatrix::measure(const std::vector<int> &qubits, Rng &rng)
{
    const int s = sampleIndex(probabilities(qubits), rng);
    project(qubits, s);
    return s;
}

double DensityMatrix::purity() const
{
    return sqsnn::purity(m_rho);
}

double DensityMatrix::entropy() const
{
    return vonNeumannEntropy(m_rho);
}

// ---- free functions ----

Eigen::Vector3d blochVector(const Mat2 &r)
{
    return {2.0 * r(0, 1).real(), -2.0 * r(0, 1).imag(), (r(0, 0) - r(1, 1)).real()};
}

double purity(const Eigen::MatrixXcd &rho)
{
    return rho.cwiseAbs2().sum();
}

double vonNeumannEntropy(const Eigen::MatrixXcd &rho)
{
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(rho, Eigen::EigenvaluesOnly);
    double s = 0;
    for (Eigen::Index i = 0; i < es.eigenvalues().size(); ++i) {
        const double l = es.eigenvalues()(i);
        if (l > 1e-15)
            s -= l * std::log2(l);
    }
    return s;
}

} // namespace sqsnn

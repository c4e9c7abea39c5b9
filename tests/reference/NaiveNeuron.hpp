#pragma once
// An independent, deliberately naive SQS neuron: full 2^n x 2^n density matrices, every gate
// expanded to a full operator by Kronecker products of textbook 2x2 matrices, the partial
// trace written out index by index. It shares no code with core/quantum or core/neurons beyond
// the Gate data type, so the fast path can be checked against it (and benchmarked against it).
#include "common/Rng.hpp"
#include "quantum/Gate.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <complex>
#include <vector>

namespace sqsnn::naive {

using C = std::complex<double>;
using M = Eigen::MatrixXcd;

inline M m2(C a, C b, C c, C d)
{
    M m(2, 2);
    m << a, b, c, d;
    return m;
}

inline M kron(const M &a, const M &b)
{
    M r(a.rows() * b.rows(), a.cols() * b.cols());
    for (int i = 0; i < a.rows(); ++i)
        for (int j = 0; j < a.cols(); ++j)
            r.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
    return r;
}

// Textbook single-qubit matrices.
inline M single(GateKind k, double t)
{
    const C i(0, 1);
    const double c = std::cos(t / 2), s = std::sin(t / 2);
    switch (k) {
    case GateKind::RX: case GateKind::CRX: return m2(c, -i * s, -i * s, c);
    case GateKind::RY: case GateKind::CRY: return m2(c, -s, s, c);
    case GateKind::RZ: case GateKind::CRZ: return m2(std::exp(-i * t / 2.0), 0, 0, std::exp(i * t / 2.0));
    case GateKind::H: return m2(1, 1, 1, -1) / std::sqrt(2.0);
    case GateKind::X: case GateKind::CNOT: return m2(0, 1, 1, 0);
    case GateKind::Y: return m2(0, -i, i, 0);
    case GateKind::Z: case GateKind::CZ: return m2(1, 0, 0, -1);
    case GateKind::S: return m2(1, 0, 0, i);
    case GateKind::T: return m2(1, 0, 0, std::exp(i * M_PI / 4.0));
    default: return M::Identity(2, 2);
    }
}

// The full operator of `u` on qubit q of n qubits (qubit 0 leftmost factor).
inline M onQubit(const M &u, int q, int n)
{
    M r = M::Identity(1, 1);
    for (int k = 0; k < n; ++k)
        r = kron(r, k == q ? u : M(M::Identity(2, 2)));
    return r;
}

inline M fullGate(const Gate &g, double angle, int n)
{
    const M P0 = m2(1, 0, 0, 0), P1 = m2(0, 0, 0, 1);
    if (g.kind == GateKind::SWAP) {
        const M X = single(GateKind::X, 0), Y = single(GateKind::Y, 0), Z = single(GateKind::Z, 0);
        const int a = g.q0, b = g.q1;
        const M I = M::Identity(1 << n, 1 << n);
        return 0.5 * (I + onQubit(X, a, n) * onQubit(X, b, n) + onQubit(Y, a, n) * onQubit(Y, b, n)
                      + onQubit(Z, a, n) * onQubit(Z, b, n));
    }
    const M u = single(g.kind, angle);
    if (gateQubitCount(g.kind) == 1)
        return onQubit(u, g.q0, n);
    return onQubit(P0, g.q0, n) + onQubit(P1, g.q0, n) * onQubit(u, g.q1, n);
}

struct NaiveNeuron
{
    int N, NM;
    std::vector<Gate> gates;
    std::vector<double> theta;
    M compiled; // V(theta) once compiled (compile()); rebuilt per step when empty

    void compile() { compiled = circuit(); }

    M circuit() const
    {
        if (compiled.size())
            return compiled;
        const int n = N + NM;
        M V = M::Identity(1 << n, 1 << n);
        for (const auto &g : gates)
            V = fullGate(g, g.param >= 0 ? theta[g.param] : g.angle, n) * V;
        return V;
    }

    // One step: returns p over the 2^N outcomes; sigma becomes the post-measurement memory for
    // outcome s (if s >= 0; with s < 0 and an rng, for a sampled outcome).
    std::vector<double> step(const std::vector<double> &z, M &sigma, int s,
                             Rng *rng = nullptr) const
    {
        const int n = N + NM;
        M zero = M::Zero(1 << N, 1 << N);
        zero(0, 0) = 1;
        M rho = kron(zero, sigma);
        M E = M::Identity(1 << n, 1 << n);
        for (int q = 0; q < N; ++q)
            if (z[q] > 0)
                E = fullGate(Gate{GateKind::RX, q, -1, -1, 0}, M_PI * z[q], n) * E;
        const M U = circuit() * E;
        rho = U * rho * U.adjoint();
        const int dM = 1 << NM;
        std::vector<double> p(1 << N, 0.0);
        for (int i = 0; i < (1 << n); ++i)
            p[i / dM] += rho(i, i).real();
        if (s < 0 && rng) {
            double u = rng->uniform(), acc = 0;
            for (s = 0; s < int(p.size()) - 1; ++s)
                if (u < (acc += p[s]))
                    break;
        }
        if (s >= 0) {
            M proj = M::Zero(1 << n, 1 << n);
            for (int k = 0; k < dM; ++k)
                proj(s * dM + k, s * dM + k) = 1;
            const M post = proj * rho * proj / p[s];
            M red = M::Zero(dM, dM);
            for (int a = 0; a < (1 << N); ++a)
                for (int i = 0; i < dM; ++i)
                    for (int j = 0; j < dM; ++j)
                        red(i, j) += post(a * dM + i, a * dM + j);
            sigma = red;
        }
        return p;
    }
};

} // namespace sqsnn::naive

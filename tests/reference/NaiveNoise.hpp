#pragma once
// An independent, deliberately naive noisy SQS neuron: every channel as its textbook Kraus
// operators expanded to full 2^n x 2^n matrices (Paulis for depolarising, the amplitude-damping
// pair, the phase-flip pair for pure dephasing), rho -> sum_k K rho K^dagger, readout error as
// the mixture over full projectors. Shares only the Gate data type and NaiveNeuron's textbook
// gate matrices with the code under test; follows the schedule of quantum/NoiseModel.hpp.
#include "reference/NaiveNeuron.hpp"

namespace sqsnn::naive {

struct NaiveNoise
{
    double p1 = 0, p2 = 0;
    double T1 = 0, T2 = 0; // microseconds; 0 = off (T2 off with T1 on: T1-limited)
    double ns1 = 0, ns2 = 0, idle = 0;
    double p01 = 0, p10 = 0;
};

inline M applyKraus(const std::vector<M> &ks, const M &rho)
{
    M out = M::Zero(rho.rows(), rho.cols());
    for (const auto &k : ks)
        out += k * rho * k.adjoint();
    return out;
}

inline std::vector<M> paulis()
{
    return {M::Identity(2, 2), single(GateKind::X, 0), single(GateKind::Y, 0),
            single(GateKind::Z, 0)};
}

inline M depol1(const M &rho, int q, int n, double p)
{
    std::vector<M> ks;
    const auto P = paulis();
    ks.push_back(std::sqrt(1 - p) * onQubit(P[0], q, n));
    for (int a = 1; a < 4; ++a)
        ks.push_back(std::sqrt(p / 3) * onQubit(P[a], q, n));
    return applyKraus(ks, rho);
}

inline M depol2(const M &rho, int q0, int q1, int n, double p)
{
    std::vector<M> ks;
    const auto P = paulis();
    for (int a = 0; a < 4; ++a)
        for (int b = 0; b < 4; ++b) {
            const M op = onQubit(P[a], q0, n) * onQubit(P[b], q1, n);
            ks.push_back((a == 0 && b == 0 ? std::sqrt(1 - p) : std::sqrt(p / 15)) * op);
        }
    return applyKraus(ks, rho);
}

// Amplitude damping gamma = 1 - e^{-t/T1}, then a phase flip with lambda = e2 / sqrt(e1).
inline M relax(const M &rho, int q, int n, const NaiveNoise &m, double ns)
{
    if (ns <= 0 || (m.T1 <= 0 && m.T2 <= 0))
        return rho;
    const double t = ns * 1e-3;
    const double e1 = m.T1 > 0 ? std::exp(-t / m.T1) : 1.0;
    const double e2 = m.T2 > 0 ? std::exp(-t / m.T2) : (m.T1 > 0 ? std::exp(-t / (2 * m.T1)) : 1.0);
    M r = applyKraus({onQubit(m2(1, 0, 0, std::sqrt(e1)), q, n),
                      onQubit(m2(0, std::sqrt(1 - e1), 0, 0), q, n)},
                     rho);
    const double lam = e2 / std::sqrt(e1);
    return applyKraus({std::sqrt((1 + lam) / 2) * onQubit(M::Identity(2, 2), q, n),
                       std::sqrt((1 - lam) / 2) * onQubit(single(GateKind::Z, 0), q, n)},
                      r);
}

inline M relaxEvery(M rho, int n, const NaiveNoise &m, double ns)
{
    for (int q = 0; q < n; ++q)
        rho = relax(rho, q, n, m, ns);
    return rho;
}

inline M noisyGate(const M &rho, const Gate &g, double angle, int n, const NaiveNoise &m)
{
    const M U = fullGate(g, angle, n);
    M r = U * rho * U.adjoint();
    if (gateQubitCount(g.kind) == 2)
        return relaxEvery(depol2(r, g.q0, g.q1, n, m.p2), n, m, m.ns2);
    return relaxEvery(depol1(r, g.q0, n, m.p1), n, m, m.ns1);
}

// One noisy step of NaiveNeuron `nn`: returns the REPORTED probabilities; sigma becomes the
// memory after reporting r (if r >= 0), idle relaxation included.
inline std::vector<double> noisyStep(const NaiveNeuron &nn, const NaiveNoise &m,
                                     const std::vector<double> &z, M &sigma, int r)
{
    const int N = nn.N, n = nn.N + nn.NM, dM = 1 << nn.NM, S = 1 << N;
    M zero = M::Zero(S, S);
    zero(0, 0) = 1;
    M rho = kron(zero, sigma);
    for (int q = 0; q < N; ++q)
        if (z[q] > 0)
            rho = noisyGate(rho, Gate{GateKind::RX, q, -1, -1, 0}, M_PI * z[q], n, m);
    for (const auto &g : nn.gates)
        rho = noisyGate(rho, g, g.param >= 0 ? nn.theta[g.param] : g.angle, n, m);
    // Q(r|s) from full projectors: the flip of each bit independently.
    auto Q = [&](int rr, int s) {
        double q = 1;
        for (int b = 0; b < N; ++b) {
            const int rb = (rr >> (N - 1 - b)) & 1, sb = (s >> (N - 1 - b)) & 1;
            q *= sb ? (rb ? 1 - m.p10 : m.p10) : (rb ? m.p01 : 1 - m.p01);
        }
        return q;
    };
    std::vector<double> p(S, 0.0), P(S, 0.0);
    std::vector<M> post(S);
    for (int s = 0; s < S; ++s) {
        M proj = M::Zero(1 << n, 1 << n);
        for (int k = 0; k < dM; ++k)
            proj(s * dM + k, s * dM + k) = 1;
        post[s] = proj * rho * proj;
        p[s] = post[s].trace().real();
    }
    for (int rr = 0; rr < S; ++rr)
        for (int s = 0; s < S; ++s)
            P[rr] += Q(rr, s) * p[s];
    if (r >= 0) {
        M mix = M::Zero(1 << n, 1 << n);
        for (int s = 0; s < S; ++s)
            mix += Q(r, s) * post[s];
        M red = M::Zero(dM, dM);
        for (int a = 0; a < S; ++a)
            for (int i = 0; i < dM; ++i)
                for (int j = 0; j < dM; ++j)
                    red(i, j) += mix(a * dM + i, a * dM + j);
        sigma = relaxEvery(red / P[r], nn.NM, m, m.idle);
    }
    return P;
}

} // namespace sqsnn::naive

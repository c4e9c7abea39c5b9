// Reverse mode of the SQS neuron on the density path (SqsNoisyNeuron::backwardStep; the
// equations are in SqsNoisyNeuron.hpp, the channels' adjoints in quantum/NoiseModel.hpp).
#include "neurons/SqsNoisyNeuron.hpp"

#include "quantum/Gate.hpp"
#include "quantum/NoisyGateKernels.hpp"

#include <cmath>

namespace sqsnn {

namespace {

// The generator G of a rotation exp(-i a G / 2) on its target: X, Y or Z.
Mat2 generatorOf(GateKind k)
{
    Mat2 g = Mat2::Zero();
    switch (k) {
    case GateKind::RX:
    case GateKind::CRX:
        g(0, 1) = g(1, 0) = 1.0;
        break;
    case GateKind::RY:
    case GateKind::CRY:
        g(0, 1) = cplx(0.0, -1.0);
        g(1, 0) = cplx(0.0, 1.0);
        break;
    default: // RZ, CRZ
        g(0, 0) = 1.0;
        g(1, 1) = -1.0;
        break;
    }
    return g;
}

// Im Tr[Lambda^dagger G' rho] with G' = G on `target` (on the control = 1 rows only when
// control >= 0): dL/da of the rotation whose output rho is and whose adjoint Lambda is.
double rotationGradient(const Eigen::MatrixXcd &lam, const Eigen::MatrixXcd &rho, int n,
                        int target, int control, const Mat2 &g)
{
    const std::size_t dim = std::size_t(1) << n, bt = bitOf(n, target);
    const std::size_t cb = control >= 0 ? bitOf(n, control) : 0;
    const cplx *L = lam.data(), *R = rho.data();
    cplx acc = 0.0;
    for (std::size_t j = 0; j < dim; ++j) {
        const cplx *Lc = L + j * dim, *Rc = R + j * dim;
        for (std::size_t i0 = 0; i0 < dim; ++i0) {
            if ((i0 & bt) || (cb && !(i0 & cb)))
                continue;
            const std::size_t i1 = i0 | bt;
            const cplx r0 = Rc[i0], r1 = Rc[i1];
            acc += std::conj(Lc[i0]) * (g(0, 0) * r0 + g(0, 1) * r1)
                   + std::conj(Lc[i1]) * (g(1, 0) * r0 + g(1, 1) * r1);
        }
    }
    return acc.imag();
}

} // namespace

void SqsNoisyNeuron::backwardStep(const double *z, const cplx *sigmaIn, int r, const double *gP,
                                  const cplx *gSigma, Workspace &w, double *gTheta, double *gZ,
                                  cplx *gSigmaIn) const
{
    const int n = m_N + m_M, dM = memoryDim(), S = outcomes();
    const Eigen::Index dim = Eigen::Index(1) << n;
    const std::size_t ops = std::size_t(m_N) + m_gates.size();
    if (w.tape.size() < ops)
        w.tape.resize(ops);
    const double p1 = m_noise.depolarizing1q, p2 = m_noise.depolarizing2q;
    auto relaxEvery = [&](Eigen::MatrixXcd &m, bool two, bool adjoint) {
        if (!m_decoheres)
            return;
        const double e1 = two ? m_e1g2 : m_e1g1, e2 = two ? m_e2g2 : m_e2g1;
        for (int q = 0; q < n; ++q)
            adjoint ? relaxQubitAdjoint(m, n, q, e1, e2) : relaxQubit(m, n, q, e1, e2);
    };
    const Gate embedGate{GateKind::RX, 0, -1, -1, 0};
    auto embedding = [&](int q) {
        Gate g = embedGate;
        g.q0 = q;
        return resolveGate(g, M_PI * z[q]);
    };

    // ---- replay: rho_0 = |0..0><0..0|_IO (x) sigma, every channel eagerly ----
    Eigen::MatrixXcd &rho = w.rho;
    rho.setZero();
    rho.topLeftCorner(dM, dM) = Eigen::Map<const Eigen::MatrixXcd>(sigmaIn, dM, dM);
    std::size_t k = 0;
    for (int q = 0; q < m_N; ++q, ++k) {
        if (!(z[q] > 0))
            continue;
        unitaryToDensity(rho, n, embedding(q));
        w.tape[k] = rho;
        depolarize1(rho, n, q, p1);
        relaxEvery(rho, false, false);
    }
    for (std::size_t gi = 0; gi < m_gates.size(); ++gi, ++k) {
        const Gate &g = m_circuit.gates[gi];
        const bool two = gateQubitCount(g.kind) == 2;
        unitaryToDensity(rho, n, m_gates[gi]);
        w.tape[k] = rho;
        if (two)
            depolarize2(rho, n, g.q0, g.q1, p2);
        else
            depolarize1(rho, n, g.q0, p1);
        relaxEvery(rho, two, false);
    }

    // ---- the adjoint at the measurement ----
    Eigen::MatrixXcd &lam = w.lam;
    lam.setZero(dim, dim);
    for (int s = 0; s < S; ++s) {
        double gp = 0; // dL/dp(s) = sum_r' Q(r'|s) dL/dP(r')
        for (int rr = 0; rr < S; ++rr)
            gp += readout(rr, s) * gP[rr];
        for (int i = 0; i < dM; ++i)
            lam(s * dM + i, s * dM + i) += gp;
    }
    if (gSigma) {
        auto Q = [&](int s) { return readout(r, s); };
        Eigen::MatrixXcd &next = w.next;
        next.setZero();
        for (int s = 0; s < S; ++s)
            if (Q(s) > 0)
                next += Q(s) * rho.block(s * dM, s * dM, dM, dM);
        const double P = next.trace().real();
        if (P > 0) {
            // Back through the idle relaxation of the memory, then the normalisation.
            Eigen::MatrixXcd &ls = w.gSigma;
            ls = Eigen::Map<const Eigen::MatrixXcd>(gSigma, dM, dM);
            for (int m = 0; m < m_M && m_decoheres; ++m)
                relaxQubitAdjoint(ls, m_M, m, m_e1idle, m_e2idle);
            const double c = (ls.adjoint() * next).trace().real() / (P * P);
            ls /= P;
            ls.diagonal().array() -= c;
            for (int s = 0; s < S; ++s)
                if (Q(s) > 0)
                    lam.block(s * dM, s * dM, dM, dM) += Q(s) * ls;
        }
    }

    // ---- back through the gates ----
    for (std::size_t gi = m_gates.size(); gi-- > 0;) {
        --k;
        const Gate &g = m_circuit.gates[gi];
        const bool two = gateQubitCount(g.kind) == 2;
        relaxEvery(lam, two, true);
        if (two)
            depolarize2(lam, n, g.q0, g.q1, p2); // self-adjoint
        else
            depolarize1(lam, n, g.q0, p1);
        const ResolvedGate &rg = m_gates[gi];
        if (g.param >= 0 && isRotation(g.kind))
            gTheta[g.param] += rotationGradient(lam, w.tape[k], n, rg.target, rg.control,
                                                generatorOf(g.kind));
        ResolvedGate inv = rg;
        inv.u = rg.u.adjoint().eval();
        unitaryToDensity(lam, n, inv); // Lambda <- U^dagger Lambda U
    }
    for (int q = m_N; q-- > 0;) {
        --k;
        gZ[q] = 0.0;
        if (!(z[q] > 0))
            continue;
        relaxEvery(lam, false, true);
        depolarize1(lam, n, q, p1);
        const ResolvedGate e = embedding(q);
        gZ[q] = M_PI * rotationGradient(lam, w.tape[k], n, q, -1, generatorOf(GateKind::RX));
        ResolvedGate inv = e;
        inv.u = e.u.adjoint().eval();
        unitaryToDensity(lam, n, inv);
    }
    Eigen::Map<Eigen::MatrixXcd>(gSigmaIn, dM, dM) = lam.topLeftCorner(dM, dM);
}

} // namespace sqsnn

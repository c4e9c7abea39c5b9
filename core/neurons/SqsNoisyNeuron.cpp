#include "neurons/SqsNoisyNeuron.hpp"

#include "common/Error.hpp"
#include "quantum/Gate.hpp"
#include "quantum/NoisyGateKernels.hpp"

#include <cmath>

namespace sqsnn {

SqsNoisyNeuron::Workspace::Workspace(const SqsNoisyNeuron &n)
    : rho(Eigen::MatrixXcd::Zero(Eigen::Index(1) << n.qubits(), Eigen::Index(1) << n.qubits()))
    , sigma(Eigen::MatrixXcd::Zero(n.memoryDim(), n.memoryDim()))
    , fresh(n.initialMemory())
    , next(Eigen::MatrixXcd::Zero(n.memoryDim(), n.memoryDim()))
    , io(Eigen::MatrixXcd::Zero(n.outcomes(), n.outcomes()))
    , p(std::size_t(n.outcomes()), 0.0)
    , pendingE1(std::size_t(n.qubits()), 1.0)
    , pendingE2(std::size_t(n.qubits()), 1.0)
{}

SqsNoisyNeuron::SqsNoisyNeuron(int ioQubits, int memoryQubits, Circuit circuit, NoiseModel noise)
    : m_N(ioQubits)
    , m_M(memoryQubits)
    , m_circuit(std::move(circuit))
    , m_noise(std::move(noise))
{
    if (ioQubits < 1 || memoryQubits < 0)
        throw InputError("noise: a neuron needs io_qubits >= 1 and memory_qubits >= 0");
    if (ioQubits + memoryQubits > kMaxNoisyQubits) {
        const double bytes = std::ldexp(16.0, 2 * (ioQubits + memoryQubits));
        throw InputError("noise: the density path holds at most " + std::to_string(kMaxNoisyQubits)
                         + " qubits per neuron (io_qubits + memory_qubits = "
                         + std::to_string(ioQubits + memoryQubits) + " would need a "
                         + humanBytes(bytes) + " density matrix per neuron)");
    }
    if (m_circuit.numQubits != ioQubits + memoryQubits)
        throw InputError("noise: the circuit has " + std::to_string(m_circuit.numQubits)
                         + " qubits, the neuron " + std::to_string(ioQubits + memoryQubits));
    m_noise.validate("noise");
    m_decoheres = std::isfinite(m_noise.t1Us) || std::isfinite(m_noise.t2Us);
    m_e1g1 = m_noise.populationFactor(m_noise.gateNs1q);
    m_e2g1 = m_noise.coherenceFactor(m_noise.gateNs1q);
    m_e1g2 = m_noise.populationFactor(m_noise.gateNs2q);
    m_e2g2 = m_noise.coherenceFactor(m_noise.gateNs2q);
    m_e1idle = m_noise.populationFactor(m_noise.idleNs);
    m_e2idle = m_noise.coherenceFactor(m_noise.idleNs);
    for (int k = 0; k <= ioQubits; ++k) {
        m_embedE1.push_back(std::pow(m_e1g1, k));
        m_embedE2.push_back(std::pow(m_e2g1, k));
    }
    const int S = outcomes();
    m_Q.assign(std::size_t(S) * std::size_t(S), 0.0);
    for (int r = 0; r < S; ++r)
        for (int s = 0; s < S; ++s)
            m_Q[std::size_t(r) * std::size_t(S) + std::size_t(s)]
                = m_noise.hasReadoutError() ? readoutConditional(m_noise, m_N, r, s) : double(r == s);
    setParameters(std::vector<double>(std::size_t(m_circuit.paramCount()), 0.0));
}

void SqsNoisyNeuron::setParameters(std::span<const double> theta)
{
    if (int(theta.size()) != paramCount())
        throw InputError("neuron parameters: the circuit has " + std::to_string(paramCount())
                         + " parameters, got " + std::to_string(theta.size()));
    m_theta.assign(theta.begin(), theta.end());
    m_gates.clear();
    for (const auto &g : m_circuit.gates)
        m_gates.push_back(resolveGate(g, m_circuit.angleOf(g, m_theta)));
}

Eigen::MatrixXcd SqsNoisyNeuron::initialMemory() const
{
    Eigen::MatrixXcd s = Eigen::MatrixXcd::Zero(memoryDim(), memoryDim());
    s(0, 0) = 1.0;
    return s;
}

void SqsNoisyNeuron::flush(Workspace &w, int q) const
{
    double &e1 = w.pendingE1[std::size_t(q)], &e2 = w.pendingE2[std::size_t(q)];
    if (e1 != 1.0 || e2 != 1.0)
        relaxQubit(w.rho, m_N + m_M, q, e1, e2);
    e1 = e2 = 1.0;
}

void SqsNoisyNeuron::applyNoisyGate(Workspace &w, const Gate &g, const ResolvedGate &r) const
{
    const int n = m_N + m_M;
    const bool two = gateQubitCount(g.kind) == 2;
    if (two) {
        flush(w, g.q0);
        flush(w, g.q1);
        unitaryToDensity(w.rho, n, r);
        depolarize2(w.rho, n, g.q0, g.q1, m_noise.depolarizing2q);
    } else {
        // One pass: the qubit's pending relaxation, the gate, its depolarising error.
        const std::size_t q = std::size_t(g.q0);
        noisyOneQubitGate(w.rho, n, g.q0, r.u, w.pendingE1[q], w.pendingE2[q],
                          m_noise.depolarizing1q);
        w.pendingE1[q] = w.pendingE2[q] = 1.0;
    }
    if (m_decoheres) {
        // Every qubit relaxes over the gate's duration (applied lazily).
        const double e1 = two ? m_e1g2 : m_e1g1, e2 = two ? m_e2g2 : m_e2g1;
        for (int k = 0; k < n; ++k) {
            w.pendingE1[std::size_t(k)] *= e1;
            w.pendingE2[std::size_t(k)] *= e2;
        }
    }
}

void SqsNoisyNeuron::joint(const double *z, const Eigen::MatrixXcd &sigma, Workspace &w,
                           const Shift &shift, bool flushMemory) const
{
    const int n = m_N + m_M, dM = memoryDim(), dIo = outcomes();
    // The embedding, built directly: each I/O qubit starts in |0> and meets only its own RX,
    // so after the embedding gates (one after another, qubit 0 first) the register is the
    // product (x)_n A_n (x) sigma with A_n = D_p1(RX(phi_n)|0><0|RX(phi_n)^dagger) (|0><0| where
    // z_n <= 0). Relaxation during the embedding (on qubit n over the embedding gates from its
    // own on, before which |0> does not relax; on the memory over all of them) acts on the
    // factors of that product, so it is applied to them directly: to A_n and to a copy of sigma.
    const double keep = 1.0 - 2.0 * m_noise.depolarizing1q / 3, mix = 2.0 * m_noise.depolarizing1q / 3;
    const double off = 1.0 - 4.0 * m_noise.depolarizing1q / 3;
    int embedded = 0;
    for (int q = 0; q < m_N; ++q)
        embedded += z[q] > 0;
    Eigen::Matrix<cplx, Eigen::Dynamic, Eigen::Dynamic> &io = w.io;
    io.setZero();
    io(0, 0) = 1.0;
    int filled = 1, later = embedded; // embedding gates from qubit q's own on
    for (int q = 0; q < m_N; ++q) {
        cplx A[2][2] = {{1.0, 0.0}, {0.0, 0.0}};
        if (z[q] > 0) {
            const double phi = M_PI * z[q] + (shift.embed == q ? shift.angle : 0.0);
            const double c = std::cos(phi / 2), sn = std::sin(phi / 2);
            A[0][0] = keep * c * c + mix * sn * sn;
            A[1][1] = keep * sn * sn + mix * c * c;
            A[0][1] = cplx(0.0, off * c * sn);
            A[1][0] = cplx(0.0, -off * c * sn);
            if (m_decoheres) {
                const double e1 = m_embedE1[std::size_t(later)], e2 = m_embedE2[std::size_t(later)];
                A[0][0] += (1.0 - e1) * A[1][1];
                A[1][1] *= e1;
                A[0][1] *= e2;
                A[1][0] *= e2;
            }
            --later;
        }
        // io <- io (x) A, in place from the last entries back (qubit 0 most significant).
        for (int a = filled - 1; a >= 0; --a)
            for (int b = filled - 1; b >= 0; --b) {
                const cplx v = io(a, b);
                for (int x = 0; x < 2; ++x)
                    for (int y = 0; y < 2; ++y)
                        io(2 * a + x, 2 * b + y) = v * A[x][y];
            }
        filled *= 2;
    }
    const Eigen::MatrixXcd *mem = &sigma;
    if (m_decoheres && embedded > 0 && m_M > 0) {
        w.memRelaxed = sigma;
        for (int m = 0; m < m_M; ++m)
            relaxQubit(w.memRelaxed, m_M, m, m_embedE1[std::size_t(embedded)],
                       m_embedE2[std::size_t(embedded)]);
        mem = &w.memRelaxed;
    }
    Eigen::MatrixXcd &rho = w.rho;
    {
        const std::size_t dim = std::size_t(dIo) * dM;
        cplx *r = rho.data();
        const cplx *sg = mem->data(), *iop = io.data();
        for (int b = 0; b < dIo; ++b)
            for (int l = 0; l < dM; ++l) {
                cplx *col = r + (std::size_t(b) * dM + l) * dim;
                const cplx *sl = sg + std::size_t(l) * dM;
                for (int a = 0; a < dIo; ++a) {
                    const cplx v = iop[a + std::size_t(b) * dIo];
                    cplx *out = col + std::size_t(a) * dM;
                    // The embedded entries are real (diagonal) or imaginary (RX coherences) for
                    // N = 1: real arithmetic then, no general complex product.
                    if (v.imag() == 0) {
                        for (int k = 0; k < dM; ++k)
                            out[k] = v.real() * sl[k];
                    } else if (v.real() == 0) {
                        for (int k = 0; k < dM; ++k)
                            out[k] = cplx(-v.imag() * sl[k].imag(), v.imag() * sl[k].real());
                    } else {
                        for (int k = 0; k < dM; ++k)
                            out[k] = v * sl[k];
                    }
                }
            }
    }
    std::fill(w.pendingE1.begin(), w.pendingE1.end(), 1.0);
    std::fill(w.pendingE2.begin(), w.pendingE2.end(), 1.0);
    for (std::size_t k = 0; k < m_gates.size(); ++k) {
        const Gate &g = m_circuit.gates[k];
        if (int(k) == shift.gate)
            applyNoisyGate(w, g, resolveGate(g, m_circuit.angleOf(g, m_theta) + shift.angle));
        else
            applyNoisyGate(w, g, m_gates[k]);
    }
    if (flushMemory) {
        for (int q = 0; q < n; ++q)
            flush(w, q); // the whole register as it is just before the measurement
        return;
    }
    // The I/O qubits relax up to their measurement. Only the blocks diagonal in the I/O index
    // are read afterwards (p(s) and the memory blocks), and relaxation maps them among
    // themselves, so only they are updated: (s, s) += (1 - e1) (s|b, s|b), (s|b, s|b) *= e1.
    const std::size_t dim = std::size_t(dIo) * dM;
    cplx *r = rho.data();
    for (int q = 0; q < m_N; ++q) {
        double &e1 = w.pendingE1[std::size_t(q)];
        if (e1 != 1.0) {
            const int bq = 1 << (m_N - 1 - q);
            for (int sIo = 0; sIo < dIo; ++sIo) {
                if (sIo & bq)
                    continue;
                const std::size_t o0 = std::size_t(sIo) * dM, o1 = std::size_t(sIo | bq) * dM;
                for (int l = 0; l < dM; ++l)
                    for (int k = 0; k < dM; ++k) {
                        cplx &hi = r[(o1 + k) + (o1 + l) * dim];
                        r[(o0 + k) + (o0 + l) * dim] += (1.0 - e1) * hi;
                        hi *= e1;
                    }
            }
        }
        e1 = w.pendingE2[std::size_t(q)] = 1.0;
    }
}

void SqsNoisyNeuron::trueProbabilities(const Eigen::MatrixXcd &rho, double *p) const
{
    const int dM = memoryDim();
    for (int s = 0; s < outcomes(); ++s) {
        double acc = 0;
        for (int k = 0; k < dM; ++k)
            acc += rho(s * dM + k, s * dM + k).real();
        p[s] = acc;
    }
}

void SqsNoisyNeuron::reportedProbabilities(const double *p, double *pRep) const
{
    const int S = outcomes();
    if (!m_noise.hasReadoutError()) {
        for (int r = 0; r < S; ++r)
            pRep[r] = p[r];
        return;
    }
    double tmp[1 << kMaxNoisyQubits];
    for (int r = 0; r < S; ++r) {
        double acc = 0;
        for (int s = 0; s < S; ++s)
            acc += readout(r, s) * p[s];
        tmp[r] = acc;
    }
    for (int r = 0; r < S; ++r)
        pRep[r] = tmp[r];
}

double SqsNoisyNeuron::update(int r, Eigen::MatrixXcd &sigma, Workspace &w) const
{
    const int dM = memoryDim();
    Eigen::MatrixXcd &next = w.next;
    cplx *nx = next.data();
    const std::size_t cells = std::size_t(dM) * std::size_t(dM), dim = std::size_t(outcomes()) * dM;
    std::fill(nx, nx + cells, cplx(0.0));
    const cplx *rh = w.rho.data();
    for (int s = 0; s < outcomes(); ++s) {
        const double q = readout(r, s);
        if (!(q > 0))
            continue;
        const cplx *blk = rh + std::size_t(s) * dM * (dim + 1); // block (s, s)
        for (int l = 0; l < dM; ++l)
            for (int k = 0; k < dM; ++k)
                nx[std::size_t(l) * dM + k] += q * blk[std::size_t(l) * dim + k];
    }
    double P = 0;
    for (int k = 0; k < dM; ++k)
        P += nx[std::size_t(k) * (dM + 1)].real();
    if (!(P > 0))
        return 0.0;
    const double inv = 1.0 / P;
    sigma.resize(dM, dM); // a no-op at the right size
    cplx *sg = sigma.data();
    for (std::size_t k = 0; k < cells; ++k)
        sg[k] = nx[k] * inv;
    // The memory qubits' pending relaxation (since their last gate), then the idle time.
    for (int m = 0; m < m_M && m_decoheres; ++m) {
        const double e1 = w.pendingE1[std::size_t(m_N + m)] * m_e1idle;
        const double e2 = w.pendingE2[std::size_t(m_N + m)] * m_e2idle;
        if (e1 != 1.0 || e2 != 1.0)
            relaxQubit(sigma, m_M, m, e1, e2);
    }
    return P;
}

int SqsNoisyNeuron::step(const double *z, Eigen::MatrixXcd &sigma, Rng &rng, double *p,
                         Workspace &w, int forced) const
{
    joint(z, sigma, w);
    trueProbabilities(w.rho, w.p.data());
    reportedProbabilities(w.p.data(), p);
    int r = forced >= 0 ? forced : SqsNeuron::sampleOutcome(p, outcomes(), rng);
    if (p[r] <= 0) {
        if (forced >= 0)
            return r; // a forced outcome of probability 0: the memory is left unchanged
        for (r = 0; p[r] <= 0; ++r) {}
    }
    update(r, sigma, w);
    return r;
}

double SqsNoisyNeuron::probability(const double *z, const Eigen::MatrixXcd &sigma, int r,
                                   const Shift &shift, Workspace &w) const
{
    joint(z, sigma, w, shift);
    trueProbabilities(w.rho, w.p.data());
    if (!m_noise.hasReadoutError())
        return w.p[std::size_t(r)];
    double acc = 0;
    for (int s = 0; s < outcomes(); ++s)
        acc += readout(r, s) * w.p[std::size_t(s)];
    return acc;
}

void SqsNoisyNeuron::probabilityGradient(const double *z, const Eigen::MatrixXcd &sigma, int r,
                                         Workspace &w, double *dTheta, double *dPhi) const
{
    for (int k = 0; k < paramCount(); ++k)
        dTheta[k] = 0;
    const double cp = (std::sqrt(2.0) + 1) / (4 * std::sqrt(2.0));
    const double cm = (std::sqrt(2.0) - 1) / (4 * std::sqrt(2.0));
    auto P = [&](int gate, int embed, double a) {
        return probability(z, sigma, r, Shift{gate, embed, a}, w);
    };
    for (std::size_t k = 0; k < m_circuit.gates.size(); ++k) {
        const Gate &g = m_circuit.gates[k];
        if (g.param < 0 || !isRotation(g.kind))
            continue;
        const int gi = int(k);
        double d;
        if (isControlledRotation(g.kind))
            d = cp * (P(gi, -1, M_PI / 2) - P(gi, -1, -M_PI / 2))
                - cm * (P(gi, -1, 3 * M_PI / 2) - P(gi, -1, -3 * M_PI / 2));
        else
            d = 0.5 * (P(gi, -1, M_PI / 2) - P(gi, -1, -M_PI / 2));
        dTheta[g.param] += d;
    }
    for (int q = 0; q < m_N; ++q)
        dPhi[q] = z[q] > 0 ? 0.5 * (P(-1, q, M_PI / 2) - P(-1, q, -M_PI / 2)) : 0.0;
}

} // namespace sqsnn

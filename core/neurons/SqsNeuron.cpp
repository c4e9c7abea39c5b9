#include "neurons/SqsNeuron.hpp"

#include "common/Error.hpp"
#include "quantum/Register.hpp"

#include <cassert>
#include <cmath>

namespace sqsnn {

namespace {
const cplx kI(0.0, 1.0);
}

SqsNeuron::Workspace::Workspace(const SqsNeuron &n)
    : state(Eigen::VectorXcd::Zero(Eigen::Index(1) << n.qubits()))
    , lambda(Eigen::VectorXcd::Zero(Eigen::Index(1) << n.qubits()))
    , psiIn(Eigen::VectorXcd::Zero(n.outcomes()))
    , embed(n.ioQubits())
    , gates(n.circuit().gates.size())
    , tmp(Eigen::VectorXcd::Zero(Eigen::Index(1) << n.qubits()))
{}

SqsNeuron::SqsNeuron(int ioQubits, int memoryQubits, const AnsatzSpec &ansatz)
    : SqsNeuron(ioQubits, memoryQubits,
                (ioQubits >= 1 && memoryQubits >= 0
                         && ioQubits + memoryQubits <= kMaxQubits
                     ? makeAnsatz(ansatz, ioQubits, memoryQubits)
                     : Circuit{ioQubits + memoryQubits, {}}))
{}

SqsNeuron::SqsNeuron(int ioQubits, int memoryQubits, Circuit circuit)
    : m_N(ioQubits)
    , m_M(memoryQubits)
    , m_circuit(std::move(circuit))
{
    if (ioQubits < 1)
        throw InputError("io_qubits: a neuron needs at least 1 I/O qubit, got "
                         + std::to_string(ioQubits));
    if (memoryQubits < 0)
        throw InputError("memory_qubits: must be >= 0, got " + std::to_string(memoryQubits));
    checkQubitCount(ioQubits + memoryQubits, "io_qubits + memory_qubits");
    if (m_circuit.numQubits != m_N + m_M)
        throw InputError("ansatz: the circuit has " + std::to_string(m_circuit.numQubits)
                         + " qubits, the neuron " + std::to_string(m_N + m_M));
    m_circuit.validate("/ansatz/gates");
    m_paramCount = m_circuit.paramCount();
    // Dense V costs ~dim^2 multiply-adds per step, the gate list ~2 * gates * dim.
    const long dim = 1L << (m_N + m_M);
    const auto &g = m_circuit.gates;
    const bool closedForm = m_N == 1 && m_M == 1 && g.size() == 3
                            && g[0] == Gate{GateKind::CRX, 1, 0, 0, 0.0}
                            && g[1] == Gate{GateKind::RX, 1, -1, 1, 0.0}
                            && g[2] == Gate{GateKind::RX, 0, -1, 2, 0.0};
    m_kernel = closedForm ? Kernel::ClosedForm
               : 2L * long(g.size()) < dim ? Kernel::Gates
                                           : Kernel::Dense;
    setParameters(std::vector<double>(m_paramCount, 0.0));
}

void SqsNeuron::setParameters(std::span<const double> theta)
{
    if (int(theta.size()) != m_paramCount)
        throw InputError("neuron parameters: the circuit has " + std::to_string(m_paramCount)
                         + " parameters, got " + std::to_string(theta.size()));
    for (std::size_t k = 0; k < theta.size(); ++k)
        if (!std::isfinite(theta[k]))
            throw InputError("neuron parameters: parameter " + std::to_string(k)
                             + " is not a finite number");
    m_theta.assign(theta.begin(), theta.end());
    if (m_kernel == Kernel::ClosedForm) {
        m_memC = std::cos(m_theta[1] / 2);
        m_memS = std::sin(m_theta[1] / 2);
        m_inC = std::cos(m_theta[2] / 2);
        m_inS = std::sin(m_theta[2] / 2);
        m_entC = std::cos(m_theta[0] / 2);
        m_entS = std::sin(m_theta[0] / 2);
        return;
    }
    m_gates.clear();
    for (const auto &g : m_circuit.gates)
        m_gates.push_back(resolveGate(g, m_circuit.angleOf(g, m_theta)));
    // Large registers run gate by gate and never need V in a step; it is built on request.
    m_V = m_kernel == Kernel::Dense ? compileUnitary(m_circuit, m_theta) : Eigen::MatrixXcd();
}

Eigen::VectorXcd SqsNeuron::initialMemory() const
{
    Eigen::VectorXcd m = Eigen::VectorXcd::Zero(memoryDim());
    m(0) = 1.0;
    return m;
}

void SqsNeuron::inputState(const double *z, Eigen::VectorXcd &psiIn) const
{
    const int dimIo = outcomes();
    psiIn.setZero();
    psiIn(0) = 1.0;
    // Build the product state qubit by qubit (qubit 0 most significant).
    int filled = 1;
    for (int n = 0; n < m_N; ++n) {
        double c = 1.0, s = 0.0;
        if (z[n] > 0) {
            c = std::cos(M_PI * z[n] / 2);
            s = std::sin(M_PI * z[n] / 2);
        }
        for (int j = filled - 1; j >= 0; --j) {
            const cplx a = psiIn(j);
            psiIn(2 * j) = a * c;
            psiIn(2 * j + 1) = a * (-kI * s);
        }
        filled *= 2;
    }
    assert(filled == dimIo);
    (void)dimIo;
}

// cos and sin of g_0 / 2 = (phi + theta_in) / 2 and g_1 / 2 = g_0 / 2 + theta_ent / 2, by the
// angle-addition formulas from one sincos of phi / 2 per step.
void SqsNeuron::halfAngles(double z, double &c0, double &s0, double &c1, double &s1) const
{
    double cp = 1.0, sp = 0.0;
    if (z > 0) {
        cp = std::cos(M_PI * z / 2);
        sp = std::sin(M_PI * z / 2);
    }
    c0 = cp * m_inC - sp * m_inS;
    s0 = sp * m_inC + cp * m_inS;
    c1 = c0 * m_entC - s0 * m_entS;
    s1 = s0 * m_entC + c0 * m_entS;
}

void SqsNeuron::evolveClosedForm(const double *z, const cplx *mem, Workspace &w, double *p) const
{
    double c0, s0, c1, s1;
    halfAngles(z[0], c0, s0, c1, s1);
    const cplx a0 = mem[0] * c0, a1 = mem[1] * c1;    // block 0 before RX(theta_mem)
    const cplx b0 = mem[0] * s0, b1 = mem[1] * s1;    // block 1 / (-i) before RX(theta_mem)
    const double C = m_memC, S = m_memS;
    cplx *st = w.state.data();
    st[0] = C * a0 - kI * S * a1;
    st[1] = -kI * S * a0 + C * a1;
    st[2] = -kI * (C * b0 - kI * S * b1);
    st[3] = -kI * (-kI * S * b0 + C * b1);
    const double n0 = std::norm(mem[0]), n1 = std::norm(mem[1]);
    p[1] = n0 * s0 * s0 + n1 * s1 * s1;
    p[0] = n0 * c0 * c0 + n1 * c1 * c1;
}

void SqsNeuron::gradientClosedForm(const double *z, const cplx *mem, int s, double *dTheta,
                                   double *dPhi) const
{
    double c0, s0, c1, s1;
    halfAngles(z[0], c0, s0, c1, s1);
    const double sign = s == 1 ? 1.0 : -1.0;
    // dp(1)/dg_a = |m_a|^2 sin(g_a) / 2 = |m_a|^2 sin(g_a/2) cos(g_a/2).
    const double d0 = sign * std::norm(mem[0]) * s0 * c0;
    const double d1 = sign * std::norm(mem[1]) * s1 * c1;
    dTheta[0] = d1;      // theta_ent enters g_1 only
    dTheta[1] = 0.0;     // theta_mem acts after the measurement's branch is fixed
    dTheta[2] = d0 + d1; // theta_in
    dPhi[0] = z[0] > 0 ? d0 + d1 : 0.0;
}

void SqsNeuron::evolve(const double *z, const cplx *mem, Workspace &w, double *p) const
{
    if (m_kernel == Kernel::ClosedForm) {
        evolveClosedForm(z, mem, w, p);
        return;
    }
    const int dimIo = outcomes(), dM = memoryDim();
    const int dim = dimIo * dM;
    cplx *st = w.state.data();
    inputState(z, w.psiIn);
    if (m_kernel == Kernel::Gates) {
        for (int j = 0; j < dimIo; ++j)
            for (int k = 0; k < dM; ++k)
                st[j * dM + k] = w.psiIn(j) * mem[k];
        for (const auto &g : m_gates)
            applyToVector(st, m_N + m_M, g);
    } else {
        for (int r = 0; r < dim; ++r)
            st[r] = 0.0;
        const cplx *V = m_V.data();
        for (int j = 0; j < dimIo; ++j) {
            const cplx a = w.psiIn(j);
            if (a == cplx(0.0))
                continue;
            for (int k = 0; k < dM; ++k) {
                const cplx c = a * mem[k];
                if (c == cplx(0.0))
                    continue;
                const cplx *col = V + std::size_t(j * dM + k) * dim;
                for (int r = 0; r < dim; ++r)
                    st[r] += c * col[r];
            }
        }
    }
    for (int s = 0; s < dimIo; ++s) {
        double acc = 0;
        for (int k = 0; k < dM; ++k)
            acc += std::norm(st[s * dM + k]);
        p[s] = acc;
    }
}

void SqsNeuron::collapse(int s, double ps, const Workspace &w, cplx *mem) const
{
    const int dM = memoryDim();
    const double scale = 1.0 / std::sqrt(ps);
    const cplx *block = w.state.data() + std::size_t(s) * dM;
    for (int k = 0; k < dM; ++k)
        mem[k] = block[k] * scale;
}

int SqsNeuron::sampleOutcome(const double *p, int count, Rng &rng)
{
    const double u = rng.uniform();
    double acc = 0;
    for (int s = 0; s < count - 1; ++s) {
        acc += p[s];
        if (u < acc)
            return s;
    }
    return count - 1;
}

int SqsNeuron::step(const double *z, cplx *mem, Rng &rng, double *p, Workspace &w,
                    int forced) const
{
    evolve(z, mem, w, p);
    int s = forced >= 0 ? forced : sampleOutcome(p, outcomes(), rng);
    if (p[s] <= 0) {
        // Only reachable with a forced outcome of probability zero (or a sampling round-off at
        // p = 0): the post-measurement state is undefined, so the memory is left unchanged.
        if (forced >= 0)
            return s;
        for (s = 0; p[s] <= 0; ++s) {}
    }
    collapse(s, p[s], w, mem);
    return s;
}

void SqsNeuron::prepareEmbedding(const double *z, Workspace &w) const
{
    for (int n = 0; n < m_N; ++n) {
        const double phi = z[n] > 0 ? M_PI * z[n] : 0.0;
        w.embed[n] = resolveGate(Gate{GateKind::RX, n, -1, -1, phi}, phi);
    }
}

void SqsNeuron::probabilityGradient(const double *z, const cplx *mem, int s, Workspace &w,
                                    double *dTheta, double *dPhi) const
{
    if (m_kernel == Kernel::ClosedForm) {
        gradientClosedForm(z, mem, s, dTheta, dPhi);
        return;
    }
    const int dM = memoryDim(), dim = 1 << (m_N + m_M);
    cplx *psi = w.state.data();
    cplx *lam = w.lambda.data();
    forwardJoint(z, mem, w);
    // lambda = (Pi_s (x) I) psi.
    for (int i = 0; i < dim; ++i)
        lam[i] = (i / dM) == s ? psi[i] : cplx(0.0);
    for (int k = 0; k < m_paramCount; ++k)
        dTheta[k] = 0.0;
    // Backward: dp/dtheta = Im <lambda_k| G_gen |psi_k> at each rotation (psi_k after gate k).
    adjointBackward(psi, lam, z, w, 1.0, dTheta, dPhi);
}

void SqsNeuron::forwardJoint(const double *z, const cplx *mem, Workspace &w) const
{
    const int n = m_N + m_M, dM = memoryDim(), dim = 1 << n;
    cplx *psi = w.state.data();
    prepareEmbedding(z, w);
    for (int i = 0; i < dim; ++i)
        psi[i] = i < dM ? mem[i] : cplx(0.0);
    for (int q = 0; q < m_N; ++q)
        applyToVector(psi, n, w.embed[q]);
    for (const auto &g : m_gates)
        applyToVector(psi, n, g);
}

void SqsNeuron::adjointBackward(cplx *psi, cplx *lam, const double *z, const Workspace &w,
                                double factor, double *gTheta, double *gPhi) const
{
    const int n = m_N + m_M;
    for (std::size_t k = m_gates.size(); k-- > 0;) {
        const Gate &g = m_circuit.gates[k];
        const ResolvedGate &r = m_gates[k];
        if (g.param >= 0)
            gTheta[g.param] += factor
                               * sandwich(lam, psi, n, r.target, r.control, rotationGenerator(g.kind)).imag();
        applyAdjointToVector(psi, n, r);
        applyAdjointToVector(lam, n, r);
    }
    const Mat2 X = rotationGenerator(GateKind::RX);
    for (int q = m_N; q-- > 0;) {
        gPhi[q] = z[q] > 0 ? factor * sandwich(lam, psi, n, q, -1, X).imag() : 0.0;
        applyAdjointToVector(psi, n, w.embed[q]);
        applyAdjointToVector(lam, n, w.embed[q]);
    }
}

void SqsNeuron::resolveCircuit(Workspace &w) const
{
    for (std::size_t k = 0; k < m_circuit.gates.size(); ++k)
        w.gates[k] = resolveGate(m_circuit.gates[k], m_circuit.angleOf(m_circuit.gates[k], m_theta));
}

void SqsNeuron::applyCircuit(cplx *x, const Workspace &w) const
{
    for (const auto &g : w.gates)
        applyToVector(x, m_N + m_M, g);
}

void SqsNeuron::applyCircuitDerivative(const cplx *x, int k, cplx *out, Workspace &w) const
{
    const int n = m_N + m_M, dim = 1 << n;
    for (int i = 0; i < dim; ++i)
        out[i] = 0.0;
    cplx *t = w.tmp.data();
    const cplx mhalfI(0.0, -0.5);
    for (std::size_t gi = 0; gi < m_circuit.gates.size(); ++gi) {
        const Gate &g = m_circuit.gates[gi];
        if (g.param != k)
            continue;
        for (int i = 0; i < dim; ++i)
            t[i] = x[i];
        for (std::size_t j = 0; j <= gi; ++j)
            applyToVector(t, n, w.gates[j]);
        // dG/dtheta = -i/2 (P1 (x) Gen) G for controlled rotations, -i/2 Gen G otherwise.
        const ResolvedGate &r = w.gates[gi];
        const Mat2 gen = rotationGenerator(g.kind) * mhalfI;
        const std::size_t tb = bitOf(n, r.target);
        const std::size_t cb = r.control >= 0 ? bitOf(n, r.control) : 0;
        for (std::size_t i0 = 0; i0 < std::size_t(dim); ++i0) {
            if (i0 & tb)
                continue;
            const std::size_t i1 = i0 | tb;
            if (cb && !(i0 & cb)) {
                t[i0] = 0.0;
                t[i1] = 0.0;
                continue;
            }
            const cplx a = t[i0], b = t[i1];
            t[i0] = gen(0, 0) * a + gen(0, 1) * b;
            t[i1] = gen(1, 0) * a + gen(1, 1) * b;
        }
        for (std::size_t j = gi + 1; j < m_circuit.gates.size(); ++j)
            applyToVector(t, n, w.gates[j]);
        for (int i = 0; i < dim; ++i)
            out[i] += t[i];
    }
}

double SqsNeuron::freshProbability(const double *z, int s, int shiftedGate, double shift,
                                   Workspace &w) const
{
    const int n = m_N + m_M, dM = memoryDim(), dim = 1 << n;
    cplx *psi = w.state.data();
    for (int i = 0; i < dim; ++i)
        psi[i] = i == 0 ? cplx(1.0) : cplx(0.0);
    prepareEmbedding(z, w);
    for (int q = 0; q < m_N; ++q)
        applyToVector(psi, n, w.embed[q]);
    for (std::size_t k = 0; k < m_circuit.gates.size(); ++k) {
        const Gate &g = m_circuit.gates[k];
        double angle = m_circuit.angleOf(g, m_theta);
        if (int(k) == shiftedGate)
            angle += shift;
        applyToVector(psi, n, resolveGate(g, angle));
    }
    double p = 0;
    for (int k = 0; k < dM; ++k)
        p += std::norm(psi[s * dM + k]);
    return p;
}

Eigen::MatrixXcd SqsNeuron::unitary() const
{
    return m_kernel == Kernel::Dense ? m_V : compileUnitary(m_circuit, m_theta);
}

Eigen::MatrixXcd SqsNeuron::kraus(const double *z, int s) const
{
    const int dM = memoryDim();
    Eigen::MatrixXcd K = Eigen::MatrixXcd::Zero(dM, dM);
    // Column k of K_s is block s of V (|psi_in> (x) |k>).
    Workspace w(*this);
    std::vector<double> p(outcomes());
    Eigen::VectorXcd basis = Eigen::VectorXcd::Zero(dM);
    for (int k = 0; k < dM; ++k) {
        basis.setZero();
        basis(k) = 1.0;
        evolve(z, basis.data(), w, p.data());
        K.col(k) = w.state.segment(Eigen::Index(s) * dM, dM);
    }
    return K;
}

void SqsNeuron::probabilitiesDensity(const double *z, const Eigen::MatrixXcd &sigma,
                                     double *p) const
{
    for (int s = 0; s < outcomes(); ++s) {
        const Eigen::MatrixXcd K = kraus(z, s);
        p[s] = (K * sigma * K.adjoint()).trace().real();
    }
}

double SqsNeuron::updateDensity(const double *z, int s, Eigen::MatrixXcd &sigma) const
{
    const Eigen::MatrixXcd K = kraus(z, s);
    Eigen::MatrixXcd next = K * sigma * K.adjoint();
    const double p = next.trace().real();
    if (p > 0)
        sigma = next / p;
    return p;
}

Eigen::MatrixXcd SqsNeuron::jointDensity(const double *z, const Eigen::MatrixXcd &sigma) const
{
    Eigen::VectorXcd psiIn(outcomes());
    inputState(z, psiIn);
    const Eigen::MatrixXcd in = psiIn * psiIn.adjoint();
    Eigen::MatrixXcd joint(in.rows() * sigma.rows(), in.cols() * sigma.cols());
    for (Eigen::Index a = 0; a < in.rows(); ++a)
        for (Eigen::Index b = 0; b < in.cols(); ++b)
            joint.block(a * sigma.rows(), b * sigma.cols(), sigma.rows(), sigma.cols())
                = in(a, b) * sigma;
    const Eigen::MatrixXcd V = unitary();
    return V * joint * V.adjoint();
}

} // namespace sqsnn

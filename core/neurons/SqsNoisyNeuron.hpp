#pragma once
// The SQS neuron on the density path under a noise model (issue 16; channels in
// quantum/NoiseModel.hpp). One step, given the memory's density matrix sigma:
//   rho = |0..0><0..0|_IO (x) sigma;
//   for each I/O qubit n with z_n > 0: RX(pi z_n) with its noise (a one-qubit gate);
//   for each gate of V(theta): the gate with its noise;
//   p(s) = Tr[(Pi_s (x) I) rho] (what the device measures), P(r) = sum_s Q(r|s) p(s) (what it
//   reports; Q = the readout error); one shot r ~ P;
//   sigma' = sum_s Q(r|s) Tr_IO[(Pi_s (x) I) rho (Pi_s (x) I)] / P(r), then the memory relaxes
//   over idle_ns (I/O qubits are reset).
// Without readout error P = p. The reported r is the neuron's spike: the network, the learning
// rule and the plots see what a device would report.
//
// Gradients: every channel is independent of theta and of z, so p(s) is, in each rotation
// angle, a trigonometric polynomial of the same degree as without noise, and the parameter-shift
// rules are EXACT on the density path:
//   RX/RY/RZ (and the embedding RX(phi)):  dP/da = [P(a + pi/2) - P(a - pi/2)] / 2
//   CRX/CRY/CRZ: dP/da = c+ [P(a + pi/2) - P(a - pi/2)] - c- [P(a + 3pi/2) - P(a - 3pi/2)],
//                c+- = (sqrt 2 +- 1) / (4 sqrt 2),
// summed over the gates bound to a parameter. probabilityGradient uses them with exact (not
// shot) probabilities: 2 or 4 density evaluations per rotation.
#include "neurons/SqsNeuron.hpp"
#include "quantum/NoiseModel.hpp"

namespace sqsnn {

// A gate evaluated with one angle moved (for the shift rules): `gate` indexes the circuit,
// `embed` an I/O qubit's embedding rotation (only present where z > 0).
struct NoisyShift
{
    int gate = -1;
    int embed = -1;
    double angle = 0;
};

class SqsNoisyNeuron
{
public:
    struct Workspace
    {
        explicit Workspace(const SqsNoisyNeuron &n);
        Eigen::MatrixXcd rho;   // the joint register (2^N_tot x 2^N_tot)
        Eigen::MatrixXcd sigma; // scratch memory matrix
        Eigen::MatrixXcd fresh; // |0..0><0..0| of the memory (fresh circuits, shift estimator)
        Eigen::MatrixXcd next;  // scratch for the memory update
        Eigen::MatrixXcd io;    // the embedded I/O register (2^N x 2^N)
        Eigen::MatrixXcd memRelaxed; // sigma relaxed over the embedding gates
        std::vector<double> p;  // true outcome probabilities
        // Relaxation not yet applied, per qubit, as its factors e1, e2: relaxation of a qubit
        // commutes with every gate on other qubits and composes over time (the factors
        // multiply), so it is applied only before the next gate on that qubit, before the
        // measurement (I/O qubits), and to the memory after the partial trace (memory qubits;
        // it commutes with the I/O projectors).
        std::vector<double> pendingE1, pendingE2;
        // Reverse mode only (sized on first use): the register just after each unitary of the
        // step (embedding rotations, then the circuit's gates), the adjoint, scratch.
        std::vector<Eigen::MatrixXcd> tape;
        Eigen::MatrixXcd lam, gSigma;
        std::vector<double> gP;
    };
    using Shift = NoisyShift;

    // Throws InputError when the model is invalid or the register is too large for the density
    // path (N_tot > kMaxNoisyQubits).
    SqsNoisyNeuron(int ioQubits, int memoryQubits, Circuit circuit, NoiseModel noise);
    static constexpr int kMaxNoisyQubits = 10;

    int ioQubits() const { return m_N; }
    int memoryQubits() const { return m_M; }
    int qubits() const { return m_N + m_M; }
    int outcomes() const { return 1 << m_N; }
    int memoryDim() const { return 1 << m_M; }
    int paramCount() const { return m_circuit.paramCount(); }
    const Circuit &circuit() const { return m_circuit; }
    const NoiseModel &noise() const { return m_noise; }

    void setParameters(std::span<const double> theta);
    const std::vector<double> &parameters() const { return m_theta; }
    Eigen::MatrixXcd initialMemory() const;

    // w.rho <- the joint register just before measurement (see the header). The memory
    // qubits' relaxation since their last gate is left pending in w (update() applies it to
    // the memory), and of the I/O qubits' last relaxation only what the measurement reads (the
    // blocks diagonal in the I/O index) is applied; flushMemory applies everything to w.rho
    // (for views of the full state before the measurement).
    void joint(const double *z, const Eigen::MatrixXcd &sigma, Workspace &w,
               const Shift &shift = {}, bool flushMemory = false) const;
    // The true outcome probabilities p(s) of rho, then the reported ones P(r) (pRep may alias p
    // only if it is not needed afterwards).
    void trueProbabilities(const Eigen::MatrixXcd &rho, double *p) const;
    void reportedProbabilities(const double *p, double *pRep) const;
    // sigma <- the memory after reporting r from w.rho (mixture over s, normalised, then the
    // pending and the idle relaxation). Returns P(r); when P(r) = 0 sigma is left unchanged.
    double update(int r, Eigen::MatrixXcd &sigma, Workspace &w) const;

    // One step: joint, probabilities (reported, into p), sample r (or take forced >= 0), update.
    int step(const double *z, Eigen::MatrixXcd &sigma, Rng &rng, double *p, Workspace &w,
             int forced = -1) const;

    // The reported P(r) of one step from sigma with an angle shifted.
    double probability(const double *z, const Eigen::MatrixXcd &sigma, int r, const Shift &shift,
                       Workspace &w) const;
    // Exact dP(r)/dtheta_k (paramCount) and dP(r)/dphi_n (N; 0 where z_n <= 0) by the
    // parameter-shift rules on the density path.
    void probabilityGradient(const double *z, const Eigen::MatrixXcd &sigma, int r, Workspace &w,
                             double *dTheta, double *dPhi) const;

    // ---- reverse mode (bptt; SqsNoisyNeuronBackward.cpp) ----
    // One step taken back. The step is replayed from what bptt recorded (z, the incoming memory
    // sigma, the reported outcome r) with every channel applied eagerly (the same maps as the
    // lazy forward, in the same order), keeping the register after each unitary on w.tape; then
    // the adjoint Lambda = dL/drho (a Hermitian matrix, dL = Re Tr[Lambda^dagger drho]) runs
    // back: through the memory update sigma' = R_idle(next / P), next = sum_s Q(r|s)
    // Tr_IO[(Pi_s (x) I) rho (Pi_s (x) I)], P = Tr next (so Lambda_next = Lambda'/P -
    // Re Tr[Lambda'^dagger next]/P^2 I, put on the blocks (s, s) with weight Q(r|s)); through
    // p(s) = Tr[(Pi_s (x) I) rho] (Lambda += dL/dp(s) on block (s, s), dL/dp(s) = sum_r' Q(r'|s)
    // dL/dP(r')); then gate by gate through the adjoints of the channels (NoiseModel.hpp) and of
    // each unitary (Lambda <- U^dagger Lambda U). A rotation exp(-i a G / 2) (G with the control
    // projector for CRX/CRY/CRZ) contributes dL/da = Re Tr[Lambda^dagger (-i/2)[G, rho]] =
    // Im Tr[Lambda^dagger G rho] (Lambda, rho Hermitian), rho the register just after it and
    // Lambda the adjoint there. Finally dL/dsigma is block (0, 0) of Lambda at the start
    // (rho_0 = |0..0><0..0|_IO (x) sigma).
    //   gP: dL/dP(r') for every reported outcome (2^N); gSigma: dL/dsigma' (2^N_M x 2^N_M,
    //   column-major, Hermitian), or nullptr when sigma' does not depend on this step (a clamped
    //   outcome of probability 0 kept the memory); gTheta += dL/dtheta; gZ = dL/dz (pi dL/dphi,
    //   0 where z <= 0); gSigmaIn = dL/dsigma (column-major).
    // Cost: about 3x a forward step plus (gates) register copies; memory (gates + N) density
    // matrices of 4^N_tot entries per thread.
    void backwardStep(const double *z, const cplx *sigma, int r, const double *gP,
                      const cplx *gSigma, Workspace &w, double *gTheta, double *gZ,
                      cplx *gSigmaIn) const;

private:
    void applyNoisyGate(Workspace &w, const Gate &g, const ResolvedGate &r) const;
    void flush(Workspace &w, int q) const;

    int m_N, m_M;
    Circuit m_circuit;
    NoiseModel m_noise;
    bool m_decoheres = false; // T1 or T2 set
    // e1, e2 over one 1q gate, one 2q gate and the idle time.
    double m_e1g1 = 1, m_e2g1 = 1, m_e1g2 = 1, m_e2g2 = 1, m_e1idle = 1, m_e2idle = 1;
    std::vector<double> m_embedE1, m_embedE2; // e1g1^k, e2g1^k for k = 0..N embedding gates
    std::vector<double> m_theta;
    std::vector<ResolvedGate> m_gates;
    std::vector<double> m_Q; // Q(r|s) at r * 2^N + s (the identity without readout error)
    double readout(int r, int s) const { return m_Q[std::size_t(r) * std::size_t(outcomes()) + std::size_t(s)]; }
};

} // namespace sqsnn

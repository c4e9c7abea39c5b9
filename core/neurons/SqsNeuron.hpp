#pragma once
// The stochastic quantum spiking (SQS) neuron, model.md sections 1-2.
//
// Registers: N I/O qubits (0..N-1) then N_M memory qubits; N_tot = N + N_M <= kMaxQubits.
// One step, given input currents z_n and the memory state sigma (|0..0><0..0| at t = 1):
//   |psi_in(z)> = (x)_n RX(phi_n)|0>, phi_n = pi z_n if z_n > 0, else no rotation (phi_n = 0);
//   rho = V(theta) (|psi_in><psi_in| (x) sigma) V(theta)^dagger;
//   p(s) = Tr[(Pi_s (x) I) rho] for s in {0,1}^N (I/O qubit 0 is the most significant bit);
//   one shot s ~ p; sigma' = Tr_IO[(Pi_s (x) I) rho (Pi_s (x) I)] / p(s).
// Equivalently with the Kraus operators K_s = (<s| (x) I) V (|psi_in> (x) I) on the memory:
//   p(s) = Tr[K_s sigma K_s^dagger], sigma' = K_s sigma K_s^dagger / p(s).
//
// Two exact paths:
//  - fast: the memory as a state vector (under the conditional update a pure memory stays pure);
//    V (|psi_in> (x) |m>) is computed with one of three kernels, chosen when the circuit is set:
//      closed form: the paper's neuron (N = N_M = 1, gates CRX(mem->io), RX(mem), RX(io)); with
//        g_a = phi + theta_in + a theta_ent: block s of the output is
//        RX(theta_mem) (m_a cos(g_a/2))_a for s = 0 and -i RX(theta_mem) (m_a sin(g_a/2))_a for
//        s = 1 (model.md's closed form), and dp(1)/dg_a = |m_a|^2 sin(g_a) / 2;
//      dense: the compiled unitary (small registers);
//      gates: gate by gate (large registers), whichever costs fewer operations.
//    No allocation per step.
//  - density: sigma as a density matrix through the Kraus form (for averaged dynamics, noise).
// Parameters are compiled once per change (setParameters), never per step.
#include "common/Rng.hpp"
#include "neurons/Ansatz.hpp"
#include "quantum/Kernels.hpp"

#include <Eigen/Dense>

#include <span>
#include <vector>

namespace sqsnn {

class SqsNeuron
{
public:
    // Scratch space for one neuron's step; make one per thread, reuse it for every step.
    struct Workspace
    {
        explicit Workspace(const SqsNeuron &n);
        Eigen::VectorXcd state;   // the joint register after V (before measurement)
        Eigen::VectorXcd lambda;  // adjoint vector for gradients
        Eigen::VectorXcd psiIn;   // the I/O input product state
        std::vector<ResolvedGate> embed; // embedding rotations of the current step
        std::vector<ResolvedGate> gates; // the circuit resolved on demand (applyCircuit)
        Eigen::VectorXcd tmp;            // scratch joint vector
    };

    SqsNeuron(int ioQubits, int memoryQubits, const AnsatzSpec &ansatz);
    SqsNeuron(int ioQubits, int memoryQubits, Circuit circuit);

    int ioQubits() const { return m_N; }
    int memoryQubits() const { return m_M; }
    int qubits() const { return m_N + m_M; }
    int outcomes() const { return 1 << m_N; }
    int memoryDim() const { return 1 << m_M; }
    int paramCount() const { return m_paramCount; }
    const Circuit &circuit() const { return m_circuit; }
    enum class Kernel { ClosedForm, Dense, Gates };
    Kernel kernel() const { return m_kernel; }
    bool usesGatePath() const { return m_kernel == Kernel::Gates; }

    // Compiles V(theta) and the resolved gate list. Throws InputError on a wrong length or a
    // non-finite value.
    void setParameters(std::span<const double> theta);
    const std::vector<double> &parameters() const { return m_theta; }
    // V(theta) for the current parameters (kept compiled for small registers, built on request
    // for registers that run gate by gate).
    Eigen::MatrixXcd unitary() const;

    // The memory's initial state vector |0..0>.
    Eigen::VectorXcd initialMemory() const;

    // ---- fast path (pure memory) ----
    // Computes V(|psi_in(z)> (x) |mem>) into w.state and every outcome probability into p.
    void evolve(const double *z, const cplx *mem, Workspace &w, double *p) const;
    // Memory <- the normalised block of w.state for outcome s (ps = its probability > 0).
    void collapse(int s, double ps, const Workspace &w, cplx *mem) const;
    // evolve + sample (or take `forced` >= 0) + collapse; returns the outcome.
    int step(const double *z, cplx *mem, Rng &rng, double *p, Workspace &w, int forced = -1) const;
    static int sampleOutcome(const double *p, int count, Rng &rng);

    // Exact derivatives of p(s) at this step given the memory: dTheta[k] = dp(s)/dtheta_k
    // (paramCount entries) and dPhi[n] = dp(s)/dphi_n (N entries, 0 where z_n <= 0).
    // Adjoint method over the embedding and circuit gates: O(gates * 2^N_tot).
    void probabilityGradient(const double *z, const cplx *mem, int s, Workspace &w,
                             double *dTheta, double *dPhi) const;

    // ---- forward-mode derivatives (exact-memory estimator) ----
    // Resolves the circuit's gates into w.gates (call once per step before the two below).
    void resolveCircuit(Workspace &w) const;
    // x <- V x for a joint vector x (2^N_tot amplitudes).
    void applyCircuit(cplx *x, const Workspace &w) const;
    // out <- (dV/dtheta_k) x, summed over the gates bound to parameter k.
    void applyCircuitDerivative(const cplx *x, int k, cplx *out, Workspace &w) const;

    // p(s) of a fresh single-step circuit (memory |0..0>), as hardware evaluates it, with the
    // angle of gate `shiftedGate` (if >= 0) moved by `shift`. For the shift estimator.
    double freshProbability(const double *z, int s, int shiftedGate, double shift,
                            Workspace &w) const;

    // ---- reverse mode (bptt; SqsNeuronBackward.cpp) ----
    // The vector-Jacobian product of one fast-path step. The forward is recomputed from the
    // step's inputs (so a recorded step needs only z, the incoming memory and the outcome):
    //   a_k = (<k| (x) I) V (|psi_in(z)> (x) |m>),  p(k) = ||a_k||^2,  m' = a_s / ||a_s||.
    // Given gP[k] = dL/dp(k) for every outcome k and gMem = dL/dm' (complex, in the convention
    // dL = Re(gMem^dagger dm'); nullptr = 0), it
    //   adds dL/dtheta_k to gTheta[k], writes dL/dz_n to gZ[n] (pi dL/dphi_n where z_n > 0, 0
    //   elsewhere, as in the forward) and dL/dm to gMemIn (complex; nullptr = not wanted).
    // With G = dL/dpsi = 2 gP[k] a_k on block k, plus on block s the normalisation's
    //   gMem / r - Re(a_s^dagger gMem) a_s / r^3 (r = ||a_s||),
    // each rotation exp(-i theta Gen / 2) contributes dL/dtheta = Im(lambda^dagger Gen psi) / 2
    // with lambda, psi taken back through the circuit (adjoint method, O(gates 2^N_tot)).
    // The paper's 1+1 neuron uses its closed form. m need not be normalised (dL/dm is the
    // derivative of the map as written).
    void backwardStep(const double *z, const cplx *mem, int s, const double *gP, const cplx *gMem,
                      Workspace &w, double *gTheta, double *gZ, cplx *gMemIn) const;

    // ---- density path ----
    Eigen::MatrixXcd kraus(const double *z, int s) const;
    void probabilitiesDensity(const double *z, const Eigen::MatrixXcd &sigma, double *p) const;
    // sigma <- K_s sigma K_s^dagger / p(s); returns p(s).
    double updateDensity(const double *z, int s, Eigen::MatrixXcd &sigma) const;
    // The joint register's density matrix just before measurement.
    Eigen::MatrixXcd jointDensity(const double *z, const Eigen::MatrixXcd &sigma) const;

    // The I/O input state for currents z (2^N amplitudes).
    void inputState(const double *z, Eigen::VectorXcd &psiIn) const;

private:
    void prepareEmbedding(const double *z, Workspace &w) const;
    void evolveClosedForm(const double *z, const cplx *mem, Workspace &w, double *p) const;
    void gradientClosedForm(const double *z, const cplx *mem, int s, double *dTheta,
                            double *dPhi) const;
    void backwardClosedForm(const double *z, const cplx *mem, int s, const double *gP,
                            const cplx *gMem, double *gTheta, double *gZ, cplx *gMemIn) const;
    // w.state <- V (|psi_in(z)> (x) |mem>) gate by gate (embedding rotations in w.embed).
    void forwardJoint(const double *z, const cplx *mem, Workspace &w) const;
    // Takes psi (the joint state after the circuit) and lambda (an adjoint at that point) back
    // through the circuit and the embedding: gTheta[k] += factor Im(lambda^dagger Gen psi) at
    // each rotation bound to k, gPhi[n] = factor Im(...) at the embedding of qubit n (0 where
    // z_n <= 0). Shared by probabilityGradient and the reverse step.
    void adjointBackward(cplx *psi, cplx *lam, const double *z, const Workspace &w, double factor,
                         double *gTheta, double *gPhi) const;
    void backwardGates(const double *z, const cplx *mem, int s, const double *gP,
                       const cplx *gMem, Workspace &w, double *gTheta, double *gZ,
                       cplx *gMemIn) const;

    int m_N, m_M, m_paramCount;
    Circuit m_circuit;
    std::vector<double> m_theta;
    Eigen::MatrixXcd m_V;
    std::vector<ResolvedGate> m_gates;
    Kernel m_kernel = Kernel::Dense;
    // Closed form: cos and sin of theta_mem / 2, theta_in / 2 and theta_ent / 2.
    double m_memC = 1, m_memS = 0, m_inC = 1, m_inS = 0, m_entC = 1, m_entS = 0;
    void halfAngles(double z, double &c0, double &s0, double &c1, double &s1) const;
};

} // namespace sqsnn

#pragma once
// The noise model of a quantum neuron (issue 16): what a device does to the circuit, as
// channels on the joint register's density matrix rho (2^n x 2^n, qubit 0 the most significant
// bit). Every gate of a step (the embedding RX on each I/O qubit with z > 0, then the circuit's
// gates in order) is applied as
//     rho <- U rho U^dagger,  then the gate's depolarising channel on the qubits it acts on,
//     then thermal relaxation of EVERY qubit over the gate's duration
// (gates run one after another, no parallel layers: a pessimistic, simple schedule). After the
// measurement, the memory relaxes over `idle_ns` (measurement, reset and classical processing
// between two steps).
//
// Channels (p1, p2 the Pauli error probabilities):
//  - depolarising, one qubit:  rho -> (1 - p) rho + (p/3)(X rho X + Y rho Y + Z rho Z)
//        = (1 - 4p/3) rho + (4p/3) (I/2 (x) Tr_q rho): the Bloch vector is scaled by 1 - 4p/3;
//  - depolarising, two qubits: rho -> (1 - p) rho + (p/15) sum of the 15 non-identity Paulis
//        = (1 - 16p/15) rho + (16p/15) (I/4 (x) Tr_pair rho), since the 16 Paulis sum to 4 I (x) Tr;
//    after CNOT, CZ, CRX, CRY, CRZ and SWAP (each counted as one native two-qubit gate);
//  - amplitude damping (T1) and pure dephasing (T2 <= 2 T1) over a time t, per qubit, with
//    e1 = exp(-t/T1), e2 = exp(-t/T2) (e2 = exp(-t/(2 T1)) when T2 is not given: T1-limited):
//        rho_00 += (1 - e1) rho_11,  rho_11 *= e1,  rho_01, rho_10 *= e2   (on that qubit), i.e.
//    on the Bloch vector z -> 1 - (1 - z) e1, x, y -> e2 x, e2 y. With T2 = 2 T1 this is pure
//    amplitude damping (Kraus [[1,0],[0,sqrt e1]], [[0,sqrt(1-e1)],[0,0]]); a smaller T2 adds
//    pure dephasing with 1/T_phi = 1/T2 - 1/(2 T1).
//  - readout error, per I/O qubit and independent: P(report 1 | 0) = p01, P(report 0 | 1) = p10;
//    Q(r|s) = prod_n q(r_n | s_n). The reported outcome r has probability P(r) = sum_s Q(r|s) p(s)
//    and the memory, conditioned on what was REPORTED (the device does not know s), becomes
//        sigma' = sum_s Q(r|s) K_s sigma K_s^dagger / P(r)
//    (K_s sigma K_s^dagger = Tr_IO[(Pi_s (x) I) rho (Pi_s (x) I)]): a mixture over the outcomes
//    that could have produced r, so readout error MIXES the memory even without decoherence.
//
// Adjoints (reverse mode, bptt: SqsNoisyNeuronBackward.cpp). An adjoint Lambda = dL/drho is
// taken back through a channel E by E^dagger(Lambda) = sum_k K_k^dagger Lambda K_k (the Kraus
// sum with K^dagger: the Heisenberg picture), which satisfies Tr[Lambda^dagger E(rho)] =
// Tr[E^dagger(Lambda)^dagger rho] for every rho:
//  - depolarising (one and two qubits): the Kraus operators are scaled Paulis, Hermitian, so
//    the channel is its own adjoint (depolarize1 / depolarize2 apply both);
//  - relaxation: K0 = [[1,0],[0,sqrt e1]] (with the dephasing), K1 = [[0,sqrt(1-e1)],[0,0]]:
//        Lambda_00 unchanged,  Lambda_11 <- (1 - e1) Lambda_00 + e1 Lambda_11,
//        Lambda_01, Lambda_10 *= e2   (relaxQubitAdjoint);
//  - readout: a classical stochastic matrix on the outcomes, adjoint its transpose:
//        dL/dp(s) = sum_r Q(r|s) dL/dP(r).
//
// All these maps are local (each touches the 2x2 or 4x4 blocks of rho on its qubits), are
// trace preserving, and do not depend on the circuit's angles: so the parameter-shift rule
// stays exact for p under noise.
#include "quantum/Register.hpp"

#include <nlohmann/json.hpp>

#include <Eigen/Dense>

#include <limits>
#include <string>

namespace sqsnn {

struct NoiseModel
{
    static constexpr double kOff = std::numeric_limits<double>::infinity();
    std::string preset;            // "", "superconducting" or "neutral-atom" (values below filled)
    double depolarizing1q = 0;     // p1
    double depolarizing2q = 0;     // p2
    double t1Us = kOff;            // T1 in microseconds; infinity: no amplitude damping
    double t2Us = kOff;            // T2 in microseconds; infinity: T1-limited (T2 = 2 T1)
    // Durations default to the superconducting preset's (a device to which T1, T2 refer).
    double gateNs1q = 25;
    double gateNs2q = 12;
    double idleNs = 1000;
    double readoutP01 = 0;         // P(report 1 | 0)
    double readoutP10 = 0;         // P(report 0 | 1)

    // Whether any channel acts (otherwise the ideal, pure path runs, bit-identical).
    bool enabled() const;
    bool hasReadoutError() const { return readoutP01 > 0 || readoutP10 > 0; }
    // Throws InputError "<path>/<key>: ..." naming the first value at fault.
    void validate(const std::string &path) const;
    bool operator==(const NoiseModel &) const = default;

    // Coherence factors of one qubit over `ns` nanoseconds.
    double populationFactor(double ns) const; // e1 = exp(-t/T1)
    double coherenceFactor(double ns) const;  // e2 = exp(-t/T2) (or exp(-t/(2 T1)))
};

// The presets, figures rounded from published devices (docs/model.md, "Noise", cites them):
//  superconducting: Google Sycamore (Arute et al., Nature 574, 505 (2019) and its supplement,
//    arXiv:1910.11333), simultaneous operation: Pauli errors 0.16% (1q) and 0.62% (2q), readout
//    error 3.8% (mean of both directions), T1 ~ 16 us, 1q gate 25 ns, 2q gate 12 ns. Our own
//    round assumptions: T2 = 20 us, 1 us between steps (mid-circuit measurement and reset) and
//    the readout split p01 = 2.5%, p10 = 5.1% (mean 3.8%; relaxation during readout makes
//    1 -> 0 the likelier error).
//  neutral-atom: Rydberg arrays (Evered et al., Nature 622, 268 (2023): CZ fidelity 99.5%,
//    ~250 ns; Bluvstein et al., Nature 626, 58 (2024): 1q fidelity ~99.9%, readout ~99.8%),
//    hyperfine qubits with T1 ~ 4 s and T2 ~ 1 s (spin echo), Raman 1q gates ~1 us, and ~1 ms
//    between steps (a mid-circuit fluorescence measurement). Fidelities are turned into
//    depolarising probabilities by F = 1 - p d/(d+1): p1 = 1.5 (1 - F1), p2 = 1.25 (1 - F2).
// Throws InputError for an unknown name.
NoiseModel noisePreset(const std::string &name, const std::string &path = "/preset");

// The `noise` object (docs/project-format.md): the preset first, then every given key over it.
// Unknown keys, wrong types and bad values throw InputError "<path>/<key>: ...".
NoiseModel noiseFromJson(const nlohmann::json &j, const std::string &path);
// Every key explicitly (T1/T2 omitted when off), so a file reloads to an equal model.
nlohmann::json noiseToJson(const NoiseModel &m);

// ---- the channels on a density matrix of n qubits (column-major 2^n x 2^n) ----
void depolarize1(Eigen::MatrixXcd &rho, int n, int q, double p);
void depolarize2(Eigen::MatrixXcd &rho, int n, int q0, int q1, double p);
// Amplitude damping and dephasing with population factor e1 and coherence factor e2 on qubit q.
void relaxQubit(Eigen::MatrixXcd &rho, int n, int q, double e1, double e2);
// Its adjoint (see above): Lambda_11 <- (1 - e1) Lambda_00 + e1 Lambda_11, coherences * e2.
void relaxQubitAdjoint(Eigen::MatrixXcd &lam, int n, int q, double e1, double e2);
// relaxQubit on every qubit over `ns` nanoseconds (no-op when T1 and T2 are off).
void relaxAll(Eigen::MatrixXcd &rho, int n, const NoiseModel &m, double ns);

// Q(r|s) for N I/O qubits (bit n of an outcome = I/O qubit n, qubit 0 most significant).
double readoutConditional(const NoiseModel &m, int N, int r, int s);

} // namespace sqsnn

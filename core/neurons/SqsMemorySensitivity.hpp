#pragma once
// Forward-mode sensitivities of an SQS neuron's memory for the `exact-memory` estimator
// (real-time recurrent learning through the quantum memory; model.md section 4).
//
// With the outcome history fixed, the memory after step t is m_t = a_t / |a_t|, where
// a_t = block s_t of V (psi_in(z_t) (x) m_{t-1}) and p_t(s_t) = |a_t|^2. For every variable v
// (each circuit angle theta_k, and each input current z_n(t') of an earlier or the current step)
//   d a_t = (dV/dv) x + V (d psi_in/dv (x) m_{t-1}) + V (psi_in (x) d m_{t-1}/dv)
//   d log p_t = 2 Re <a_t | d a_t> / p_t
//   d m_t = (d a_t - m_t Re <m_t | d a_t>) / |a_t|
// so the gradient of log p_t includes the path through the memory. Cost per step and neuron:
// O((P + t N) * gates * 2^N_tot) for P circuit angles, N I/O qubits and t past steps, and
// memory (P + T N) 2^N_M amplitudes, i.e. it grows with the parameter count and with T.
#include "neurons/SqsNeuron.hpp"

#include <vector>

namespace sqsnn {

class SqsMemorySensitivity
{
public:
    explicit SqsMemorySensitivity(const SqsNeuron &neuron);

    // A fresh sample (the memory |0..0> does not depend on anything).
    void reset();
    // One step at (0-based) time t with the memory before the step `mem`, currents z, the
    // outcome s taken (probability ps > 0) and the outcome g whose log-probability is wanted
    // (p_t(g) > 0; g = s for hidden neurons, the target for the readout): writes
    // dTheta[k] = d log p_t(g) / d theta_k (P values) and dZ[t' * N + n] = d log p_t(g) / d z_n(t')
    // for t' = 0..t, then advances the sensitivities to the memory after outcome s.
    void step(const SqsNeuron &neuron, int t, const cplx *mem, const double *z, int s, double ps,
              int g, SqsNeuron::Workspace &w, double *dTheta, double *dZ);

private:
    int m_P, m_N, m_dM, m_dim;
    std::vector<cplx> m_dTheta;    // [k][dM]
    std::vector<cplx> m_dZ;        // [t'][n][dM], grows with t
    std::vector<cplx> m_x, m_out, m_dx, m_da, m_next;
};

} // namespace sqsnn

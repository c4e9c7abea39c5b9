// Reverse mode of an SQS population on the density path (bptt under noise): what a noisy step
// records, and the backward step that chains the spike surrogate (on the REPORTED line
// probabilities, as the forward pass shows them), the neuron's reverse step through every
// channel (SqsNoisyNeuron::backwardStep) and the adjoint dL/dsigma of each neuron's memory
// density matrix carried from step t to step t - 1.
//
// Recorded per step and neuron: the currents z (N doubles), the incoming memory sigma_t (the
// full 2^N_M x 2^N_M complex matrix, 16 4^N_M bytes), the reported outcome and the reported
// line probabilities (N doubles). The backward pass replays the step from them. For the
// 784-100-10 network with N = 1 (110 SQS neurons) and T steps that is
// 110 T (16 + 16 4^N_M + 4) bytes: 4.0 kB per step for N_M = 0, 9.2 kB for N_M = 1 (the pure
// path: 5.7 kB), 30 kB for N_M = 2; 46 kB per sample at N_M = 1, T = 5. The replay's tape
// (the register after each unitary) is per thread, not per step.
#include "network/SqsPopulation.hpp"

#include <algorithm>

namespace sqsnn {

void SqsPopulation::recordNoisy(int t, int i, const double *z, const Eigen::MatrixXcd &sigma,
                                int r, const double *lineP)
{
    if (t >= m_recordSteps)
        return;
    const int N = m_spec.ioQubits;
    const std::size_t cells = std::size_t(sigma.size());
    const std::size_t cell = std::size_t(t) * size() + std::size_t(i);
    std::copy(z, z + N, m_recZ.begin() + std::ptrdiff_t(cell * N));
    std::copy(lineP, lineP + N, m_recP.begin() + std::ptrdiff_t(cell * N));
    std::copy(sigma.data(), sigma.data() + cells, m_recMem.begin() + std::ptrdiff_t(cell * cells));
    m_recS[cell] = r;
}

void SqsPopulation::backwardNoisy(int begin, int end, int thread, BackIo &io)
{
    const int N = m_spec.ioQubits, outcomes = 1 << N, dM = 1 << m_spec.memoryQubits;
    const std::size_t cells = std::size_t(dM) * dM;
    const bool last = io.t == m_recordSteps - 1;
    SqsNoisyNeuron::Workspace &w = m_noisyWork[std::size_t(thread)];
    w.gP.resize(std::size_t(outcomes) + 2 * cells);
    double *gP = w.gP.data();
    cplx *gIn = reinterpret_cast<cplx *>(gP + outcomes);
    for (int i = begin; i < end; ++i) {
        const std::size_t cell = std::size_t(io.t) * size() + std::size_t(i);
        const double *z = m_recZ.data() + cell * N;
        const double *lp = m_recP.data() + cell * N;
        const cplx *sigma = m_recMem.data() + cell * cells;
        const int r = m_recS[cell];
        cplx *gMem = m_gMem.data() + std::size_t(i) * cells;
        if (last)
            std::fill(gMem, gMem + cells, cplx(0.0));
        // dL/dP of every reported outcome from dL/d(line).
        outcomeGradients(io, m_surrogate, i, N, lp, gP);
        const bool kept = r & kKeptMemory; // P(r) = 0 (a clamped outcome) left the memory
        m_noisy[i].backwardStep(z, sigma, r & ~kKeptMemory, gP, kept ? nullptr : gMem, w,
                                io.gParams + std::size_t(i) * m_perNeuron,
                                io.gCurrent + std::size_t(i) * N, gIn);
        if (kept)
            for (std::size_t k = 0; k < cells; ++k)
                gIn[k] += gMem[k];
        std::copy(gIn, gIn + cells, gMem);
    }
}

} // namespace sqsnn

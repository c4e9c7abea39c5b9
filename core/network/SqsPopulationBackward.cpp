// Reverse mode of an SQS population (bptt): what a step records, and the backward step that
// chains the spike surrogate, the neuron's exact vector-Jacobian product (SqsNeuron::
// backwardStep) and the adjoint of each neuron's memory carried from step t to step t - 1.
#include "network/SqsPopulation.hpp"

#include <algorithm>

namespace sqsnn {

void SqsPopulation::setRecording(bool on, int steps)
{
    Population::setRecording(on, steps);
    const std::size_t N = std::size_t(m_spec.ioQubits);
    // The memory per neuron: a state vector, or on the density path a density matrix.
    const std::size_t dM = std::size_t(1) << (noisy() ? 2 * m_spec.memoryQubits : m_spec.memoryQubits);
    const std::size_t cells = on ? std::size_t(steps) * std::size_t(size()) : 0;
    m_recZ.assign(cells * N, 0.0);
    m_recP.assign(cells * N, 0.0);
    m_recMem.assign(cells * dM, cplx(0.0));
    m_recS.assign(cells, 0);
    m_gMem.assign(on ? std::size_t(size()) * dM : 0, cplx(0.0));
}

void SqsPopulation::record(int t, int i, const double *z, const cplx *mem, int s, const double *lineP)
{
    if (t >= m_recordSteps)
        return;
    const int N = m_spec.ioQubits, dM = 1 << m_spec.memoryQubits;
    const std::size_t cell = std::size_t(t) * size() + std::size_t(i);
    std::copy(z, z + N, m_recZ.begin() + std::ptrdiff_t(cell * N));
    std::copy(lineP, lineP + N, m_recP.begin() + std::ptrdiff_t(cell * N));
    std::copy(mem, mem + dM, m_recMem.begin() + std::ptrdiff_t(cell * dM));
    m_recS[cell] = s;
}

void SqsPopulation::backward(int begin, int end, int thread, BackIo &io)
{
    if (noisy()) {
        backwardNoisy(begin, end, thread, io);
        return;
    }
    const int N = m_spec.ioQubits, outcomes = 1 << N, dM = 1 << m_spec.memoryQubits;
    const bool last = io.t == m_recordSteps - 1;
    std::vector<double> &scratch = m_backScratch[std::size_t(thread)];
    double *gP = scratch.data();
    cplx *gMemIn = reinterpret_cast<cplx *>(gP + outcomes);
    SqsNeuron::Workspace &w = m_work[std::size_t(thread)];
    for (int i = begin; i < end; ++i) {
        const std::size_t cell = std::size_t(io.t) * size() + std::size_t(i);
        const double *z = m_recZ.data() + cell * N;
        const double *lp = m_recP.data() + cell * N;
        const cplx *mem = m_recMem.data() + cell * dM;
        const int s = m_recS[cell];
        cplx *gMem = m_gMem.data() + std::size_t(i) * dM;
        if (last)
            std::fill(gMem, gMem + dM, cplx(0.0));
        outcomeGradients(io, m_surrogate, i, N, lp, gP); // dL/dp of every outcome
        if (s & kKeptMemory) { // p(s) = 0 (a clamped outcome) left the memory as it was
            m_neurons[i].backwardStep(z, mem, s & ~kKeptMemory, gP, nullptr, w,
                                      io.gParams + std::size_t(i) * m_perNeuron,
                                      io.gCurrent + std::size_t(i) * N, gMemIn);
            for (int k = 0; k < dM; ++k)
                gMemIn[k] += gMem[k];
        } else {
            m_neurons[i].backwardStep(z, mem, s, gP, gMem, w,
                                      io.gParams + std::size_t(i) * m_perNeuron,
                                      io.gCurrent + std::size_t(i) * N, gMemIn);
        }
        std::copy(gMemIn, gMemIn + dM, gMem);
    }
}

} // namespace sqsnn

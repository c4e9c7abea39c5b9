// SqsPopulation on the SIMD path: the paper's neuron (1 I/O + 1 memory qubit, sqs-crx, the
// closed form, no noise) steps the whole worker range in SIMD lanes (SqsKernel11), which keeps
// the memories and angles as structure-of-arrays. The draw of neuron i at step t is Philox4x32
// keyed by the population's per-sample seed (itself a function of the project seed, epoch,
// sample and population) at counter (t, i): results do not depend on the thread count or split.
// What learning and bptt need is taken around the kernel: the memory BEFORE the step (copied
// out of the kernel first), the outcome and both outcome probabilities; the eligibilities and
// the recorded steps are then those of the scalar path (learnStep, record), so they agree with
// it to rounding (the kernel's sincos is a polynomial within a few ulp of libm's).
#include "network/SqsPopulation.hpp"

#include <algorithm>

namespace sqsnn {

bool SqsPopulation::kernelApplies() const
{
    return m_kernelAllowed && !noisy() && size() > 0
           && m_neurons.front().kernel() == SqsNeuron::Kernel::ClosedForm;
}

void SqsPopulation::setSimdKernel(bool on)
{
    m_kernelAllowed = on;
    if (!kernelApplies()) {
        for (int i = 0; m_kernel && i < size(); ++i)
            memory(i); // the scalar path goes on from the kernel's memories
        m_kernel.reset();
        return;
    }
    if (m_kernel)
        return;
    m_kernel = std::make_unique<SqsKernel11>(size());
    m_lastSpikeP.assign(std::size_t(size()), 0.0);
    for (auto &b : m_kernelMemIn)
        b.assign(std::size_t(2 * size()), cplx(0.0));
    for (int i = 0; i < size(); ++i) {
        m_kernel->setNeuron(i, m_neurons[i]);
        m_kernel->setMemory(i, m_memory[i](0), m_memory[i](1));
    }
}

const Eigen::VectorXcd &SqsPopulation::memory(int i) const
{
    if (m_kernel) {
        m_memory[i](0) = m_kernel->memory(i, 0);
        m_memory[i](1) = m_kernel->memory(i, 1);
    }
    return m_memory[i];
}

const std::vector<double> &SqsPopulation::lastOutcomeProbabilities(int i) const
{
    if (m_kernel) {
        // p(1) is the neuron's line probability; the kernel keeps p(0) of the last step.
        m_lastP[i][0] = m_kernel->pZero(i);
        m_lastP[i][1] = m_lastSpikeP[std::size_t(i)];
    }
    return m_lastP[i];
}

void SqsPopulation::stepKernel(int begin, int end, int thread, StepIo &io)
{
    const bool needMemory = io.learn || m_recording;
    cplx *memIn = m_kernelMemIn[std::size_t(thread)].data();
    if (needMemory)
        for (int i = begin; i < end; ++i) {
            memIn[2 * i] = m_kernel->memory(i, 0);
            memIn[2 * i + 1] = m_kernel->memory(i, 1);
        }
    // One line and one channel per neuron: currents, spikes and p(1) are indexed by neuron.
    if (io.forced)
        m_kernel->stepForced(begin, end, io.current, io.forced, io.spikes, io.prob);
    else
        m_kernel->step(begin, end, io.current, m_sampleSeed, std::uint32_t(io.t), io.spikes,
                       io.prob);
    std::copy(io.prob + begin, io.prob + end, m_lastSpikeP.begin() + begin);
    if (!needMemory)
        return;
    // Estimator scratch as in the scalar step (exact-memory: one row per step so far).
    const std::size_t need = std::size_t(64 + 8 * m_perNeuron)
                             + (m_sens.empty() ? 0 : std::size_t(io.t + 1));
    if (m_scratch[thread].size() < need)
        m_scratch[thread].resize(need, 0.0);
    double *est = m_scratch[thread].data();
    for (int i = begin; i < end; ++i) {
        const double *z = io.current + i;
        const cplx *mem = memIn + 2 * i;
        const int s = io.spikes[i];
        const double p[2] = {m_kernel->pZero(i), io.prob[i]};
        if (m_recording) // a forced outcome of probability 0 left the memory as it was
            record(io.t, i, z, mem, p[s] > 0 ? s : s | kKeptMemory, io.prob + i);
        if (io.learn)
            learnStep(i, z, mem, s, p, thread, io, est);
    }
}

} // namespace sqsnn

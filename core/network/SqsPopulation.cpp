#include "network/SqsPopulation.hpp"

#include "common/Error.hpp"

#include <cmath>

namespace sqsnn {

SqsPopulation::SqsPopulation(PopulationSpec spec, std::shared_ptr<SqsEstimator> estimator)
    : Population(std::move(spec))
    , m_estimator(std::move(estimator))
{
    const Circuit c = makeAnsatz(m_spec.ansatz, m_spec.ioQubits, m_spec.memoryQubits);
    m_perNeuron = c.paramCount();
    m_neurons.reserve(size());
    for (int i = 0; i < size(); ++i) {
        m_neurons.emplace_back(m_spec.ioQubits, m_spec.memoryQubits, c);
        m_memory.push_back(m_neurons.back().initialMemory());
        m_lastP.emplace_back(m_neurons.back().outcomes(), 0.0);
    }
    m_params.assign(std::size_t(paramCount()), 0.0);
    m_rng.resize(size());
    if (m_estimator->carriesMemory())
        for (int i = 0; i < size(); ++i)
            m_sens.emplace_back(m_neurons[i]);
    if (m_spec.noise.enabled())
        initNoisy(c);
    setThreads(1);
    setSimdKernel(true);
}

void SqsPopulation::setThreads(int threads)
{
    m_work.clear();
    m_scratch.clear();
    const int N = m_spec.ioQubits;
    const int dM = 1 << m_spec.memoryQubits;
    for (int t = 0; t < threads; ++t) {
        m_work.emplace_back(m_neurons.front());
        // z[N], p[2^N], dZ[N], new memory (2 doubles per amplitude), estimator scratch.
        m_scratch.emplace_back(std::size_t(N + (1 << N) + N + 2 * dM + 64 + 8 * m_perNeuron),
                               0.0);
    }
    m_noisyWork.clear();
    for (int t = 0; t < threads && noisy(); ++t)
        m_noisyWork.emplace_back(m_noisy.front());
    // bptt: gP[2^N], dL/d(incoming memory) (2 doubles per amplitude).
    m_backScratch.assign(std::size_t(threads), std::vector<double>(std::size_t((1 << N) + 2 * dM), 0.0));
    // The SIMD path's copy of the memories before a step (2 amplitudes a neuron).
    m_kernelMemIn.assign(std::size_t(threads),
                         std::vector<cplx>(m_kernel ? std::size_t(2 * size()) : 0));
}

void SqsPopulation::initParams(Rng &rng)
{
    // The authors' initial angles: uniform from {pi/4, pi/3, pi/2, 2pi/3} plus U(-0.05, 0.05).
    const double choices[] = {M_PI / 4, M_PI / 3, M_PI / 2, 2 * M_PI / 3};
    for (auto &a : m_params)
        a = m_normalAngles ? drawNormalAngle(rng) : choices[rng.below(4)] + rng.uniform(-0.05, 0.05);
    // Two readout neurons: the second gets theta_mem + pi (sqs-crx memory rotations) to break
    // the symmetry; the network negates its incoming weights.
    if (m_spec.readout && size() == 2 && m_spec.ansatz.generator == "sqs-crx") {
        const Circuit &c = m_neurons.front().circuit();
        for (const auto &g : c.gates)
            if (g.kind == GateKind::RX && g.q0 >= m_spec.ioQubits && g.param >= 0)
                m_params[std::size_t(m_perNeuron + g.param)] += M_PI;
    }
    commitParams();
}

void SqsPopulation::commitNeurons(int begin, int end)
{
    for (int i = begin; i < end; ++i)
        m_neurons[i].setParameters(
            std::span<const double>(m_params.data() + std::size_t(i) * m_perNeuron, m_perNeuron));
    for (int i = begin; i < end && noisy(); ++i)
        m_noisy[i].setParameters(m_neurons[i].parameters());
    for (int i = begin; i < end && m_kernel; ++i)
        m_kernel->setNeuron(i, m_neurons[i]);
}

void SqsPopulation::reset(std::uint64_t sampleSeed)
{
    m_sampleSeed = sampleSeed;
    if (m_kernel)
        m_kernel->resetMemory();
    for (int i = 0; i < size(); ++i) {
        if (!m_kernel) { // the SIMD path keeps the memories itself (reset above)
            m_memory[i].setZero();
            m_memory[i](0) = 1.0;
        }
        m_rng[i] = Rng::stream(sampleSeed, std::uint64_t(i)); // the estimators' draws
    }
    for (auto &s : m_sens)
        s.reset();
    for (auto &s : m_sigma) {
        s.setZero();
        s(0, 0) = 1.0;
    }
}

void SqsPopulation::step(int begin, int end, int thread, StepIo &io)
{
    if (noisy()) {
        stepNoisy(begin, end, thread, io);
        return;
    }
    if (m_kernel) {
        stepKernel(begin, end, thread, io);
        return;
    }
    const int N = m_spec.ioQubits, outcomes = 1 << N, dM = 1 << m_spec.memoryQubits;
    SqsNeuron::Workspace &w = m_work[thread];
    // exact-memory writes one row of N per step so far into the estimator scratch.
    const std::size_t need = std::size_t(N + outcomes + N + 2 * dM + 64 + 8 * m_perNeuron)
                             + (m_sens.empty() ? 0 : std::size_t(io.t + 1) * N);
    if (m_scratch[thread].size() < need)
        m_scratch[thread].resize(need, 0.0); // grows with T on the first sample only
    double *scratch = m_scratch[thread].data();
    double *p = scratch;
    double *dZ = p + outcomes;
    cplx *newMem = reinterpret_cast<cplx *>(dZ + N);
    double *est = reinterpret_cast<double *>(newMem + dM);
    for (int i = begin; i < end; ++i) {
        const SqsNeuron &n = m_neurons[i];
        const double *z = io.current + std::size_t(i) * N;
        cplx *mem = m_memory[i].data();
        n.evolve(z, mem, w, p);
        int s = io.forced ? io.forced[i] : SqsNeuron::sampleOutcome(p, outcomes, m_rng[i]);
        double ps = p[s];
        for (int k = 0; k < outcomes; ++k)
            m_lastP[i][k] = p[k];
        for (int b = 0; b < N; ++b) {
            const int bit = 1 << (N - 1 - b);
            double pb = 0;
            for (int k = 0; k < outcomes; ++k)
                if (k & bit)
                    pb += p[k];
            io.spikes[std::size_t(i) * N + b] = (s & bit) ? 1 : 0;
            io.prob[std::size_t(i) * N + b] = pb;
        }
        const bool update = ps > 0; // a clamped outcome of probability 0 leaves the memory as is
        if (m_recording)
            record(io.t, i, z, mem, update ? s : s | kKeptMemory, io.prob + std::size_t(i) * N);
        if (update)
            n.collapse(s, ps, w, newMem);
        if (io.learn)
            learnStep(i, z, mem, s, p, thread, io, est);
        if (update)
            for (int k = 0; k < dM; ++k)
                mem[k] = newMem[k];
    }
}

// The eligibilities of neuron i's step (z, the memory before it, outcome s, the outcome
// probabilities p): d log P / d(angles) and d log P / d(currents), now and (exact-memory) at
// earlier steps. Shared by the scalar and the SIMD step.
void SqsPopulation::learnStep(int i, const double *z, const cplx *mem, int s, const double *p,
                              int thread, StepIo &io, double *est)
{
    const int N = m_spec.ioQubits;
    const SqsNeuron &n = m_neurons[i];
    SqsNeuron::Workspace &w = m_work[thread];
    const double ps = p[s];
    double *dTh = io.dParams + std::size_t(i) * m_perNeuron;
    double *dCur = io.dCurrent + std::size_t(i) * N;
    const int gs = io.target ? io.target[i] : s;  // the outcome whose log P is wanted
    const double pg = p[gs];
    if (ps > 1e-300 && pg > 1e-300 && !m_sens.empty()) {
        // d log p_t / d z(t') for t' = 0..t in est (one row of N per step).
        m_sens[i].step(n, io.t, mem, z, s, ps, gs, w, dTh, est);
        const int C = channels();
        for (int tp = 0; tp < io.t; ++tp)
            for (int b = 0; b < N; ++b)
                io.dCurrentPast[std::size_t(tp) * C + std::size_t(i) * N + b]
                    = est[tp * N + b];
        for (int b = 0; b < N; ++b)
            dCur[b] = est[io.t * N + b];
    } else if (pg > 1e-300) {
        m_estimator->logProbGradient(n, mem, z, gs, pg, w, m_rng[i], dTh, dCur, est);
    } else {
        // log P(s) = -inf: no finite gradient; this step contributes nothing.
        for (int k = 0; k < m_perNeuron; ++k)
            dTh[k] = 0;
        for (int b = 0; b < N; ++b)
            dCur[b] = 0;
    }
}

void ExactEstimator::logProbGradient(const SqsNeuron &neuron, const cplx *memory, const double *z,
                                     int s, double ps, SqsNeuron::Workspace &w, Rng &,
                                     double *dTheta, double *dZ, double *) const
{
    neuron.probabilityGradient(z, memory, s, w, dTheta, dZ);
    const double inv = 1.0 / ps;
    for (int k = 0; k < neuron.paramCount(); ++k)
        dTheta[k] *= inv;
    for (int n = 0; n < neuron.ioQubits(); ++n)
        dZ[n] *= M_PI * inv; // dphi/dz = pi where z > 0 (dZ is already 0 elsewhere)
}

} // namespace sqsnn

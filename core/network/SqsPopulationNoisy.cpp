// SqsPopulation on the density path: every neuron's memory is a density matrix and each step
// runs SqsNoisyNeuron (the joint register with the noise channels after every gate, the
// measurement, the readout error, the mixed memory update and the idle relaxation). The spike
// is the REPORTED outcome; io.prob holds the reported line probabilities. Eligibilities come
// from the estimator's density-path form (exact: parameter-shift on the density path; shift: the
// noisy fresh circuit with shots). exact-memory and seed-compat are refused with noise; bptt
// records each step here and runs back in SqsPopulationNoisyBackward.cpp.
#include "network/SqsPopulation.hpp"

#include "common/Error.hpp"

namespace sqsnn {

void SqsPopulation::initNoisy(const Circuit &c)
{
    if (m_estimator->carriesMemory())
        throw InputError("population '" + m_spec.name + "': the " + m_estimator->name()
                         + " estimator with noise is not supported yet (use exact or shift)");
    m_noisy.reserve(size());
    for (int i = 0; i < size(); ++i) {
        m_noisy.emplace_back(m_spec.ioQubits, m_spec.memoryQubits, c, m_spec.noise);
        m_sigma.push_back(m_noisy.back().initialMemory());
    }
}

void SqsPopulation::stepNoisy(int begin, int end, int thread, StepIo &io)
{
    const int N = m_spec.ioQubits, outcomes = 1 << N;
    SqsNoisyNeuron::Workspace &w = m_noisyWork[thread];
    double *p = m_scratch[thread].data();
    double *est = p + outcomes + N + 2 * (1 << m_spec.memoryQubits);
    for (int i = begin; i < end; ++i) {
        const SqsNoisyNeuron &n = m_noisy[i];
        const double *z = io.current + std::size_t(i) * N;
        Eigen::MatrixXcd &sigma = m_sigma[i];
        n.joint(z, sigma, w);
        n.trueProbabilities(w.rho, w.p.data());
        n.reportedProbabilities(w.p.data(), p);
        const int r = io.forced ? io.forced[i] : SqsNeuron::sampleOutcome(p, outcomes, m_rng[i]);
        for (int k = 0; k < outcomes; ++k)
            m_lastP[i][k] = p[k];
        for (int b = 0; b < N; ++b) {
            const int bit = 1 << (N - 1 - b);
            double pb = 0;
            for (int k = 0; k < outcomes; ++k)
                if (k & bit)
                    pb += p[k];
            io.spikes[std::size_t(i) * N + b] = (r & bit) ? 1 : 0;
            io.prob[std::size_t(i) * N + b] = pb;
        }
        // The update goes to w.sigma first: the eligibilities are for the memory BEFORE it.
        const bool update = p[r] > 0; // a clamped outcome of probability 0 leaves the memory
        if (m_recording)
            recordNoisy(io.t, i, z, sigma, update ? r : r | kKeptMemory, io.prob + std::size_t(i) * N);
        if (update) {
            w.sigma = sigma;
            n.update(r, w.sigma, w);
        }
        if (io.learn) {
            double *dTh = io.dParams + std::size_t(i) * m_perNeuron;
            double *dCur = io.dCurrent + std::size_t(i) * N;
            const int gr = io.target ? io.target[i] : r;
            if (p[gr] > 1e-300) {
                m_estimator->logProbGradientDensity(n, sigma, z, gr, p[gr], w, m_rng[i], dTh, dCur,
                                                    est);
            } else {
                for (int k = 0; k < m_perNeuron; ++k)
                    dTh[k] = 0;
                for (int b = 0; b < N; ++b)
                    dCur[b] = 0;
            }
        }
        if (update)
            sigma.swap(w.sigma);
    }
}

void SqsEstimator::logProbGradientDensity(const SqsNoisyNeuron &, const Eigen::MatrixXcd &,
                                          const double *, int, double,
                                          SqsNoisyNeuron::Workspace &, Rng &, double *, double *,
                                          double *) const
{
    throw InputError(std::string("the ") + name()
                     + " estimator with noise is not supported yet (use exact or shift)");
}

void ExactEstimator::logProbGradientDensity(const SqsNoisyNeuron &n,
                                            const Eigen::MatrixXcd &sigma, const double *z, int r,
                                            double pr, SqsNoisyNeuron::Workspace &w, Rng &,
                                            double *dTheta, double *dZ, double *) const
{
    n.probabilityGradient(z, sigma, r, w, dTheta, dZ);
    const double inv = 1.0 / pr;
    for (int k = 0; k < n.paramCount(); ++k)
        dTheta[k] *= inv;
    for (int q = 0; q < n.ioQubits(); ++q)
        dZ[q] *= M_PI * inv; // dphi/dz = pi where z > 0 (dZ is already 0 elsewhere)
}

} // namespace sqsnn

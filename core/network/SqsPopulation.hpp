#pragma once
// A population of SQS neurons (model.md sections 1-2), each with its own circuit angles and its
// own memory state vector (the fast, exact pure-memory path), sampled once per step.
// Eligibilities come from an estimator (exact adjoint derivatives by default; see
// SqsEstimator.hpp). Channel c = neuron * N + n feeds I/O qubit n of that neuron, and spike line
// l = neuron * N + n is bit n of its outcome.
// The paper's neuron (1+1 sqs-crx, the closed form) without noise steps the whole population in
// SIMD lanes (SqsKernel11, SqsPopulationKernel.cpp), its draws Philox4x32 keyed by the
// per-sample seed with counter (step, neuron): a function of (seed, epoch, sample, neuron, step).
// Every other neuron, and the 1+1 neuron with setSimdKernel(false), runs the scalar step with
// one xoshiro stream per neuron.
#include "network/Population.hpp"
#include "network/SqsEstimator.hpp"
#include "neurons/SqsKernel11.hpp"
#include "neurons/SqsMemorySensitivity.hpp"
#include "neurons/SqsNeuron.hpp"

#include <memory>

namespace sqsnn {

class SqsPopulation : public Population
{
public:
    SqsPopulation(PopulationSpec spec, std::shared_ptr<SqsEstimator> estimator);

    int linesPerNeuron() const override { return m_spec.ioQubits; }
    int channelsPerNeuron() const override { return m_spec.ioQubits; }
    int paramsPerNeuron() const override { return m_perNeuron; }
    bool paramIsAngle(int) const override { return true; }
    void initParams(Rng &rng) override;
    void commitNeurons(int begin, int end) override;
    bool stochastic() const override { return true; }
    bool memoryPath() const override { return m_estimator->carriesMemory(); }
    void reset(std::uint64_t sampleSeed) override;
    void step(int begin, int end, int thread, StepIo &io) override;
    void setThreads(int threads) override;
    bool supportsBackward() const override { return true; }
    void setRecording(bool on, int steps) override;
    void backward(int begin, int end, int thread, BackIo &io) override;

    // Whether the 1+1 closed form steps in SIMD lanes (the default where it applies). Off runs
    // the scalar closed form with xoshiro draws (the reference the kernel is tested against);
    // the memories carry over either way.
    bool simdKernel() const { return m_kernel != nullptr; }
    void setSimdKernel(bool on);

    // For views: a neuron's model, its memory state vector, and the outcome probabilities of
    // its last step (valid after step(); not while another thread steps the population).
    const SqsNeuron &neuron(int i) const { return m_neurons[i]; }
    const Eigen::VectorXcd &memory(int i) const;
    const std::vector<double> &lastOutcomeProbabilities(int i) const;
    // With noise (spec().noise.enabled()) the neurons run on the density path
    // (SqsPopulationNoisy.cpp): memory(i) is then unused and memoryDensity(i) holds the memory.
    bool noisy() const { return !m_noisy.empty(); }
    const SqsNoisyNeuron &noisyNeuron(int i) const { return m_noisy[i]; }
    const Eigen::MatrixXcd &memoryDensity(int i) const { return m_sigma[i]; }

private:
    int m_perNeuron = 0;
    std::shared_ptr<SqsEstimator> m_estimator;
    std::vector<SqsNeuron> m_neurons;
    // With the SIMD kernel these are filled from it on request (memory(), lastOutcome...).
    mutable std::vector<Eigen::VectorXcd> m_memory;
    mutable std::vector<std::vector<double>> m_lastP;
    // ---- the SIMD path (1+1 closed form) ----
    std::unique_ptr<SqsKernel11> m_kernel;
    bool m_kernelAllowed = true;
    std::uint64_t m_sampleSeed = 0;
    std::vector<std::vector<cplx>> m_kernelMemIn; // one per thread: [neuron][2] memory before the step
    std::vector<double> m_lastSpikeP;             // [neuron] p(1) of the last step
    bool kernelApplies() const;
    void stepKernel(int begin, int end, int thread, StepIo &io);
    void learnStep(int i, const double *z, const cplx *mem, int s, const double *p, int thread,
                   StepIo &io, double *est);
    std::vector<Rng> m_rng;
    std::vector<SqsMemorySensitivity> m_sens;      // exact-memory only
    std::vector<SqsNeuron::Workspace> m_work;      // one per thread
    std::vector<std::vector<double>> m_scratch;    // one per thread: z, p, dPhi
    // Recorded steps for bptt, [t][neuron][...]: the currents z (N), the incoming memory state
    // vector (2^N_M amplitudes), the outcome and the line probabilities (N). That is all the
    // backward pass needs: it recomputes the step's joint state from them.
    static constexpr int kKeptMemory = 1 << 30; // flag on a recorded outcome: memory unchanged
    void record(int t, int i, const double *z, const cplx *mem, int s, const double *lineP);
    std::vector<double> m_recZ, m_recP;
    std::vector<cplx> m_recMem;
    std::vector<int> m_recS;
    std::vector<cplx> m_gMem;                      // [neuron][2^N_M] dL/d(memory after step t)
    std::vector<std::vector<double>> m_backScratch; // one per thread: gP, gMemIn
    // ---- the density path (noise) ----
    std::vector<SqsNoisyNeuron> m_noisy;
    std::vector<Eigen::MatrixXcd> m_sigma;
    std::vector<SqsNoisyNeuron::Workspace> m_noisyWork; // one per thread
    void initNoisy(const Circuit &c);
    void stepNoisy(int begin, int end, int thread, StepIo &io);
    // bptt on the density path (SqsPopulationNoisyBackward.cpp): m_recMem then holds the
    // incoming memory density matrix (4^N_M entries) per step and neuron, m_gMem dL/dsigma.
    void recordNoisy(int t, int i, const double *z, const Eigen::MatrixXcd &sigma, int r,
                     const double *lineP);
    void backwardNoisy(int begin, int end, int thread, BackIo &io);
};

} // namespace sqsnn

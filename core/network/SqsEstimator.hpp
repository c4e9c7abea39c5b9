#pragma once
// How an SQS population obtains d log P(s) at a step (model.md section 4, "the estimator").
// The network calls it for every neuron that learns, after the outcome is known and before the
// memory is updated. Implementations live in core/learning (exact, shift) so the engine does not
// depend on them.
#include "common/Rng.hpp"
#include "neurons/SqsNeuron.hpp"
#include "neurons/SqsNoisyNeuron.hpp"

namespace sqsnn {

class SqsEstimator
{
public:
    virtual ~SqsEstimator() = default;
    // Given the neuron, its current memory (pure), currents z (N values), the outcome s and its
    // exact probability ps: writes dTheta[k] = d log P(s)/d theta_k and dZ[n] = d log P(s)/d z_n
    // (0 where z_n <= 0, the embedding being absent). `rng` is the neuron's own stream (shots,
    // SPSA directions).
    virtual void logProbGradient(const SqsNeuron &neuron, const cplx *memory, const double *z,
                                 int s, double ps, SqsNeuron::Workspace &w, Rng &rng,
                                 double *dTheta, double *dZ, double *scratch) const = 0;
    // The same on the density path (a population with noise): the reported outcome r of
    // probability pr given the memory's density matrix sigma. Estimators that cannot run there
    // throw InputError naming themselves (the default).
    virtual void logProbGradientDensity(const SqsNoisyNeuron &neuron, const Eigen::MatrixXcd &sigma,
                                        const double *z, int r, double pr,
                                        SqsNoisyNeuron::Workspace &w, Rng &rng, double *dTheta,
                                        double *dZ, double *scratch) const;
    virtual const char *name() const = 0;
    // True for `exact-memory`: the population then carries forward-mode sensitivities of every
    // neuron's memory (SqsMemorySensitivity) instead of calling logProbGradient.
    virtual bool carriesMemory() const { return false; }
};

// The default: analytic (adjoint) derivatives of p at this step given the memory,
// d log p = dp / p; dp/dz_n = pi dp/dphi_n where z_n > 0.
class ExactEstimator : public SqsEstimator
{
public:
    void logProbGradient(const SqsNeuron &neuron, const cplx *memory, const double *z, int s,
                         double ps, SqsNeuron::Workspace &w, Rng &rng, double *dTheta,
                         double *dZ, double *scratch) const override;
    // Exact parameter-shift derivatives on the density path (SqsNoisyNeuron), d log P = dP / P.
    void logProbGradientDensity(const SqsNoisyNeuron &neuron, const Eigen::MatrixXcd &sigma,
                                const double *z, int r, double pr, SqsNoisyNeuron::Workspace &w,
                                Rng &rng, double *dTheta, double *dZ,
                                double *scratch) const override;
    const char *name() const override { return "exact"; }
};

// `exact-memory`: like exact, plus the path through the quantum memory (see
// neurons/SqsMemorySensitivity.hpp for the equations and the cost).
class ExactMemoryEstimator : public ExactEstimator
{
public:
    const char *name() const override { return "exact-memory"; }
    bool carriesMemory() const override { return true; }
};

} // namespace sqsnn

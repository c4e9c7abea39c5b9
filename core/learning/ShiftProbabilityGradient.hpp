#pragma once
// The shift estimator for the deferred terms of the local rule (readout_loss ce with
// hidden_signal dfa): those use a neuron's eligibility only as dp/dpsi = p e (LocalRule.hpp), and
// hardware measures dp/dtheta (parameter-shift rules) and dp/dz (SPSA) directly, with no
// division by a shot estimate of p. This estimator returns the shift estimates of dp divided by
// the exact p(s) the population passes in, so that the rule's p e is the shift estimate of dp
// itself (to rounding); dividing by the S-shot estimate p^ instead (the plain shift estimator)
// would scale every term by p / p^ and zero it whenever p^ = 0.
#include "learning/ShiftEstimator.hpp"

namespace sqsnn {

class ShiftProbabilityGradient : public SqsEstimator
{
public:
    explicit ShiftProbabilityGradient(std::shared_ptr<ShiftEstimator> shift)
        : m_shift(std::move(shift))
    {}
    void logProbGradient(const SqsNeuron &n, const cplx *, const double *z, int s, double ps,
                         SqsNeuron::Workspace &w, Rng &rng, double *dTheta, double *dZ,
                         double *scratch) const override
    {
        m_shift->probabilityGradient(n, z, s, w, rng, dTheta, dZ, scratch);
        for (int k = 0; k < n.paramCount(); ++k)
            dTheta[k] /= ps;
        for (int q = 0; q < n.ioQubits(); ++q)
            dZ[q] /= ps;
    }
    const char *name() const override { return "shift"; }

private:
    std::shared_ptr<ShiftEstimator> m_shift;
};

} // namespace sqsnn

#pragma once
// A surrogate for the embedding's dead zone in the eligibilities (issue 13); the forward model
// stays the paper's. An SQS channel with z <= 0 gets no rotation (phi = 0), so p does not
// depend on z there and the true weight gradient is 0: a current pushed below 0 by the
// negatives can never be pulled back. Surrogate gradients treat the spike the same way; here
//   d log P(s) / d z_n  :=  (dp(s)/dphi_n at phi_n = 0) / p(s) * pi exp(z_n / w)   for z_n <= 0,
// a smooth step that equals the true pi at z = 0+ and fades over the width w (in current
// units). z_n > 0 keeps the exact derivative. dp/dphi at phi = 0 is the one-sided limit from
// z > 0 (the embedding RX is smooth in phi), evaluated at z = 1e-12 (error O(1e-12)).
// On hardware it is the parameter-shift rule on the embedding gate at phi = 0:
//   dp/dphi = [p(phi = +pi/2) - p(phi = -pi/2)] / 2, two circuit executions per dead channel
// (this build offers the surrogate with the exact estimator only).
#include "network/SqsEstimator.hpp"

#include <memory>

namespace sqsnn {

class DeadZoneSurrogate : public SqsEstimator
{
public:
    DeadZoneSurrogate(std::shared_ptr<SqsEstimator> exact, double width);
    void logProbGradient(const SqsNeuron &neuron, const cplx *memory, const double *z, int s,
                         double ps, SqsNeuron::Workspace &w, Rng &rng, double *dTheta,
                         double *dZ, double *scratch) const override;
    const char *name() const override { return m_base->name(); }

private:
    std::shared_ptr<SqsEstimator> m_base;
    double m_width;
};

} // namespace sqsnn

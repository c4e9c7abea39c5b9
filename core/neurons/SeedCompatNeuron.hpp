#pragma once
// The `seed-compat` neuron: what the authors' released PyTorch code computes (model.md section 7),
// kept separate from the intended model and used only to reproduce published numbers.
// Their neuron applies the memory rotation to the I/O qubit and then overwrites the memory with
// the last spike, so it reduces exactly to a one-qubit stochastic neuron with a one-bit
// self-loop:
//   p_t = sin^2((phi_t + theta_mem + theta_in + theta_ent * s_{t-1}) / 2),  s_0 = 0,
// with phi_t = pi z_t if z_t > 0 else 0, and parameters ordered as the sqs-crx ansatz for
// N = N_M = 1: [theta_ent, theta_mem, theta_in].
#include "common/Rng.hpp"

#include <array>
#include <cmath>

namespace sqsnn {

class SeedCompatNeuron
{
public:
    static constexpr int kParams = 3;

    void setParameters(const std::array<double, 3> &theta) { m_theta = theta; }
    const std::array<double, 3> &parameters() const { return m_theta; }

    // The total angle and spike probability given input z and the previous spike.
    double angle(double z, int prevSpike) const
    {
        const double phi = z > 0 ? M_PI * z : 0.0;
        return phi + m_theta[1] + m_theta[2] + m_theta[0] * prevSpike;
    }
    double probability(double z, int prevSpike) const;
    // d p / d angle = sin(angle) / 2.
    double probabilityDerivative(double z, int prevSpike) const;

    int step(double z, int &prevSpike, Rng &rng, double *p) const;

private:
    std::array<double, 3> m_theta{0, 0, 0};
};

} // namespace sqsnn

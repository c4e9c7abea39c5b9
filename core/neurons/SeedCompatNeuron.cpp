#include "neurons/SeedCompatNeuron.hpp"

#include <cmath>

namespace sqsnn {

double SeedCompatNeuron::probability(double z, int prevSpike) const
{
    const double s = std::sin(angle(z, prevSpike) / 2);
    return s * s;
}

double SeedCompatNeuron::probabilityDerivative(double z, int prevSpike) const
{
    return std::sin(angle(z, prevSpike)) / 2;
}

int SeedCompatNeuron::step(double z, int &prevSpike, Rng &rng, double *p) const
{
    const double p1 = probability(z, prevSpike);
    if (p)
        *p = p1;
    prevSpike = rng.uniform() < p1 ? 1 : 0;
    return prevSpike;
}

} // namespace sqsnn

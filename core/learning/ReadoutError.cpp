#include "learning/ReadoutError.hpp"

#include "common/Rng.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

double softmaxCrossEntropy(const std::vector<double> &u, int label, std::vector<double> &q)
{
    q.resize(u.size());
    const double top = *std::max_element(u.begin(), u.end());
    double sum = 0;
    for (std::size_t o = 0; o < u.size(); ++o) {
        q[o] = std::exp(u[o] - top);
        sum += q[o];
    }
    for (auto &v : q)
        v /= sum;
    return -std::log(std::max(q[std::size_t(label)], 1e-12));
}

std::vector<double> feedbackMatrix(std::uint64_t seed, int pop, int neurons, int classes)
{
    // A stream of its own per population (the network's initialisation never sees it).
    Rng rng = Rng::stream(seed ^ 0xdfa0dfa0dfa0ULL, std::uint64_t(pop));
    std::vector<double> b(std::size_t(neurons) * classes);
    const double sd = 1.0 / std::sqrt(double(classes));
    for (auto &v : b)
        v = rng.normal(0.0, sd);
    return b;
}

} // namespace sqsnn

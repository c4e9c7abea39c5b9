#include "learning/Gradients.hpp"

#include <algorithm>

namespace sqsnn {

Gradients::Gradients(const Network &net)
{
    for (int i = 0; i < net.populationCount(); ++i)
        pop.emplace_back(net.isInput(i) ? 0 : net.population(i).paramCount(), 0.0);
    for (int k = 0; k < net.projectionCount(); ++k) {
        const Projection &pr = net.projection(k);
        proj.emplace_back(pr.params().size(), 0.0);
        const int rows = pr.rowLength() ? pr.weightCount() / pr.rowLength() : 0;
        touched.emplace_back(std::size_t(rows), 0);
    }
}

void Gradients::clear(const Network &net)
{
    for (auto &g : pop)
        std::fill(g.begin(), g.end(), 0.0);
    for (int k = 0; k < net.projectionCount(); ++k) {
        const Projection &pr = net.projection(k);
        auto &g = proj[k];
        auto &t = touched[k];
        const int len = pr.rowLength();
        for (std::size_t r = 0; r < t.size(); ++r)
            if (t[r]) {
                std::fill(g.begin() + r * len, g.begin() + (r + 1) * len, 0.0);
                t[r] = 0;
            }
        std::fill(g.begin() + pr.weightCount(), g.end(), 0.0);
    }
    samples = 0;
}

} // namespace sqsnn

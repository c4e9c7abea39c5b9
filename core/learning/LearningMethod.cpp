#include "learning/LearningMethod.hpp"

namespace sqsnn {

int predictClass(const std::vector<int> &counts, const std::vector<double> &meanProb)
{
    int best = 0;
    for (int o = 1; o < int(counts.size()); ++o)
        if (counts[o] > counts[best] || (counts[o] == counts[best] && meanProb[o] > meanProb[best]))
            best = o;
    return best;
}

} // namespace sqsnn

#include "model/AutoLayout.hpp"

#include <algorithm>

namespace sqsnn::lab {

Positions autoLayout(const EditState &state)
{
    const auto &pops = state.network.populations;
    const int n = int(pops.size());
    std::vector<std::vector<int>> preds(n);
    for (const auto &e : state.network.projections) {
        const int f = state.populationIndex(e.from), t = state.populationIndex(e.to);
        if (f >= 0 && t >= 0 && f != t && e.delay == 0)
            preds[t].push_back(f);
    }
    // Longest-path layering by repeated relaxation (n rounds at most; cycles stop there).
    std::vector<int> layer(n, 0);
    for (int round = 0; round < n; ++round) {
        bool changed = false;
        for (int t = 0; t < n; ++t)
            for (int f : preds[t])
                if (layer[f] + 1 > layer[t] && layer[f] + 1 < n) {
                    layer[t] = layer[f] + 1;
                    changed = true;
                }
        if (!changed)
            break;
    }
    for (int i = 0; i < n; ++i)
        if (pops[i].kind == "input")
            layer[i] = 0;
    const int layers = n ? *std::max_element(layer.begin(), layer.end()) + 1 : 0;
    Positions out;
    for (int l = 0; l < layers; ++l) {
        std::vector<int> members;
        for (int i = 0; i < n; ++i)
            if (layer[i] == l)
                members.push_back(i);
        std::stable_sort(members.begin(), members.end(), [&](int a, int b) {
            return state.position(pops[a].name).y() < state.position(pops[b].name).y();
        });
        const double top = -0.5 * kRowSpacing * (double(members.size()) - 1.0);
        for (int k = 0; k < int(members.size()); ++k)
            out[pops[members[k]].name] = QPointF(l * kLayerSpacing, top + k * kRowSpacing);
    }
    return out;
}

} // namespace sqsnn::lab

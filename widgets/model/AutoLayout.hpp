#pragma once
// Left-to-right layered layout of a feed-forward graph: a node's layer is the length of the
// longest path of undelayed projections reaching it (delayed/recurrent edges are ignored, a
// leftover cycle is broken at an arbitrary node); within a layer nodes keep their current
// vertical order and are centred on y = 0.
#include "model/EditState.hpp"

namespace sqsnn::lab {

inline constexpr double kLayerSpacing = 280.0;
inline constexpr double kRowSpacing = 140.0;

Positions autoLayout(const EditState &state);

} // namespace sqsnn::lab

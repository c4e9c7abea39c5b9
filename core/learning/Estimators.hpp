#pragma once
// The estimator a run uses (model.md section 4), chosen by /training/estimator.
#include "network/SqsEstimator.hpp"
#include "project/Project.hpp"

#include <memory>

namespace sqsnn {

std::shared_ptr<SqsEstimator> makeEstimator(const TrainingSpec &spec);

} // namespace sqsnn

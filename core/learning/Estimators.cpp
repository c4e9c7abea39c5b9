#include "learning/Estimators.hpp"

#include "common/Error.hpp"
#include "learning/ShiftEstimator.hpp"

namespace sqsnn {

std::shared_ptr<SqsEstimator> makeEstimator(const TrainingSpec &spec)
{
    if (spec.estimator == "exact")
        return std::make_shared<ExactEstimator>();
    if (spec.estimator == "exact-memory")
        return std::make_shared<ExactMemoryEstimator>();
    if (spec.estimator == "seed-compat")
        return std::make_shared<ExactEstimator>(); // unused: seed-compat populations estimate
    if (spec.estimator == "shift")
        return std::make_shared<ShiftEstimator>(spec.shots, spec.spsaDirections, spec.spsaEpsilon);
    throw InputError("/training/estimator: \"" + spec.estimator
                     + "\" is not available in this build (available: exact, exact-memory, shift, seed-compat)");
}

} // namespace sqsnn

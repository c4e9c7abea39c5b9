#include "learning/Estimators.hpp"

#include "common/Error.hpp"
#include "learning/DeadZoneSurrogate.hpp"
#include "learning/ShiftProbabilityGradient.hpp"

namespace sqsnn {

std::shared_ptr<SqsEstimator> makeEstimator(const TrainingSpec &spec)
{
    if (spec.deadZoneSurrogate > 0) {
        if (spec.estimator != "exact")
            throw InputError("training.dead_zone_surrogate: needs estimator 'exact' (not '"
                             + spec.estimator + "')");
        return std::make_shared<DeadZoneSurrogate>(std::make_shared<ExactEstimator>(),
                                                   spec.deadZoneSurrogate);
    }
    if (spec.estimator == "exact")
        return std::make_shared<ExactEstimator>();
    if (spec.estimator == "exact-memory")
        return std::make_shared<ExactMemoryEstimator>();
    if (spec.estimator == "seed-compat")
        return std::make_shared<ExactEstimator>(); // unused: seed-compat populations estimate
    // ce readout with dfa hidden signals: every eligibility is used as dp (see the header).
    if (spec.estimator == "shift" && spec.readoutLoss == "ce" && spec.hiddenSignal == "dfa")
        return std::make_shared<ShiftProbabilityGradient>(
            std::make_shared<ShiftEstimator>(spec.shots, spec.spsaDirections, spec.spsaEpsilon));
    if (spec.estimator == "shift")
        return std::make_shared<ShiftEstimator>(spec.shots, spec.spsaDirections, spec.spsaEpsilon);
    throw InputError("/training/estimator: \"" + spec.estimator
                     + "\" is not available in this build (available: exact, exact-memory, shift, seed-compat)");
}

} // namespace sqsnn

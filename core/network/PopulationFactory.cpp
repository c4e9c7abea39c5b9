#include "network/PopulationFactory.hpp"

#include "common/Error.hpp"
#include "network/BaselinePopulations.hpp"
#include "network/SeedCompatPopulation.hpp"
#include "network/SqsPopulation.hpp"

namespace sqsnn {

std::unique_ptr<Population> makePopulation(const PopulationSpec &spec,
                                           const NetworkOptions &options)
{
    if (spec.kind == "sqs" && options.estimatorName == "seed-compat")
        return std::make_unique<SeedCompatPopulation>(spec, options.spsaDirections,
                                                      options.spsaEpsilon);
    if (spec.kind == "sqs")
        return std::make_unique<SqsPopulation>(spec, options.estimator);
    if (spec.kind == "qlif")
        return std::make_unique<QlifPopulation>(spec);
    if (spec.kind == "glm")
        return std::make_unique<GlmPopulation>(spec);
    if (spec.kind == "lif")
        return std::make_unique<LifPopulation>(spec);
    throw InputError("population '" + spec.name + "': kind \"" + spec.kind
                     + "\" is not available in this build");
}

} // namespace sqsnn

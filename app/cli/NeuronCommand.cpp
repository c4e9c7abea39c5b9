#include "Commands.hpp"
#include "common/Error.hpp"
#include "neurons/NeuronRun.hpp"
#include "project/ProjectIo.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace sqsnn::cli {

int neuronCommand(const Args &args)
{
    if (args.size() != 1)
        throw InputError("usage: sqsnn neuron SPEC.json (or - for standard input)");
    std::stringstream text;
    if (args[0] == "-") {
        text << std::cin.rdbuf();
    } else {
        std::ifstream in(args[0]);
        if (!in)
            throw InputError(args[0] + ": cannot open the file");
        text << in.rdbuf();
    }
    // One parser for every JSON file the CLI reads: "<file>: line L, column C: invalid
    // JSON: ..." (no library prefix, raw bytes escaped), numbers out of the double range refused.
    const nlohmann::json j = parseProjectText(text.str(), args[0]);
    try {
        const NeuronSpec spec = neuronSpecFromJson(j);
        runNeuron(spec, [&](const NeuronStepRecord &r) {
            for (const double p : r.p)
                if (!std::isfinite(p))
                    throw InputError("/inputs/" + std::to_string(r.t)
                                     + ": the outcome probabilities of this step are not "
                                       "finite numbers (an input or parameter too large?)");
            std::fputs(neuronStepToJson(r).dump().c_str(), stdout);
            std::fputc('\n', stdout);
        });
    } catch (const InputError &e) {
        throw InputError(args[0] + ": " + e.what());
    }
    return 0;
}

} // namespace sqsnn::cli

#include "Commands.hpp"
#include "common/Error.hpp"
#include "neurons/NeuronRun.hpp"

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
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error &e) {
        throw InputError(args[0] + ": malformed JSON: " + e.what());
    }
    NeuronSpec spec;
    try {
        spec = neuronSpecFromJson(j);
    } catch (const InputError &e) {
        throw InputError(args[0] + ": " + e.what());
    }
    runNeuron(spec, [](const NeuronStepRecord &r) {
        std::fputs(neuronStepToJson(r).dump().c_str(), stdout);
        std::fputc('\n', stdout);
    });
    return 0;
}

} // namespace sqsnn::cli

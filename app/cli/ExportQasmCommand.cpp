// `sqsnn export-qasm PROJECT --neuron POP:INDEX [--sample K] [--out FILE]`: the watched
// neuron's circuit as OpenQASM 3 for the T steps of test sample K, with the input angles that
// sample produced at that neuron (one run of the network, as `sqsnn eval` runs it). The
// program is built by core/training/QasmExport (shared with the lab).
#include "Commands.hpp"
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/QasmExport.hpp"
#include "training/Trainer.hpp"

#include <cstdio>
#include <fstream>

namespace sqsnn::cli {

int exportQasmCommand(const Args &args)
{
    std::string path, neuron, out;
    long sample = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--neuron" && i + 1 < args.size())
            neuron = args[++i];
        else if (args[i] == "--sample" && i + 1 < args.size())
            sample = std::strtol(args[++i].c_str(), nullptr, 10);
        else if (args[i] == "--out" && i + 1 < args.size())
            out = args[++i];
        else if (path.empty() && args[i].rfind("--", 0) != 0)
            path = args[i];
        else
            throw InputError("unknown option '" + args[i] + "'");
    }
    const auto colon = neuron.rfind(':');
    if (path.empty() || colon == std::string::npos)
        throw InputError("usage: sqsnn export-qasm PROJECT --neuron POP:INDEX [--sample K] "
                         "[--out FILE]");
    QasmExportRequest request;
    request.source = path;
    request.population = neuron.substr(0, colon);
    request.neuron = std::atoi(neuron.substr(colon + 1).c_str());
    request.sample = sample;
    Trainer trainer(loadProject(path), TrainerOptions{1});
    std::string text;
    try {
        text = neuronQasm(trainer, request);
    } catch (const QasmExportError &e) {
        throw InputError((e.field() == QasmExportField::Sample ? "--sample: " : "--neuron: ")
                         + std::string(e.what()));
    }
    if (out.empty()) {
        std::fputs(text.c_str(), stdout);
    } else {
        std::ofstream f(out);
        if (!(f << text))
            throw InputError(out + ": cannot write the file");
    }
    return 0;
}

} // namespace sqsnn::cli

// `sqsnn export-qasm PROJECT --neuron POP:INDEX [--sample K] [--out FILE]`: the watched
// neuron's circuit as OpenQASM 3 for the T steps of test sample K, with the input angles that
// sample produced at that neuron (one run of the network, as `sqsnn eval` runs it). The
// program is built by core/training/QasmExport (shared with the lab).
#include "Arguments.hpp"
#include "Commands.hpp"
#include "common/AtomicFile.hpp"
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/QasmExport.hpp"
#include "training/Trainer.hpp"

#include <climits>
#include <cstdio>

namespace sqsnn::cli {

int exportQasmCommand(const Args &args)
{
    std::string path, neuron, out;
    long long sample = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--neuron")
            neuron = optionValue(args, i);
        else if (args[i] == "--sample")
            sample = integerOption(args, i, 0, INT_MAX);
        else if (args[i] == "--out")
            out = optionValue(args, i);
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
    request.neuron = int(parseInteger(neuron.substr(colon + 1), "--neuron: INDEX", 0, INT_MAX));
    request.sample = long(sample);
    Trainer trainer = namingFile(path, [&] { return Trainer(loadProject(path), TrainerOptions{1}); });
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
        writeTextFile(out, text); // atomic and checked: a full disk never leaves half a file
    }
    return 0;
}

} // namespace sqsnn::cli

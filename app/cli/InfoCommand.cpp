// `sqsnn info PROJECT`: shape, qubits, parameter count and estimated memory, without loading
// the data set.
#include "Commands.hpp"
#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "data/DataLoader.hpp"
#include "network/NetworkCheck.hpp"
#include "project/ProjectIo.hpp"
#include "quantum/Register.hpp"
#include "training/HardwareReport.hpp"

#include <cmath>
#include <cstdio>

namespace sqsnn::cli {

int infoCommand(const Args &args)
{
    if (args.size() != 1)
        throw InputError("usage: sqsnn info PROJECT");
    const Project p = loadProject(args[0]);
    const int lines = inputLinesFor(p.data);
    const auto issues = validateNetwork(p.network, lines, 0);
    std::printf("%s\n", p.title.empty() ? args[0].c_str() : p.title.c_str());
    std::printf("data: %s, %d input lines, T = %d, encoder %s\n", p.data.dataset.c_str(), lines,
                p.data.timeSteps, p.data.encoder.c_str());
    double bytes = 0;
    for (const auto &pop : p.network.populations) {
        if (pop.kind == "input") {
            std::printf("  %-12s input    %d lines\n", pop.name.c_str(), outputLines(pop, lines));
            continue;
        }
        std::printf("  %-12s %-8s %d neurons", pop.name.c_str(), pop.kind.c_str(), pop.size);
        if (pop.kind == "sqs") {
            const int n = pop.ioQubits + pop.memoryQubits;
            const std::string noise =
                !pop.noise.enabled() ? std::string()
                : pop.noise.preset.empty() ? std::string(", noise (custom)")
                                           : ", noise " + pop.noise.preset;
            std::printf(", %d I/O + %d memory qubits, ansatz %s x%d%s", pop.ioQubits,
                        pop.memoryQubits, pop.ansatz.generator.c_str(), pop.ansatz.layers,
                        noise.c_str());
            // Per neuron: its unitary (small registers) or state, memory state, parameters.
            if (n <= kMaxQubits)
                bytes += double(pop.size) * (std::ldexp(16.0, std::min(2 * n, 24)) + 64.0 * n);
        }
        std::printf(", %lld parameters%s\n",
                    static_cast<long long>(populationParameterCount(pop)),
                    pop.readout ? " (readout)" : "");
    }
    for (const auto &e : p.network.projections)
        std::printf("  %s -> %s  %s%s%s, %lld parameters\n", e.from.c_str(), e.to.c_str(),
                    e.connectivity.c_str(), e.bias ? " + bias" : "",
                    e.delay ? (", delay " + std::to_string(e.delay)).c_str() : "",
                    static_cast<long long>(projectionParameterCount(p.network, e, lines)));
    const auto count = parameterCount(p.network, lines);
    bytes += 8.0 * double(count) * (p.training.optimizer == "adam" ? 4 : 2);
    if (p.training.method == "bptt") // per step and neuron: the recorded state, line adjoints
        for (const auto &pop : p.network.populations)
            if (pop.kind != "input")
                bytes += double(p.data.timeSteps) * pop.size
                         * (pop.kind == "sqs" ? 24.0 * pop.ioQubits + 16.0 * std::ldexp(1.0, std::min(pop.memoryQubits, 24)) + 4
                                              : 40.0);
    std::printf("trainable parameters: %lld\n", static_cast<long long>(count));
    std::printf("estimated memory for training (network only, without the data set): %s\n",
                humanBytes(bytes).c_str());
    std::printf("method: %s, estimator: %s, optimizer: %s, epochs: %d, seed: %llu\n",
                p.training.method.c_str(), p.training.estimator.c_str(), p.training.optimizer.c_str(), p.training.epochs,
                static_cast<unsigned long long>(p.seed));
    std::fputs(formatHardwareReport(hardwareReport(p)).c_str(), stdout);
    // The report stays on stdout; each problem is also an error on stderr (exit 2).
    for (const auto &i : issues) {
        std::printf("problem: %s\n", i.message.c_str());
        std::fprintf(stderr, "sqsnn info: %s: %s\n", printable(args[0]).c_str(),
                     printable(i.message).c_str());
    }
    return issues.empty() ? 0 : 2;
}

} // namespace sqsnn::cli

// `sqsnn export-qasm PROJECT --neuron POP:INDEX [--sample K] [--out FILE]`: the watched
// neuron's circuit as OpenQASM 3 for the T steps of test sample K, with the input angles that
// sample produced at that neuron (one run of the network, as `sqsnn eval` runs it).
#include "Commands.hpp"
#include "common/Error.hpp"
#include "network/SqsPopulation.hpp"
#include "project/ProjectIo.hpp"
#include "quantum/Qasm.hpp"
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
    const std::string popName = neuron.substr(0, colon);
    const int index = std::atoi(neuron.substr(colon + 1).c_str());
    Trainer trainer(loadProject(path), TrainerOptions{1});
    const Network &net = trainer.network();
    int pop = -1;
    for (int i = 0; i < net.populationCount(); ++i)
        if (trainer.project().network.populations[i].name == popName)
            pop = i;
    if (pop < 0)
        throw InputError("--neuron: no population named '" + popName + "'");
    const auto *sqs = dynamic_cast<const SqsPopulation *>(&net.population(pop));
    if (!sqs)
        throw InputError("--neuron: population '" + popName + "' is not an SQS population");
    if (index < 0 || index >= sqs->size())
        throw InputError("--neuron: index " + std::to_string(index) + " is outside 0.."
                         + std::to_string(sqs->size() - 1));
    if (sample < 0 || std::size_t(sample) >= trainer.data().test.size())
        throw InputError("--sample: must be 0.." + std::to_string(trainer.data().test.size() - 1));

    QasmNeuronProgram prog;
    prog.ioQubits = sqs->spec().ioQubits;
    prog.memoryQubits = sqs->spec().memoryQubits;
    prog.circuit = sqs->neuron(index).circuit();
    prog.params = sqs->neuron(index).parameters();
    struct Recorder : StepObserver
    {
        void onStep(const Network &n, int, double) override
        {
            const auto &c = n.current(pop);
            inputs.emplace_back(c.begin() + std::size_t(neuron) * N,
                                c.begin() + std::size_t(neuron + 1) * N);
        }
        int pop = 0, neuron = 0, N = 1;
        std::vector<std::vector<double>> inputs;
    } rec;
    rec.pop = pop;
    rec.neuron = index;
    rec.N = prog.ioQubits;
    trainer.evaluateSample(trainer.data().test, std::size_t(sample), &rec);
    prog.inputs = rec.inputs;
    prog.title = "SQSNN Lab export: " + path + ", neuron " + neuron + ", test sample "
                 + std::to_string(sample) + " (label "
                 + std::to_string(trainer.data().test.labels[sample]) + ")";
    const std::string text = writeQasm(prog);
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

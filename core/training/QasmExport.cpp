#include "training/QasmExport.hpp"

#include "network/SqsPopulation.hpp"
#include "training/Trainer.hpp"

namespace sqsnn {

namespace {

// Records the inputs z (one per I/O qubit) of one neuron at every step of a sample.
struct InputRecorder : StepObserver
{
    void onStep(const Network &n, int, double) override
    {
        const auto &c = n.current(pop);
        inputs.emplace_back(c.begin() + std::size_t(neuron) * N,
                            c.begin() + std::size_t(neuron + 1) * N);
    }
    int pop = 0, neuron = 0, N = 1;
    std::vector<std::vector<double>> inputs;
};

} // namespace

namespace {
// "1 = Trouser" when the data set names its classes, else the number.
std::string labelName(const Dataset &d, int label)
{
    std::string s = std::to_string(label);
    if (label >= 0 && label < int(d.classNames.size()) && !d.classNames[std::size_t(label)].empty())
        s += " = " + d.classNames[std::size_t(label)];
    return s;
}
} // namespace

QasmNeuronProgram neuronQasmProgram(Trainer &trainer, const QasmExportRequest &request)
{
    const Network &net = trainer.network();
    const auto &specs = trainer.project().network.populations;
    int pop = -1;
    for (int i = 0; i < net.populationCount() && i < int(specs.size()); ++i)
        if (specs[std::size_t(i)].name == request.population)
            pop = i;
    if (pop < 0)
        throw QasmExportError(QasmExportField::Population,
                              "no population named '" + request.population + "'");
    // An input population has no neuron object at all (Network keeps a null there).
    if (specs[std::size_t(pop)].kind == "input")
        throw QasmExportError(QasmExportField::Population,
                              "population '" + request.population
                                  + "' is an input population (no circuit); choose an SQS population");
    const auto *sqs = dynamic_cast<const SqsPopulation *>(&net.population(pop));
    if (!sqs)
        throw QasmExportError(QasmExportField::Population,
                              "population '" + request.population + "' is not an SQS population");
    const int index = request.neuron;
    if (index < 0 || index >= sqs->size())
        throw QasmExportError(QasmExportField::Neuron,
                              "index " + std::to_string(index) + " is outside 0.."
                                  + std::to_string(sqs->size() - 1));
    const auto &test = trainer.data().test;
    if (request.sample < 0 || std::size_t(request.sample) >= test.size())
        throw QasmExportError(QasmExportField::Sample,
                              "must be 0.." + std::to_string(long(test.size()) - 1));

    QasmNeuronProgram prog;
    prog.ioQubits = sqs->spec().ioQubits;
    prog.memoryQubits = sqs->spec().memoryQubits;
    prog.circuit = sqs->neuron(index).circuit();
    prog.params = sqs->neuron(index).parameters();
    InputRecorder rec;
    rec.pop = pop;
    rec.neuron = index;
    rec.N = prog.ioQubits;
    trainer.evaluateSample(test, std::size_t(request.sample), &rec);
    prog.inputs = std::move(rec.inputs);
    prog.title = "SQSNN Lab export: " + request.source + ", neuron " + request.population + ":"
                 + std::to_string(index) + ", test sample " + std::to_string(request.sample)
                 + " (label " + labelName(test, test.labels[std::size_t(request.sample)]) + ")";
    return prog;
}

std::string neuronQasm(Trainer &trainer, const QasmExportRequest &request)
{
    return writeQasm(neuronQasmProgram(trainer, request));
}

} // namespace sqsnn

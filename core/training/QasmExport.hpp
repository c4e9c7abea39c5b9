#pragma once
// The watched neuron's circuit as OpenQASM 3 for one test sample: the ansatz with the trained
// angles, and the input angles that sample produced at that neuron in one run of the network
// (as `sqsnn eval` runs it). Shared by `sqsnn export-qasm` and the lab's
// "Export Neuron Circuit as OpenQASM 3..." so both write the same text.
#include "common/Error.hpp"
#include "quantum/Qasm.hpp"

#include <string>

namespace sqsnn {

class Trainer;

struct QasmExportRequest
{
    std::string source;     // named in the title comment (the project file as the user gave it)
    std::string population; // an SQS population of the network
    int neuron = 0;         // index within it
    long sample = 0;        // index into the test split
};

// Which part of the request a QasmExportError is about (the CLI names the option, the lab
// the field).
enum class QasmExportField { Population, Neuron, Sample };

class QasmExportError : public InputError
{
public:
    QasmExportError(QasmExportField field, const std::string &what)
        : InputError(what), m_field(field)
    {}
    QasmExportField field() const { return m_field; }

private:
    QasmExportField m_field;
};

// Runs test sample `request.sample` through the trainer's network (no learning) and records
// the watched neuron's inputs. Throws QasmExportError naming what is wrong ("no population
// named 'x'", "population 'x' is not an SQS population", "index 7 is outside 0..3",
// "must be 0..19" for the sample) and InputError for anything else.
QasmNeuronProgram neuronQasmProgram(Trainer &trainer, const QasmExportRequest &request);

// neuronQasmProgram + writeQasm.
std::string neuronQasm(Trainer &trainer, const QasmExportRequest &request);

} // namespace sqsnn

// OpenQASM 3 export: the output parses back with the subset reader, and simulating it with the
// core (mid-circuit measurement with the same outcomes, reset) gives the neuron's probabilities.
#include "common/Error.hpp"
#include "neurons/SqsNeuron.hpp"
#include "quantum/Qasm.hpp"
#include "quantum/State.hpp"

#include "support/QasmReplay.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;

TEST(Qasm, ExportedNeuronRoundTripsToTheSameProbabilities)
{
    Rng rng(21);
    for (auto [N, M, gen] : {std::tuple{1, 1, "sqs-crx"}, {2, 2, "sqs-crx"}, {2, 1, "hardware-efficient"}}) {
        SqsNeuron neuron(N, M, AnsatzSpec{gen, 2, {}});
        std::vector<double> th(neuron.paramCount());
        for (auto &t : th)
            t = rng.uniform(0, 6);
        neuron.setParameters(th);
        QasmNeuronProgram prog;
        prog.title = "test";
        prog.ioQubits = N;
        prog.memoryQubits = M;
        prog.circuit = neuron.circuit();
        prog.params = th;
        const int T = 6;
        for (int t = 0; t < T; ++t) {
            std::vector<double> z(N);
            for (auto &v : z)
                v = rng.uniform(-0.4, 1.0);
            prog.inputs.push_back(z);
        }
        // The neuron's own run, sampling outcomes, replayed on the emitted program.
        sqsnn::test::expectQasmReplaysNeuron(readQasm(writeQasm(prog)), neuron, prog.inputs, rng);
    }
}

TEST(Qasm, ReaderNamesTheLineOfAnythingOutsideTheSubset)
{
    const std::string bad = "OPENQASM 3.0;\nqubit[2] q;\nfoo q[0];\n";
    try {
        readQasm(bad, "x.qasm");
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("x.qasm: line 3: unknown gate 'foo'"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(readQasm("qubit[2] q;\nrx q[0];\n"), InputError);      // missing angle
    EXPECT_THROW(readQasm("qubit[2] q;\ncx(0.1) q[0], q[1];\n"), InputError);
    EXPECT_THROW(readQasm("qubit[2] q;\nh q[5];\n"), InputError);
    EXPECT_THROW(readQasm("qubit[2] q;\nh q[0]\n"), InputError);        // no semicolon
}

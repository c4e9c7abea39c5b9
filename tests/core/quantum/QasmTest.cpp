// OpenQASM 3 export: the output parses back with the subset reader, and simulating it with the
// core (mid-circuit measurement with the same outcomes, reset) gives the neuron's probabilities.
#include "common/Error.hpp"
#include "neurons/SqsNeuron.hpp"
#include "quantum/Qasm.hpp"
#include "quantum/State.hpp"

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
        // The neuron's own run, sampling outcomes.
        SqsNeuron::Workspace w(neuron);
        Eigen::VectorXcd mem = neuron.initialMemory();
        std::vector<std::vector<double>> probs;
        std::vector<int> outcomes;
        std::vector<double> p(neuron.outcomes());
        for (int t = 0; t < T; ++t) {
            outcomes.push_back(neuron.step(prog.inputs[t].data(), mem.data(), rng, p.data(), w));
            probs.push_back(p);
        }

        const QasmProgram q = readQasm(writeQasm(prog));
        ASSERT_EQ(q.qubits, N + M);
        ASSERT_EQ(q.bits, T * N);
        PureState state(N + M);
        int measured = 0;
        for (const QasmOp &op : q.ops) {
            if (op.kind == QasmOp::Gate) {
                state.apply(op.gate, op.gate.angle);
            } else if (op.kind == QasmOp::Measure) {
                const int t = op.bit / N, n = op.bit % N;
                const int bit = (outcomes[t] >> (N - 1 - n)) & 1;
                // Marginal probability that I/O qubit n reads 1, given the earlier bits of this
                // step's outcome (measured one qubit at a time).
                const double p1 = state.probabilities({op.qubit})[1];
                double expect = 0, norm = 0;
                for (int s = 0; s < (1 << N); ++s) {
                    bool prefix = true;
                    for (int k = 0; k < n; ++k)
                        prefix = prefix && (((s >> (N - 1 - k)) & 1) == ((outcomes[t] >> (N - 1 - k)) & 1));
                    if (!prefix)
                        continue;
                    norm += probs[t][s];
                    if ((s >> (N - 1 - n)) & 1)
                        expect += probs[t][s];
                }
                EXPECT_NEAR(p1, expect / norm, 1e-9) << "step " << t << " qubit " << n;
                state.project({op.qubit}, bit);
                ++measured;
            } else {
                if (state.probabilities({op.qubit})[1] > 0.5)
                    state.apply(Gate{GateKind::X, op.qubit});
            }
        }
        EXPECT_EQ(measured, T * N);
        // The memory after the last step matches the neuron's.
        const DensityMatrix rho(N + M, state.density());
        std::vector<int> memQubits;
        for (int k = 0; k < M; ++k)
            memQubits.push_back(N + k);
        EXPECT_TRUE(rho.partialTrace(memQubits).matrix().isApprox(mem * mem.adjoint(), 1e-9));
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

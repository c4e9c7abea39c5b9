#pragma once
// Replays an OpenQASM 3 program we emitted (parsed back with readQasm) on a state vector with the
// core, forcing each mid-circuit measurement to the outcome the neuron itself drew, and checks
// that every measurement's probability is the neuron's (given the bits of the same step measured
// before it) and that the memory ends in the neuron's state. Used by the core QASM test and by
// the lab's export test.
#include "neurons/SqsNeuron.hpp"
#include "quantum/Qasm.hpp"
#include "quantum/State.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sqsnn::test {

// Runs `neuron` over `inputs` (one vector of N currents per step, drawing outcomes with `rng`),
// then replays `q` against that run.
inline void expectQasmReplaysNeuron(const QasmProgram &q, const SqsNeuron &neuron,
                                    const std::vector<std::vector<double>> &inputs, Rng &rng)
{
    const int N = neuron.ioQubits(), M = neuron.memoryQubits(), T = int(inputs.size());
    SqsNeuron::Workspace w(neuron);
    Eigen::VectorXcd mem = neuron.initialMemory();
    std::vector<std::vector<double>> probs;
    std::vector<int> outcomes;
    std::vector<double> p(neuron.outcomes());
    for (int t = 0; t < T; ++t) {
        outcomes.push_back(neuron.step(inputs[t].data(), mem.data(), rng, p.data(), w));
        probs.push_back(p);
    }
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
            EXPECT_NEAR(state.probabilities({op.qubit})[1], expect / norm, 1e-9)
                << "step " << t << " qubit " << n;
            state.project({op.qubit}, bit);
            ++measured;
        } else if (state.probabilities({op.qubit})[1] > 0.5) { // reset of an I/O qubit
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

} // namespace sqsnn::test

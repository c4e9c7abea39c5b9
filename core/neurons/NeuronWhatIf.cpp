#include "neurons/NeuronWhatIf.hpp"

#include "common/Error.hpp"
#include "quantum/State.hpp"

#include <string>

namespace sqsnn {

NeuronBranch branchStep(const SqsNeuron &neuron, std::span<const double> z,
                        const Eigen::VectorXcd &memory, int outcome)
{
    const int N = neuron.ioQubits(), M = neuron.memoryQubits();
    if (int(z.size()) != N)
        throw InputError("what-if: expected " + std::to_string(N) + " input currents (one per I/O qubit), got "
                         + std::to_string(z.size()));
    if (memory.size() != neuron.memoryDim())
        throw InputError("what-if: expected a memory of " + std::to_string(neuron.memoryDim())
                         + " amplitudes, got " + std::to_string(memory.size()));
    if (outcome < 0 || outcome >= neuron.outcomes())
        throw InputError("what-if: outcome " + std::to_string(outcome) + " is outside 0.."
                         + std::to_string(neuron.outcomes() - 1));
    NeuronBranch b;
    b.outcome = outcome;
    SqsNeuron::Workspace w(neuron);
    std::vector<double> p(std::size_t(neuron.outcomes()));
    neuron.evolve(z.data(), memory.data(), w, p.data());
    b.probability = p[std::size_t(outcome)];
    b.possible = b.probability > 1e-12;
    if (!b.possible)
        return b;
    b.memory = memory;
    neuron.collapse(outcome, b.probability, w, b.memory.data());
    b.memoryDensity = b.memory * b.memory.adjoint();
    if (M > 0) {
        const PureState mem(M, b.memory);
        for (int q = 0; q < M; ++q)
            b.memoryBloch.push_back(blochVector(mem.reducedQubit(q)));
    }
    b.nextProbabilities.assign(p.size(), 0.0);
    neuron.evolve(z.data(), b.memory.data(), w, b.nextProbabilities.data());
    const int spikeBit = 1 << (N - 1);
    for (int k = 0; k < neuron.outcomes(); ++k)
        if (k & spikeBit)
            b.nextSpike += b.nextProbabilities[std::size_t(k)];
    // The next step's reduced memory before measurement: rho_ab = sum_s psi_sa conj(psi_sb)
    // with psi[s * 2^N_M + a] the joint state after V.
    const int dimM = neuron.memoryDim();
    Eigen::Map<const Eigen::MatrixXcd> a(w.state.data(), dimM, w.state.size() / dimM);
    b.nextPurity = purity(a * a.adjoint());
    return b;
}

} // namespace sqsnn

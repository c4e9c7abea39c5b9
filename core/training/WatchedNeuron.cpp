#include "training/WatchedNeuron.hpp"

#include "common/Error.hpp"
#include "network/SqsPopulation.hpp"
#include "training/Trainer.hpp"

namespace sqsnn {

namespace {
bool sameMatrix(const Eigen::MatrixXcd &a, const Eigen::MatrixXcd &b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() && (a.size() == 0 || a == b);
}
} // namespace

bool WatchedStep::operator==(const WatchedStep &o) const
{
    if (t != o.t || currents != o.currents || firingProbability != o.firingProbability
        || outcome != o.outcome || state.bloch.size() != o.state.bloch.size()
        || !sameMatrix(state.memory, o.state.memory) || state.memoryPurity != o.state.memoryPurity
        || state.memoryEntropy != o.state.memoryEntropy
        || state.registerPurity != o.state.registerPurity)
        return false;
    for (std::size_t q = 0; q < state.bloch.size(); ++q)
        if (state.bloch[q] != o.state.bloch[q])
            return false;
    return true;
}

NeuronMemory currentMemory(const SqsPopulation &pop, int i)
{
    NeuronMemory m;
    if (pop.noisy())
        m.mixed = pop.memoryDensity(i);
    else
        m.pure = pop.memory(i);
    return m;
}

NeuronMemory initialMemory(const SqsPopulation &pop, int i)
{
    NeuronMemory m;
    if (pop.noisy())
        m.mixed = pop.noisyNeuron(i).initialMemory();
    else
        m.pure = pop.neuron(i).initialMemory();
    return m;
}

RegisterSummary stateBeforeMeasurement(const SqsPopulation &pop, int i, const double *z,
                                       const NeuronMemory &before)
{
    if (pop.noisy())
        return summarizeMixed(jointBeforeMeasurement(pop, i, z, before), pop.spec().ioQubits + pop.spec().memoryQubits,
                              pop.spec().memoryQubits);
    const SqsNeuron &n = pop.neuron(i);
    if (before.noisy() || before.dimension() != n.memoryDim())
        throw InputError("watched neuron " + std::to_string(i) + " of '" + pop.spec().name
                         + "': its memory does not fit the neuron");
    SqsNeuron::Workspace w(n);
    std::vector<double> p(std::size_t(n.outcomes()));
    n.evolve(z, before.pure.data(), w, p.data());
    return summarizePure(w.state, n.qubits(), n.memoryQubits());
}

Eigen::MatrixXcd jointBeforeMeasurement(const SqsPopulation &pop, int i, const double *z,
                                        const NeuronMemory &before)
{
    if (!pop.noisy())
        throw InputError("population '" + pop.spec().name + "' has no noise: its register is a state vector");
    const SqsNoisyNeuron &n = pop.noisyNeuron(i);
    if (!before.noisy() || before.dimension() != n.memoryDim())
        throw InputError("watched neuron " + std::to_string(i) + " of '" + pop.spec().name
                         + "': its memory does not fit the noisy neuron");
    SqsNoisyNeuron::Workspace w(n);
    n.joint(z, before.mixed, w, {}, /*flushMemory=*/true);
    return std::move(w.rho);
}

const SqsPopulation *sqsPopulation(const Network &net, int pop)
{
    if (pop < 0 || pop >= net.populationCount() || net.isInput(pop))
        return nullptr;
    return dynamic_cast<const SqsPopulation *>(&net.population(pop));
}

namespace {
class Recorder : public StepObserver
{
public:
    Recorder(int pop, int neuron) : m_pop(pop), m_neuron(neuron) {}
    void onStep(const Network &net, int t, double) override
    {
        const SqsPopulation *sp = sqsPopulation(net, m_pop);
        if (t == 0)
            m_before = initialMemory(*sp, m_neuron);
        const int N = sp->spec().ioQubits;
        const double *z = net.current(m_pop).data() + std::size_t(m_neuron) * N;
        WatchedStep s;
        s.t = t;
        s.state = stateBeforeMeasurement(*sp, m_neuron, z, m_before);
        s.currents.assign(z, z + N);
        s.firingProbability = net.prob(m_pop)[std::size_t(m_neuron) * N];
        const auto &spk = net.spikes(m_pop);
        for (int b = 0; b < N; ++b)
            s.outcome = (s.outcome << 1) | int(spk[std::size_t(m_neuron) * N + b]);
        steps.push_back(std::move(s));
        m_before = currentMemory(*sp, m_neuron);
    }
    std::vector<WatchedStep> steps;

private:
    int m_pop, m_neuron;
    NeuronMemory m_before;
};
} // namespace

std::vector<WatchedStep> replayWatched(Trainer &trainer, const Dataset &split, std::size_t index,
                                       int pop, int neuron)
{
    const SqsPopulation *sp = sqsPopulation(trainer.network(), pop);
    if (!sp)
        throw InputError("replay: population " + std::to_string(pop) + " is not an SQS population");
    if (neuron < 0 || neuron >= sp->size())
        throw InputError("replay: neuron " + std::to_string(neuron) + " is out of range (population '"
                         + sp->spec().name + "' has " + std::to_string(sp->size()) + ")");
    if (index >= split.size())
        throw InputError("replay: sample " + std::to_string(index) + " is out of range (the split has "
                         + std::to_string(split.size()) + ")");
    Recorder r(pop, neuron);
    trainer.evaluateSample(split, index, &r);
    return std::move(r.steps);
}

NetworkSpec withoutNoise(const NetworkSpec &spec)
{
    NetworkSpec s = spec;
    for (PopulationSpec &p : s.populations)
        p.noise = NoiseModel{};
    return s;
}

Project idealCopy(const Project &p)
{
    Project q = p;
    q.network = withoutNoise(p.network);
    return q;
}

bool hasNoise(const NetworkSpec &spec)
{
    for (const PopulationSpec &p : spec.populations)
        if (p.kind == "sqs" && p.noise.enabled())
            return true;
    return false;
}

} // namespace sqsnn

// bptt through whole NOISY networks (SQS populations on the density path; reverse mode through
// the Kraus maps, SqsNoisyNeuron::backwardStep), against central finite differences where the
// gradient is a true derivative (the helpers are BpttTest.cpp's):
//  - spikes held fixed (detached) with the sparsity term as the loss: the reported
//    probabilities and the mixed memory through time, recurrence, custom circuits N_tot 4-6,
//    every channel on;
//  - mean field with the straight-through surrogate: the whole loss, cross-entropy included,
//    end to end through T steps and the memory path, under the superconducting preset and
//    under strong relaxation with readout error;
//  - the gradients are bit-identical on 1 and 2 threads.
#include "learning/Bptt.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

using namespace sqsnn;

namespace {

PopulationSpec pop(const std::string &name, const std::string &kind, int size, int N = 1,
                   int M = 1, bool readout = false)
{
    PopulationSpec p;
    p.name = name;
    p.kind = kind;
    p.size = size;
    p.ioQubits = N;
    p.memoryQubits = M;
    p.readout = readout;
    return p;
}

AnsatzSpec customAnsatz(int n, Rng &rng)
{
    AnsatzSpec a;
    a.generator = "custom";
    int params = 0;
    for (int layer = 0; layer < 2; ++layer) {
        for (int q = 0; q < n; ++q)
            a.gates.push_back({layer ? GateKind::RY : GateKind::RX, q, -1, params++, 0});
        for (int q = 0; q + 1 < n; ++q)
            a.gates.push_back({q % 2 ? GateKind::CRZ : GateKind::CRX, q + 1, q, params++, 0});
        a.gates.push_back({GateKind::CNOT, n - 1, 0, -1, 0});
    }
    a.gates.push_back({GateKind::H, int(rng.below(std::uint64_t(n))), -1, -1, 0});
    return a;
}

std::vector<Activity> inputs(int lines, int T, Rng &rng)
{
    std::vector<Activity> in(T);
    for (auto &a : in)
        for (int l = 0; l < lines; ++l)
            if (rng.bernoulli(0.6))
                a.lines.push_back(l);
    return in;
}

// Every trainable value of the network with a way to commit a change.
struct Param
{
    double *value;
    std::function<void()> commit;
    std::string name;
};

std::vector<Param> allParams(Network &net)
{
    std::vector<Param> out;
    for (int p : net.order()) {
        Population &P = net.population(p);
        for (std::size_t j = 0; j < P.params().size(); ++j)
            out.push_back({&P.params()[j], [&P] { P.commitParams(); },
                           P.spec().name + "[" + std::to_string(j) + "]"});
    }
    for (int k = 0; k < net.projectionCount(); ++k) {
        Projection &pr = net.projection(k);
        for (std::size_t j = 0; j < pr.params().size(); ++j)
            out.push_back({&pr.params()[j], [] {},
                           pr.spec().from + "->" + pr.spec().to + "[" + std::to_string(j) + "]"});
    }
    return out;
}

double gradientOf(const Gradients &g, const Network &net, std::size_t index)
{
    for (int p : net.order()) {
        if (index < g.pop[p].size())
            return g.pop[p][index];
        index -= g.pop[p].size();
    }
    for (int k = 0; k < net.projectionCount(); ++k) {
        if (index < g.proj[k].size())
            return g.proj[k][index];
        index -= g.proj[k].size();
    }
    return NAN;
}

// Runs the sample, checks every parameter's gradient against central differences. The
// sampled spikes must not change under the perturbations (counts compared).
void checkNetwork(Network &net, BpttOptions opt, int T, int label, std::uint64_t seed, Rng &rng,
                  const std::string &name)
{
    Bptt bptt(net, opt);
    const auto in = inputs(net.lines(0), T, rng);
    Gradients g(net);
    const SampleResult base = bptt.run(net, in, label, seed, &g);
    ASSERT_TRUE(std::isfinite(base.loss));
    auto params = allParams(net);
    const double h = 1e-6;
    int checked = 0, nonzero = 0;
    for (std::size_t j = 0; j < params.size(); ++j) {
        Param &p = params[j];
        const double v = *p.value;
        *p.value = v + h;
        p.commit();
        const SampleResult up = bptt.run(net, in, label, seed, nullptr);
        *p.value = v - h;
        p.commit();
        const SampleResult down = bptt.run(net, in, label, seed, nullptr);
        *p.value = v;
        p.commit();
        ASSERT_EQ(up.spikesPerPop, base.spikesPerPop) << name << ": a spike flipped at " << p.name;
        ASSERT_EQ(down.spikesPerPop, base.spikesPerPop) << name << ": a spike flipped at " << p.name;
        const double fd = (up.loss - down.loss) / (2 * h);
        const double got = gradientOf(g, net, j);
        EXPECT_LE(std::abs(got - fd), 1e-6 * std::max({1e-3, std::abs(fd), std::abs(got)}))
            << name << " " << p.name << ": bptt " << got << " vs finite differences " << fd;
        ++checked;
        nonzero += std::abs(fd) > 1e-9;
    }
    // The check is not vacuous: most parameters matter.
    EXPECT_GT(nonzero, checked / 3) << name;
}

NoiseModel strongNoise()
{
    NoiseModel m;
    m.depolarizing1q = 0.03;
    m.depolarizing2q = 0.08;
    m.t1Us = 2;
    m.t2Us = 1.5;
    m.gateNs1q = 60;
    m.gateNs2q = 150;
    m.idleNs = 800;
    m.readoutP01 = 0.06;
    m.readoutP10 = 0.1;
    return m;
}

NetworkSpec noisyNetwork(Rng &rng, const NoiseModel &noise)
{
    NetworkSpec spec;
    PopulationSpec h = pop("hidden", "sqs", 3, 2, 3); // N_tot = 5, custom circuit
    h.ansatz = customAnsatz(5, rng);
    h.noise = noise;
    PopulationSpec g = pop("second", "sqs", 2, 1, 3); // N_tot = 4, generated ansatz
    g.ansatz = AnsatzSpec{"hardware-efficient", 2, {}};
    g.noise = noise;
    PopulationSpec o = pop("out", "sqs", 3, 1, 1, true);
    o.noise = noise;
    spec.populations = {pop("in", "input", 5), h, g, o};
    spec.projections = {{"in", "hidden", "dense", true, 0},
                        {"hidden", "hidden", "dense", false, 1},       // recurrence
                        {"hidden", "second", "dense", true, 0},
                        {"second", "out", "dense", true, 0},
                        {"in", "out", "dense", false, 2}};             // skip with a delay
    return spec;
}

// Biases away from 0: on the density path a current z <= 0 skips its embedding gate (and that
// gate's noise and duration), so the loss jumps at z = 0 exactly (a step with no input and a
// zero bias); the derivative there is one-sided and not what central differences measure.
void offsetBiases(Network &net, Rng &rng)
{
    for (int k = 0; k < net.projectionCount(); ++k) {
        Projection &pr = net.projection(k);
        for (std::size_t j = std::size_t(pr.weightCount()); j < pr.params().size(); ++j)
            pr.params()[j] = rng.uniform(0.05, 0.3) * (rng.bernoulli(0.7) ? 1 : -1);
    }
}

} // namespace

TEST(BpttNoise, SpikesHeldFixedTheGradientIsExactThroughEveryChannel)
{
    Rng rng(15);
    Rng init(8);
    Network net(noisyNetwork(rng, strongNoise()), 5, 3, {}, init);
    offsetBiases(net, rng);
    BpttOptions opt;
    opt.crossEntropy = false;
    opt.detachSpikes = true;
    opt.sparsity = 0.1;
    checkNetwork(net, opt, 6, 2, 321, rng, "noisy, detached");
}

TEST(BpttNoise, MeanFieldStraightThroughIsTheExactGradientThroughTheMixedMemory)
{
    for (const bool preset : {true, false}) {
        Rng rng(43);
        NetworkOptions no;
        no.meanField = true;
        Rng init(3);
        Network net(noisyNetwork(rng, preset ? noisePreset("superconducting") : strongNoise()), 5,
                    3, {}, init, no);
        offsetBiases(net, rng);
        BpttOptions opt;
        opt.surrogate = SpikeSurrogate::StraightThrough;
        opt.sparsity = 0.05;
        checkNetwork(net, opt, 5, 1, 78, rng, preset ? "mean-field superconducting" : "mean-field strong");
    }
}

TEST(BpttNoise, GradientsDoNotDependOnTheThreadCount)
{
    auto gradients = [](int threads) {
        NetworkSpec spec;
        PopulationSpec h = pop("hidden", "sqs", 200, 1, 1);
        h.noise = noisePreset("superconducting");
        PopulationSpec o = pop("out", "sqs", 3, 1, 2, true);
        o.noise = strongNoise();
        spec.populations = {pop("in", "input", 20), h, o};
        spec.projections = {{"in", "hidden"}, {"hidden", "hidden", "dense", false, 1}, {"hidden", "out"}};
        NetworkOptions no;
        no.threads = threads;
        Rng init(12), rng(5);
        Network net(spec, 20, 3, {}, init, no);
        Bptt bptt(net, {});
        const auto in = inputs(20, 8, rng);
        Gradients g(net);
        bptt.run(net, in, 1, 4242, &g);
        bptt.run(net, in, 2, 4243, &g);
        return g;
    };
    const Gradients a = gradients(1), b = gradients(2);
    ASSERT_EQ(a.pop, b.pop);
    ASSERT_EQ(a.proj, b.proj);
    double norm = 0;
    for (const auto &v : a.pop)
        for (double x : v)
            norm += x * x;
    EXPECT_GT(norm, 0.0);
}

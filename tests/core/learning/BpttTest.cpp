// Surrogate-gradient BPTT through whole networks, against central finite differences where the
// gradient is a true derivative:
//  - spikes held fixed (detached) with the sparsity term as the loss: every neuron kind's
//    probability/state path through time, weights, biases, delays, recurrence;
//  - mean field (each line carries its probability) with the straight-through surrogate: the
//    whole loss, cross-entropy included, end to end through T steps and the quantum memory,
//    with custom circuits up to N_tot = 6.
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

NetworkSpec mixedSqsNetwork(Rng &rng)
{
    NetworkSpec spec;
    PopulationSpec h = pop("hidden", "sqs", 3, 2, 4); // N_tot = 6, custom circuit
    h.ansatz = customAnsatz(6, rng);
    PopulationSpec g = pop("second", "sqs", 2, 2, 1); // generated ansatz, 2 layers
    g.ansatz = AnsatzSpec{"hardware-efficient", 2, {}};
    spec.populations = {pop("in", "input", 5), h, g, pop("out", "sqs", 3, 1, 1, true)};
    spec.projections = {{"in", "hidden", "dense", true, 0},
                        {"hidden", "hidden", "dense", false, 1},       // recurrence
                        {"hidden", "second", "channel-matched", true, 0},
                        {"second", "out", "dense", true, 0},
                        {"in", "out", "dense", false, 2}};             // skip with a delay
    return spec;
}

} // namespace

TEST(Bptt, MeanFieldStraightThroughIsTheExactGradientThroughTheMemory)
{
    Rng rng(41);
    NetworkOptions no;
    no.meanField = true;
    Rng init(3);
    Network net(mixedSqsNetwork(rng), 5, 3, {}, init, no);
    BpttOptions opt;
    opt.surrogate = SpikeSurrogate::StraightThrough;
    opt.sparsity = 0.05;
    checkNetwork(net, opt, 5, 1, 77, rng, "mean-field sqs");
}

TEST(Bptt, SpikesHeldFixedTheSparsityGradientIsExactForEveryNeuronKind)
{
    for (const std::string kind : {"sqs", "seed-compat", "glm", "lif", "qlif"}) {
        Rng rng(5);
        NetworkSpec spec;
        const std::string k = kind == "seed-compat" ? "sqs" : kind;
        spec.populations = {pop("in", "input", 6), pop("hidden", k, 4), pop("out", k, 3, 1, 1, true)};
        spec.projections = {{"in", "hidden", "dense", true, 0},
                            {"hidden", "hidden", "dense", false, 1},
                            {"hidden", "out", "dense", true, 0},
                            {"in", "out", "dense", false, 1}};
        NetworkOptions no;
        if (kind == "seed-compat")
            no.estimatorName = "seed-compat";
        Rng init(9);
        Network net(spec, 6, 3, {}, init, no);
        for (int k2 = 0; k2 < net.projectionCount(); ++k2) {
            Projection &pr = net.projection(k2);
            for (std::size_t j = 0; j < pr.params().size(); ++j) {
                double &w = pr.params()[j];
                if (j >= std::size_t(pr.weightCount()))
                    w = rng.uniform(-0.3, 0.3); // biases away from 0 (QLIF's kink at a = 0)
                if (kind == "lif" || kind == "qlif")
                    w *= kind == "lif" ? 2.0 : 0.6; // some spikes and resets
            }
        }
        BpttOptions opt;
        opt.crossEntropy = false;
        opt.detachSpikes = true;
        opt.sparsity = 0.1;
        checkNetwork(net, opt, 6, 2, 123, rng, kind);
    }
}

TEST(Bptt, SpikesAndProbabilitiesAreThoseOfTheForwardPass)
{
    // bptt's forward is the engine's: the same spikes as an evaluation of the local rule.
    Rng rng(2);
    NetworkSpec spec;
    spec.populations = {pop("in", "input", 5), pop("hidden", "sqs", 6), pop("out", "sqs", 3, 1, 1, true)};
    spec.projections = {{"in", "hidden"}, {"hidden", "out"}};
    Rng i1(4), i2(4);
    Network a(spec, 5, 3, {}, i1), b(spec, 5, 3, {}, i2);
    const auto in = inputs(5, 7, rng);
    Bptt bptt(a, {});
    Gradients g(a);
    a.beginSample(7, 99);
    b.beginSample(7, 99);
    const SampleResult r = bptt.run(a, in, 0, 99, &g);
    std::vector<int> counts(3, 0);
    b.beginSample(7, 99);
    for (int t = 0; t < 7; ++t) {
        b.step(t, {&in[t]}, nullptr, nullptr, false);
        for (int o = 0; o < 3; ++o)
            counts[o] += b.spikes(2)[o];
    }
    EXPECT_EQ(r.counts, counts);
}

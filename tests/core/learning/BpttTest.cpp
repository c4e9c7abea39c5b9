// Surrogate-gradient BPTT through whole networks, against central finite differences where the
// gradient is a true derivative:
//  - spikes held fixed (detached) with the sparsity term as the loss: every neuron kind's
//    probability/state path through time, weights, biases, delays, recurrence;
//  - mean field (each line carries its probability) with the straight-through surrogate: the
//    whole loss, cross-entropy included, end to end through T steps and the quantum memory,
//    with custom circuits up to N_tot = 6.
#include "BpttCheck.hpp"
#include "learning/Bptt.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

using namespace sqsnn;
using namespace sqsnn::bptt_check;

namespace {


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

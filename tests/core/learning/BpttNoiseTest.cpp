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
#include "BpttCheck.hpp"
#include "learning/Bptt.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

using namespace sqsnn;
using namespace sqsnn::bptt_check;

namespace {


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

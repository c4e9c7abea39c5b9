// The optimizer against hand computations: SGD with per-group clipping, and Adam (Kingma & Ba,
// bias-corrected moments) over several updates with changing gradients.
#include "learning/Gradients.hpp"
#include "learning/Optimizer.hpp"
#include "network/Network.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

Network smallNetwork(Rng &rng)
{
    PopulationSpec in;
    in.name = "in";
    in.kind = "input";
    in.size = 3;
    PopulationSpec out;
    out.name = "out";
    out.kind = "sqs";
    out.size = 2;
    out.ioQubits = 1;
    out.memoryQubits = 1;
    out.readout = true;
    NetworkSpec spec;
    spec.populations = {in, out};
    spec.projections = {{"in", "out", "dense", false, 0}};
    return Network(spec, 3, 2, {}, rng);
}

} // namespace

TEST(Optimizer, SgdStepsByEtaTimesTheClippedMeanGradient)
{
    Rng rng(3);
    Network net = smallNetwork(rng);
    TrainingSpec t;
    t.learningRate = 0.1;
    t.clipReadout = 0.05;
    Optimizer opt(net, t);
    Gradients g(net);
    const std::vector<double> w0 = net.projection(0).params();
    g.proj[0][0] = 0.06; // two samples: mean 0.03, under the clip
    g.proj[0][1] = 1.0;  // mean 0.5, clipped to 0.05
    g.proj[0][2] = -1.0; // clipped to -0.05
    g.proj[0][4] = 1.0;  // in row 2 (rows are source lines of 2 weights), never touched
    g.touched[0][0] = g.touched[0][1] = 1;
    g.samples = 2;
    opt.apply(net, g);
    const auto &w = net.projection(0).params();
    EXPECT_DOUBLE_EQ(w[0], w0[0] - 0.1 * 0.03);
    EXPECT_DOUBLE_EQ(w[1], w0[1] - 0.1 * 0.05);
    EXPECT_DOUBLE_EQ(w[2], w0[2] + 0.1 * 0.05);
    EXPECT_EQ(w[4], w0[4]); // row 2 was not touched
    EXPECT_EQ(g.proj[0][0], 0.0); // the gradient is cleared
}

TEST(Optimizer, AdamMatchesTheClosedFormOverSeveralUpdates)
{
    Rng rng(4);
    Network net = smallNetwork(rng);
    TrainingSpec t;
    t.optimizer = "adam";
    t.learningRate = 0.01;
    t.clipReadout = 0; // no clipping: the pure Adam step
    Optimizer opt(net, t);
    Gradients g(net);
    double w = net.projection(0).params()[1];
    double m = 0, v = 0;
    const double grads[] = {0.5, -0.2, 0.3, 0.0, 1.5};
    for (int step = 1; step <= 5; ++step) {
        const double gt = grads[step - 1];
        g.proj[0][1] = gt;
        g.touched[0][0] = 1;
        g.samples = 1;
        opt.apply(net, g);
        m = 0.9 * m + 0.1 * gt;
        v = 0.999 * v + 0.001 * gt * gt;
        const double mh = m / (1 - std::pow(0.9, step)), vh = v / (1 - std::pow(0.999, step));
        w -= 0.01 * mh / (std::sqrt(vh) + 1e-8);
        EXPECT_NEAR(net.projection(0).params()[1], w, 1e-14) << "step " << step;
    }
}

TEST(Optimizer, GlobalNormClippingScalesTheWholeBatchGradient)
{
    Rng rng(4);
    Network net = smallNetwork(rng);
    TrainingSpec t;
    t.learningRate = 0.1;
    t.clipReadout = 0; // no per-parameter clip: only the global norm
    t.clipNorm = 1.0;
    Optimizer opt(net, t);
    Gradients g(net);
    const std::vector<double> w0 = net.projection(0).params();
    const std::vector<double> a0 = net.population(1).params();
    // Mean gradient (two samples): weights (3, 0) in row 0, angle 4 -> norm 5, scaled by 1/5.
    g.proj[0][0] = 6.0;
    g.touched[0][0] = 1;
    g.pop[1][1] = 8.0;
    g.samples = 2;
    opt.apply(net, g);
    EXPECT_NEAR(net.projection(0).params()[0], w0[0] - 0.1 * 3.0 / 5.0, 1e-15);
    double expect = a0[1] - 0.1 * 4.0 / 5.0;
    expect = std::fmod(expect, 2 * M_PI);
    if (expect < 0)
        expect += 2 * M_PI;
    EXPECT_NEAR(net.population(1).params()[1], expect, 1e-15);
    // Under the norm: unchanged.
    Gradients h(net);
    const double w1 = net.projection(0).params()[0];
    h.proj[0][0] = 0.5;
    h.touched[0][0] = 1;
    h.samples = 1;
    opt.apply(net, h);
    EXPECT_NEAR(net.projection(0).params()[0], w1 - 0.1 * 0.5, 1e-15);
}

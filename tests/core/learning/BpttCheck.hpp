// Shared by the bptt network tests (BpttTest.cpp, BpttNoiseTest.cpp): small network builders,
// every trainable value of a network, and the central-difference check of a whole sample's
// gradient (spikes must not flip under the perturbation; most parameters must matter).
#pragma once

#include "learning/Bptt.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace sqsnn::bptt_check {
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

} // namespace
} // namespace sqsnn::bptt_check

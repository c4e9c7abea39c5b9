// Neuron steps per second on one core, with real-valued inputs and single-shot sampling, for
// (N, N_M) = (1,1) .. (5,5): the fast path (pure memory) and, in the same run, the naive
// full-density-matrix kernel (tests/reference) it is checked against; and the paper's 1+1
// neuron in the SIMD population kernel (SqsKernel11, 1024 neurons a step, Philox draws,
// currents from a table of 8 random vectors cycled over the steps).
//   ./build/tests/bench/bench_neuron --benchmark_counters_tabular=true
#include "neurons/SqsKernel11.hpp"
#include "neurons/SqsNeuron.hpp"
#include "reference/NaiveNeuron.hpp"

#include <benchmark/benchmark.h>

using namespace sqsnn;

namespace {

std::vector<double> randomAngles(int n, Rng &rng)
{
    std::vector<double> th(n);
    for (auto &t : th)
        t = rng.uniform(0, 6.283);
    return th;
}

void BM_FastStep(benchmark::State &state)
{
    const int q = int(state.range(0));
    Rng rng(1);
    SqsNeuron n(q, q, AnsatzSpec{});
    n.setParameters(randomAngles(n.paramCount(), rng));
    SqsNeuron::Workspace w(n);
    Eigen::VectorXcd mem = n.initialMemory();
    std::vector<double> p(n.outcomes()), z(q);
    for (auto _ : state) {
        for (auto &v : z)
            v = rng.uniform(-0.5, 1.0);
        benchmark::DoNotOptimize(n.step(z.data(), mem.data(), rng, p.data(), w));
    }
    state.counters["steps_per_s"] = benchmark::Counter(double(state.iterations()),
                                                       benchmark::Counter::kIsRate);
}

void BM_NaiveStep(benchmark::State &state)
{
    const int q = int(state.range(0));
    Rng rng(1);
    const Circuit c = makeAnsatz(AnsatzSpec{}, q, q);
    naive::NaiveNeuron n{q, q, c.gates, randomAngles(c.paramCount(), rng), {}};
    n.compile(); // V once per parameter set, as the fast path does; the step stays naive
    Eigen::MatrixXcd sigma = Eigen::MatrixXcd::Zero(1 << q, 1 << q);
    sigma(0, 0) = 1;
    std::vector<double> z(q);
    for (auto _ : state) {
        for (auto &v : z)
            v = rng.uniform(-0.5, 1.0);
        benchmark::DoNotOptimize(n.step(z, sigma, -1, &rng));
    }
    state.counters["steps_per_s"] = benchmark::Counter(double(state.iterations()),
                                                       benchmark::Counter::kIsRate);
}

void BM_Kernel11Step(benchmark::State &state)
{
    const int n = int(state.range(0)), table = 8;
    Rng rng(1);
    SqsKernel11 k(n);
    for (int i = 0; i < n; ++i)
        k.setAngles(i, rng.uniform(0, 6.283), rng.uniform(0, 6.283), rng.uniform(0, 6.283));
    std::vector<double> z(std::size_t(table) * n), p(n);
    for (auto &v : z)
        v = rng.uniform(-0.5, 1.0);
    std::vector<std::uint8_t> spikes(n);
    std::uint32_t t = 0;
    for (auto _ : state) {
        k.step(0, n, z.data() + std::size_t(t % table) * n, 1234, t, spikes.data(), p.data());
        benchmark::DoNotOptimize(spikes.data());
        ++t;
    }
    state.counters["steps_per_s"] = benchmark::Counter(double(state.iterations()) * n,
                                                       benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(BM_Kernel11Step)->Arg(1024);
BENCHMARK(BM_FastStep)->DenseRange(1, 5);
BENCHMARK(BM_NaiveStep)->DenseRange(1, 4);
BENCHMARK_MAIN();

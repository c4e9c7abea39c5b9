// Density-path (noisy) neuron steps per second on one core beside the pure path, for
// (N, N_M) = (1,1) .. (3,3), default ansatz, the superconducting preset (every channel on:
// depolarising, T1/T2 over gates and idle time, readout error), real-valued inputs and
// single-shot sampling. Issue 16's goal: the noisy 1+1 neuron within 5x of the pure one.
//   ./build/tests/bench/bench_noise --benchmark_counters_tabular=true
#include "neurons/SqsNeuron.hpp"
#include "neurons/SqsNoisyNeuron.hpp"

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

void BM_PureStep(benchmark::State &state)
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

void BM_NoisyStep(benchmark::State &state)
{
    const int q = int(state.range(0));
    Rng rng(1);
    SqsNeuron ideal(q, q, AnsatzSpec{});
    SqsNoisyNeuron n(q, q, ideal.circuit(), noisePreset("superconducting"));
    n.setParameters(randomAngles(n.paramCount(), rng));
    SqsNoisyNeuron::Workspace w(n);
    Eigen::MatrixXcd sigma = n.initialMemory();
    std::vector<double> p(n.outcomes()), z(q);
    for (auto _ : state) {
        for (auto &v : z)
            v = rng.uniform(-0.5, 1.0);
        benchmark::DoNotOptimize(n.step(z.data(), sigma, rng, p.data(), w));
    }
    state.counters["steps_per_s"] = benchmark::Counter(double(state.iterations()),
                                                       benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(BM_PureStep)->DenseRange(1, 3);
BENCHMARK(BM_NoisyStep)->DenseRange(1, 3);
BENCHMARK_MAIN();

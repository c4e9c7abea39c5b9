// Training throughput (samples per second) of whole projects, through the same Trainer the CLI
// and the lab run: the quickstart example, the 784-100-10 example and the 784-1000-10 benchmark project, on 1 thread
// and on every core, with the local rule and with bptt; and one thread against every core
// interleaved in one run (BM_Scaling*: the two-thread ratio on a machine whose speed drifts).
//   ./build/tests/bench/bench_training --benchmark_counters_tabular=true
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <thread>

using namespace sqsnn;

namespace {

// The project with `method`'s recipe (nullptr: the file's own) on `trainSamples` samples.
Project benchProject(const char *file, int trainSamples, const char *method)
{
    Project p = loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/" + file);
    if (method && std::string(method) == "local") {
        // The local rule with the 784-1000-10 benchmark's recipe (exact estimator, SGD, batch 1).
        p.training.method = "local";
        p.training.estimator = "exact";
        p.training.optimizer = "sgd";
        p.training.learningRate = 0.02;
        p.training.batchSize = 1;
        p.training.hiddenLearningRateScale = 0.5;
        p.training.clipReadout = 0.05;
        p.training.clipHiddenWeights = 0.025;
        p.training.clipHiddenAngles = 0.02;
    } else if (method) {
        // The method's recipe as the loader gives it for a file that names only the method.
        p.training.method = method;
        p.training.optimizer = "adam";
        p.training.learningRate = 5e-4;
        p.training.batchSize = 256;
        p.training.hiddenLearningRateScale = 1;
        p.training.clipReadout = p.training.clipHiddenWeights = p.training.clipHiddenAngles = 0;
    }
    p.data.trainSamples = trainSamples;
    p.data.testSamples = 10;
    return p;
}

void trainSamples(benchmark::State &state, const char *file, int trainSamples,
                  const char *method = nullptr)
{
    const Project p = benchProject(file, trainSamples, method);
    const int threads = state.range(0) ? int(state.range(0))
                                       : int(std::max(1u, std::thread::hardware_concurrency()));
    Trainer t(p, TrainerOptions{threads});
    std::size_t i = 0;
    const std::size_t n = t.data().train.size();
    for (auto _ : state) {
        benchmark::DoNotOptimize(t.trainSample(1, i % n).loss);
        ++i;
    }
    state.counters["samples_per_s"] = benchmark::Counter(double(state.iterations()),
                                                         benchmark::Counter::kIsRate);
    state.counters["threads"] = threads;
}

// Two threads against one, interleaved: a one-thread and a K-thread trainer of the same project
// take turns, 20 samples each, so a change of the machine's speed (other jobs, other tenants of
// the host) falls on both alike. Counters: both rates and their ratio (the issue-18 figure).
void trainScaling(benchmark::State &state, const char *file, int trainSamples, const char *method)
{
    // The benchmark file's own recipe is the local rule's; bptt gets its recipe.
    const Project p = benchProject(file, trainSamples, std::string(method) == "bptt" ? method : nullptr);
    const int threads = int(std::max(2u, std::thread::hardware_concurrency()));
    Trainer one(p, TrainerOptions{1}), many(p, TrainerOptions{threads});
    constexpr int kBlock = 20;
    std::size_t i = 0, j = 0;
    const std::size_t n = one.data().train.size();
    double tOne = 0, tMany = 0;
    long samples = 0;
    using Clock = std::chrono::steady_clock;
    for (auto _ : state) {
        const auto t0 = Clock::now();
        for (int k = 0; k < kBlock; ++k)
            benchmark::DoNotOptimize(one.trainSample(1, i++ % n).loss);
        const auto t1 = Clock::now();
        for (int k = 0; k < kBlock; ++k)
            benchmark::DoNotOptimize(many.trainSample(1, j++ % n).loss);
        const auto t2 = Clock::now();
        tOne += std::chrono::duration<double>(t1 - t0).count();
        tMany += std::chrono::duration<double>(t2 - t1).count();
        samples += kBlock;
    }
    state.counters["one_thread_samples_per_s"] = double(samples) / tOne;
    state.counters["threads_samples_per_s"] = double(samples) / tMany;
    state.counters["ratio"] = tOne / tMany;
    state.counters["threads"] = threads;
}

void BM_Scaling784_1000_10(benchmark::State &state)
{
    trainScaling(state, "benchmarks/fmnist-784-1000-10.sqsnn.json", 2000, "local");
}

void BM_Scaling784_1000_10_Bptt(benchmark::State &state)
{
    trainScaling(state, "benchmarks/fmnist-784-1000-10.sqsnn.json", 2000, "bptt");
}

void BM_Quickstart(benchmark::State &state)
{
    trainSamples(state, "quickstart.sqsnn.json", 1000);
}

void BM_Fmnist784_1000_10(benchmark::State &state)
{
    trainSamples(state, "benchmarks/fmnist-784-1000-10.sqsnn.json", 2000);
}

// The local rule on the 784-100-10 example (the 784-1000-10 benchmark's recipe).
void BM_Fmnist784_100_10(benchmark::State &state)
{
    trainSamples(state, "fmnist-10class.sqsnn.json", 4000, "local");
}

// Surrogate-gradient BPTT (batch 256, Adam): the 784-100-10 example and the 784-1000-10 network.
void BM_Fmnist784_100_10_Bptt(benchmark::State &state)
{
    trainSamples(state, "fmnist-10class.sqsnn.json", 4000, "bptt");
}

void BM_Fmnist784_1000_10_Bptt(benchmark::State &state)
{
    trainSamples(state, "benchmarks/fmnist-784-1000-10.sqsnn.json", 2000, "bptt");
}

} // namespace

BENCHMARK(BM_Fmnist784_100_10)->Arg(1)->Arg(0)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_Fmnist784_100_10_Bptt)->Arg(1)->Arg(0)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_Fmnist784_1000_10_Bptt)->Arg(1)->Arg(0)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_Quickstart)->Arg(1)->Arg(0)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_Fmnist784_1000_10)->Arg(1)->Arg(0)->UseRealTime()->MinTime(3.0);
BENCHMARK(BM_Scaling784_1000_10)->UseRealTime()->MinTime(8.0);
BENCHMARK(BM_Scaling784_1000_10_Bptt)->UseRealTime()->MinTime(8.0);
BENCHMARK_MAIN();

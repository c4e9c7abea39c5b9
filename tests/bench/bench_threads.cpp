// Two-core scaling of neuron stepping and the false sharing that limited it (issue 18): the
// per-thread neuron states of the old `sqsnn bench neuron` sat next to each other in one
// std::vector, so one thread's RNG state (written every step) shared a cache line with the
// other's vector headers (read every step). The same work in that layout and with each
// thread's state built on its own thread in its own 64-byte-aligned block.
//   ./build/tests/bench/bench_threads --benchmark_counters_tabular=true
// The CPU column is the CPU time per iteration summed over the threads (Google Benchmark), so
// on a shared machine, where the threads do not always run at once, compare CPU per step: a
// line bouncing between the cores makes each thread's step cost more CPU; wall time also
// counts the time the other jobs hold the cores.
#include "neurons/SqsNeuron.hpp"

#include <benchmark/benchmark.h>

#include <memory>

using namespace sqsnn;

namespace {

constexpr int kNeurons = 8;

// The old bench's per-thread state, as it was laid out.
struct Population
{
    Population(int q, std::uint64_t seed)
        : rng(seed)
    {
        for (int i = 0; i < kNeurons; ++i) {
            pop.emplace_back(q, q, AnsatzSpec{});
            std::vector<double> theta(pop.back().paramCount());
            for (auto &t : theta)
                t = rng.uniform(0, 6.283);
            pop.back().setParameters(theta);
            mem.push_back(pop.back().initialMemory());
        }
    }
    Rng rng;
    std::vector<SqsNeuron> pop;
    std::vector<Eigen::VectorXcd> mem;
};

struct alignas(64) Padded
{
    Padded(int q, std::uint64_t seed) : p(q, seed) {}
    Population p;
    char pad[64];
};

void stepAll(Population &P, benchmark::State &state)
{
    const int N = P.pop.front().ioQubits();
    SqsNeuron::Workspace w(P.pop.front());
    std::vector<double> p(P.pop.front().outcomes()), z(N);
    for (auto _ : state)
        for (int i = 0; i < kNeurons; ++i) {
            for (int n = 0; n < N; ++n)
                z[n] = P.rng.uniform(-0.5, 1.0);
            benchmark::DoNotOptimize(P.pop[i].step(z.data(), P.mem[i].data(), P.rng, p.data(), w));
        }
    state.counters["steps_per_s"] = benchmark::Counter(double(state.iterations()) * kNeurons,
                                                       benchmark::Counter::kIsRate);
}

// range(0) = q; threads from the benchmark. The adjacent layout: both threads' states in one
// vector built by one thread, as the old bench did (a magic static: built once, thread-safe).
std::vector<Population> &adjacent(int q)
{
    static auto build = [](int shape) {
        std::vector<Population> v;
        for (int k = 0; k < 2; ++k)
            v.emplace_back(shape, std::uint64_t(100 + k));
        return v;
    };
    static std::vector<Population> one = build(1), two = build(2);
    return q == 1 ? one : two;
}

void BM_Adjacent(benchmark::State &state)
{
    stepAll(adjacent(int(state.range(0)))[std::size_t(state.thread_index())], state);
}

void BM_OwnThread(benchmark::State &state)
{
    auto mine = std::make_unique<Padded>(int(state.range(0)), 100 + state.thread_index());
    stepAll(mine->p, state);
}

} // namespace

BENCHMARK(BM_Adjacent)->DenseRange(1, 2)->Threads(1)->Threads(2)->MinTime(1.0);
BENCHMARK(BM_OwnThread)->DenseRange(1, 2)->Threads(1)->Threads(2)->MinTime(1.0);
BENCHMARK_MAIN();

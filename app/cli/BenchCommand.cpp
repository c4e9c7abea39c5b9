// `sqsnn bench neuron`: neuron steps per second with real-valued inputs and single-shot
// sampling, for (N, N_M) = (1,1) .. (5,5), using every core (neurons in parallel, each thread
// its own neurons and workspace). One line per configuration: "N N_M neuron_steps_per_second".
//
// (1,1) is the paper's neuron, run as the engine's SIMD kernel runs it (SqsKernel11): a
// population of 1024 per thread stepped at a time, Philox draws, currents from a table of 8
// random input vectors per thread cycled over the steps (the engine supplies currents; drawing
// them is not part of a neuron step). Larger neurons step one at a time through SqsNeuron with
// currents drawn per step, as before.
//
// Every thread builds its own state on its own thread (its own malloc arena, first touch on its
// core) in a 64-byte-aligned block: the per-thread states once sat next to each other in one
// vector, where one thread's RNG state shared a cache line with the other's vector headers.
//
// Timing: all threads start together and step in chunks of about a millisecond until a common
// deadline `seconds` after the start; the rate is the steps all threads completed over the time
// until the last one stopped (at most one chunk past the deadline). A fixed number of steps per
// thread, as before, timed the slowest thread: one preempted thread on a shared machine cost
// both threads' rate. The second column is the steps per CPU-second of a thread (the mean over
// threads, CLOCK_THREAD_CPUTIME_ID): the same with 1 and K threads when the code scales, whatever
// share of the cores the scheduler gave us.
#include "Arguments.hpp"
#include "Commands.hpp"
#include "common/Error.hpp"
#include "neurons/SqsKernel11.hpp"
#include "neurons/SqsNeuron.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

namespace sqsnn::cli {

namespace {

constexpr double kMaxBenchSeconds = 3600; // per configuration
constexpr int kKernelNeurons = 1024;      // (1,1): one SIMD population per thread
constexpr int kInputTable = 8;            // (1,1): input vectors cycled over the steps
constexpr int kNeurons = 8;               // larger neurons: stepped one by one

// One thread's neurons of one shape with random angles (created on that thread).
struct alignas(64) ThreadState
{
    ThreadState(int q, std::uint64_t seed)
        : rng(seed)
    {
        if (q == 1) {
            kernel = std::make_unique<SqsKernel11>(kKernelNeurons);
            for (int i = 0; i < kKernelNeurons; ++i)
                kernel->setAngles(i, rng.uniform(0, 6.283), rng.uniform(0, 6.283),
                                  rng.uniform(0, 6.283));
            z.resize(std::size_t(kInputTable) * kKernelNeurons);
            for (auto &v : z)
                v = rng.uniform(-0.5, 1.0);
            spikes.resize(kKernelNeurons);
            p.resize(kKernelNeurons);
            return;
        }
        for (int i = 0; i < kNeurons; ++i) {
            pop.emplace_back(q, q, AnsatzSpec{});
            std::vector<double> theta(pop.back().paramCount());
            for (auto &t : theta)
                t = rng.uniform(0, 6.283);
            pop.back().setParameters(theta);
            mem.push_back(pop.back().initialMemory());
        }
        p.resize(pop.front().outcomes());
        z.resize(q);
    }
    long neurons() const { return kernel ? kernel->size() : long(pop.size()); }

    Rng rng;
    std::unique_ptr<SqsKernel11> kernel;
    std::vector<SqsNeuron> pop;
    std::vector<Eigen::VectorXcd> mem;
    std::vector<double> z, p;
    std::vector<std::uint8_t> spikes;
    char pad[64]; // nothing of the next allocation shares the last line
};

// Steps every neuron `steps` times (steps first .. first + steps - 1) with real inputs and
// sampling; returns a checksum so the work cannot be optimised away.
double runNeurons(ThreadState &S, long steps, long first = 0)
{
    double check = 0;
    if (S.kernel) {
        const int n = S.kernel->size();
        const std::uint64_t seed = S.rng.next();
        for (long t = first; t < first + steps; ++t) {
            S.kernel->step(0, n, S.z.data() + std::size_t(t % kInputTable) * n, seed,
                           std::uint32_t(t), S.spikes.data(), S.p.data());
            check += S.spikes[std::size_t(t % n)] + S.p[std::size_t((t * 7) % n)];
        }
        return check;
    }
    const int N = S.pop.front().ioQubits(), neurons = int(S.pop.size());
    SqsNeuron::Workspace w(S.pop.front());
    for (long t = 0; t < steps; ++t) {
        for (int i = 0; i < neurons; ++i) {
            for (int n = 0; n < N; ++n)
                S.z[n] = S.rng.uniform(-0.5, 1.0);
            check += S.pop[i].step(S.z.data(), S.mem[i].data(), S.rng, S.p.data(), w);
        }
    }
    return check;
}

double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

// One thread's result, on its own cache line.
struct alignas(64) ThreadResult
{
    long steps = 0;
    double cpu = 0;
    std::chrono::steady_clock::time_point end;
    double check = 0;
};

// The rate of `threads` threads of shape q stepping `chunk` steps at a time for `seconds`:
// {neuron steps per second (wall), steps per CPU-second of a thread}.
std::pair<double, double> measure(int q, long long threads, double seconds, long chunk, long neurons)
{
    std::vector<ThreadResult> result(static_cast<std::size_t>(threads));
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::chrono::steady_clock::time_point deadline;
    std::vector<std::thread> pool;
    try {
        for (long long k = 0; k < threads; ++k)
            pool.emplace_back([&, k] {
                ThreadState state(q, std::uint64_t(100 + k)); // built on this thread
                ThreadResult r;
                ready.fetch_add(1);
                while (!go.load(std::memory_order_acquire))
                    std::this_thread::yield();
                const double cpu0 = threadCpuSeconds();
                do {
                    r.check += runNeurons(state, chunk, r.steps);
                    r.steps += chunk;
                } while (std::chrono::steady_clock::now() < deadline);
                r.end = std::chrono::steady_clock::now();
                r.cpu = threadCpuSeconds() - cpu0;
                result[std::size_t(k)] = r;
            });
    } catch (const std::system_error &e) {
        deadline = std::chrono::steady_clock::now();
        go = true;
        for (auto &th : pool) // the started ones stop after one chunk
            th.join();
        throw InputError("could not start " + std::to_string(threads) + " threads (started "
                         + std::to_string(pool.size()) + "): " + e.what()
                         + "; use fewer --threads");
    }
    while (ready.load() < int(threads))
        std::this_thread::yield();
    const auto t0 = std::chrono::steady_clock::now();
    deadline = t0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                        std::chrono::duration<double>(seconds));
    go.store(true, std::memory_order_release);
    for (auto &th : pool)
        th.join();
    double total = 0, perCpu = 0, check = 0;
    auto last = t0;
    for (const ThreadResult &r : result) {
        total += double(r.steps) * double(neurons);
        perCpu += r.cpu > 0 ? double(r.steps) * double(neurons) / r.cpu / double(threads) : 0.0;
        last = std::max(last, r.end);
        check += r.check;
    }
    const double dt = std::chrono::duration<double>(last - t0).count();
    if (check == -1.0) // never: keeps the checksum alive
        std::printf("#\n");
    return {total / dt, perCpu};
}

constexpr const char *kUsage
    = "usage: sqsnn bench neuron [--seconds S] [--threads K] [--compare]";
constexpr int kCompareRounds = 10;

} // namespace

int benchCommand(const Args &args)
{
    if (args.empty() || args[0] != "neuron")
        throw InputError(kUsage);
    double seconds = 1.0;
    long long threads = std::max(1u, std::thread::hardware_concurrency());
    bool compare = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--seconds")
            seconds = numberOption(args, i, 0, kMaxBenchSeconds, true);
        else if (args[i] == "--threads")
            threads = integerOption(args, i, 1, kMaxThreads);
        else if (args[i] == "--compare")
            compare = true;
        else
            throw InputError("unknown option '" + printable(args[i]) + "' (" + kUsage + ")");
    }
    if (compare)
        std::printf("# N N_M one_thread_steps_per_second threads_steps_per_second ratio "
                    "ratio_min ratio_max (threads=%lld, %d alternating rounds of %g s each)\n",
                    threads, kCompareRounds, seconds / kCompareRounds);
    else
        std::printf("# N N_M neuron_steps_per_second steps_per_cpu_second_per_thread (threads=%lld)\n",
                    threads);
    for (int q = 1; q <= 5; ++q) {
        // Calibrate the step count on this thread, then run every thread for ~seconds.
        long steps = 4, neurons = 0;
        double elapsed = 0;
        {
            ThreadState probe(q, 99);
            neurons = probe.neurons();
            for (;;) {
                const auto t0 = std::chrono::steady_clock::now();
                runNeurons(probe, steps);
                elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
                              .count();
                if (elapsed > 0.05)
                    break;
                steps *= 4;
            }
        }
        const long chunk = std::max(1L, long(double(steps) * 0.001 / elapsed)); // ~1 ms
        if (!compare) {
            const auto [rate, perCpu] = measure(q, threads, seconds, chunk, neurons);
            std::printf("%d %d %.0f %.0f\n", q, q, rate, perCpu);
            std::fflush(stdout);
            continue;
        }
        // One thread and K threads in alternating short rounds, so a change of the machine's
        // speed (other jobs, other tenants of the host) falls on both alike: the ratio of the
        // summed rates, and the range of the per-round ratios.
        double one = 0, many = 0, lo = HUGE_VAL, hi = 0;
        const double round = seconds / kCompareRounds;
        for (int r = 0; r < kCompareRounds; ++r) {
            const double a = measure(q, 1, round, chunk, neurons).first;
            const double b = measure(q, threads, round, chunk, neurons).first;
            one += a / kCompareRounds;
            many += b / kCompareRounds;
            lo = std::min(lo, b / a);
            hi = std::max(hi, b / a);
        }
        std::printf("%d %d %.0f %.0f %.3f %.3f %.3f\n", q, q, one, many, many / one, lo, hi);
        std::fflush(stdout);
    }
    return 0;
}

} // namespace sqsnn::cli

// `sqsnn bench neuron`: neuron steps per second with real-valued inputs and single-shot
// sampling, for (N, N_M) = (1,1) .. (5,5), using every core (neurons in parallel, each thread
// its own neurons and workspace). One line per configuration: "N N_M neuron_steps_per_second".
#include "Arguments.hpp"
#include "Commands.hpp"
#include "common/Error.hpp"
#include "neurons/SqsNeuron.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <system_error>
#include <thread>
#include <vector>

namespace sqsnn::cli {

namespace {

constexpr double kMaxBenchSeconds = 3600; // per configuration

// A population of neurons of one shape with random angles, owned by one thread.
struct Population
{
    Population(int N, int M, int neurons, std::uint64_t seed)
        : rng(seed)
    {
        for (int i = 0; i < neurons; ++i) {
            pop.emplace_back(N, M, AnsatzSpec{});
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

// Steps every neuron `steps` times with random real inputs and sampling; returns a checksum
// so the work cannot be optimised away.
double runNeurons(Population &P, long steps)
{
    auto &rng = P.rng;
    auto &pop = P.pop;
    auto &mem = P.mem;
    const int N = pop.front().ioQubits(), neurons = int(pop.size());
    SqsNeuron::Workspace w(pop.front());
    std::vector<double> p(pop.front().outcomes()), z(N);
    double check = 0;
    for (long t = 0; t < steps; ++t) {
        for (int i = 0; i < neurons; ++i) {
            for (int n = 0; n < N; ++n)
                z[n] = rng.uniform(-0.5, 1.0);
            check += pop[i].step(z.data(), mem[i].data(), rng, p.data(), w);
        }
    }
    return check;
}

} // namespace

int benchCommand(const Args &args)
{
    if (args.empty() || args[0] != "neuron")
        throw InputError("usage: sqsnn bench neuron [--seconds S] [--threads K]");
    double seconds = 1.0;
    long long threads = std::max(1u, std::thread::hardware_concurrency());
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--seconds")
            seconds = numberOption(args, i, 0, kMaxBenchSeconds, true);
        else if (args[i] == "--threads")
            threads = integerOption(args, i, 1, kMaxThreads);
        else
            throw InputError("unknown option '" + printable(args[i])
                             + "' (usage: sqsnn bench neuron [--seconds S] [--threads K])");
    }
    std::printf("# N N_M neuron_steps_per_second (threads=%lld)\n", threads);
    for (int q = 1; q <= 5; ++q) {
        const int neurons = 8;
        // Calibrate the step count on one thread, then run every thread for ~seconds.
        std::vector<Population> pops;
        for (long long k = 0; k < threads; ++k)
            pops.emplace_back(q, q, neurons, std::uint64_t(100 + k));
        long steps = 4;
        double elapsed = 0;
        for (;;) {
            const auto t0 = std::chrono::steady_clock::now();
            runNeurons(pops[0], steps);
            elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (elapsed > 0.05)
                break;
            steps *= 4;
        }
        steps = std::max(1L, long(steps * seconds / elapsed));
        std::atomic<double> sink{0};
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<std::thread> pool;
        try {
            for (long long k = 0; k < threads; ++k)
                pool.emplace_back([&, k] {
                    const double c = runNeurons(pops[k], steps);
                    double cur = sink.load();
                    while (!sink.compare_exchange_weak(cur, cur + c)) {}
                });
        } catch (const std::system_error &e) {
            for (auto &th : pool) // the started ones finish their (bounded) run
                th.join();
            throw InputError("could not start " + std::to_string(threads) + " threads (started "
                             + std::to_string(pool.size()) + "): " + e.what()
                             + "; use fewer --threads");
        }
        for (auto &th : pool)
            th.join();
        const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double total = double(steps) * neurons * double(threads);
        std::printf("%d %d %.0f\n", q, q, total / dt);
        std::fflush(stdout);
    }
    return 0;
}

} // namespace sqsnn::cli

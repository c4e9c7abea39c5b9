// ThreadPool: every worker runs every job; and when the system refuses a thread, the
// constructor stops and joins the ones it started and throws InputError (issue 11 item 2: it
// used to destroy a condition variable its workers waited on, and the CLI hung or aborted).
#include "common/Error.hpp"
#include "network/ThreadPool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <thread>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sqsnn {
namespace {

TEST(ThreadPool, EveryWorkerRunsEveryJob)
{
    ThreadPool pool(4);
    std::atomic<int> calls{0}, sum{0};
    for (int job = 0; job < 100; ++job)
        pool.run([&](int w) {
            ++calls;
            sum += w;
        });
    EXPECT_EQ(calls.load(), 400);
    EXPECT_EQ(sum.load(), 100 * (0 + 1 + 2 + 3));
}

// lineRange: the workers' ranges cover [0, n) in order without overlap, and every inner boundary
// of a large range starts a cache line of the array it was computed for, whatever the array's
// alignment, when the item stride allows one (so no two workers write one line of it).
TEST(ThreadPool, LineRangesSplitOnCacheLines)
{
    alignas(64) static double buffer[4096 + 64];
    for (int offset = 0; offset < 8; ++offset)
        for (int stride : {8, 16, 24})
            for (int workers : {2, 3, 4})
                for (int n : {7, 300, 1000, 1001}) {
                    const double *base = buffer + offset;
                    int next = 0, moved = 0;
                    for (int w = 0; w < workers; ++w) {
                        const auto [b, e] = ThreadPool::lineRange(n, w, workers, base, stride);
                        ASSERT_EQ(b, next);
                        ASSERT_LE(b, e);
                        next = e;
                        const auto [rb, re] = ThreadPool::range(n, w, workers);
                        ASSERT_LE(std::abs(b - rb), 32);
                        moved += b != rb;
                        // A line start exists among the items when gcd(stride, 64) divides the
                        // base's offset in its line.
                        const bool reachable = reinterpret_cast<std::uintptr_t>(base)
                                                   % std::uintptr_t(std::gcd(stride, 64)) == 0;
                        if (w > 0 && n / workers >= 128 && reachable) {
                            const auto addr = reinterpret_cast<std::uintptr_t>(base)
                                              + std::uintptr_t(b) * std::uintptr_t(stride);
                            EXPECT_EQ(addr % 64, 0u) << "offset " << offset << " stride " << stride
                                                     << " workers " << workers << " n " << n;
                        }
                    }
                    EXPECT_EQ(next, n);
                    if (n / workers < 128)
                        EXPECT_EQ(moved, 0) << "a small range keeps the even split";
                }
}

// In a child process whose address space is capped a little above what it uses, a pool of 200
// workers (8 MiB of stack each) cannot start. The child reports how it ended: 0 = the
// expected InputError, 3 = no error at all, 4 = another exception; a crash or a hang fails.
TEST(ThreadPool, ThreadsThatCannotStartFailCleanly)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    GTEST_SKIP() << "sanitizers reserve terabytes of shadow address space: an RLIMIT_AS cap "
                    "cannot be used under them (this runs in the plain build)";
#endif
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        long pages = 0;
        std::ifstream("/proc/self/statm") >> pages;
        const rlim_t used = rlim_t(pages) * rlim_t(::sysconf(_SC_PAGESIZE));
        const rlimit cap{used + (rlim_t(96) << 20), used + (rlim_t(96) << 20)};
        ::setrlimit(RLIMIT_AS, &cap);
        int code = 3;
        try {
            ThreadPool pool(200);
            pool.run([](int) {});
        } catch (const InputError &e) {
            const std::string what = e.what();
            code = what.rfind("could not start 199 worker threads (started ", 0) == 0 ? 0 : 5;
            std::fprintf(stderr, "%s\n", e.what());
        } catch (...) {
            code = 4;
        }
        std::fflush(stderr);
        ::_exit(code);
    }
    int status = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > until) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            FAIL() << "the pool hung when a thread could not start";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(WIFEXITED(status)) << "the child died of signal " << WTERMSIG(status);
    EXPECT_EQ(WEXITSTATUS(status), 0) << "3: no error, 4: another exception, 5: other message";
}

} // namespace
} // namespace sqsnn

// ThreadPool: every worker runs every job; and when the system refuses a thread, the
// constructor stops and joins the ones it started and throws InputError (issue 11 item 2: it
// used to destroy a condition variable its workers waited on, and the CLI hung or aborted).
#include "common/Error.hpp"
#include "network/ThreadPool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <thread>
#include <vector>

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

// runChunks: every chunk runs exactly once, on some worker (the caller included), whatever the
// pool size and however many chunks; with one worker, in order on the caller. And a worker that
// is held up does not hold up the rest: the others take its chunks.
TEST(ThreadPool, EveryChunkRunsOnceOnAWorkerThatIsFree)
{
    for (int workers : {1, 2, 3, 4}) {
        ThreadPool pool(workers);
        for (int chunks : {0, 1, 2, 5, 64}) {
            for (int job = 0; job < 20; ++job) {
                const std::size_t count = std::size_t(chunks);
                std::vector<std::atomic<int>> ran(count);
                std::atomic<int> badWorker{0};
                pool.runChunks(chunks, [&](int c, int w) {
                    ++ran[std::size_t(c)];
                    if (w < 0 || w >= workers)
                        ++badWorker;
                });
                for (int c = 0; c < chunks; ++c)
                    ASSERT_EQ(ran[std::size_t(c)].load(), 1) << workers << " workers, chunk " << c;
                EXPECT_EQ(badWorker.load(), 0);
            }
        }
    }
    ThreadPool single(1);
    std::vector<int> order;
    single.runChunks(4, [&](int c, int w) {
        EXPECT_EQ(w, 0);
        order.push_back(c);
    });
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));

    // Worker 1 sleeps in its first chunk (the caller's first chunk waits until the worker has
    // one); the caller must take all the others meanwhile instead of waiting at the join.
    ThreadPool pool(2);
    std::vector<int> owner(16, -1);
    std::atomic<bool> workerHasOne{false};
    pool.runChunks(16, [&](int c, int w) {
        owner[std::size_t(c)] = w;
        if (w == 1 && !workerHasOne.exchange(true)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            return;
        }
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (w == 0 && !workerHasOne.load() && std::chrono::steady_clock::now() < until)
            std::this_thread::yield();
    });
    ASSERT_TRUE(workerHasOne.load()) << "the worker never took a chunk";
    const int byCaller = int(std::count(owner.begin(), owner.end(), 0));
    const int byWorker = int(std::count(owner.begin(), owner.end(), 1));
    EXPECT_EQ(byCaller + byWorker, 16);
    EXPECT_GE(byCaller, 14) << "the caller waited for a sleeping worker's chunks";
}

// chunkBoundary: the pieces cover [0, n) in order, each boundary within a quarter of a piece of
// the even split, on a cache-line start of the array when one is that close.
TEST(ThreadPool, ChunkBoundariesCoverEverythingNearTheEvenSplit)
{
    alignas(64) static double buffer[4096 + 64];
    for (int offset = 0; offset < 8; ++offset)
        for (int stride : {0, 8, 16, 80})
            for (int chunks : {1, 2, 3, 8, 16})
                for (int n : {0, 5, 100, 1000, 1001}) {
                    const double *base = buffer + offset;
                    ASSERT_EQ(ThreadPool::chunkBoundary(n, 0, chunks, base, stride), 0);
                    ASSERT_EQ(ThreadPool::chunkBoundary(n, chunks, chunks, base, stride), n);
                    int prev = 0;
                    for (int b = 1; b < chunks; ++b) {
                        const int at = ThreadPool::chunkBoundary(n, b, chunks, base, stride);
                        const int even = int(long(n) * b / chunks);
                        ASSERT_GE(at, prev);
                        ASSERT_LE(std::abs(at - even), std::max(0, std::min(32, n / (4 * chunks))));
                        prev = at;
                        if (stride == 8 && n / (4 * chunks) >= 8) {
                            const auto addr = reinterpret_cast<std::uintptr_t>(base)
                                              + std::uintptr_t(at) * std::uintptr_t(stride);
                            EXPECT_EQ(addr % 64, 0u) << "n " << n << " chunks " << chunks;
                        }
                    }
                    ASSERT_LE(prev, n);
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

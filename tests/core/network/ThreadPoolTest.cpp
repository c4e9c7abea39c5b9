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

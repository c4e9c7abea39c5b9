#pragma once
// A tiny fork-join pool for the engine's per-step loops: run(f) calls f(worker) on every worker
// (the caller is worker 0) and returns when all are done. Work is split into fixed contiguous
// ranges by worker index, so results never depend on scheduling. A sample makes a few dozen
// such calls, so workers spin briefly (a few tens of microseconds) before they sleep, which
// keeps the hand-off cheap without burning a core while the run is paused.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sqsnn {

class ThreadPool
{
public:
    // Starts workers - 1 threads. When the system refuses one (thread limit, address space),
    // the ones started are stopped and joined and InputError "could not start N worker
    // threads (started K): <reason>; use fewer threads" is thrown.
    explicit ThreadPool(int workers);
    ~ThreadPool();
    ThreadPool(const ThreadPool &) = delete;
    ThreadPool &operator=(const ThreadPool &) = delete;

    int workers() const { return m_workers; }
    void run(const std::function<void(int)> &f);
    // [begin, end) of worker w when n items are split evenly.
    static std::pair<int, int> range(int n, int w, int workers)
    {
        return {int(long(n) * w / workers), int(long(n) * (w + 1) / workers)};
    }

private:
    void loop(int w);
    void stopAndJoin();

    int m_workers;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_start, m_done;
    const std::function<void(int)> *m_job = nullptr;
    std::atomic<long> m_generation{0};
    std::atomic<int> m_pending{0};
    std::atomic<bool> m_stop{false};
};

} // namespace sqsnn

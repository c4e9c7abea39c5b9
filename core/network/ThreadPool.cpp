#include "network/ThreadPool.hpp"
#include "common/Error.hpp"

#include <chrono>
#include <new>
#include <string>

namespace sqsnn {

namespace {
// How long a worker (or the caller) spins before blocking.
constexpr auto kSpin = std::chrono::microseconds(50);

inline void pause()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}
} // namespace

ThreadPool::ThreadPool(int workers)
    : m_workers(std::max(1, workers))
{
    m_threads.reserve(std::size_t(m_workers - 1));
    try {
        for (int w = 1; w < m_workers; ++w)
            m_threads.emplace_back([this, w] { loop(w); });
    } catch (const std::exception &e) { // std::system_error, or bad_alloc for a thread's state
        // The workers already started wait on m_start: stop and join them before the members
        // they use are destroyed (a throwing constructor runs no destructor of ours).
        const std::size_t started = m_threads.size();
        stopAndJoin();
        throw InputError("could not start " + std::to_string(m_workers - 1)
                         + " worker threads (started " + std::to_string(started)
                         + "): " + e.what() + "; use fewer threads");
    }
}

ThreadPool::~ThreadPool()
{
    stopAndJoin();
}

void ThreadPool::stopAndJoin()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        ++m_generation;
    }
    m_start.notify_all();
    for (auto &t : m_threads)
        t.join();
    m_threads.clear();
}

void ThreadPool::run(const std::function<void(int)> &f)
{
    if (m_workers == 1) {
        f(0);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_job = &f;
        m_pending.store(m_workers - 1, std::memory_order_relaxed);
        m_generation.fetch_add(1, std::memory_order_release);
    }
    m_start.notify_all();
    f(0);
    const auto until = std::chrono::steady_clock::now() + kSpin;
    while (m_pending.load(std::memory_order_acquire) != 0) {
        if (std::chrono::steady_clock::now() > until) {
            std::unique_lock lock(m_mutex);
            m_done.wait(lock, [this] { return m_pending.load() == 0; });
            break;
        }
        pause();
    }
}

void ThreadPool::runChunks(int chunks, const std::function<void(int, int)> &f)
{
    if (m_workers == 1 || chunks <= 1) {
        for (int c = 0; c < chunks; ++c)
            f(c, 0);
        return;
    }
    m_nextChunk.store(0, std::memory_order_relaxed); // published by run()'s release
    const std::function<void(int)> take = [&](int w) {
        for (int c; (c = m_nextChunk.fetch_add(1, std::memory_order_relaxed)) < chunks;)
            f(c, w);
    };
    run(take);
}

void ThreadPool::loop(int w)
{
    long seen = 0;
    for (;;) {
        // Spin for a new job, then sleep until one comes.
        const auto until = std::chrono::steady_clock::now() + kSpin;
        while (m_generation.load(std::memory_order_acquire) == seen
               && std::chrono::steady_clock::now() < until)
            pause();
        const std::function<void(int)> *job;
        {
            std::unique_lock lock(m_mutex);
            m_start.wait(lock, [&] { return m_generation.load() != seen; });
            if (m_stop)
                return;
            seen = m_generation.load();
            job = m_job;
        }
        (*job)(w);
        if (m_pending.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            std::lock_guard lock(m_mutex);
            m_done.notify_one();
        }
    }
}

void WorkerBuffers::Free::operator()(double *p) const
{
    ::operator delete[](p, std::align_val_t(ThreadPool::kCacheLine));
}

double *WorkerBuffers::get(int w, std::size_t n)
{
    Buf &b = m_bufs[std::size_t(w)];
    if (b.size < n) {
        // Whole lines, so the allocation's last line holds nothing of another's.
        const std::size_t perLine = ThreadPool::kCacheLine / sizeof(double);
        const std::size_t size = (n + perLine - 1) / perLine * perLine;
        b.data.reset(static_cast<double *>(
            ::operator new[](size * sizeof(double), std::align_val_t(ThreadPool::kCacheLine))));
        b.size = size;
    }
    return b.data.get();
}

} // namespace sqsnn

#include "network/ThreadPool.hpp"

namespace sqsnn {

ThreadPool::ThreadPool(int workers)
    : m_workers(std::max(1, workers))
{
    for (int w = 1; w < m_workers; ++w)
        m_threads.emplace_back([this, w] { loop(w); });
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_start.notify_all();
    for (auto &t : m_threads)
        t.join();
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
        m_pending = m_workers - 1;
        ++m_generation;
    }
    m_start.notify_all();
    f(0);
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_pending == 0; });
    m_job = nullptr;
}

void ThreadPool::loop(int w)
{
    long seen = 0;
    for (;;) {
        const std::function<void(int)> *job;
        {
            std::unique_lock lock(m_mutex);
            m_start.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop)
                return;
            seen = m_generation;
            job = m_job;
        }
        (*job)(w);
        {
            std::lock_guard lock(m_mutex);
            if (--m_pending == 0)
                m_done.notify_one();
        }
    }
}

} // namespace sqsnn

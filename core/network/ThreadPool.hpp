#pragma once
// A tiny fork-join pool for the engine's per-step loops: run(f) calls f(worker) on every worker
// (the caller is worker 0) and returns when all are done; runChunks(n, f) hands n fixed pieces
// of work to the workers as they come free. Work is split into fixed pieces (by worker index,
// or by chunk), so results never depend on scheduling. A sample makes a few dozen such calls,
// so workers spin briefly (a few tens of microseconds) before they sleep, which keeps the
// hand-off cheap without burning a core while the run is paused.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
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
    // Work cut into `chunks` fixed pieces: f(chunk, worker) runs once for every chunk, on
    // whichever worker takes it next (the caller is one), and run returns when all are done.
    // A worker that is slowed down (an interrupt, a cold cache, another job on its core) takes
    // fewer pieces instead of holding up the join. The pieces are fixed and every output item
    // belongs to one of them, so results still never depend on scheduling: the worker index
    // may only pick scratch space.
    void runChunks(int chunks, const std::function<void(int, int)> &f);
    // Pieces per worker for runChunks. One: a worker that comes late (descheduled, still
    // spinning up) finds its piece taken instead of holding up the join. Finer pieces were
    // measured slower on the 784-1000-10 step (2, 4, 8 a worker: 3-13% more time per call,
    // interleaved in one process): the currents' row loop pays its overhead once per piece.
    static constexpr int kChunksPerWorker = 1;
    // [begin, end) of worker w when n items are split evenly.
    static std::pair<int, int> range(int n, int w, int workers)
    {
        return {int(long(n) * w / workers), int(long(n) * (w + 1) / workers)};
    }

    // The same split with every inner boundary moved (by at most 32 items) to the nearest item
    // whose bytes start a cache line in an array at `base` with `stride` bytes per item, so
    // two workers never write the same line of it (false sharing: for a 1000-channel layer
    // split at 500, one line of every weight or gradient row, and of the currents for every
    // active input line, would bounce between the cores). Rows of a matrix keep the alignment
    // when a row is a multiple of 64 bytes. Results must not depend on the split (every item
    // is computed by one worker); small ranges keep the even split.
    static constexpr int kCacheLine = 64;
    static std::pair<int, int> lineRange(int n, int w, int workers, const void *base, int stride)
    {
        return {lineBoundary(n, w, workers, base, stride),
                lineBoundary(n, w + 1, workers, base, stride)};
    }
    static int lineBoundary(int n, int w, int workers, const void *base, int stride)
    {
        const int raw = int(long(n) * w / workers);
        if (w <= 0 || w >= workers || n / workers < 4 * 32)
            return raw;
        return nearestLineStart(raw, 32, base, stride);
    }
    // Boundary b of `chunks` pieces of n items (b = 0..chunks), moved to the nearest item that
    // starts a cache line of the array at `base` (`stride` bytes per item) when one is within
    // a quarter of a piece, so neighbouring pieces rarely write the same line.
    static int chunkBoundary(int n, int b, int chunks, const void *base, int stride)
    {
        const int raw = int(long(n) * b / chunks);
        if (b <= 0 || b >= chunks)
            return raw;
        return nearestLineStart(raw, std::min(32, n / (4 * chunks)), base, stride);
    }

private:
    // The item nearest to `raw` (at most `radius` away, the lower first on a tie) whose bytes
    // start a cache line of the array at `base`; `raw` when there is none.
    static int nearestLineStart(int raw, int radius, const void *base, int stride)
    {
        if (stride <= 0)
            return raw;
        const auto at = [&](int i) {
            return (reinterpret_cast<std::uintptr_t>(base) + std::uintptr_t(i) * std::uintptr_t(stride))
                   % kCacheLine == 0;
        };
        for (int d = 0; d <= radius; ++d) {
            if (at(raw - d))
                return raw - d;
            if (at(raw + d))
                return raw + d;
        }
        return raw;
    }

    void loop(int w);
    void stopAndJoin();

    int m_workers;
    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_start, m_done;
    const std::function<void(int)> *m_job = nullptr;
    // Each spun-on word on its own cache line: workers poll m_generation while they count
    // m_pending down and the caller polls that.
    alignas(kCacheLine) std::atomic<long> m_generation{0};
    alignas(kCacheLine) std::atomic<int> m_pending{0};
    alignas(kCacheLine) std::atomic<int> m_nextChunk{0};
    alignas(kCacheLine) std::atomic<bool> m_stop{false};
    char m_pad[kCacheLine - sizeof(std::atomic<bool>)];
};

// Scratch arrays of doubles, one per worker, each a separate 64-byte-aligned allocation made
// (and first touched) by the worker that uses it, so no two workers' scratch shares a line.
class WorkerBuffers
{
public:
    explicit WorkerBuffers(int workers) : m_bufs(std::size_t(std::max(1, workers))) {}
    // Worker w's array of at least n doubles (contents unspecified; grows, never shrinks).
    double *get(int w, std::size_t n);

private:
    struct Free { void operator()(double *p) const; };
    struct Buf
    {
        std::unique_ptr<double[], Free> data;
        std::size_t size = 0;
    };
    std::vector<Buf> m_bufs;
};

} // namespace sqsnn

// The MPI scheduler of `sqsnn experiment` (contract in MpiExperiment.hpp). All MPI calls are made
// by each rank's main thread (MPI_THREAD_FUNNELED); cells train on a CellRunner thread, which
// never touches MPI. Messages are short strings; every wait is a poll (MPI_Iprobe + 5 ms sleep)
// so that an idle rank does not spin a core and a silent rank can be timed out.
#include "mpi/MpiExperiment.hpp"

#include "common/Error.hpp"
#include "mpi/MpiCellRunner.hpp"

#include <mpi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

namespace sqsnn::cli {

namespace {

namespace fs = std::filesystem;

enum Tag : int { kReady = 1, kAssign = 2, kDone = 3, kBeat = 4, kStop = 5 };

double now()
{
    return MPI_Wtime();
}
void nap()
{
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

void send(int to, Tag tag, const std::string &text)
{
    MPI_Send(text.data(), int(text.size()), MPI_CHAR, to, tag, MPI_COMM_WORLD);
}

// A heartbeat that never blocks, even towards a dead peer: the buffer is static and the request
// is released at once.
void beat(int to)
{
    static const char kBeatText[] = "b";
    MPI_Request r;
    if (MPI_Isend(kBeatText, 1, MPI_CHAR, to, kBeat, MPI_COMM_WORLD, &r) == MPI_SUCCESS)
        MPI_Request_free(&r);
}

// The next message from `from` (or any rank), if one is waiting.
bool poll(int from, int &source, int &tag, std::string &text)
{
    int flag = 0;
    MPI_Status st;
    if (MPI_Iprobe(from, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st) != MPI_SUCCESS || !flag)
        return false;
    int count = 0;
    MPI_Get_count(&st, MPI_CHAR, &count);
    text.assign(std::size_t(count), '\0');
    MPI_Recv(text.data(), count, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    source = st.MPI_SOURCE;
    tag = st.MPI_TAG;
    return true;
}

std::string hostName()
{
    char h[256] = {};
    ::gethostname(h, sizeof h - 1);
    return h;
}

void say(const std::string &line)
{
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

// ---- a worker rank ------------------------------------------------------------------------

int workerLoop(const Experiment &e, const std::vector<ExperimentCell> &cells,
               const ExperimentOptions &opt, double timeout, int rank, const std::string &out,
               bool &skipFinalize)
{
    // As in a single-process run; on a shared file system rank 0 has made it already.
    std::error_code ec;
    fs::create_directories(fs::path(out) / "runs", ec);
    send(0, kReady, hostName());
    int killRank = -1, killNth = 0, given = 0;
    if (const char *k = std::getenv("SQSNN_MPI_TEST_KILL"))
        std::sscanf(k, "%d:%d", &killRank, &killNth);
    // The test hook fires on the training thread right after the first epoch's checkpoint is
    // saved (the progress line of that epoch), so the rank dies mid-cell at a known point.
    std::atomic<bool> armed {false};
    const std::string prefix = "[rank " + std::to_string(rank) + "] ";
    CellRunner runner(e, cells, opt, [prefix, &armed](const std::string &l) {
        say(prefix + l);
        if (armed && l.find(": epoch ") != std::string::npos) {
            say(prefix + "test hook: killing myself (SIGKILL) mid-cell");
            std::raise(SIGKILL);
        }
    });
    const double interval = std::max(0.05, timeout / 10);
    double lastBeat = 0, lastFromRoot = now(), startedAt = 0;
    int source, tag;
    std::string text;
    for (;;) {
        while (poll(0, source, tag, text)) {
            lastFromRoot = now();
            if (tag == kStop) {
                skipFinalize = text == "d";
                return 0;
            }
            if (tag == kAssign) {
                const int k = std::atoi(text.c_str());
                armed = ++given == killNth && rank == killRank
                    && !fs::exists(cells[std::size_t(k)].checkpoint);
                runner.start(k);
                lastBeat = startedAt = now();
            }
        }
        if (runner.busy() && now() - lastBeat > interval) {
            beat(0);
            lastBeat = now();
        }
        if (runner.finished()) {
            const CellRunner::Outcome o = runner.collect();
            // The cell's own run time, so that rank 0 can tell its hand-out overhead apart.
            char head[64];
            std::snprintf(head, sizeof head, "%d %d %.6f ", o.cell, o.status, now() - startedAt);
            send(0, kDone, head + o.error);
        }
        if (!runner.busy() && now() - lastFromRoot > timeout) {
            std::fprintf(stderr, "%srank 0 silent for %.0f s: giving up (a rerun resumes)\n",
                         prefix.c_str(), timeout);
            return 1;
        }
        nap();
    }
}

// ---- rank 0 -------------------------------------------------------------------------------

struct Remote
{
    int cell = -1; // the cell it trains, -1 = free
    double lastHeard = 0, assignedAt = 0;
    bool ready = false, dead = false;
    bool excluded = false; // does not share DIR with rank 0
    std::string host;
};

// Whether rank 0 sees a file another rank just wrote (a network file system may show it late).
// Waits at most `seconds`, which stays well below the rank timeout (rank 0 is deaf meanwhile).
bool visible(const std::string &path, double seconds)
{
    for (const double end = now() + seconds;;
         std::this_thread::sleep_for(std::chrono::milliseconds(50))) {
        if (fs::exists(path))
            return true;
        if (now() > end)
            return false;
    }
}

void rootLoop(const Experiment &e, const std::vector<ExperimentCell> &cells,
              const ExperimentOptions &opt, double timeout, int size, bool &skipFinalize)
{
    std::deque<int> pending;
    for (int k = 0; k < int(cells.size()); ++k)
        pending.push_back(k);
    std::vector<char> done(cells.size(), 0);
    std::size_t doneCount = 0;
    std::vector<Remote> remotes(static_cast<std::size_t>(size));
    std::string failure;
    int failureStatus = 0;
    CellRunner local(e, cells, opt, [](const std::string &l) { say("[rank 0] " + l); });
    const double interval = std::max(0.05, timeout / 10);
    double lastBeat = now();
    double overheadSum = 0, overheadMax = 0;
    int overheadCells = 0;

    auto finish = [&](int k, int status, const std::string &error) {
        if (status != 0 && failure.empty()) {
            failure = error;
            failureStatus = status;
        }
        if (status == 0 && !done[std::size_t(k)]) {
            done[std::size_t(k)] = 1;
            ++doneCount;
            std::erase(pending, k); // a cell re-queued for a rank presumed dead
        }
    };
    auto busy = [&] {
        bool any = local.busy();
        for (int r = 1; r < size; ++r)
            any = any || (!remotes[std::size_t(r)].dead && remotes[std::size_t(r)].cell >= 0);
        return any;
    };

    int source, tag;
    std::string text;
    while (doneCount < cells.size()) {
        while (poll(MPI_ANY_SOURCE, source, tag, text)) {
            Remote &w = remotes[std::size_t(source)];
            w.lastHeard = now();
            if (tag == kReady) {
                w.ready = true;
                w.host = text;
            } else if (tag == kDone) {
                int k = -1, status = 1;
                int used = 0;
                double ran = 0;
                std::sscanf(text.c_str(), "%d %d %lf %n", &k, &status, &ran, &used);
                if (!w.dead && w.cell == k) {
                    // Assignment sent .. result received, less the cell's own run time.
                    const double overhead = now() - w.assignedAt - ran;
                    overheadSum += overhead;
                    overheadMax = std::max(overheadMax, overhead);
                    ++overheadCells;
                }
                if (w.dead)
                    say("rank " + std::to_string(source)
                        + " presumed dead finished its cell after "
                          "all; it takes cells again");
                w.dead = false;
                w.cell = -1;
                if (k < 0 || k >= int(cells.size()))
                    continue;
                if (status == 0 && !done[std::size_t(k)]
                    && !visible(cells[std::size_t(k)].checkpoint, std::min(5.0, timeout / 4))) {
                    // The rank wrote its checkpoint somewhere rank 0 cannot see.
                    say("rank " + std::to_string(source) + " on host " + w.host
                        + " finished a cell, but its checkpoint " + cells[std::size_t(k)].checkpoint
                        + " is not visible here: that rank does not share the output directory "
                          "(MPI runs need one shared file system, under the same path on every "
                          "rank); it gets no more cells and the cell is trained again");
                    w.excluded = true;
                    pending.push_front(k);
                    continue;
                }
                finish(k, status,
                       "rank " + std::to_string(source) + " on host " + w.host + ": "
                           + text.substr(std::size_t(used)));
            }
        }
        for (int r = 1; r < size; ++r) {
            Remote &w = remotes[std::size_t(r)];
            if (!w.dead && w.cell >= 0 && now() - w.lastHeard > timeout) {
                say("rank " + std::to_string(r) + " silent for " + std::to_string(int(timeout))
                    + " s: presumed dead; its cell (" + e.models[cells[std::size_t(w.cell)].model].name
                    + " seed " + std::to_string(cells[std::size_t(w.cell)].seed)
                    + ") goes back to the queue and resumes from its last checkpoint");
                if (!done[std::size_t(w.cell)])
                    pending.push_front(w.cell);
                w.dead = true;
                w.cell = -1;
            }
        }
        if (local.finished()) {
            const CellRunner::Outcome o = local.collect();
            finish(o.cell, o.status, o.error);
        }
        if (!failure.empty()) {
            if (!busy())
                break;
        } else {
            for (int r = 1; r < size && !pending.empty(); ++r) {
                Remote &w = remotes[std::size_t(r)];
                if (w.ready && !w.dead && !w.excluded && w.cell < 0) {
                    w.cell = pending.front();
                    pending.pop_front();
                    w.lastHeard = w.assignedAt = now();
                    send(r, kAssign, std::to_string(w.cell));
                }
            }
            if (!local.busy() && !local.finished() && !pending.empty()) {
                local.start(pending.front());
                pending.pop_front();
            }
        }
        if (now() - lastBeat > interval) {
            for (int r = 1; r < size; ++r)
                if (!remotes[std::size_t(r)].dead)
                    beat(r);
            lastBeat = now();
        }
        nap();
    }
    if (overheadCells > 0) {
        char line[160];
        std::snprintf(line, sizeof line,
                      "MPI overhead per cell handed out: mean %.1f ms, max %.1f ms (%d cells)",
                      1e3 * overheadSum / overheadCells, 1e3 * overheadMax, overheadCells);
        say(line);
    }
    // Everyone stops; ranks presumed dead get a stop that cannot block (they may be alive). With
    // a rank dead, MPI_Finalize may wait for it forever (its closing fence counts every rank),
    // so then the stop says "d" and no rank finalizes: mpirun --enable-recovery accepts that.
    for (int r = 1; r < size; ++r)
        skipFinalize = skipFinalize || remotes[std::size_t(r)].dead;
    for (int r = 1; r < size; ++r) {
        static const char kStopText[] = "s", kStopDeadText[] = "d";
        MPI_Request req;
        if (MPI_Isend(skipFinalize ? kStopDeadText : kStopText, 1, MPI_CHAR, r, kStop,
                      MPI_COMM_WORLD, &req)
            == MPI_SUCCESS) {
            if (remotes[std::size_t(r)].dead)
                MPI_Request_free(&req);
            else
                MPI_Wait(&req, MPI_STATUS_IGNORE);
        }
    }
    if (!failure.empty()) {
        if (failureStatus == 2)
            throw InputError(failure);
        throw std::runtime_error(failure);
    }
}

// MPI_Init_thread .. MPI_Finalize around one call.
struct MpiSession
{
    MpiSession()
    {
        int provided = 0;
        MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
        // Errors come back as codes (a dead peer must not abort rank 0).
        MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank);
        MPI_Comm_size(MPI_COMM_WORLD, &size);
    }
    ~MpiSession()
    {
        if (!skipFinalize)
            MPI_Finalize();
    }
    int rank = 0, size = 1;
    bool skipFinalize = false;
};

} // namespace

bool launchedByMpi()
{
    for (const char *v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "PMI_RANK"})
        if (std::getenv(v))
            return true;
    return false;
}

MpiExperimentResult runMpiExperiment(const std::string &path, const std::string &out,
                                     const ExperimentOptions &options, double rankTimeout,
                                     const std::string &command)
{
    MpiSession mpi;
    MpiExperimentResult result;
    result.root = mpi.rank == 0;
    if (mpi.size == 1)
        return result;
    result.distributed = true;
    if (options.jobs > 1) {
        if (mpi.rank == 0)
            throw InputError("--jobs: under MPI every rank trains one cell at a time; use "
                             "mpirun -np K (and --threads per rank) instead");
        result.exitCode = 2;
        return result;
    }

    // Rank 0 creates DIR/runs; if it cannot, nobody starts (one flag for all).
    char ok = 1;
    std::string setupError;
    if (mpi.rank == 0) {
        std::error_code ec;
        fs::create_directories(fs::path(out) / "runs", ec);
        if (ec) {
            setupError = out + "/runs: cannot create the directory: " + ec.message();
            ok = 0;
        }
    }
    MPI_Bcast(&ok, 1, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (!ok) {
        if (mpi.rank == 0)
            throw InputError(setupError);
        result.exitCode = 2;
        return result;
    }

    Experiment e;
    try {
        e = loadExperiment(path);
    } catch (const InputError &) {
        if (mpi.rank == 0)
            throw;
        result.exitCode = 2; // rank 0 prints the one line
        return result;
    }
    const std::vector<ExperimentCell> cells = experimentCells(e, out, options.tiny);
    if (mpi.rank != 0) {
        result.exitCode
            = workerLoop(e, cells, options, rankTimeout, mpi.rank, out, mpi.skipFinalize);
        return result;
    }
    say(path + ": " + std::to_string(cells.size()) + " cells over " + std::to_string(mpi.size)
        + " MPI ranks (rank 0 on " + hostName() + " hands them out)");
    rootLoop(e, cells, options, rankTimeout, mpi.size, mpi.skipFinalize);
    writeExperimentOutputs(e, experimentRows(e, cells), out,
                           "mpirun -np " + std::to_string(mpi.size) + " " + command);
    return result;
}

} // namespace sqsnn::cli

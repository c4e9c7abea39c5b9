// `sqsnn experiment` under a real `mpirun` (Open MPI, oversubscribed on the CI's 2 cores): the
// ranks' results equal the single-process run's, a worker killed mid-grid (SIGKILL) is replaced
// and its cell resumed from its checkpoint, a killed job resumes without recomputing
// finished cells, and a rank that does not share the output directory is named and left out.
// Tiny grid: 2 models x 3 seeds x 2 epochs of the temporal-order task.
#include "project/ProjectIo.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct TempDir
{
    explicit TempDir(const std::string &name)
        : path(fs::temp_directory_path() / ("sqsnn-mpi-" + name + "-" + std::to_string(::getpid())))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path path;
};

struct Shell
{
    int code = -1;
    std::string output;
};

Shell shell(const std::string &command)
{
    Shell r;
    FILE *p = ::popen((command + " 2>&1").c_str(), "r");
    if (!p)
        return r;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
        r.output.append(buf, n);
    const int status = ::pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

std::string readFile(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// results.csv without its two timing columns (seconds, samples_per_second), which differ by run.
std::string accuracyColumns(const fs::path &csv)
{
    std::istringstream in(readFile(csv));
    std::string out;
    for (std::string line; std::getline(in, line);) {
        for (int k = 0; k < 2; ++k)
            line = line.substr(0, line.rfind(','));
        out += line + "\n";
    }
    return out;
}

std::string writeGrid(const fs::path &dir)
{
    const fs::path file = dir / "tiny.experiment.json";
    std::ofstream(file) << R"({"title": "MPI tiny grid", "base": ")" << SQSNN_SOURCE_DIR
                        << R"(/projects/temporal-memory.sqsnn.json",
        "seeds": [1, 2, 3], "epochs": 2,
        "overrides": {"data": {"train_samples": 100, "test_samples": 40}},
        "models": [{"name": "SQS"}, {"name": "LIF", "kind": "lif"}]})";
    return file.string();
}

std::string mpirun(int ranks, const std::string &extra)
{
    // `timeout`: a scheduler that never finishes fails the test instead of hanging CI.
    return std::string("timeout -k 5 120 ") + SQSNN_MPIEXEC
        + " --oversubscribe --allow-run-as-root " + extra + " -np " + std::to_string(ranks) + " "
        + SQSNN_CLI + " experiment ";
}

// The single-process run of the grid, made once.
const std::string &reference()
{
    static const std::string csv = [] {
        TempDir dir("ref");
        const std::string grid = writeGrid(dir.path);
        const Shell r = shell(std::string(SQSNN_CLI) + " experiment " + grid + " --out "
                              + (dir.path / "out").string() + " --threads 1");
        EXPECT_EQ(r.code, 0) << r.output;
        return accuracyColumns(dir.path / "out" / "results.csv");
    }();
    return csv;
}

} // namespace

TEST(MpiExperiment, ThreeRanksGiveTheSingleProcessResults)
{
    ASSERT_EQ(std::count(reference().begin(), reference().end(), '\n'), 1 + 2 * 3 * 2);
    TempDir dir("np3");
    const std::string grid = writeGrid(dir.path);
    const Shell r
        = shell(mpirun(3, "") + grid + " --out " + (dir.path / "out").string() + " --threads 1");
    ASSERT_EQ(r.code, 0) << r.output;
    EXPECT_NE(r.output.find("6 cells over 3 MPI ranks"), std::string::npos) << r.output;
    // The cells really were spread: some rank other than 0 trained one.
    EXPECT_TRUE(r.output.find("[rank 1] run") != std::string::npos
                || r.output.find("[rank 2] run") != std::string::npos)
        << r.output;
    EXPECT_EQ(accuracyColumns(dir.path / "out" / "results.csv"), reference());
    EXPECT_NE(readFile(dir.path / "out" / "summary.md").find("Produced by `mpirun -np 3 sqsnn"),
              std::string::npos);
}

TEST(MpiExperiment, AWorkerKilledMidGridIsReplacedAndTheGridCompletes)
{
    TempDir dir("kill");
    const std::string grid = writeGrid(dir.path);
    // Rank 2 dies (SIGKILL) after the first epoch of its first cell; --enable-recovery keeps
    // the job alive, and rank 0 notices the silence after 2 s.
    const Shell r
        = shell("SQSNN_MPI_TEST_KILL=2:1 " + mpirun(3, "--enable-recovery -x SQSNN_MPI_TEST_KILL")
                + grid + " --out " + (dir.path / "out").string() + " --threads 1 --rank-timeout 2");
    ASSERT_EQ(r.code, 0) << r.output;
    EXPECT_NE(r.output.find("[rank 2] test hook: killing myself"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("rank 2 silent for 2 s: presumed dead"), std::string::npos) << r.output;
    // Its cell was picked up from the checkpoint of its first epoch, not from scratch.
    EXPECT_NE(r.output.find("1/2 epochs done"), std::string::npos) << r.output;
    EXPECT_EQ(accuracyColumns(dir.path / "out" / "results.csv"), reference());
}

TEST(MpiExperiment, AKilledJobResumesWithoutRecomputingFinishedCells)
{
    TempDir dir("resume");
    const std::string grid = writeGrid(dir.path);
    const std::string out = (dir.path / "out").string();
    // Without --enable-recovery Open MPI ends the whole job when rank 1 dies after the first
    // epoch of its first cell (rank 0 trains cells too, so by then it has finished some; rank 1
    // may get only one cell on a quiet machine, so the hook must not wait for a second one).
    const Shell killed = shell("SQSNN_MPI_TEST_KILL=1:1 " + mpirun(2, "-x SQSNN_MPI_TEST_KILL")
                               + grid + " --out " + out + " --threads 1");
    ASSERT_NE(killed.code, 0) << killed.output;
    ASSERT_NE(killed.output.find("[rank 1] test hook: killing myself"), std::string::npos)
        << killed.output;
    EXPECT_FALSE(fs::exists(dir.path / "out" / "results.csv"));

    std::map<std::string, std::string> finished; // checkpoint -> its bytes
    int unfinished = 0;
    for (const auto &f : fs::directory_iterator(dir.path / "out" / "runs")) {
        if (!f.path().string().ends_with(".sqsnn.json"))
            continue;
        if (sqsnn::loadProject(f.path().string()).history.size() == 2)
            finished[f.path().string()] = readFile(f.path());
        else
            ++unfinished;
    }
    ASSERT_GE(finished.size(), 1u);
    ASSERT_GE(unfinished, 1); // the cell rank 1 died in
    ASSERT_LT(finished.size(), 6u);

    const Shell rerun = shell(mpirun(2, "") + grid + " --out " + out + " --threads 1");
    ASSERT_EQ(rerun.code, 0) << rerun.output;
    for (const auto &[path, bytes] : finished)
        EXPECT_EQ(readFile(path), bytes) << path << " was rewritten";
    // Finished cells train no epoch: as many "2/2 epochs done" starts as finished cells.
    std::size_t starts = 0;
    for (std::size_t at = 0; (at = rerun.output.find("2/2 epochs done", at)) != std::string::npos;
         ++at)
        ++starts;
    EXPECT_EQ(starts, finished.size()) << rerun.output;
    EXPECT_EQ(accuracyColumns(dir.path / "out" / "results.csv"), reference());
}

TEST(MpiExperiment, ARankThatDoesNotShareTheOutputDirectoryIsNamedAndLeftOut)
{
    // Two working directories and a relative --out: rank 1 writes its checkpoints where rank 0
    // cannot see them (as on a node without the shared file system).
    TempDir dir("noshare");
    const std::string grid = writeGrid(dir.path);
    fs::create_directories(dir.path / "a");
    fs::create_directories(dir.path / "b");
    const std::string args = " experiment " + grid + " --out out --threads 1";
    const Shell r = shell("timeout -k 5 120 " + std::string(SQSNN_MPIEXEC)
                          + " --oversubscribe --allow-run-as-root -np 1 -wdir "
                          + (dir.path / "a").string() + " " + SQSNN_CLI + args + " : -np 1 -wdir "
                          + (dir.path / "b").string() + " " + SQSNN_CLI + args);
    ASSERT_EQ(r.code, 0) << r.output;
    EXPECT_NE(r.output.find("that rank does not share the output directory"), std::string::npos)
        << r.output;
    EXPECT_EQ(accuracyColumns(dir.path / "a" / "out" / "results.csv"), reference());
}

TEST(MpiExperiment, BadOptionsGetOneLineNamingTheOption)
{
    TempDir dir("bad");
    const std::string grid = writeGrid(dir.path);
    const std::string out = " --out " + (dir.path / "out").string();
    Shell r = shell(std::string(SQSNN_CLI) + " experiment " + grid + out + " --threads 0");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.output.find("--threads: must be 1..256, got '0'"), std::string::npos) << r.output;
    r = shell(std::string(SQSNN_CLI) + " experiment " + grid + out + " --rank-timeout soon");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.output.find("--rank-timeout: must be 0.5..86400 seconds, got 'soon'"),
              std::string::npos)
        << r.output;
    // Under MPI every rank trains one cell at a time: --jobs is refused, by rank 0 only.
    r = shell(mpirun(2, "") + grid + out + " --jobs 2");
    EXPECT_NE(r.code, 0);
    const std::string line = "--jobs: under MPI every rank trains one cell at a time";
    const std::size_t first = r.output.find(line);
    EXPECT_NE(first, std::string::npos) << r.output;
    EXPECT_EQ(r.output.find(line, first + 1), std::string::npos) << "printed twice:\n" << r.output;
    EXPECT_FALSE(fs::exists(dir.path / "out" / "results.csv"));
}

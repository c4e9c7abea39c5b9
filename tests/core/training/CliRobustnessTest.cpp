// Issue 11's probe, each item against the real `sqsnn` binary and real files: bad arguments
// exit 2 with one line naming the argument and its range; metrics.csv and the trained project
// survive a folder in the way, a full disk and kill -9; messages never echo raw bytes.
#include "project/ProjectIo.hpp"
#include "training/Metrics.hpp"

#include <gtest/gtest.h>

#include "support/RunCli.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

namespace fs = std::filesystem;
using sqsnn::test::CliRun;
using sqsnn::test::runCli;

namespace {

struct TempDir
{
    TempDir()
        : path(fs::temp_directory_path()
               / ("sqsnn-robust-" + std::to_string(::getpid()) + "-" + std::to_string(++count)))
    {
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path path;
    static inline int count = 0;
};

std::string readAll(const fs::path &p)
{
    std::stringstream s;
    s << std::ifstream(p, std::ios::binary).rdbuf();
    return s.str();
}

void writeAll(const fs::path &p, const std::string &text)
{
    std::ofstream(p, std::ios::binary) << text;
}

// The quickstart, small: a few samples, `epochs` epochs.
std::string tinyProject(const fs::path &dir, int epochs, int train = 40)
{
    sqsnn::Project p =
        sqsnn::loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json");
    p.data.trainSamples = train;
    p.data.testSamples = 20;
    p.training.epochs = epochs;
    const std::string path = (dir / "tiny.sqsnn.json").string();
    sqsnn::saveProject(p, path);
    return path;
}

int lineCount(const std::string &s)
{
    return int(std::count(s.begin(), s.end(), '\n'));
}

// Exit 2 and exactly one line on stderr that contains every `needle`.
void expectRefused(const std::string &args, std::initializer_list<std::string> needles)
{
    const CliRun r = runCli(args);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
    EXPECT_EQ(lineCount(r.err), 1) << args << "\n" << r.err;
    for (const auto &n : needles)
        EXPECT_NE(r.err.find(n), std::string::npos) << args << ": no '" << n << "' in " << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << args << "\n" << r.err;
}

std::vector<fs::path> temporariesIn(const fs::path &dir)
{
    std::vector<fs::path> out;
    for (const auto &e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(".tmp-") != std::string::npos)
            out.push_back(e.path());
    return out;
}

} // namespace

// Item 7 (and 9: the help text, the doubled prefix).
TEST(CliRobustness, BadArgumentsExitTwoNamingTheArgumentAndRange)
{
    TempDir dir;
    const std::string proj = tinyProject(dir.path, 1);
    for (const char *v : {"abc", "inf", "1e308", "0", "-1", "nan"})
        expectRefused(std::string("bench neuron --seconds ") + v, {"--seconds", "(0, 3600]"});
    for (const char *v : {"abc", "4294967297", "-1", "0", "257", "1.5"})
        expectRefused(std::string("bench neuron --threads ") + v, {"--threads", "1..256"});
    expectRefused("bench neuron --steps 3", {"--steps"});
    const CliRun bench = runCli("bench neuron --steps 3");
    EXPECT_EQ(bench.err.find("bench: bench"), std::string::npos) << bench.err;
    const CliRun help = runCli("help");
    EXPECT_EQ(help.out.find("--steps"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("bench neuron [--seconds S] [--threads K] [--compare]"), std::string::npos);

    for (const char *v : {"abc", "1e12", "-1", "99999999999"})
        expectRefused("export-qasm " + proj + " --neuron hidden:0 --sample " + v, {"--sample"});
    for (const char *v : {"hidden:abc", "hidden:4294967296", "hidden:-1", "hidden:"})
        expectRefused("export-qasm " + proj + " --neuron " + v, {"--neuron"});

    for (const char *v : {"-1", "abc", "100001", "1e3"})
        expectRefused("train " + proj + " --epochs " + v, {"--epochs", "0..100000"});
    for (const char *v : {"abc", "-1", "4294967297", "257"}) {
        expectRefused("train " + proj + " --threads " + v, {"--threads", "0..256"});
        expectRefused("eval " + proj + " --threads " + v, {"--threads", "0..256"});
    }
    const fs::path file = dir.path / "a-file";
    writeAll(file, "not a folder\n");
    expectRefused("train " + proj + " --out " + file.string(), {"--out", "not a directory"});
    EXPECT_EQ(readAll(file), "not a folder\n");
    expectRefused("train " + proj + " --out", {"--out", "missing value"});
}

// Item 4: an input population has no circuit.
TEST(CliRobustness, ExportQasmOfAnInputPopulationIsRefused)
{
    TempDir dir;
    const std::string proj = tinyProject(dir.path, 1);
    expectRefused("export-qasm " + proj + " --neuron image:0", {"--neuron", "'image'", "input"});
}

// Item 1: metrics.csv is a folder -> exit 2 before training, nothing claimed.
TEST(CliRobustness, MetricsCsvThatIsAFolderIsRefused)
{
    TempDir dir;
    const std::string proj = tinyProject(dir.path, 1);
    fs::create_directories(dir.path / "out" / "metrics.csv");
    const CliRun r = runCli("train " + proj + " --out " + (dir.path / "out").string());
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_NE(r.err.find("metrics.csv"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("wrote"), std::string::npos) << r.out;
}

// Item 6: nothing to train -> no "wrote", and the results there are left as they are.
TEST(CliRobustness, ZeroEpochsToGoWritesNothingAndSaysSo)
{
    TempDir dir;
    const std::string proj = tinyProject(dir.path, 1);
    const fs::path out = dir.path / "out";
    ASSERT_EQ(runCli("train " + proj + " --out " + out.string()).status, 0);
    const std::string csv = readAll(out / "metrics.csv"), trained = readAll(out / "tiny.sqsnn.json");
    ASSERT_EQ(lineCount(csv), 2) << csv;
    const CliRun again = runCli("train " + (out / "tiny.sqsnn.json").string() + " --out " + out.string());
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.out.find("wrote"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("no epochs to go"), std::string::npos) << again.out;
    EXPECT_EQ(readAll(out / "metrics.csv"), csv);
    EXPECT_EQ(readAll(out / "tiny.sqsnn.json"), trained);
}

// Item 1: a real full disk (a 1 MiB tmpfs): train exits 2 naming the file, the good
// metrics.csv and project already there are intact, and no temporary file is left.
TEST(CliRobustness, FullDiskLeavesTheOldResultsIntact)
{
    TempDir dir;
    const std::string proj = tinyProject(dir.path, 1);
    const fs::path mnt = dir.path / "small";
    fs::create_directories(mnt);
    if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=1m") != 0)
        GTEST_SKIP() << "cannot mount a tmpfs here (needs root): " << std::strerror(errno);
    struct Unmount
    {
        fs::path p;
        ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
    } unmount{mnt};
    const std::string goodCsv = "epoch,train_loss\n1,0.5\n";
    writeAll(mnt / "metrics.csv", goodCsv);
    // Fill the disk: the first bytes of the new project no longer fit.
    {
        std::ofstream fill(mnt / "filler", std::ios::binary);
        const std::string block(4096, 'x');
        while (fill.write(block.data(), std::streamsize(block.size())) && fill.flush()) {}
    }
    const CliRun r = runCli("train " + proj + " --out " + mnt.string());
    EXPECT_EQ(r.status, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
    EXPECT_EQ(lineCount(r.err), 1) << r.err;
    EXPECT_EQ(r.out.find("wrote"), std::string::npos) << r.out;
    EXPECT_EQ(readAll(mnt / "metrics.csv"), goodCsv);
    EXPECT_TRUE(temporariesIn(mnt).empty());
}

// Items 1 and 5: kill -9 at varied moments of a run. Every time, metrics.csv is absent or a
// complete file that never runs ahead of the checkpoint; the checkpoint loads. Resuming then
// removes whatever temporary files the killed writer left.
TEST(CliRobustness, KillDashNineNeverCostsTheResults)
{
    TempDir dir;
    const std::string proj = tinyProject(dir.path, 40, 8);
    const fs::path out = dir.path / "out";
    const std::string cli = SQSNN_CLI;
    int killedWithResults = 0;
    for (int trial = 0; trial < 8; ++trial) {
        std::vector<std::string> argv{cli, "train", proj, "--out", out.string()};
        std::vector<char *> cargv;
        for (auto &a : argv)
            cargv.push_back(a.data());
        cargv.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        ASSERT_EQ(posix_spawn(&pid, cli.c_str(), &fa, nullptr, cargv.data(), environ), 0);
        posix_spawn_file_actions_destroy(&fa);
        // Trial 0 kills at once; the others once a first epoch is on disk (however loaded the
        // machine is), then after a varied delay, so kills land in both writes and in training.
        if (trial > 0) {
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
            while (!fs::exists(out / "metrics.csv") && std::chrono::steady_clock::now() < until
                   && ::waitpid(pid, nullptr, WNOHANG) == 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(37 * trial));
        ::kill(pid, SIGKILL);
        int st = 0;
        ::waitpid(pid, &st, 0);
        if (!fs::exists(out / "metrics.csv"))
            continue;
        const auto rows = sqsnn::readMetricsCsv((out / "metrics.csv").string());
        ASSERT_TRUE(fs::exists(out / "tiny.sqsnn.json")) << "trial " << trial;
        const sqsnn::Project saved = sqsnn::loadProject((out / "tiny.sqsnn.json").string());
        EXPECT_LE(rows.size(), saved.history.size()) << "trial " << trial << ": CSV ahead";
        ++killedWithResults;
    }
    EXPECT_GT(killedWithResults, 0) << "no trial got as far as one epoch";
    // Leftovers of a killed writer, of our naming: a project and a CSV temporary, made old.
    const fs::path staleProject = out / "tiny.sqsnn.json.tmp-AbC123";
    const fs::path staleCsv = out / "metrics.csv.tmp-xYz789";
    const fs::path notOurs = out / "tiny.sqsnn.json.tmp-notours";
    for (const auto &p : {staleProject, staleCsv, notOurs}) {
        writeAll(p, "{\"half");
        fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::minutes(5));
    }
    const CliRun resume =
        runCli("train " + (out / "tiny.sqsnn.json").string() + " --out " + out.string()
               + " --epochs 41");
    EXPECT_EQ(resume.status, 0) << resume.err;
    EXPECT_FALSE(fs::exists(staleProject));
    EXPECT_FALSE(fs::exists(staleCsv));
    EXPECT_TRUE(fs::exists(notOurs)) << "not of our naming: must be left alone";
}

// Item 10: raw bytes of a bad file are escaped, never echoed.
TEST(CliRobustness, MessagesEscapeBytesThatAreNotPrintableUtf8)
{
    TempDir dir;
    const fs::path bad = dir.path / "bad.sqsnn.json";
    writeAll(bad, std::string("{\"format_version\": 1, \"title\": \"caf\xc3\xa9\" \xff\xfe}"));
    const fs::path spec = dir.path / "bad-neuron.json";
    writeAll(spec, std::string("{\"io_qubits\": 1 \xff\x01}"));
    for (const auto &args : {"info " + bad.string(), "eval " + bad.string(),
                             "train " + bad.string() + " --out " + (dir.path / "o").string(),
                             "neuron " + spec.string()}) {
        const CliRun r = runCli(args);
        EXPECT_EQ(r.status, 2) << args << r.err;
        EXPECT_EQ(r.err.find('\xff'), std::string::npos) << args << ": raw byte in " << r.err;
        EXPECT_EQ(r.err.find('\x01'), std::string::npos) << args << ": raw byte in " << r.err;
        EXPECT_NE(r.err.find("\\xff"), std::string::npos) << args << r.err;
        EXPECT_EQ(r.err.find("[json.exception"), std::string::npos) << args << r.err;
        EXPECT_EQ(lineCount(r.err), 1) << args << r.err;
    }
}

// Item 9: a neuron spec's messages: the file, no library prefix; 1e999 is bad input (exit 2).
// Item 8: z = 1e308 gives no "null" probabilities.
TEST(CliRobustness, NeuronSpecMessagesNameTheFile)
{
    TempDir dir;
    const fs::path spec = dir.path / "n.json";
    writeAll(spec, "{\"io_qubits\": 1, \"memory_qubits\": 1, \"params\": [1, 2, 3], \"inputs\": [[1e999]]}");
    expectRefused("neuron " + spec.string(), {spec.string(), "1e999"});
    writeAll(spec, "{\"io_qubits\": 1, \"memory_qubits\": 1, \"inputs\": [[1 2]]}");
    expectRefused("neuron " + spec.string(), {spec.string(), "line 1, column"});
    writeAll(spec, "{\"io_qubits\": 1, \"memory_qubits\": 1, \"params\": [1, 2, 3], \"inputs\": [[1e308]]}");
    const CliRun big = runCli("neuron " + spec.string());
    EXPECT_EQ(big.out.find("null"), std::string::npos) << big.out;
    if (big.status != 0) {
        EXPECT_EQ(big.status, 2) << big.err;
        EXPECT_NE(big.err.find(spec.string()), std::string::npos) << big.err;
    }
}

// Item 9: `info` on a network with a problem says it on stderr too (exit 2).
TEST(CliRobustness, InfoReportsProblemsOnStandardError)
{
    TempDir dir;
    sqsnn::Project p =
        sqsnn::loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json");
    ASSERT_GE(p.network.projections.size(), 2u);
    auto back = p.network.projections.back();
    std::swap(back.from, back.to); // out -> hidden: closes a cycle without delay
    back.delay = 0;
    p.network.projections.push_back(back);
    const std::string proj = (dir.path / "cyclic.sqsnn.json").string();
    sqsnn::saveProject(p, proj);
    const CliRun r = runCli("info " + proj);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("cycle"), std::string::npos) << "stderr: '" << r.err << "'";
    EXPECT_NE(r.err.find(proj), std::string::npos) << r.err;
}

namespace {

// Runs the CLI with stdout and stderr to /dev/null; returns (exit status, peak RSS in bytes).
// posix_spawn (vfork-like) so the child's peak is its own, not a copy of ours.
std::pair<int, double> peakRss(const std::vector<std::string> &args)
{
    std::vector<std::string> argv{SQSNN_CLI};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char *> cargv;
    for (auto &a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, SQSNN_CLI, &fa, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return {-1, 0};
    int st = 0;
    rusage ru{};
    ::wait4(pid, &st, 0, &ru);
    return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, double(ru.ru_maxrss) * 1024};
}

} // namespace

// Item 11: memory in proportion to the file. A project whose `ui` is 100,000 small objects
// (~3.7 MB of text): `info` holds the JSON tree once (the text freed, ui moved, not copied).
// Measured: 9x the file above a small project's peak; before, 19x (and 11 s: the parser
// callback nlohmann uses for a depth limit scans the enclosing array at every object's end).
TEST(CliRobustness, LoadingABigUiStaysInProportionToTheFile)
{
    TempDir dir;
    sqsnn::Project p =
        sqsnn::loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json");
    const std::string small = (dir.path / "small.sqsnn.json").string();
    sqsnn::saveProject(p, small);
    // The file is written as text (no big tree in this process: a spawned child's peak RSS
    // starts from its parent's until exec).
    p.ui = {{"nodes", "@NODES@"}};
    std::string text = sqsnn::projectToJson(p).dump();
    std::string nodes = "[";
    for (int i = 0; i < 100'000; ++i)
        nodes += (i ? "," : "") + std::string("{\"x\":1.5,\"y\":2.5,\"name\":\"node")
                 + std::to_string(i) + "\"}";
    nodes += "]";
    text.replace(text.find("\"@NODES@\""), 9, nodes);
    const std::string big = (dir.path / "big.sqsnn.json").string();
    writeAll(big, text);
    text.clear();
    text.shrink_to_fit();
    nodes.clear();
    nodes.shrink_to_fit();
    const double bytes = double(fs::file_size(big));
    ASSERT_GT(bytes, 3e6);
    const auto [s0, base] = peakRss({"info", small});
    const auto [s1, peak] = peakRss({"info", big});
    ASSERT_EQ(s0, 0);
    ASSERT_EQ(s1, 0);
    std::printf("info: %.1f MB peak above %.1f MB for a %.1f MB file (%.1fx)\n",
                (peak - base) / 1e6, base / 1e6, bytes / 1e6, (peak - base) / bytes);
    EXPECT_LT(peak - base, 12 * bytes) << "peak " << peak / 1e6 << " MB above " << base / 1e6
                                       << " MB for a " << bytes / 1e6 << " MB file";
}

// Item 9: a message about a project's parameters names the project file (params-short).
TEST(CliRobustness, ShortParametersNameTheFile)
{
    TempDir dir;
    sqsnn::Project p =
        sqsnn::loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json");
    p.data.trainSamples = 4;
    p.data.testSamples = 4;
    p.parameters["population/hidden"] = {0.1, 0.2};
    const std::string proj = (dir.path / "short.sqsnn.json").string();
    sqsnn::saveProject(p, proj);
    for (const std::string cmd : {"eval ", "train ", "export-qasm "}) {
        const std::string extra = cmd == "train " ? " --out " + (dir.path / "o").string()
                                  : cmd == "export-qasm " ? " --neuron hidden:0" : "";
        expectRefused(cmd + proj + extra, {proj + ": ", "population/hidden"});
    }
}

// `sqsnn bench neuron`: one line per (N, N_M) = (1,1)..(5,5), "N N_M steps/s steps/CPU-s/thread",
// both rates positive and finite, on two threads (a format check, no timing is judged).
TEST(CliRobustness, BenchNeuronPrintsBothRatesForEveryShape)
{
    const CliRun r = runCli("bench neuron --seconds 0.01 --threads 2");
    ASSERT_EQ(r.status, 0) << r.err;
    std::istringstream in(r.out);
    std::string line;
    std::getline(in, line);
    EXPECT_NE(line.find("steps_per_cpu_second_per_thread (threads=2)"), std::string::npos) << line;
    for (int q = 1; q <= 5; ++q) {
        ASSERT_TRUE(std::getline(in, line)) << r.out;
        std::istringstream row(line);
        int n = 0, m = 0;
        double wall = 0, cpu = 0;
        std::string rest;
        ASSERT_TRUE(row >> n >> m >> wall >> cpu) << line;
        EXPECT_FALSE(row >> rest) << line;
        EXPECT_EQ(n, q);
        EXPECT_EQ(m, q);
        EXPECT_TRUE(std::isfinite(wall) && wall > 0) << line;
        EXPECT_TRUE(std::isfinite(cpu) && cpu > 0) << line;
    }
    EXPECT_FALSE(std::getline(in, line)) << r.out;
}

// `sqsnn bench neuron --compare`: "N N_M one-thread-rate K-thread-rate ratio min max" per shape,
// the ratio that of the two rates and inside [min, max] of the rounds (format and consistency,
// no timing is judged).
TEST(CliRobustness, BenchNeuronCompareAlternatesOneAndKThreads)
{
    const CliRun r = runCli("bench neuron --seconds 0.02 --threads 2 --compare");
    ASSERT_EQ(r.status, 0) << r.err;
    std::istringstream in(r.out);
    std::string line;
    std::getline(in, line);
    EXPECT_NE(line.find("ratio_min ratio_max (threads=2, 10 alternating rounds"), std::string::npos)
        << line;
    for (int q = 1; q <= 5; ++q) {
        ASSERT_TRUE(std::getline(in, line)) << r.out;
        std::istringstream row(line);
        int n = 0, m = 0;
        double one = 0, many = 0, ratio = 0, lo = 0, hi = 0;
        std::string rest;
        ASSERT_TRUE(row >> n >> m >> one >> many >> ratio >> lo >> hi) << line;
        EXPECT_FALSE(row >> rest) << line;
        EXPECT_EQ(n, q);
        EXPECT_TRUE(std::isfinite(one) && one > 0 && std::isfinite(many) && many > 0) << line;
        EXPECT_NEAR(ratio, many / one, 1e-3 * ratio + 1e-3) << line;
        // The ratio of the summed rates lies between the smallest and largest round's ratio.
        EXPECT_LE(lo, ratio + 1e-3) << line;
        EXPECT_LE(ratio, hi + 1e-3) << line;
        EXPECT_GT(lo, 0) << line;
    }
    EXPECT_FALSE(std::getline(in, line)) << r.out;
}

// `sqsnn experiment EXPERIMENT.json [--out DIR] [--jobs N] [--threads K] [--tiny]
// [--rank-timeout S]`: trains every model (x method, when the file has "methods") x seed of an
// experiment (training/Experiment.hpp), resuming finished epochs, and writes
// DIR/results.csv, DIR/summary.md and the run checkpoints in DIR/runs/. When the lab was built
// next to this binary, it also draws the learning curves (DIR/test-accuracy.png,
// DIR/train-accuracy.png) by running `sqsnn-lab --plot-results` headless; the CLI never links Qt.
// Started by mpirun/srun with more than one rank (and built with MPI), the cells are spread over
// the ranks (mpi/MpiExperiment.hpp); the outputs are the same.
#include "Commands.hpp"
#include "common/Error.hpp"
#include "training/Experiment.hpp"
#ifdef SQSNN_HAVE_MPI
#include "mpi/MpiExperiment.hpp"
#endif

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

extern char **environ;

namespace sqsnn::cli {

namespace {

namespace fs = std::filesystem;

// sqsnn-lab next to the running sqsnn (the build puts both in build/app/), or "" when absent.
fs::path findLab()
{
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return {};
    const fs::path lab = self.parent_path() / "sqsnn-lab";
    if (!fs::is_regular_file(lab, ec) || ::access(lab.c_str(), X_OK) != 0)
        return {};
    return lab;
}

// Runs the lab with `args` on the offscreen platform, its stdout discarded and its stderr passed
// on only when it fails (Qt's start-up chatter is noise otherwise). Returns its exit code, or -1
// when it could not start or did not exit normally.
int runLab(const fs::path &lab, const std::vector<std::string> &args)
{
    std::vector<std::string> argStore{lab.string()};
    argStore.insert(argStore.end(), args.begin(), args.end());
    std::vector<std::string> envStore;
    for (char **e = environ; e && *e; ++e)
        if (std::strncmp(*e, "QT_QPA_PLATFORM=", 16) != 0)
            envStore.emplace_back(*e);
    envStore.emplace_back("QT_QPA_PLATFORM=offscreen");
    std::vector<char *> argv, envp;
    for (auto &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    std::error_code ec;
    const fs::path errPath = fs::temp_directory_path(ec)
                             / ("sqsnn-lab-" + std::to_string(::getpid()) + ".err");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errPath.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, lab.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    int code = -1;
    if (rc == 0) {
        int status = 0;
        pid_t done;
        do
            done = ::waitpid(pid, &status, 0);
        while (done < 0 && errno == EINTR);
        if (done == pid && WIFEXITED(status))
            code = WEXITSTATUS(status);
    }
    if (code != 0) {
        std::ifstream err(errPath);
        for (std::string line; std::getline(err, line);)
            if (line.rfind("QStandardPaths:", 0) != 0)
                std::fprintf(stderr, "%s\n", line.c_str());
    }
    fs::remove(errPath, ec);
    return code;
}

// Learning-curve plots of DIR/results.csv; a missing or failing lab never fails the experiment.
void writePlots(const std::string &out)
{
    const fs::path lab = findLab();
    if (lab.empty()) {
        std::printf("plots skipped: sqsnn-lab is not built next to sqsnn (configure with "
                    "-DSQSNN_BUILD_GUI=ON for learning-curve PNGs)\n");
        return;
    }
    const fs::path csv = fs::path(out) / "results.csv";
    std::string written;
    for (const auto &[metric, name] : {std::pair{"test_accuracy", "test-accuracy.png"},
                                       std::pair{"train_accuracy", "train-accuracy.png"}}) {
        const std::string png = (fs::path(out) / name).string();
        std::fflush(stdout);
        const int code
            = runLab(lab, {"--plot-results", csv.string(), "--out", png, "--metric", metric});
        if (code == 0)
            written += (written.empty() ? "" : " and ") + png;
        else
            std::fprintf(stderr, "plot %s not written (sqsnn-lab exited with %d)\n", png.c_str(),
                         code);
    }
    if (!written.empty())
        std::printf("wrote %s (learning curves: mean +- std over seeds)\n", written.c_str());
}

} // namespace

int experimentCommand(const Args &args)
{
    std::string path, out;
    ExperimentOptions opt;
    double rankTimeout = 60;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--out" && i + 1 < args.size())
            out = args[++i];
        else if (args[i] == "--jobs" && i + 1 < args.size()) {
            char *end = nullptr;
            const long j = std::strtol(args[++i].c_str(), &end, 10);
            if (!end || *end || j < 1 || j > 64)
                throw InputError("--jobs: must be 1..64, got '" + args[i] + "'");
            opt.jobs = int(j);
        } else if (args[i] == "--threads" && i + 1 < args.size()) {
            char *end = nullptr;
            const long t = std::strtol(args[++i].c_str(), &end, 10);
            if (!end || *end || t < 1 || t > 256)
                throw InputError("--threads: must be 1..256, got '" + args[i] + "'");
            opt.threads = int(t);
        } else if (args[i] == "--rank-timeout" && i + 1 < args.size()) {
            char *end = nullptr;
            const double s = std::strtod(args[++i].c_str(), &end);
            if (!end || *end || !(s >= 0.5 && s <= 86400))
                throw InputError("--rank-timeout: must be 0.5..86400 seconds, got '" + args[i]
                                 + "'");
            rankTimeout = s;
        } else if (args[i] == "--tiny")
            opt.tiny = true;
        else if (path.empty() && args[i].rfind("--", 0) != 0)
            path = args[i];
        else
            throw InputError("unknown option '" + args[i] + "'");
    }
    if (path.empty())
        throw InputError("usage: sqsnn experiment EXPERIMENT.json [--out DIR] [--jobs N] "
                         "[--threads K] [--tiny] [--rank-timeout S]");
    if (out.empty())
        out = (std::filesystem::path("out") / "experiments"
               / std::filesystem::path(path).stem().stem())
                  .string()
              + (opt.tiny ? "-tiny" : "");
    std::string command = "sqsnn experiment " + path + " --out " + out + " --jobs "
                          + std::to_string(opt.jobs)
                          + (opt.threads ? " --threads " + std::to_string(opt.threads) : "")
                          + (opt.tiny ? " --tiny" : "");
#ifdef SQSNN_HAVE_MPI
    if (launchedByMpi()) {
        const MpiExperimentResult r = runMpiExperiment(path, out, opt, rankTimeout, command);
        if (r.distributed) {
            if (!r.root)
                return r.exitCode;
            std::printf("wrote %s/results.csv and %s/summary.md\n", out.c_str(), out.c_str());
            writePlots(out);
            return 0;
        }
    }
#endif
    const Experiment e = loadExperiment(path);
    const std::string methods
        = e.methods.empty() ? "" : " x " + std::to_string(e.methods.size()) + " methods";
    std::printf("%s: %zu models%s x %zu seeds%s -> %s\n", path.c_str(), e.models.size(),
                methods.c_str(), opt.tiny ? 1 : e.seeds.size(), opt.tiny ? " (tiny slice)" : "",
                out.c_str());
    std::fflush(stdout);
    runExperiment(e, out, opt, command, [](const std::string &line) {
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    });
    std::printf("wrote %s/results.csv and %s/summary.md\n", out.c_str(), out.c_str());
    writePlots(out);
    return 0;
}

} // namespace sqsnn::cli

// `sqsnn experiment EXPERIMENT.json [--out DIR] [--jobs N] [--tiny]`: trains every model x seed
// of an experiment (training/Experiment.hpp), resuming finished epochs, and writes
// DIR/results.csv, DIR/summary.md and the run checkpoints in DIR/runs/.
#include "Commands.hpp"
#include "common/Error.hpp"
#include "training/Experiment.hpp"

#include <cstdio>
#include <filesystem>

namespace sqsnn::cli {

int experimentCommand(const Args &args)
{
    std::string path, out;
    ExperimentOptions opt;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--out" && i + 1 < args.size())
            out = args[++i];
        else if (args[i] == "--jobs" && i + 1 < args.size()) {
            char *end = nullptr;
            const long j = std::strtol(args[++i].c_str(), &end, 10);
            if (!end || *end || j < 1 || j > 64)
                throw InputError("--jobs: must be 1..64, got '" + args[i] + "'");
            opt.jobs = int(j);
        } else if (args[i] == "--tiny")
            opt.tiny = true;
        else if (path.empty() && args[i].rfind("--", 0) != 0)
            path = args[i];
        else
            throw InputError("unknown option '" + args[i] + "'");
    }
    if (path.empty())
        throw InputError("usage: sqsnn experiment EXPERIMENT.json [--out DIR] [--jobs N] [--tiny]");
    const Experiment e = loadExperiment(path);
    if (out.empty())
        out = (std::filesystem::path("out") / "experiments"
               / std::filesystem::path(path).stem().stem())
                  .string()
              + (opt.tiny ? "-tiny" : "");
    std::string command = "sqsnn experiment " + path + " --out " + out + " --jobs "
                          + std::to_string(opt.jobs) + (opt.tiny ? " --tiny" : "");
    std::printf("%s: %zu models x %zu seeds%s -> %s\n", path.c_str(), e.models.size(),
                opt.tiny ? 1 : e.seeds.size(), opt.tiny ? " (tiny slice)" : "", out.c_str());
    std::fflush(stdout);
    runExperiment(e, out, opt, command, [](const std::string &line) {
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    });
    std::printf("wrote %s/results.csv and %s/summary.md\n", out.c_str(), out.c_str());
    return 0;
}

} // namespace sqsnn::cli

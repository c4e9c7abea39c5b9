// `sqsnn train PROJECT [--epochs N] [--out DIR] [--threads K] [--fresh]` and
// `sqsnn eval PROJECT [--threads K]`.
#include "Commands.hpp"
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace sqsnn::cli {

namespace {

// A progress bar with samples/s and ETA on a terminal; plain lines otherwise.
class TerminalObserver : public TrainingObserver
{
public:
    explicit TerminalObserver(int epochs)
        : m_tty(::isatty(STDERR_FILENO))
        , m_epochs(epochs)
    {}

    void onSample(int epoch, int index, int total, const SampleResult &) override
    {
        if (index == 0)
            m_start = std::chrono::steady_clock::now();
        if (!m_tty)
            return;
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(100) && index + 1 < total)
            return;
        m_last = now;
        const double secs = std::chrono::duration<double>(now - m_start).count();
        const double rate = (index + 1) / std::max(1e-9, secs);
        const int width = 30, filled = int(double(width) * (index + 1) / total);
        std::fprintf(stderr, "\repoch %d/%d [%s%s] %d/%d  %.0f samples/s  ETA %.0fs   ", epoch,
                     m_epochs, std::string(filled, '#').c_str(),
                     std::string(width - filled, '.').c_str(), index + 1, total, rate,
                     (total - index - 1) / std::max(1e-9, rate));
        std::fflush(stderr);
    }

    void onEpoch(const EpochMetrics &m) override
    {
        if (m_tty)
            std::fputc('\n', stderr);
        std::printf("epoch %d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | %.1f "
                    "samples/s, %.1fs\n",
                    m.epoch, m.trainLoss, m.trainAccuracy, m.testLoss, m.testAccuracy,
                    m.samplesPerSecond, m.seconds);
        std::fflush(stdout);
    }

private:
    bool m_tty;
    int m_epochs;
    std::chrono::steady_clock::time_point m_start, m_last;
};

int intArg(const Args &args, std::size_t &i, const std::string &name)
{
    if (i + 1 >= args.size())
        throw InputError(name + ": missing value");
    try {
        std::size_t used = 0;
        const int v = std::stoi(args[++i], &used);
        if (used != args[i].size())
            throw std::invalid_argument("trailing");
        return v;
    } catch (const std::exception &) {
        throw InputError(name + ": expected an integer, got '" + args[i] + "'");
    }
}

} // namespace

int trainCommand(const Args &args)
{
    std::string path, out;
    int epochs = -1, threads = 0;
    bool fresh = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--epochs")
            epochs = intArg(args, i, "--epochs");
        else if (args[i] == "--threads")
            threads = intArg(args, i, "--threads");
        else if (args[i] == "--out" && i + 1 < args.size())
            out = args[++i];
        else if (args[i] == "--fresh")
            fresh = true;
        else if (path.empty() && args[i].rfind("--", 0) != 0)
            path = args[i];
        else
            throw InputError("unknown option '" + args[i] + "'");
    }
    if (path.empty())
        throw InputError("usage: sqsnn train PROJECT [--epochs N] [--out DIR] [--threads K] [--fresh]");
    if (epochs < -1 || epochs > 100000)
        throw InputError("--epochs: must be 0..100000, got " + std::to_string(epochs));
    Project project = loadProject(path);
    if (fresh) {
        project.parameters.clear();
        project.history = nlohmann::json::array();
        project.optimizerState = nullptr;
    }
    if (epochs >= 0)
        project.training.epochs = epochs;
    namespace fs = std::filesystem;
    if (out.empty())
        out = (fs::path("out") / fs::path(path).stem().stem()).string();
    fs::create_directories(out);
    const std::string name = fs::path(path).filename().string();
    const std::string trained = (fs::path(out) / name).string();
    const std::string csvPath = (fs::path(out) / "metrics.csv").string();

    Trainer trainer(project, TrainerOptions{threads});
    std::printf("%s: %lld parameters, %zu train / %zu test samples, %d epoch(s) to go\n",
                path.c_str(), static_cast<long long>(trainer.network().parameterCount()),
                trainer.data().train.size(), trainer.data().test.size(),
                std::max(0, project.training.epochs - trainer.epochsDone()));
    std::fflush(stdout);

    struct Writer : TerminalObserver
    {
        Writer(int epochs, Trainer &t, std::string csv, std::string proj)
            : TerminalObserver(epochs), trainer(t), csv(std::move(csv)), proj(std::move(proj))
        {}
        void onEpoch(const EpochMetrics &m) override
        {
            TerminalObserver::onEpoch(m);
            // metrics.csv holds the whole history; the trained project is a checkpoint.
            std::ofstream(csv) << metricsCsv(trainer.history());
            saveProject(trainer.result(), proj);
        }
        Trainer &trainer;
        std::string csv, proj;
    } writer(project.training.epochs, trainer, csvPath, trained);

    trainer.run(project.training.epochs, &writer);
    saveProject(trainer.result(), trained);
    if (trainer.history().empty()) {
        std::ofstream(csvPath) << metricsCsvHeader() << '\n';
    }
    std::printf("wrote %s and %s\n", trained.c_str(), csvPath.c_str());
    return 0;
}

int evalCommand(const Args &args)
{
    std::string path;
    int threads = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--threads")
            threads = intArg(args, i, "--threads");
        else if (path.empty() && args[i].rfind("--", 0) != 0)
            path = args[i];
        else
            throw InputError("unknown option '" + args[i] + "'");
    }
    if (path.empty())
        throw InputError("usage: sqsnn eval PROJECT [--threads K]");
    Trainer trainer(loadProject(path), TrainerOptions{threads});
    const auto [loss, acc] = trainer.evaluate(trainer.data().test);
    std::printf("{\"test_loss\": %.9g, \"test_accuracy\": %.9g, \"samples\": %zu}\n", loss, acc,
                trainer.data().test.size());
    return 0;
}

} // namespace sqsnn::cli

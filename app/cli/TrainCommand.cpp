// `sqsnn train PROJECT [--epochs N] [--out DIR] [--threads K] [--fresh]` and
// `sqsnn eval PROJECT [--threads K]`.
#include "Arguments.hpp"
#include "Commands.hpp"
#include "common/AtomicFile.hpp"
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <unistd.h>

namespace sqsnn::cli {

namespace {

constexpr long long kMaxCliEpochs = 100000; // = the project key training.epochs

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

// The output folder: created when missing, refused when something else is there.
void prepareOutDir(const std::string &out)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto st = fs::status(out, ec);
    if (fs::exists(st) && !fs::is_directory(st))
        throw InputError("--out: '" + out + "' exists and is not a directory");
    fs::create_directories(out, ec);
    if (ec)
        throw InputError("--out: cannot create the folder '" + out + "': " + ec.message());
}

} // namespace

int trainCommand(const Args &args)
{
    std::string path, out;
    std::optional<int> epochs;
    int threads = 0;
    bool fresh = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--epochs")
            epochs = int(integerOption(args, i, 0, kMaxCliEpochs));
        else if (args[i] == "--threads")
            threads = int(integerOption(args, i, 0, kMaxThreads));
        else if (args[i] == "--out")
            out = optionValue(args, i);
        else if (args[i] == "--fresh")
            fresh = true;
        else if (path.empty() && args[i].rfind("--", 0) != 0)
            path = args[i];
        else
            throw InputError("unknown option '" + args[i] + "'");
    }
    if (path.empty())
        throw InputError("usage: sqsnn train PROJECT [--epochs N] [--out DIR] [--threads K] [--fresh]");
    Project project = loadProject(path);
    if (fresh) {
        project.parameters.clear();
        project.history = nlohmann::json::array();
        project.optimizerState = nullptr;
    }
    if (epochs)
        project.training.epochs = *epochs;
    namespace fs = std::filesystem;
    if (out.empty())
        out = (fs::path("out") / fs::path(path).stem().stem()).string();
    prepareOutDir(out);
    const std::string name = fs::path(path).filename().string();
    const std::string trained = (fs::path(out) / name).string();
    const std::string csvPath = (fs::path(out) / "metrics.csv").string();
    // Refuse a metrics.csv that is a folder (or a device) before any work is done.
    std::error_code ec;
    if (fs::exists(csvPath, ec) && !fs::is_regular_file(csvPath, ec))
        throw InputError(csvPath + ": exists and is not a regular file; cannot write metrics there");

    const int target = project.training.epochs;
    Trainer trainer = namingFile(path, [&] { // ui and history held once
        return Trainer(std::move(project), TrainerOptions{threads});
    });
    const int toGo = std::max(0, target - trainer.epochsDone());
    std::printf("%s: %lld parameters, %zu train / %zu test samples, %d epoch(s) to go\n",
                path.c_str(), static_cast<long long>(trainer.network().parameterCount()),
                trainer.data().train.size(), trainer.data().test.size(), toGo);
    std::fflush(stdout);

    // After every epoch: the trained project (the checkpoint) first, then metrics.csv, each
    // atomically (temporary file + rename, checked). A crash between the two leaves a CSV one
    // row behind the checkpoint, never ahead of it; a failed write stops the run (exit 2).
    struct Writer : TerminalObserver
    {
        Writer(int epochs, Trainer &t, std::string csv, std::string proj)
            : TerminalObserver(epochs), trainer(t), csv(std::move(csv)), proj(std::move(proj))
        {}
        void onEpoch(const EpochMetrics &m) override
        {
            TerminalObserver::onEpoch(m);
            saveProject(trainer.result(), proj);
            writeTextFile(csv, metricsCsv(trainer.history()));
            ++written;
        }
        Trainer &trainer;
        std::string csv, proj;
        int written = 0;
    } writer(target, trainer, csvPath, trained);

    namingFile(path, [&] { trainer.run(target, &writer); });
    if (writer.written == 0) {
        // Nothing trained: existing results stay as they are; missing ones are written once.
        std::vector<std::string> wrote;
        if (!fs::exists(trained, ec)) {
            saveProject(trainer.result(), trained);
            wrote.push_back(trained);
        }
        if (!fs::exists(csvPath, ec)) {
            writeTextFile(csvPath, metricsCsv(trainer.history()));
            wrote.push_back(csvPath);
        }
        std::printf("no epochs to go");
        for (std::size_t k = 0; k < wrote.size(); ++k)
            std::printf("%s%s", k ? " and " : "; wrote ", wrote[k].c_str());
        std::printf("\n");
        return 0;
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
            threads = int(integerOption(args, i, 0, kMaxThreads));
        else if (path.empty() && args[i].rfind("--", 0) != 0)
            path = args[i];
        else
            throw InputError("unknown option '" + args[i] + "'");
    }
    if (path.empty())
        throw InputError("usage: sqsnn eval PROJECT [--threads K]");
    Trainer trainer = namingFile(path, [&] { return Trainer(loadProject(path), TrainerOptions{threads}); });
    const auto [loss, acc] = namingFile(path, [&] { return trainer.evaluate(trainer.data().test); });
    std::printf("{\"test_loss\": %.9g, \"test_accuracy\": %.9g, \"samples\": %zu}\n", loss, acc,
                trainer.data().test.size());
    return 0;
}

} // namespace sqsnn::cli

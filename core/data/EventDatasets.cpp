#include "data/EventDatasets.hpp"

#include "common/Error.hpp"
#include "data/EventEmulator.hpp"
#include "data/ImageDatasets.hpp"
#include "data/ImageOps.hpp"
#include "project/Project.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <thread>

namespace sqsnn {

namespace fs = std::filesystem;

BinSpec binSpecFor(const DataSpec &spec, int sensorWidth, int sensorHeight)
{
    BinSpec b;
    b.binUs = spec.binMs * 1000.0;
    b.bins = spec.timeSteps;
    b.sensorWidth = sensorWidth;
    b.sensorHeight = sensorHeight;
    b.crop = spec.crop;
    b.mergePolarities = spec.mergePolarities;
    validateBinSpec(b, "data");
    return b;
}

namespace {

struct FileList
{
    std::vector<std::string> classNames;
    std::vector<std::string> files;
    std::vector<int> labels;
};

bool allDigits(const std::string &s)
{
    return !s.empty() && s.size() < 9 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

FileList listFiles(const fs::path &dir, const std::string &ext,
                   const std::vector<std::string> &wantClasses)
{
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw InputError(dir.string() + ": directory not found (data.path must hold " +
                         dir.filename().string() + "/<class>/*" + ext + ")");
    FileList l;
    for (const auto &e : fs::directory_iterator(dir, ec))
        if (e.is_directory())
            l.classNames.push_back(e.path().filename().string());
    if (ec)
        throw InputError(dir.string() + ": cannot list directory (" + ec.message() + ")");
    const bool numeric = std::all_of(l.classNames.begin(), l.classNames.end(), allDigits);
    std::sort(l.classNames.begin(), l.classNames.end(), [&](const auto &a, const auto &b) {
        return numeric ? std::stoi(a) < std::stoi(b) : a < b;
    });
    if (!wantClasses.empty() && l.classNames != wantClasses)
        throw InputError(dir.string() + ": class directories differ from the training split's");
    if (l.classNames.empty())
        throw InputError(dir.string() + ": no class directories (expected " +
                         dir.filename().string() + "/<class>/*" + ext + ")");
    for (std::size_t c = 0; c < l.classNames.size(); ++c) {
        std::vector<std::string> files;
        for (const auto &e : fs::directory_iterator(dir / l.classNames[c], ec))
            if (e.is_regular_file() && (e.path().extension() == ext ||
                                        e.path().string().ends_with(ext + ".gz")))
                files.push_back(e.path().string());
        std::sort(files.begin(), files.end());
        for (auto &f : files) {
            l.files.push_back(std::move(f));
            l.labels.push_back(int(c));
        }
    }
    if (l.files.empty())
        throw InputError(dir.string() + ": no *" + ext + " files in its class directories");
    return l;
}

// Applies the class subset and subsampling to a file list; returns the kept files' data set
// shell (labels, classes) and their paths.
Dataset selectFiles(FileList &l, const DataSpec &spec, const std::string &name, std::size_t n,
                    Rng &rng, const std::string &field, std::vector<std::string> &files)
{
    Dataset d;
    d.name = name;
    d.numClasses = int(l.classNames.size());
    d.classNames = l.classNames;
    d.labels = l.labels;
    d.spikes.resize(l.files.size());
    for (std::size_t i = 0; i < l.files.size(); ++i)
        d.spikes[i] = {std::uint32_t(i)}; // carries the file index through the selection
    selectClasses(d, spec.classes, "data.classes");
    if (d.size() == 0)
        throw InputError("data.classes: no samples left in " + name + " after the class subset");
    subsample(d, n, rng, field);
    files.clear();
    for (auto &s : d.spikes)
        files.push_back(l.files[s.at(0)]);
    return d;
}

} // namespace

DataSplit loadEventFiles(const DataSpec &spec, std::uint64_t seed)
{
    const bool nmnist = spec.dataset == "nmnist";
    if (spec.path.empty())
        throw InputError("data.path: data set '" + spec.dataset +
                         "' needs `path` set to its directory (" +
                         (nmnist ? "Train/<digit>/*.bin and Test/<digit>/*.bin"
                                 : "train/<label>/*.csv and test/<label>/*.csv") + ")");
    const std::string ext = nmnist ? ".bin" : ".csv";
    FileList trainList = listFiles(fs::path(spec.path) / (nmnist ? "Train" : "train"), ext, {});
    FileList testList = listFiles(fs::path(spec.path) / (nmnist ? "Test" : "test"), ext,
                                  trainList.classNames);
    Rng trainRng = Rng::stream(seed, 1), testRng = Rng::stream(seed, 2);
    std::vector<std::string> trainFiles, testFiles;
    DataSplit s{selectFiles(trainList, spec, spec.dataset, std::size_t(spec.trainSamples),
                            trainRng, "data.train_samples", trainFiles),
                selectFiles(testList, spec, spec.dataset, std::size_t(spec.testSamples), testRng,
                            "data.test_samples", testFiles)};
    const auto read = [&](const std::string &f) {
        return nmnist ? readNmnistEvents(f) : readCsvEvents(f);
    };
    std::vector<std::vector<Event>> trainEvents, testEvents;
    int w = nmnist ? 34 : 1, h = nmnist ? 34 : 1;
    for (auto pair : {std::pair{&trainFiles, &trainEvents}, std::pair{&testFiles, &testEvents}})
        for (const auto &f : *pair.first) {
            pair.second->push_back(read(f));
            if (!nmnist)
                for (const Event &e : pair.second->back()) {
                    w = std::max(w, e.x + 1);
                    h = std::max(h, e.y + 1);
                }
        }
    const BinSpec bins = binSpecFor(spec, w, h);
    std::vector<std::uint8_t> scratch;
    for (auto [d, events, files] : {std::tuple{&s.train, &trainEvents, &trainFiles},
                                    std::tuple{&s.test, &testEvents, &testFiles}}) {
        d->width = bins.width();
        d->height = bins.height();
        d->channels = bins.channels();
        d->frames = bins.bins;
        for (std::size_t i = 0; i < events->size(); ++i)
            binEvents((*events)[i], bins, (*files)[i], d->spikes[i], scratch);
    }
    return s;
}

void emulateEvents(Dataset &data, const DataSpec &spec, std::uint64_t seed, std::uint64_t stream)
{
    const BinSpec bins = binSpecFor(spec, data.width, data.height);
    EmulatorParams p;
    p.durationMs = std::min(3 * p.saccadeMs, bins.bins * spec.binMs + p.stepMs);
    const EventEmulator prototype(p); // validates p once
    const std::size_t n = data.inputs.size();
    data.spikes.resize(n);
    // Samples are independent (each has its own Rng stream), so threads change nothing in the
    // result; each worker takes every k-th sample.
    const std::size_t hw = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    const std::size_t workers = n >= 256 ? hw : 1;
    const auto work = [&](std::size_t first) {
        EventEmulator emulator = prototype;
        std::vector<Event> events;
        std::vector<std::uint8_t> scratch;
        for (std::size_t i = first; i < n; i += workers) {
            Rng rng = Rng::stream(seed ^ (0x9e3779b97f4a7c15ULL * (stream + 1)), i);
            emulator.emulate(data.inputs[i].data(), data.width, data.height, rng, events);
            binEvents(events, bins, data.name, data.spikes[i], scratch);
            std::vector<float>().swap(data.inputs[i]);
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t w = 1; w < workers; ++w)
        threads.emplace_back(work, w);
    work(0); // cannot throw: the parameters and the sensor size were validated above
    for (auto &t : threads)
        t.join();
    data.inputs.clear();
    data.width = bins.width();
    data.height = bins.height();
    data.channels = bins.channels();
    data.frames = bins.bins;
}

} // namespace sqsnn

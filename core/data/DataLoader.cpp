#include "data/DataLoader.hpp"

#include "common/Error.hpp"
#include "data/EventDatasets.hpp"
#include "data/Idx.hpp"
#include "data/ImageDatasets.hpp"
#include "data/ImageOps.hpp"
#include "data/Intensity.hpp"
#include "data/TemporalOrder.hpp"
#include "project/Project.hpp"
#include "project/ProjectRanges.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

const std::vector<std::string> &dataSetNames()
{
    static const std::vector<std::string> names = {
        "fashion-mnist", "mnist", "kmnist", "idx", "events-emulated", "nmnist", "events-csv",
        "temporal-order", "intensity"};
    return names;
}

void validateDataSpec(const DataSpec &spec)
{
    const auto &names = dataSetNames();
    if (std::find(names.begin(), names.end(), spec.dataset) == names.end()) {
        std::string list;
        for (const auto &n : names)
            list += (list.empty() ? "" : ", ") + n;
        throw InputError("data.dataset: unknown data set '" + spec.dataset + "' (known: " + list +
                         ")");
    }
    if (spec.imageSize < 0 || spec.imageSize > ranges::kMaxImageSize) // the loader's range
        throw InputError("/data/image_size: must be 0.." + std::to_string(ranges::kMaxImageSize)
                         + " (0 = native size), got " + std::to_string(spec.imageSize));
    if (spec.trainSamples < 0)
        throw InputError("data.train_samples: " + std::to_string(spec.trainSamples) +
                         " is negative (0 = all)");
    if (spec.testSamples < 0)
        throw InputError("data.test_samples: " + std::to_string(spec.testSamples) +
                         " is negative (0 = all)");
    if (spec.timeSteps < 1 || spec.timeSteps > 100000)
        throw InputError("data.time_steps: " + std::to_string(spec.timeSteps) +
                         " (expected 1..100000)");
    if (!(spec.pMax > 0.0 && spec.pMax <= 1.0))
        throw InputError("data.p_max: " + std::to_string(spec.pMax) + " is not in (0, 1]");
    if (!std::isfinite(spec.binMs) || spec.binMs <= 0)
        throw InputError("data.bin_ms: " + std::to_string(spec.binMs) +
                         " is not a positive bin width");
    if (spec.crop < 0 || spec.crop > 65536)
        throw InputError("data.crop: " + std::to_string(spec.crop) + " is out of range");
}

namespace {

void checkNotEmpty(const Dataset &d, const char *split)
{
    if (d.size() == 0)
        throw InputError(std::string("data.classes: the ") + split + " split of " + d.name +
                         " is empty after the class subset");
}

DataSplit loadImages(const DataSpec &spec, std::uint64_t seed)
{
    const std::string dataset = spec.dataset == "events-emulated" ? "fashion-mnist" : spec.dataset;
    DataSplit s = loadIdxImages(dataset, spec.path);
    selectClasses(s.train, spec.classes, "data.classes");
    selectClasses(s.test, spec.classes, "data.classes");
    checkNotEmpty(s.train, "training");
    checkNotEmpty(s.test, "test");
    Rng trainRng = Rng::stream(seed, 1), testRng = Rng::stream(seed, 2);
    subsample(s.train, std::size_t(spec.trainSamples), trainRng, "data.train_samples");
    subsample(s.test, std::size_t(spec.testSamples), testRng, "data.test_samples");
    if (spec.imageSize > 0) {
        resizeImages(s.train, spec.imageSize);
        resizeImages(s.test, spec.imageSize);
    }
    return s;
}

DataSplit makeTemporal(const DataSpec &spec, std::uint64_t seed)
{
    const TemporalOrderParams p;
    Rng trainRng = Rng::stream(seed, 3), testRng = Rng::stream(seed, 4);
    const int nTrain = spec.trainSamples > 0 ? spec.trainSamples : kDefaultTemporalTrain;
    const int nTest = spec.testSamples > 0 ? spec.testSamples : kDefaultTemporalTest;
    DataSplit s{makeTemporalOrder(p, spec.timeSteps, std::size_t(nTrain), trainRng),
                makeTemporalOrder(p, spec.timeSteps, std::size_t(nTest), testRng)};
    selectClasses(s.train, spec.classes, "data.classes");
    selectClasses(s.test, spec.classes, "data.classes");
    checkNotEmpty(s.train, "training");
    checkNotEmpty(s.test, "test");
    return s;
}

DataSplit makeIntensitySplit(const DataSpec &spec, std::uint64_t seed)
{
    Rng trainRng = Rng::stream(seed, 5), testRng = Rng::stream(seed, 6);
    const int nTrain = spec.trainSamples > 0 ? spec.trainSamples : kDefaultIntensityTrain;
    const int nTest = spec.testSamples > 0 ? spec.testSamples : kDefaultIntensityTest;
    DataSplit s{makeIntensity(std::size_t(nTrain), trainRng),
                makeIntensity(std::size_t(nTest), testRng)};
    selectClasses(s.train, spec.classes, "data.classes");
    selectClasses(s.test, spec.classes, "data.classes");
    checkNotEmpty(s.train, "training");
    checkNotEmpty(s.test, "test");
    return s;
}

} // namespace

DataSplit loadData(const DataSpec &spec, std::uint64_t seed)
{
    validateDataSpec(spec);
    if (spec.dataset == "temporal-order")
        return makeTemporal(spec, seed);
    if (spec.dataset == "intensity")
        return makeIntensitySplit(spec, seed);
    if (spec.dataset == "nmnist" || spec.dataset == "events-csv")
        return loadEventFiles(spec, seed);
    DataSplit s = loadImages(spec, seed);
    if (spec.dataset == "events-emulated") {
        s.train.name = s.test.name = spec.dataset;
        emulateEvents(s.train, spec, seed, 1);
        emulateEvents(s.test, spec, seed, 2);
    }
    return s;
}

int inputLinesFor(const DataSpec &spec)
{
    validateDataSpec(spec);
    const int channels = spec.mergePolarities ? 1 : 2;
    const auto eventLines = [&](int sensor) {
        if (spec.crop > sensor)
            throw InputError("data.crop: " + std::to_string(spec.crop) + " does not fit the " +
                             std::to_string(sensor) + "x" + std::to_string(sensor) + " sensor");
        const int side = spec.crop > 0 ? spec.crop : sensor;
        return side * side * channels;
    };
    if (spec.dataset == "temporal-order")
        return TemporalOrderParams{}.lines();
    if (spec.dataset == "intensity")
        return 1;
    if (spec.dataset == "nmnist")
        return eventLines(34);
    if (spec.dataset == "events-csv")
        return spec.crop > 0 ? spec.crop * spec.crop * channels : 0;
    if (spec.dataset == "events-emulated")
        return eventLines(spec.imageSize > 0 ? spec.imageSize : 28);
    if (spec.imageSize > 0)
        return spec.imageSize * spec.imageSize;
    if (spec.dataset == "idx") {
        const auto dims = readIdxHeader(findIdxFiles(spec.dataset, spec.path).trainImages);
        if (dims.size() != 3 || dims[1] == 0 || dims[2] == 0 || dims[1] > 4096 || dims[2] > 4096)
            throw InputError(spec.path + ": training images are not a 3-dimensional IDX image file of sane size");
        return int(dims[1] * dims[2]);
    }
    return 28 * 28;
}

} // namespace sqsnn

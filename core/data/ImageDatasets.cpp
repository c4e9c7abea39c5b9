#include "data/ImageDatasets.hpp"

#include "common/Error.hpp"
#include "data/Idx.hpp"

#include <algorithm>
#include <filesystem>

namespace sqsnn {

namespace fs = std::filesystem;

bool isIdxDataset(const std::string &d)
{
    return d == "fashion-mnist" || d == "mnist" || d == "kmnist" || d == "idx";
}

std::string defaultIdxDir(const std::string &d)
{
    if (d == "idx")
        return {};
    return "/usr/share/datasets/" + d;
}

std::vector<std::string> idxClassNames(const std::string &d)
{
    if (d == "fashion-mnist")
        return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    if (d == "mnist")
        return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    if (d == "kmnist")
        return {"o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"};
    return {};
}

IdxFiles findIdxFiles(const std::string &dataset, const std::string &path)
{
    const std::string dir = path.empty() ? defaultIdxDir(dataset) : path;
    if (dir.empty())
        throw InputError("data.path: data set '" + dataset +
                         "' needs `path` set to a directory holding train-images-idx3-ubyte, "
                         "train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                         "t10k-labels-idx1-ubyte (each optionally .gz)");
    std::vector<std::string> missing;
    const auto find = [&](const std::string &split, const std::string &kind, const char *idx) {
        const std::string names[] = {split + "-" + kind + "-" + idx + "-ubyte",
                                     split + "-" + kind + "." + idx + "-ubyte"};
        for (const auto &n : names)
            for (const char *ext : {".gz", ""}) {
                const fs::path p = fs::path(dir) / (n + ext);
                std::error_code ec;
                if (fs::is_regular_file(p, ec))
                    return p.string();
            }
        missing.push_back(names[0] + "[.gz]");
        return std::string();
    };
    IdxFiles f{find("train", "images", "idx3"), find("train", "labels", "idx1"),
               find("t10k", "images", "idx3"), find("t10k", "labels", "idx1")};
    if (!missing.empty()) {
        std::string list;
        for (const auto &m : missing)
            list += (list.empty() ? "" : ", ") + m;
        throw InputError(dir + ": data set '" + dataset + "' not found: looked for " + list +
                         " in " + dir +
                         (path.empty() ? " (the default location; set data.path to the directory "
                                         "holding the files)"
                                       : " (data.path)"));
    }
    return f;
}

namespace {

Dataset loadSplit(const std::string &dataset, const std::string &imagesPath,
                  const std::string &labelsPath, int numClasses)
{
    const IdxImages images = readIdxImages(imagesPath);
    const std::vector<std::uint8_t> labels = readIdxLabels(labelsPath);
    if (labels.size() != std::size_t(images.count))
        throw InputError(labelsPath + ": " + std::to_string(labels.size()) +
                         " labels but " + imagesPath + " holds " + std::to_string(images.count) +
                         " images");
    Dataset d;
    d.name = dataset;
    d.width = images.cols;
    d.height = images.rows;
    d.numClasses = numClasses;
    d.labels.assign(labels.begin(), labels.end());
    if (numClasses > 0)
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] >= numClasses)
                throw InputError(labelsPath + ": label " + std::to_string(labels[i]) +
                                 " of sample " + std::to_string(i) + " is out of range (" +
                                 dataset + " has classes 0.." + std::to_string(numClasses - 1) +
                                 ")");
    const std::size_t n = std::size_t(images.rows) * std::size_t(images.cols);
    d.inputs.resize(images.count);
    const std::uint8_t *src = images.pixels.data();
    for (auto &img : d.inputs) {
        img.resize(n);
        for (std::size_t k = 0; k < n; ++k)
            img[k] = float(src[k]) * (1.0f / 255.0f);
        src += n;
    }
    return d;
}

} // namespace

DataSplit loadIdxImages(const std::string &dataset, const std::string &path)
{
    const IdxFiles f = findIdxFiles(dataset, path);
    auto names = idxClassNames(dataset);
    DataSplit s{loadSplit(dataset, f.trainImages, f.trainLabels, int(names.size())),
                loadSplit(dataset, f.testImages, f.testLabels, int(names.size()))};
    if (s.train.width != s.test.width || s.train.height != s.test.height)
        throw InputError(f.testImages + ": images are " + std::to_string(s.test.width) + "x" +
                         std::to_string(s.test.height) + " but the training images are " +
                         std::to_string(s.train.width) + "x" + std::to_string(s.train.height));
    if (names.empty()) {
        int maxLabel = 0;
        for (const Dataset *d : {&s.train, &s.test})
            for (int l : d->labels)
                maxLabel = std::max(maxLabel, l);
        for (int c = 0; c <= maxLabel; ++c)
            names.push_back(std::to_string(c));
    }
    for (Dataset *d : {&s.train, &s.test}) {
        d->numClasses = int(names.size());
        d->classNames = names;
    }
    return s;
}

} // namespace sqsnn

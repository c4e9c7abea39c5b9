#pragma once
// The IDX image data sets: "fashion-mnist", "mnist", "kmnist" and "idx" (any IDX set).
//
// A data set is a directory holding four files, each plain or gzip-compressed:
//   train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
//   t10k-labels-idx1-ubyte   (optionally ending in .gz; "train-images.idx3-ubyte" also works)
// Directory: DataSpec::path when set, else the default location
//   fashion-mnist : /usr/share/datasets/fashion-mnist  (Debian package dataset-fashion-mnist)
//   mnist         : /usr/share/datasets/mnist
//   kmnist        : /usr/share/datasets/kmnist
//   idx           : none (path required)
// fashion-mnist, mnist and kmnist have 10 classes with their usual names; "idx" has
// max label + 1 classes named "0", "1", ....
//
//   findIdxFiles(dataset, path) : the four paths; InputError listing what was looked for where.
//   loadIdxImages(dataset, path): both splits, pixels / 255 as float in [0,1], labels checked
//                                 against the class count and the image count.
#include "data/Dataset.hpp"

#include <string>
#include <vector>

namespace sqsnn {

struct IdxFiles
{
    std::string trainImages, trainLabels, testImages, testLabels;
};

bool isIdxDataset(const std::string &dataset);
std::string defaultIdxDir(const std::string &dataset); // empty for "idx"
std::vector<std::string> idxClassNames(const std::string &dataset); // empty for "idx"
IdxFiles findIdxFiles(const std::string &dataset, const std::string &path);
DataSplit loadIdxImages(const std::string &dataset, const std::string &path);

} // namespace sqsnn

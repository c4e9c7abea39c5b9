#pragma once
// The event data sets, binned per DataSpec (binMs, timeSteps = number of bins, crop,
// mergePolarities; see EventBinning.hpp):
//   "nmnist"          : DataSpec::path/Train/<digit>/*.bin and Test/<digit>/*.bin, N-MNIST
//                       binary events (Events.hpp) on a 34x34 sensor; classes "0".."9".
//   "events-csv"      : path/train/<label>/*.csv and test/<label>/*.csv (Events.hpp CSV format).
//                       Classes are the label directories (numeric order when all names are
//                       numbers, else alphabetical; the test split must use the same names).
//                       The sensor is max x+1 by max y+1 over the loaded samples of both splits.
//   "events-emulated" : Fashion-MNIST (DataSpec::path or the default location), class subset,
//                       subsampling and resize as for images, then each image through the
//                       EventEmulator (sensor = image size, emulated for bins*binMs ms or the
//                       full 300 ms path, whichever is shorter). Sample i of stream s uses
//                       Rng::stream(seed ^ (0x9e3779b97f4a7c15 * (s + 1)), i) (s = 1 train,
//                       2 test), so the work is spread over up to 8 threads with a result
//                       independent of the thread count.
// Class subsets and subsampling (ImageOps.hpp rules) are applied to file lists before any file
// is read, so a small subset of a big set loads quickly. Files are read in sorted name order.
#include "data/Dataset.hpp"
#include "data/EventBinning.hpp"

#include <cstdint>

namespace sqsnn {

struct DataSpec;

// The BinSpec DataSpec asks for, on a given sensor (InputError for bad binMs/timeSteps/crop).
BinSpec binSpecFor(const DataSpec &spec, int sensorWidth, int sensorHeight);

DataSplit loadEventFiles(const DataSpec &spec, std::uint64_t seed); // "nmnist" | "events-csv"
// Converts static single-channel images to emulated event frames in place (loadData does this
// for "events-emulated"; `stream` separates the splits' random streams).
void emulateEvents(Dataset &data, const DataSpec &spec, std::uint64_t seed, std::uint64_t stream);

} // namespace sqsnn

#pragma once
// The data layer's entry points for the trainer and the GUI.
//
//   loadData(spec, seed)  : both splits, everything DataSpec asks for:
//       images ("fashion-mnist", "mnist", "kmnist", "idx"; ImageDatasets.hpp): class subset
//         (relabelled 0..k-1 in the order given), subsampling (Rng::stream(seed, 1) for train,
//         (seed, 2) for test; ImageOps.hpp), then resize to imageSize (0 = native).
//       events ("nmnist", "events-csv", "events-emulated"; EventDatasets.hpp) binned into
//         timeSteps frames of binMs, crop, polarities merged or not.
//       "temporal-order" (TemporalOrder.hpp): trainSamples/testSamples samples (0 = 400/100),
//         T = timeSteps, from Rng::stream(seed, 3) and (seed, 4); class subset allowed.
//       "intensity" (Intensity.hpp): one line, trainSamples/testSamples levels (0 = 40/20),
//         from Rng::stream(seed, 5) and (seed, 6); class subset allowed; imageSize ignored.
//     Deterministic for (spec, seed). InputError (naming the field or file and the value) for a
//     bad spec, missing or corrupt files, or a split left empty.
//   inputLinesFor(spec)   : lines per step without loading any data: images (imageSize or 28)^2
//       ("idx" with imageSize 0 reads the training images' header); events (crop or sensor
//       side)^2 * (mergePolarities ? 1 : 2), sensor 34 for nmnist and imageSize-or-28 for
//       events-emulated; temporal-order its line count; intensity 1. Returns 0 for "events-csv" without a
//       crop (its sensor size is known only once the files are read). InputError for a bad spec.
//   validateDataSpec(spec): the field checks both functions start with.
//   dataSetNames()        : the data set names loadData understands.
#include "data/Dataset.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace sqsnn {

struct DataSpec;

inline constexpr int kDefaultTemporalTrain = 400;
inline constexpr int kDefaultTemporalTest = 100;
inline constexpr int kDefaultIntensityTrain = 40;
inline constexpr int kDefaultIntensityTest = 20;

DataSplit loadData(const DataSpec &spec, std::uint64_t seed);
int inputLinesFor(const DataSpec &spec);
void validateDataSpec(const DataSpec &spec);
const std::vector<std::string> &dataSetNames();

} // namespace sqsnn

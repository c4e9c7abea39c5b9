#pragma once
// IDX files (the MNIST family's format, LeCun et al.), plain or gzip-compressed.
//
// Format: magic = 0x00 0x00 <type> <ndims>, then ndims big-endian uint32 sizes, then the data
// row-major. The lab reads unsigned bytes only (type 0x08):
//   images : magic 0x00000803, sizes [count, rows, cols], count*rows*cols pixels
//   labels : magic 0x00000801, sizes [count], count labels
// Anything else (wrong magic, zero or absurd sizes, too few or too many data bytes) is an
// InputError whose message names the file and says what is wrong.
//
//   parseIdxImages / parseIdxLabels : from a byte buffer (already inflated); `name` is used in
//                                     messages. These are the fuzzed entry points.
//   readIdxImages / readIdxLabels   : from a file path (gzip detected by its magic bytes).
//   readIdxHeader                   : sizes of an IDX file without reading its data (for the GUI).
#include "data/ByteIo.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace sqsnn {

struct IdxImages
{
    int count = 0, rows = 0, cols = 0;
    std::vector<std::uint8_t> pixels; // count * rows * cols, row-major per image
};

IdxImages parseIdxImages(std::span<const std::uint8_t> bytes, const std::string &name);
std::vector<std::uint8_t> parseIdxLabels(std::span<const std::uint8_t> bytes, const std::string &name);

IdxImages readIdxImages(const std::string &path);
std::vector<std::uint8_t> readIdxLabels(const std::string &path);

// The magic's ndims sizes of the file at `path` (reads only the first bytes, inflating if gzip).
std::vector<std::uint32_t> readIdxHeader(const std::string &path);

} // namespace sqsnn

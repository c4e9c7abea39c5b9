#pragma once
// Whole-file byte access for the data readers.
//   readFileBytes(path)      : the file's bytes; gzip files (magic 1f 8b) are inflated in memory,
//                              so every reader accepts "x" and "x.gz" alike. InputError naming the
//                              file when it is missing, unreadable or a corrupt gzip stream.
//   gunzipIfCompressed(b, n) : the same decision on a byte buffer (n names the source in errors).
//   isGzip(b)                : true when the buffer starts with the gzip magic.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace sqsnn {

using Bytes = std::vector<std::uint8_t>;

bool isGzip(std::span<const std::uint8_t> bytes);
Bytes gunzipIfCompressed(Bytes bytes, const std::string &name);
Bytes readFileBytes(const std::string &path);

} // namespace sqsnn

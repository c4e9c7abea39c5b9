#include "data/Idx.hpp"

#include "common/Error.hpp"

#include <zlib.h>

#include <algorithm>

namespace sqsnn {

namespace {

// Side limit for one image dimension: far above any data set, low enough that products fit.
constexpr std::uint32_t kMaxSide = 1u << 16;

std::uint32_t be32(const std::uint8_t *p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 |
           std::uint32_t(p[3]);
}

std::string hex32(std::uint32_t v)
{
    static const char *digits = "0123456789abcdef";
    std::string s = "0x";
    for (int i = 7; i >= 0; --i)
        s += digits[(v >> (4 * i)) & 0xf];
    return s;
}

// Checks magic and dims; returns the sizes and the offset of the data.
std::vector<std::uint32_t> parseHeader(std::span<const std::uint8_t> bytes, const std::string &name,
                                       int wantDims, const char *what)
{
    const std::uint32_t want = 0x00000800u | std::uint32_t(wantDims);
    if (bytes.size() < 4)
        throw InputError(name + ": truncated: " + std::to_string(bytes.size()) +
                         " bytes is too short for an IDX header");
    const std::uint32_t magic = be32(bytes.data());
    if (magic != want)
        throw InputError(name + ": wrong magic " + hex32(magic) + " (expected " + hex32(want) +
                         " for IDX " + what + ")");
    const std::size_t header = 4 + 4 * std::size_t(wantDims);
    if (bytes.size() < header)
        throw InputError(name + ": truncated: " + std::to_string(bytes.size()) +
                         " bytes is too short for the " + std::to_string(header) +
                         "-byte IDX header");
    std::vector<std::uint32_t> dims(wantDims);
    for (int i = 0; i < wantDims; ++i)
        dims[i] = be32(bytes.data() + 4 + 4 * i);
    return dims;
}

} // namespace

IdxImages parseIdxImages(std::span<const std::uint8_t> bytes, const std::string &name)
{
    const auto dims = parseHeader(bytes, name, 3, "images (unsigned bytes, 3 dimensions)");
    const std::uint32_t n = dims[0], rows = dims[1], cols = dims[2];
    if (rows == 0 || cols == 0 || rows > kMaxSide || cols > kMaxSide)
        throw InputError(name + ": bad image size " + std::to_string(rows) + "x" +
                         std::to_string(cols) + " in the IDX header");
    if (n > 0x7fffffffu)
        throw InputError(name + ": bad image count " + std::to_string(n) + " in the IDX header");
    const std::uint64_t want = std::uint64_t(n) * rows * cols;
    const std::uint64_t have = bytes.size() - 16;
    if (have < want)
        throw InputError(name + ": truncated: header says " + std::to_string(n) + " images of " +
                         std::to_string(rows) + "x" + std::to_string(cols) + " but only " +
                         std::to_string(have) + " bytes of pixel data");
    if (have > want)
        throw InputError(name + ": " + std::to_string(have - want) +
                         " bytes after the pixel data the header announces (" +
                         std::to_string(n) + " images of " + std::to_string(rows) + "x" +
                         std::to_string(cols) + ")");
    IdxImages out;
    out.count = int(n);
    out.rows = int(rows);
    out.cols = int(cols);
    out.pixels.assign(bytes.begin() + 16, bytes.end());
    return out;
}

std::vector<std::uint8_t> parseIdxLabels(std::span<const std::uint8_t> bytes, const std::string &name)
{
    const auto dims = parseHeader(bytes, name, 1, "labels (unsigned bytes, 1 dimension)");
    const std::uint64_t have = bytes.size() - 8;
    if (have < dims[0])
        throw InputError(name + ": truncated: header says " + std::to_string(dims[0]) +
                         " labels but only " + std::to_string(have) + " bytes of label data");
    if (have > dims[0])
        throw InputError(name + ": " + std::to_string(have - dims[0]) +
                         " bytes after the label data the header announces (" +
                         std::to_string(dims[0]) + " labels)");
    return {bytes.begin() + 8, bytes.end()};
}

IdxImages readIdxImages(const std::string &path)
{
    return parseIdxImages(readFileBytes(path), path);
}

std::vector<std::uint8_t> readIdxLabels(const std::string &path)
{
    return parseIdxLabels(readFileBytes(path), path);
}

std::vector<std::uint32_t> readIdxHeader(const std::string &path)
{
    // gzread reads plain files transparently too.
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f)
        throw InputError(path + ": cannot open file (missing or unreadable)");
    std::uint8_t head[4 + 4 * 4] = {};
    const int got = gzread(f, head, sizeof head);
    gzclose(f);
    if (got < 4)
        throw InputError(path + ": truncated: too short for an IDX header");
    const int ndims = head[3];
    if (head[0] != 0 || head[1] != 0 || head[2] != 0x08 || ndims < 1 || ndims > 4 ||
        got < 4 + 4 * ndims)
        throw InputError(path + ": not an unsigned-byte IDX file (magic " + hex32(be32(head)) + ")");
    std::vector<std::uint32_t> dims(ndims);
    for (int i = 0; i < ndims; ++i)
        dims[i] = be32(head + 4 + 4 * i);
    return dims;
}

} // namespace sqsnn

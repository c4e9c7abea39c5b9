#include "data/ByteIo.hpp"

#include "common/Error.hpp"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <limits>

namespace sqsnn {

namespace {

// Refuse to inflate beyond this: no data set the lab reads comes close, and a corrupt or hostile
// file must not exhaust memory.
constexpr std::size_t kMaxInflated = std::size_t(4) << 30;

Bytes gunzip(std::span<const std::uint8_t> in, const std::string &name)
{
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw InternalError(name + ": zlib inflateInit2 failed");
    Bytes out;
    // The gzip trailer holds the uncompressed size mod 2^32: a good first guess when the file is
    // whole. It is not trusted beyond 8x the compressed size (a corrupt trailer must not make us
    // allocate and zero a gigabyte before failing); past that the buffer doubles as data comes,
    // so memory stays within twice what the stream really inflates to.
    if (in.size() >= 18) {
        const std::uint32_t le = std::uint32_t(in[in.size() - 4]) |
                                 std::uint32_t(in[in.size() - 3]) << 8 |
                                 std::uint32_t(in[in.size() - 2]) << 16 |
                                 std::uint32_t(in[in.size() - 1]) << 24;
        out.reserve(std::min<std::size_t>(std::size_t(le) + 1, in.size() * 8 + (1 << 16)));
    }
    out.resize(std::max<std::size_t>(out.capacity(), 1 << 16));
    std::size_t used = 0;
    zs.next_in = const_cast<Bytef *>(in.data());
    zs.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), std::numeric_limits<uInt>::max()));
    std::size_t consumed = 0;
    for (;;) {
        if (used == out.size()) {
            if (out.size() >= kMaxInflated) {
                inflateEnd(&zs);
                throw InputError(name + ": gzip data inflates beyond 4 GiB");
            }
            out.resize(out.size() * 2);
        }
        const std::size_t room = std::min<std::size_t>(out.size() - used, std::numeric_limits<uInt>::max());
        zs.next_out = out.data() + used;
        zs.avail_out = static_cast<uInt>(room);
        const uInt availBefore = zs.avail_in;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        used += room - zs.avail_out;
        consumed += availBefore - zs.avail_in;
        if (rc == Z_STREAM_END) {
            // Another gzip member may follow (as `cat a.gz b.gz` makes); anything else is junk.
            if (consumed < in.size() && in.size() - consumed >= 2 && in[consumed] == 0x1f &&
                in[consumed + 1] == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && consumed >= in.size()) {
            inflateEnd(&zs);
            throw InputError(name + ": truncated gzip stream (ends after " +
                             std::to_string(in.size()) + " compressed bytes)");
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const std::string why = zs.msg ? zs.msg : "error " + std::to_string(rc);
            inflateEnd(&zs);
            throw InputError(name + ": corrupt gzip data (" + why + ")");
        }
        if (zs.avail_in == 0 && consumed < in.size()) {
            const std::size_t left = in.size() - consumed;
            zs.avail_in = static_cast<uInt>(std::min<std::size_t>(left, std::numeric_limits<uInt>::max()));
        }
    }
    inflateEnd(&zs);
    out.resize(used);
    return out;
}

} // namespace

bool isGzip(std::span<const std::uint8_t> bytes)
{
    return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

Bytes gunzipIfCompressed(Bytes bytes, const std::string &name)
{
    if (!isGzip(bytes))
        return bytes;
    return gunzip(bytes, name);
}

Bytes readFileBytes(const std::string &path)
{
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f)
        throw InputError(path + ": cannot open file (missing or unreadable)");
    const std::streamoff size = f.tellg();
    if (size < 0)
        throw InputError(path + ": cannot determine the file size");
    Bytes bytes(static_cast<std::size_t>(size));
    f.seekg(0);
    if (size > 0 && !f.read(reinterpret_cast<char *>(bytes.data()), size))
        throw InputError(path + ": read error");
    return gunzipIfCompressed(std::move(bytes), path);
}

} // namespace sqsnn

// libFuzzer target: arbitrary bytes (maybe gzip) into the IDX image and label parsers. An
// InputError is the expected answer to bad bytes; anything else (crash, other exception,
// sanitizer report) is a bug.
#include "common/Error.hpp"
#include "data/ByteIo.hpp"
#include "data/Idx.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    try {
        const sqsnn::Bytes bytes = sqsnn::gunzipIfCompressed(sqsnn::Bytes(data, data + size), "fuzz");
        try {
            const sqsnn::IdxImages images = sqsnn::parseIdxImages(bytes, "fuzz");
            if (images.pixels.size() != std::size_t(images.count) * images.rows * images.cols)
                __builtin_trap();
        } catch (const sqsnn::InputError &) {
        }
        try {
            const auto labels = sqsnn::parseIdxLabels(bytes, "fuzz");
            if (labels.size() + 8 != bytes.size())
                __builtin_trap();
        } catch (const sqsnn::InputError &) {
        }
    } catch (const sqsnn::InputError &) {
    }
    return 0;
}

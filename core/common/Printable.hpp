#pragma once
// printable(text): the text safe to print in a one-line message. Valid, printable UTF-8 is kept
// as is; every other byte (invalid or truncated UTF-8 sequences, overlong forms, surrogates,
// control characters including newlines, DEL) is written as "\xNN", so a message never echoes
// raw input bytes to a terminal or a log.
#include <cstdio>
#include <string>
#include <string_view>

namespace sqsnn {

inline std::string printable(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    const auto escape = [&](unsigned char c) {
        char buf[5];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
    };
    const auto cont = [&](std::size_t k) {
        return k < text.size() && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F)
                escape(c);
            else
                out += char(c);
            ++i;
            continue;
        }
        // The length of a well-formed sequence starting with c (RFC 3629), 0 when c cannot start one.
        const std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                              : c >= 0xF0 && c <= 0xF4                          ? 4
                                                                                : 0;
        bool ok = n > 0;
        for (std::size_t k = 1; ok && k < n; ++k)
            ok = cont(i + k);
        if (ok && n >= 3) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) // overlong, surrogate
                 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90); // overlong, > U+10FFFF
        }
        if (ok && n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)
            ok = false; // C1 control characters U+0080..U+009F
        if (!ok) {
            escape(c);
            ++i;
            continue;
        }
        out.append(text.substr(i, n));
        i += n;
    }
    return out;
}

} // namespace sqsnn

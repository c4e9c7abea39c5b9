// Project files on disk: parsing with line/column messages, loading, atomic saving, backups.
#include "common/AtomicFile.hpp"
#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "project/ProjectIo.hpp"
#include "project/ProjectUpgrade.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqsnn {

namespace {

constexpr std::size_t kMaxProjectFileBytes = std::size_t(1) << 30; // 1 GiB

std::string osError(int err)
{
    return std::strerror(err);
}

// Reads a whole regular file; nullopt with errno set when it cannot.
std::optional<std::string> readWholeFile(const std::string &path, std::string &why)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        why = "cannot open: " + osError(errno);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        why = S_ISDIR(st.st_mode) ? "is a directory, not a project file" : "is not a regular file";
        ::close(fd);
        return std::nullopt;
    }
    if (std::size_t(st.st_size) > kMaxProjectFileBytes) {
        why = "is larger than 1 GiB; not a project file";
        ::close(fd);
        return std::nullopt;
    }
    std::string text;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            why = "cannot read: " + osError(errno);
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0)
            break;
        text.append(buf, std::size_t(n));
        if (text.size() > kMaxProjectFileBytes) {
            why = "is larger than 1 GiB; not a project file";
            ::close(fd);
            return std::nullopt;
        }
    }
    ::close(fd);
    return text;
}

[[noreturn]] void saveFailed(const std::string &path, const std::string &what, int err)
{
    throw InputError(path + ": cannot save: " + what + ": " + osError(err));
}

// The format_version of an existing file, or nullopt when it has none we can read.
std::optional<int> existingFormatVersion(const std::string &text)
{
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    if (!doc.is_object())
        return std::nullopt;
    const auto v = doc.find("format_version");
    if (v == doc.end() || !v->is_number_unsigned() || v->get<std::uint64_t>() > 1'000'000)
        return std::nullopt;
    return int(v->get<std::uint64_t>());
}

// Builds the DOM as nlohmann::json::parse does, refusing nesting deeper than
// kMaxProjectJsonDepth. (Not the parser-callback overload: in nlohmann 3.11 its end_object
// scans the enclosing container for discarded values, which is quadratic in the length of an
// array of objects: a 66 MB `ui` array took minutes.)
class DepthLimitedDom
{
public:
    DepthLimitedDom(nlohmann::json &doc, const std::string &source)
        : m_dom(doc, true)
        , m_source(source)
    {}
    bool null() { return m_dom.null(); }
    bool boolean(bool v) { return m_dom.boolean(v); }
    bool number_integer(std::int64_t v) { return m_dom.number_integer(v); }
    bool number_unsigned(std::uint64_t v) { return m_dom.number_unsigned(v); }
    bool number_float(double v, const std::string &s) { return m_dom.number_float(v, s); }
    bool string(std::string &v) { return m_dom.string(v); }
    bool binary(nlohmann::json::binary_t &v) { return m_dom.binary(v); }
    bool start_object(std::size_t n) { return enter() && m_dom.start_object(n); }
    bool key(std::string &v) { return m_dom.key(v); }
    bool end_object() { --m_depth; return m_dom.end_object(); }
    bool start_array(std::size_t n) { return enter() && m_dom.start_array(n); }
    bool end_array() { --m_depth; return m_dom.end_array(); }
    bool parse_error(std::size_t pos, const std::string &token,
                     const nlohmann::detail::exception &e)
    {
        // Rethrow with the dynamic type (the DOM parser would throw a sliced copy).
        if (const auto *p = dynamic_cast<const nlohmann::json::parse_error *>(&e))
            throw *p;
        if (const auto *o = dynamic_cast<const nlohmann::json::out_of_range *>(&e))
            throw *o;
        return m_dom.parse_error(pos, token, e);
    }

private:
    bool enter()
    {
        if (m_depth >= kMaxProjectJsonDepth)
            throw InputError(m_source + ": invalid project file: JSON nested deeper than "
                             + std::to_string(kMaxProjectJsonDepth) + " levels");
        ++m_depth;
        return true;
    }
    nlohmann::detail::json_sax_dom_parser<nlohmann::json> m_dom;
    const std::string &m_source;
    int m_depth = 0;
};

} // namespace

nlohmann::json parseProjectText(std::string_view text, const std::string &source)
{
    nlohmann::json doc;
    DepthLimitedDom sax(doc, source);
    try {
        nlohmann::json::sax_parse(text.begin(), text.end(), &sax);
        return doc;
    } catch (const nlohmann::json::parse_error &e) {
        // e.byte is 1-based: the position of the character at fault.
        const std::size_t at = std::min<std::size_t>(e.byte ? e.byte - 1 : 0, text.size());
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < at; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
        if (const auto c = what.find("column "); c != std::string::npos) {
            if (const auto colon = what.find(": ", c); colon != std::string::npos)
                what = what.substr(colon + 2);
        }
        throw InputError(source + ": line " + std::to_string(line) + ", column "
                         + std::to_string(column) + ": invalid JSON: " + printable(what));
    } catch (const nlohmann::json::exception &e) {
        // e.g. "number overflow parsing '1e999'" (out_of_range.406)
        std::string what = e.what();
        if (const auto b = what.find("] "); b != std::string::npos)
            what = what.substr(b + 2);
        throw InputError(source + ": invalid JSON: " + printable(what));
    }
}

Project loadProject(const std::string &path)
{
    std::string why;
    auto text = readWholeFile(path, why);
    if (!text)
        throw InputError(path + ": " + why);
    nlohmann::json doc = parseProjectText(*text, path);
    text.reset(); // the text is not needed once parsed
    return projectFromJson(std::move(doc), path);
}

void saveProject(const Project &project, const std::string &path)
{
    std::string text;
    try {
        text = projectToJson(project).dump(2) + "\n";
    } catch (const nlohmann::json::exception &e) {
        throw InputError(path + ": cannot save: " + e.what());
    }
    // Save through a symbolic link, not over it.
    std::string target = path;
    std::error_code ec;
    if (std::filesystem::is_symlink(path, ec)) {
        const auto resolved = std::filesystem::weakly_canonical(path, ec);
        if (ec)
            saveFailed(path, "cannot resolve the symbolic link", ec.value());
        target = resolved.string();
    }
    mode_t mode = 0644;
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode))
            throw InputError(path + ": cannot save: it exists and is not a regular file");
        mode = st.st_mode & 07777;
        std::string why;
        if (const auto old = readWholeFile(target, why)) {
            const auto version = existingFormatVersion(*old);
            if (version && *version < kProjectFormatVersion) {
                const std::string backup = target + ".v" + std::to_string(*version) + ".bak";
                if (::access(backup.c_str(), F_OK) != 0)
                    writeFileAtomically(backup, *old, mode);
            }
        }
    }
    writeFileAtomically(target, text, mode);
}

} // namespace sqsnn

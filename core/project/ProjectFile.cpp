// Project files on disk: parsing with line/column messages, loading, atomic saving, backups.
#include "common/Error.hpp"
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

// Writes `bytes` to "<path>.tmp-XXXXXX" in the same directory, fsyncs and renames it over
// `path`, then fsyncs the directory. On failure the temporary file is removed and `path` is
// untouched.
void writeFileAtomically(const std::string &path, const std::string &bytes, mode_t mode)
{
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0)
        saveFailed(path, "cannot create a temporary file next to it", errno);
    auto fail = [&](const std::string &what, int err) {
        ::close(fd);
        ::unlink(tmp.c_str());
        saveFailed(path, what, err);
    };
    if (::fchmod(fd, mode) != 0)
        fail("cannot set the permissions of the temporary file", errno);
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail("writing the temporary file failed", errno);
        done += std::size_t(n);
    }
    if (::fsync(fd) != 0)
        fail("flushing the temporary file failed", errno);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        saveFailed(path, "closing the temporary file failed", err);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        saveFailed(path, "renaming the temporary file over it failed", err);
    }
    // Make the rename itself durable. Not every file system can sync a directory; the file is
    // already complete and in place, so a failure here is not reported.
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty())
        dir = ".";
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
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

} // namespace

nlohmann::json parseProjectText(std::string_view text, const std::string &source)
{
    const auto limitDepth = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json &) {
        if ((event == nlohmann::json::parse_event_t::object_start
             || event == nlohmann::json::parse_event_t::array_start)
            && depth >= kMaxProjectJsonDepth)
            throw InputError(source + ": invalid project file: JSON nested deeper than "
                             + std::to_string(kMaxProjectJsonDepth) + " levels");
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), limitDepth);
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
                         + std::to_string(column) + ": invalid JSON: " + what);
    } catch (const nlohmann::json::exception &e) {
        // e.g. "number overflow parsing '1e999'" (out_of_range.406)
        std::string what = e.what();
        if (const auto b = what.find("] "); b != std::string::npos)
            what = what.substr(b + 2);
        throw InputError(source + ": invalid JSON: " + what);
    }
}

Project loadProject(const std::string &path)
{
    std::string why;
    const auto text = readWholeFile(path, why);
    if (!text)
        throw InputError(path + ": " + why);
    return projectFromJson(parseProjectText(*text, path), path);
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

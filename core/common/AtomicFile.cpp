#include "common/AtomicFile.hpp"
#include "common/Error.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sqsnn {

namespace {

[[noreturn]] void saveFailed(const std::string &path, const std::string &what, int err)
{
    throw InputError(path + ": cannot save: " + what + ": " + std::strerror(err));
}

bool isTemporaryName(const std::string &name, const std::string &base)
{
    const std::string prefix = base + ".tmp-";
    if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0)
        return false;
    for (std::size_t i = prefix.size(); i < name.size(); ++i) {
        const char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

} // namespace

int removeStaleTemporaries(const std::string &path)
{
    namespace fs = std::filesystem;
    const fs::path p(path);
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    const std::string base = p.filename().string();
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!isTemporaryName(name, base))
            continue;
        const std::string file = it->path().string();
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        if (fd < 0)
            continue;
        struct stat st {};
        const bool old = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
                         && std::time(nullptr) - st.st_mtime >= 2;
        // Holding the lock ourselves while unlinking: a live writer holds it until its rename.
        if (old && ::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(file.c_str()) == 0)
            ++removed;
        ::close(fd);
    }
    return removed;
}

void writeFileAtomically(const std::string &path, const std::string &bytes, mode_t mode)
{
    removeStaleTemporaries(path);
    std::string tmp = path + ".tmp-XXXXXX";
    const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0)
        saveFailed(path, "cannot create a temporary file next to it", errno);
    auto fail = [&](const std::string &what, int err) {
        ::unlink(tmp.c_str());
        ::close(fd);
        saveFailed(path, what, err);
    };
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
        fail("cannot lock the temporary file", errno);
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
    // Rename while still holding the lock, so no cleaner can take the file in between.
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        fail("renaming the temporary file over it failed", errno);
    if (::close(fd) != 0)
        saveFailed(path, "closing the file failed", errno);
    // Make the rename itself durable. Not every file system can sync a directory; the file is
    // already complete and in place, so a failure here is not reported.
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    const std::string dir = parent.empty() ? std::string(".") : parent.string();
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

void writeTextFile(const std::string &path, const std::string &text)
{
    mode_t mode = 0644;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode))
            throw InputError(path + ": cannot save: it exists and is not a regular file");
        mode = st.st_mode & 07777;
    }
    writeFileAtomically(path, text, mode);
}

} // namespace sqsnn

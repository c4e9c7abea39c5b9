#pragma once
// Writing a file so that a crash, a kill -9 or a full disk never leaves it half written.
//
//   writeFileAtomically(path, bytes, mode)
//       Writes "<path>.tmp-XXXXXX" in the same directory (holding an exclusive flock on it while
//       it is ours), fsyncs it, renames it over `path`, then fsyncs the directory. On any
//       failure the temporary file is removed, `path` is untouched and InputError
//       "<path>: cannot save: <step>: <OS error>" is thrown. Before writing, stale temporary
//       files of the same name pattern left by a killed writer are removed (see below).
//   removeStaleTemporaries(path)
//       Removes "<path>.tmp-XXXXXX" files (exactly six characters of mkstemp's alphabet) that
//       no live writer holds: a writer keeps an flock on its temporary file until it renames
//       it, and the kernel drops that lock when the process dies, however it dies. Files
//       younger than two seconds are left alone too (a writer between mkstemp and flock).
//       Returns how many were removed. Never throws.
//   writeTextFile(path, text)
//       writeFileAtomically with mode 0644, or the existing file's mode when it exists; refuses
//       (InputError) when `path` exists and is not a regular file.
#include <string>
#include <sys/types.h>

namespace sqsnn {

void writeFileAtomically(const std::string &path, const std::string &bytes, mode_t mode);
int removeStaleTemporaries(const std::string &path);
void writeTextFile(const std::string &path, const std::string &text);

} // namespace sqsnn

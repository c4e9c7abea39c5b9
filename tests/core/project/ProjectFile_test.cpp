// loadProject / saveProject / parseProjectText: files, atomic saving, backups, bad text.
#include "ProjectFixtures.hpp"

#include "project/ProjectIo.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include <sys/resource.h>
#include <sys/stat.h>

namespace sqsnn {
namespace {

using test::inputErrorOf;
using test::richProject;
using test::TempDir;

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeText(const std::string &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> filesIn(const std::filesystem::path &dir)
{
    std::vector<std::string> out;
    for (const auto &e : std::filesystem::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ProjectFile, SaveThenLoadGivesTheSameProject)
{
    TempDir dir;
    const std::string path = dir.file("a.sqsnn.json");
    saveProject(richProject(), path);
    EXPECT_TRUE(loadProject(path) == richProject());
    EXPECT_EQ(readText(path), projectToJson(richProject()).dump(2) + "\n");
    EXPECT_EQ(filesIn(dir.path()), std::vector<std::string>{"a.sqsnn.json"}); // no temp files
}

TEST(ProjectFile, SavingOverAFileReplacesItAndKeepsItsPermissions)
{
    TempDir dir;
    const std::string path = dir.file("a.sqsnn.json");
    Project p = richProject();
    saveProject(p, path);
    ::chmod(path.c_str(), 0640);
    p.title = "second";
    saveProject(p, path);
    EXPECT_EQ(loadProject(path).title, "second");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
    EXPECT_EQ(filesIn(dir.path()), std::vector<std::string>{"a.sqsnn.json"});
}

TEST(ProjectFile, FailedWriteLeavesTheOldFileIntactAndNoTempFile)
{
    TempDir dir;
    const std::string path = dir.file("a.sqsnn.json");
    Project small;
    small.title = "the good one";
    saveProject(small, path);
    const std::string good = readText(path);
    ASSERT_LT(good.size(), 4000u);

    // Make every write past 4 KB fail (EFBIG), as a full disk would, even when run as root.
    Project big = richProject();
    big.parameters["population/hidden"].assign(100000, 0.5);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
    rlimit limited = old;
    limited.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    const std::string msg = inputErrorOf([&] { saveProject(big, path); });
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);

    EXPECT_EQ(msg.rfind(path + ": cannot save: writing the temporary file failed: ", 0), 0u) << msg;
    EXPECT_EQ(readText(path), good);
    EXPECT_EQ(loadProject(path).title, "the good one");
    EXPECT_EQ(filesIn(dir.path()), std::vector<std::string>{"a.sqsnn.json"});
}

TEST(ProjectFile, SavingIntoAMissingDirectoryFailsCleanly)
{
    TempDir dir;
    const std::string path = dir.file("no-such-dir/a.sqsnn.json");
    const std::string msg = inputErrorOf([&] { saveProject(richProject(), path); });
    EXPECT_EQ(msg.rfind(path + ": cannot save: ", 0), 0u) << msg;
    EXPECT_NE(msg.find("No such file or directory"), std::string::npos) << msg;
    EXPECT_TRUE(filesIn(dir.path()).empty());
}

TEST(ProjectFile, SavingOverADirectoryIsRefused)
{
    TempDir dir;
    std::filesystem::create_directory(dir.path() / "d.sqsnn.json");
    const std::string msg = inputErrorOf([&] { saveProject(richProject(), dir.file("d.sqsnn.json")); });
    EXPECT_NE(msg.find("not a regular file"), std::string::npos) << msg;
    EXPECT_EQ(filesIn(dir.path()), std::vector<std::string>{"d.sqsnn.json"});
}

TEST(ProjectFile, SavingThroughASymlinkWritesTheTarget)
{
    TempDir dir;
    const std::string target = dir.file("real.sqsnn.json");
    saveProject(Project{}, target);
    std::filesystem::create_symlink("real.sqsnn.json", dir.path() / "link.sqsnn.json");
    saveProject(richProject(), dir.file("link.sqsnn.json"));
    EXPECT_TRUE(std::filesystem::is_symlink(dir.path() / "link.sqsnn.json"));
    EXPECT_TRUE(loadProject(target) == richProject());
}

TEST(ProjectFile, OlderFormatIsBackedUpOnceBeforeTheFirstSave)
{
    TempDir dir;
    const std::string path = dir.file("old.sqsnn.json");
    const std::string v0 = R"({"format_version": 0, "title": "old", "training": {"lr": 0.5}})";
    writeText(path, v0);
    Project p = loadProject(path);
    EXPECT_DOUBLE_EQ(p.training.learningRate, 0.5);
    saveProject(p, path);
    const std::string backup = dir.file("old.sqsnn.json.v0.bak");
    EXPECT_EQ(readText(backup), v0);
    EXPECT_EQ(loadProject(path).title, "old");
    EXPECT_EQ(nlohmann::json::parse(readText(path))["format_version"], kProjectFormatVersion);

    // Saving again (the file is current now) makes no new backup.
    p.title = "newer";
    saveProject(p, path);
    EXPECT_EQ(readText(backup), v0);
    // Another old file at the same path never overwrites the first backup.
    writeText(path, R"({"format_version": 0, "title": "another old one"})");
    saveProject(p, path);
    EXPECT_EQ(readText(backup), v0);
    EXPECT_EQ(filesIn(dir.path()),
              (std::vector<std::string>{"old.sqsnn.json", "old.sqsnn.json.v0.bak"}));
}

TEST(ProjectFile, CurrentOrUnreadableFilesAreNotBackedUp)
{
    TempDir dir;
    const std::string path = dir.file("a.sqsnn.json");
    saveProject(Project{}, path);
    saveProject(richProject(), path);
    writeText(path, "not json at all");
    saveProject(richProject(), path);
    EXPECT_EQ(filesIn(dir.path()), std::vector<std::string>{"a.sqsnn.json"});
}

TEST(ProjectFile, LoadErrorsNameThePath)
{
    TempDir dir;
    const std::string missing = dir.file("missing.sqsnn.json");
    EXPECT_EQ(inputErrorOf([&] { loadProject(missing); }),
              missing + ": cannot open: No such file or directory");
    EXPECT_EQ(inputErrorOf([&] { loadProject(dir.path().string()); }),
              dir.path().string() + ": is a directory, not a project file");
    const std::string bad = dir.file("bad.sqsnn.json");
    writeText(bad, "{\n  \"format_version\": 1,\n  \"title\": \"x\"\n  \"seed\": 1\n}\n");
    const std::string msg = inputErrorOf([&] { loadProject(bad); });
    EXPECT_EQ(msg.rfind(bad + ": line 4, column 8: invalid JSON: ", 0), 0u) << msg;
}

TEST(ProjectFile, ParseReportsLineAndColumn)
{
    EXPECT_EQ(inputErrorOf([] { parseProjectText("{\"a\": tru}", "s"); })
                  .rfind("s: line 1, column 10: invalid JSON: ", 0),
              0u);
    EXPECT_EQ(inputErrorOf([] { parseProjectText("{\n\n   x", "s"); }).rfind("s: line 3, column 4: ", 0),
              0u);
    EXPECT_EQ(inputErrorOf([] { parseProjectText("{\"a\": 1e999}", "s"); }),
              "s: invalid JSON: number overflow parsing '1e999'");
    EXPECT_NE(inputErrorOf([] { parseProjectText(std::string(100, '['), "s"); })
                  .find("s: invalid project file: JSON nested deeper than 64 levels"),
              std::string::npos);
    // 64 levels are fine.
    EXPECT_NO_THROW(parseProjectText(std::string(64, '[') + std::string(64, ']'), "s"));
}

} // namespace
} // namespace sqsnn

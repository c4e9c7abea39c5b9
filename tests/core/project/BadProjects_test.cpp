// The corpus of broken project files (tests/data/bad-projects/): each must be refused with an
// InputError that starts with the file's path and contains its expected text (index.json).
#include "ProjectFixtures.hpp"

#include "project/ProjectIo.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

namespace sqsnn {
namespace {

const std::filesystem::path kCorpus = std::filesystem::path(SQSNN_SOURCE_DIR) / "tests/data/bad-projects";

nlohmann::json corpusIndex()
{
    std::ifstream in(kCorpus / "index.json");
    return nlohmann::json::parse(in).at("expected");
}

TEST(BadProjects, EveryFileIsListedAndEveryListedFileExists)
{
    const nlohmann::json expected = corpusIndex();
    std::set<std::string> files;
    for (const auto &entry : std::filesystem::directory_iterator(kCorpus)) {
        if (entry.path().filename() != "index.json")
            files.insert(entry.path().filename().string());
    }
    for (const auto &f : files)
        EXPECT_TRUE(expected.contains(f)) << f << " has no expected message in index.json";
    for (const auto &item : expected.items())
        EXPECT_TRUE(files.count(item.key())) << item.key() << " is listed but missing";
    EXPECT_GE(files.size(), 50u);
}

TEST(BadProjects, EachIsRefusedWithItsExpectedMessage)
{
    const nlohmann::json expected = corpusIndex();
    for (const auto &item : expected.items()) {
        const std::string path = (kCorpus / item.key()).string();
        const std::string want = item.value().get<std::string>();
        const std::string msg = test::inputErrorOf([&] { loadProject(path); });
        EXPECT_EQ(msg.rfind(path, 0), 0u) << item.key() << ": the message must start with the path: " << msg;
        EXPECT_NE(msg.find(want), std::string::npos)
            << item.key() << "\n  expected to contain: " << want << "\n  got: " << msg;
    }
}

} // namespace
} // namespace sqsnn

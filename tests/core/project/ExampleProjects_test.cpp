// Every example project (projects/**/*.sqsnn.json, lessons and benchmarks too) loads, validates, and is in canonical form up
// to formatting (so the examples never drift from the format). Passes when there are none yet.
#include "ProjectFixtures.hpp"

#include "project/ProjectIo.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace sqsnn {
namespace {

std::vector<std::filesystem::path> exampleProjects()
{
    std::vector<std::filesystem::path> out;
    const auto dir = std::filesystem::path(SQSNN_SOURCE_DIR) / "projects";
    if (!std::filesystem::is_directory(dir))
        return out;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 11 && name.ends_with(".sqsnn.json"))
            out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ExampleProjects, EachLoadsAndRoundTrips)
{
    const auto files = exampleProjects();
    if (files.empty())
        GTEST_SKIP() << "no projects/*.sqsnn.json yet";
    for (const auto &file : files) {
        SCOPED_TRACE(file.string());
        Project p;
        ASSERT_NO_THROW(p = loadProject(file.string())) << [&] {
            try {
                loadProject(file.string());
            } catch (const std::exception &e) {
                return std::string(e.what());
            }
            return std::string();
        }();
        EXPECT_TRUE(projectFromJson(projectToJson(p), file.string()) == p);
    }
}

} // namespace
} // namespace sqsnn

namespace sqsnn {
namespace {

// The example in docs/project-format.md is a valid project (the docs never drift).
TEST(ExampleProjects, DocumentedExampleIsValid)
{
    std::ifstream in(std::filesystem::path(SQSNN_SOURCE_DIR) / "docs/project-format.md");
    std::stringstream s;
    s << in.rdbuf();
    const std::string doc = s.str();
    const auto start = doc.find("```json\n");
    ASSERT_NE(start, std::string::npos) << "docs/project-format.md has no ```json example";
    const auto end = doc.find("```", start + 8);
    ASSERT_NE(end, std::string::npos);
    const std::string text = doc.substr(start + 8, end - start - 8);
    Project p;
    try {
        p = projectFromJson(parseProjectText(text, "docs example"), "docs example");
    } catch (const std::exception &e) {
        FAIL() << e.what();
    }
    EXPECT_EQ(p.network.populations.size(), 3u);
    EXPECT_EQ(p.network.populations[2].ansatz.gates.size(), 4u);
    EXPECT_EQ(p.training.epochs, 100);
    EXPECT_EQ(p.data.classes, (std::vector<int>{1, 7}));
}

} // namespace
} // namespace sqsnn

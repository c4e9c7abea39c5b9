// Every lesson (projects/lessons/*.sqsnn.json) trains with the real `sqsnn train` in seconds,
// as the lessons promise, and the trained project keeps its lesson text.
#include "project/ProjectIo.hpp"

#include <gtest/gtest.h>

#include "support/RunCli.hpp"

#include <chrono>
#include <filesystem>

namespace fs = std::filesystem;

TEST(LessonsCli, EachLessonTrainsQuicklyAndKeepsItsText)
{
    const fs::path dir = fs::path(SQSNN_SOURCE_DIR) / "projects" / "lessons";
    std::vector<fs::path> lessons;
    for (const auto &e : fs::directory_iterator(dir))
        if (e.path().string().ends_with(".sqsnn.json"))
            lessons.push_back(e.path());
    std::sort(lessons.begin(), lessons.end());
    ASSERT_EQ(lessons.size(), 7u);
    const fs::path out = fs::temp_directory_path() / ("sqsnn-lessons-" + std::to_string(::getpid()));
    for (const auto &lesson : lessons) {
        SCOPED_TRACE(lesson.filename().string());
        const auto t0 = std::chrono::steady_clock::now();
        const sqsnn::test::CliRun run = sqsnn::test::runCli(
            "train " + lesson.string() + " --epochs 1 --threads 2 --out " + out.string());
        const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        ASSERT_EQ(run.status, 0) << run.err;
        EXPECT_NE(run.out.find("epoch 1:"), std::string::npos) << run.out;
        std::printf("[ info ] %s: one epoch in %.2f s\n", lesson.filename().c_str(), seconds);
        const sqsnn::Project trained = sqsnn::loadProject((out / lesson.filename()).string());
        EXPECT_EQ(trained.lesson, sqsnn::loadProject(lesson.string()).lesson);
        EXPECT_FALSE(trained.lesson.empty());
    }
    fs::remove_all(out);
}

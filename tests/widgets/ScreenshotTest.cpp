// Runs the real sqsnn-lab binary with --screenshot under the offscreen platform and checks the
// PNG: it exists, has the window's size and is not blank. A broken project exits with 2.
// Without any display the window says so in one line (exit 2, no abort) and --screenshot
// still works.
#include "TestSupport.hpp"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

namespace sqsnn::lab::test {

namespace {

struct LabRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

LabRun runLab(const QStringList &args, const QTemporaryDir &home, bool noDisplay = false)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (noDisplay) {
        for (const char *v : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(v));
    } else {
        env.insert("QT_QPA_PLATFORM", "offscreen");
    }
    env.insert("HOME", home.path());
    env.insert("XDG_CONFIG_HOME", home.filePath("config"));
    env.insert("XDG_DATA_HOME", home.filePath("data"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(SQSNN_LAB), args);
    EXPECT_TRUE(process.waitForFinished(60000)) << "sqsnn-lab did not finish";
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

Project demoProject()
{
    Project p;
    p.title = "Screenshot";
    p.data.classes = {1, 7};
    auto pop = [](const char *name, const char *kind, int size, bool readout = false) {
        PopulationSpec s;
        s.name = name;
        s.kind = kind;
        s.size = size;
        s.readout = readout;
        return s;
    };
    p.network.populations = {pop("input", "input", 0), pop("hidden", "sqs", 2),
                             pop("baseline", "qlif", 4), pop("readout", "sqs", 2, true)};
    auto edge = [](const char *from, const char *to) {
        ProjectionSpec e;
        e.from = from;
        e.to = to;
        return e;
    };
    p.network.projections = {edge("input", "hidden"), edge("hidden", "readout"),
                             edge("input", "readout"), edge("input", "baseline")};
    return p;
}

} // namespace

TEST(Screenshot, WritesANonBlankPngOfTheWindow)
{
    QTemporaryDir home;
    const QString project = home.filePath("demo.sqsnn.json");
    save(demoProject(), project.toStdString());
    const QString png = home.filePath("lab.png");
    const LabRun run = runLab({project, "--screenshot", png}, home);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    QImage image(png);
    ASSERT_FALSE(image.isNull()) << "no PNG at " << png.toStdString();
    // The program prints "FILE WxH" with the window's size.
    const QStringList parts = run.out.trimmed().split(' ').last().split('x');
    ASSERT_EQ(parts.size(), 2) << run.out.toStdString();
    EXPECT_EQ(image.width(), parts[0].toInt());
    EXPECT_EQ(image.height(), parts[1].toInt());
    EXPECT_GE(image.width(), 800);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 200) << "the image looks blank";
    std::printf("[ info ] screenshot %dx%d, %lld distinct colours\n", image.width(),
                image.height(), static_cast<long long>(colours.size()));
}

TEST(Screenshot, BrokenProjectExitsWithTwo)
{
    QTemporaryDir home;
    const QString bad = home.filePath("bad.sqsnn.json");
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    const LabRun run = runLab({bad, "--screenshot", home.filePath("x.png")}, home);
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_FALSE(run.err.trimmed().isEmpty());
    EXPECT_FALSE(QFileInfo::exists(home.filePath("x.png")));
}

TEST(Screenshot, WithoutADisplayTheWindowSaysSoAndScreenshotsStillWork)
{
    QTemporaryDir home;
    const QString project = home.filePath("demo.sqsnn.json");
    save(demoProject(), project.toStdString());
    LabRun run = runLab({project, "--no-tour"}, home, true);
    EXPECT_EQ(run.exitCode, 2) << run.err.toStdString();
    EXPECT_TRUE(run.err.contains("no display found")) << run.err.toStdString();
    EXPECT_EQ(run.err.trimmed().count('\n'), 0) << "one line: " << run.err.toStdString();

    const QString png = home.filePath("headless.png");
    run = runLab({project, "--screenshot", png}, home, true);
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_FALSE(QImage(png).isNull());

    run = runLab({"--help"}, home, true);
    EXPECT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_TRUE(run.out.contains("--screenshot")) << run.out.toStdString();
}

} // namespace sqsnn::lab::test

// Event file formats (N-MNIST binary, CSV) and the "nmnist" / "events-csv" data sets read from
// directories written here.
#include "support/ErrorOf.hpp"
#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "data/Events.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace sqsnn;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> bytesOf(const std::string &s) { return {s.begin(), s.end()}; }

using sqsnn::test::errorOf;

fs::path tempDir(const std::string &name)
{
    const fs::path d = fs::temp_directory_path() /
                       ("sqsnn_events_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void writeFile(const fs::path &p, const std::vector<std::uint8_t> &b)
{
    fs::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char *>(b.data()), std::streamsize(b.size()));
}

} // namespace

TEST(NmnistFormat, DecodesBigEndianFields)
{
    // x=5, y=33, ON, t = 0x123456 ; x=0, y=1, OFF, t = 0x7fffff
    const std::vector<std::uint8_t> b = {5, 33, 0x80 | 0x12, 0x34, 0x56, 0, 1, 0x7f, 0xff, 0xff};
    const auto ev = parseNmnistEvents(b, "s.bin");
    ASSERT_EQ(ev.size(), 2u);
    EXPECT_EQ(ev[0].x, 5);
    EXPECT_EQ(ev[0].y, 33);
    EXPECT_TRUE(ev[0].on);
    EXPECT_EQ(ev[0].tUs, double(0x123456));
    EXPECT_FALSE(ev[1].on);
    EXPECT_EQ(ev[1].tUs, double(0x7fffff));
    EXPECT_EQ(writeNmnistEvents(ev), b);
    EXPECT_EQ(errorOf([] { parseNmnistEvents(std::vector<std::uint8_t>(7), "s.bin"); }),
              "s.bin: truncated: 7 bytes is not a whole number of 5-byte N-MNIST events");
}

TEST(CsvFormat, HeaderBlankLinesAndErrors)
{
    const auto ev = parseCsvEvents(bytesOf("t,x,y,p\r\n10, 1, 2, 1\n\n 25.5,3,4,0\n30,0,0,-1"), "e.csv");
    ASSERT_EQ(ev.size(), 3u);
    EXPECT_EQ(ev[0].tUs, 10.0);
    EXPECT_EQ(ev[0].x, 1);
    EXPECT_EQ(ev[0].y, 2);
    EXPECT_TRUE(ev[0].on);
    EXPECT_EQ(ev[1].tUs, 25.5);
    EXPECT_FALSE(ev[1].on);
    EXPECT_FALSE(ev[2].on);
    EXPECT_TRUE(parseCsvEvents(bytesOf(""), "e.csv").empty());
    EXPECT_EQ(errorOf([] { parseCsvEvents(bytesOf("1,2,3\n"), "e.csv"); }),
              "e.csv:1: 3 fields (expected t,x,y,polarity)");
    EXPECT_EQ(errorOf([] { parseCsvEvents(bytesOf("1,2,3,1\n1,2,3,4,5"), "e.csv"); }),
              "e.csv:2: more than 4 fields (expected t,x,y,polarity)");
    EXPECT_EQ(errorOf([] { parseCsvEvents(bytesOf("1,2,3,2"), "e.csv"); }),
              "e.csv:1: bad polarity '2' (expected 1, 0 or -1)");
    EXPECT_EQ(errorOf([] { parseCsvEvents(bytesOf("t,x,y,p\nnan,2,3,1"), "e.csv"); }),
              "e.csv:2: bad timestamp 'nan' (expected microseconds >= 0)");
    EXPECT_EQ(errorOf([] { parseCsvEvents(bytesOf("5,-2,3,1"), "e.csv"); }), "e.csv:1: bad x '-2'");
    EXPECT_EQ(errorOf([] { parseCsvEvents(bytesOf("5,2,70000,1"), "e.csv"); }),
              "e.csv:1: bad y '70000'");
    EXPECT_EQ(errorOf([] { parseCsvEvents(bytesOf("1,2,3,1\nx,y,z,w"), "e.csv"); }),
              "e.csv:2: bad timestamp 'x' (expected microseconds >= 0)");
}

TEST(NmnistDataset, LoadsDirectoryTree)
{
    const fs::path d = tempDir("nmnist");
    // class c: one event at (c, c) per file, ON, in bin 0; files 00001.bin, 00002.bin
    for (const char *split : {"Train", "Test"})
        for (int c = 0; c < 10; ++c)
            for (int k = 1; k <= 2; ++k) {
                const std::vector<Event> ev = {{100.0 * k, std::uint16_t(c), std::uint16_t(c), true},
                                               {30000.0, 33, 33, false}};
                writeFile(d / split / std::to_string(c) / ("0000" + std::to_string(k) + ".bin"),
                          writeNmnistEvents(ev));
            }
    DataSpec spec;
    spec.dataset = "nmnist";
    spec.path = d.string();
    spec.encoder = "events";
    spec.timeSteps = 2;
    spec.binMs = 25;
    spec.classes = {3, 8};
    spec.mergePolarities = false;
    const DataSplit s = loadData(spec, 1);
    ASSERT_EQ(s.train.size(), 4u);
    EXPECT_EQ(s.train.width, 34);
    EXPECT_EQ(s.train.channels, 2);
    EXPECT_EQ(s.train.frames, 2);
    EXPECT_EQ(s.train.classNames, (std::vector<std::string>{"3", "8"}));
    EXPECT_EQ(inputLinesFor(spec), 34 * 34 * 2);
    const std::uint32_t lines = 34 * 34 * 2;
    for (std::size_t i = 0; i < s.train.size(); ++i) {
        const int c = s.train.labels[i] == 0 ? 3 : 8;
        // ON at (c,c) in bin 0 (channel 1); OFF at (33,33) ~30 ms later -> bin 1, channel 0.
        const std::vector<std::uint32_t> want = {std::uint32_t(34 * 34 + c * 34 + c),
                                                 lines + 33 * 34 + 33};
        EXPECT_EQ(s.train.spikes[i], want) << i;
    }
    spec.classes = {10};
    EXPECT_NE(errorOf([&] { loadData(spec, 1); }).find("class 10 is not in nmnist"), std::string::npos);
    spec.classes = {};
    spec.path = (d / "nowhere").string();
    EXPECT_NE(errorOf([&] { loadData(spec, 1); }).find("Train: directory not found"),
              std::string::npos);
    writeFile(d / "Train" / "4" / "00003.bin", {1, 2, 3});
    spec.path = d.string();
    EXPECT_EQ(errorOf([&] { loadData(spec, 1); }),
              (d / "Train" / "4" / "00003.bin").string() +
                  ": truncated: 3 bytes is not a whole number of 5-byte N-MNIST events");
    fs::remove_all(d);
}

TEST(CsvDataset, LoadsNamedClassesAndInfersSensor)
{
    const fs::path d = tempDir("csv");
    const auto put = [&](const std::string &rel, const std::string &text) {
        writeFile(d / rel, bytesOf(text));
    };
    put("train/cat/a.csv", "t,x,y,p\n0,0,0,1\n1000,9,4,0\n");
    put("train/dog/b.csv", "0,1,1,1\n");
    put("train/dog/c.csv", "0,2,2,1\n");
    put("test/cat/d.csv", "0,3,3,1\n");
    put("test/dog/e.csv", "0,4,4,0\n");
    DataSpec spec;
    spec.dataset = "events-csv";
    spec.path = d.string();
    spec.encoder = "events";
    spec.timeSteps = 3;
    spec.binMs = 0.5; // 500 us bins: the event at 1000 us is in bin 2
    const DataSplit s = loadData(spec, 7);
    EXPECT_EQ(s.train.classNames, (std::vector<std::string>{"cat", "dog"}));
    EXPECT_EQ(s.train.labels, (std::vector<int>{0, 1, 1}));
    EXPECT_EQ(s.train.width, 10);  // max x 9
    EXPECT_EQ(s.train.height, 5);  // max y 4
    EXPECT_EQ(s.train.spikes[0], (std::vector<std::uint32_t>{0, 2 * 50 + 4 * 10 + 9}));
    EXPECT_EQ(s.test.size(), 2u);
    EXPECT_EQ(inputLinesFor(spec), 0); // unknown before reading
    spec.crop = 4;
    EXPECT_EQ(inputLinesFor(spec), 16);
    put("test/bird/f.csv", "0,4,4,0\n");
    EXPECT_NE(errorOf([&] { loadData(spec, 7); }).find("class directories differ"),
              std::string::npos);
    fs::remove_all(d);
}

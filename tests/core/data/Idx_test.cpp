// IDX reader: round trips on files written here (plain and gzip), and every way a file can be
// wrong giving a message that names the file and the problem.
#include "support/ErrorOf.hpp"
#include "common/Error.hpp"
#include "data/ByteIo.hpp"
#include "data/DataLoader.hpp"
#include "data/Idx.hpp"
#include "data/ImageDatasets.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

using namespace sqsnn;
namespace fs = std::filesystem;

namespace {

fs::path tempDir(const std::string &name)
{
    const fs::path d = fs::temp_directory_path() / ("sqsnn_idx_" + name + "_" +
                                                    std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void put32(Bytes &b, std::uint32_t v)
{
    for (int s = 24; s >= 0; s -= 8)
        b.push_back(std::uint8_t(v >> s));
}

Bytes idxImages(int n, int rows, int cols, std::uint8_t base = 0)
{
    Bytes b;
    put32(b, 0x803);
    put32(b, n);
    put32(b, rows);
    put32(b, cols);
    for (int i = 0; i < n * rows * cols; ++i)
        b.push_back(std::uint8_t(base + i * 7));
    return b;
}

Bytes idxLabels(const std::vector<int> &labels)
{
    Bytes b;
    put32(b, 0x801);
    put32(b, std::uint32_t(labels.size()));
    for (int l : labels)
        b.push_back(std::uint8_t(l));
    return b;
}

void writePlain(const fs::path &p, const Bytes &b)
{
    std::ofstream f(p, std::ios::binary);
    f.write(reinterpret_cast<const char *>(b.data()), std::streamsize(b.size()));
}

void writeGzip(const fs::path &p, const Bytes &b)
{
    gzFile f = gzopen(p.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(gzwrite(f, b.data(), unsigned(b.size())), int(b.size()));
    gzclose(f);
}

using sqsnn::test::errorOf;

} // namespace

TEST(Idx, RoundTripPlainAndGzip)
{
    const fs::path d = tempDir("rt");
    const Bytes images = idxImages(3, 2, 4);
    writePlain(d / "im", images);
    writeGzip(d / "im.gz", images);
    for (const char *name : {"im", "im.gz"}) {
        const IdxImages r = readIdxImages((d / name).string());
        EXPECT_EQ(r.count, 3);
        EXPECT_EQ(r.rows, 2);
        EXPECT_EQ(r.cols, 4);
        ASSERT_EQ(r.pixels.size(), 24u);
        for (int i = 0; i < 24; ++i)
            EXPECT_EQ(r.pixels[i], std::uint8_t(i * 7)) << name << " pixel " << i;
    }
    writeGzip(d / "lab.gz", idxLabels({3, 1, 4}));
    EXPECT_EQ(readIdxLabels((d / "lab.gz").string()), (std::vector<std::uint8_t>{3, 1, 4}));
    EXPECT_EQ(readIdxHeader((d / "im.gz").string()), (std::vector<std::uint32_t>{3, 2, 4}));
    EXPECT_EQ(readIdxHeader((d / "im").string()), (std::vector<std::uint32_t>{3, 2, 4}));
    fs::remove_all(d);
}

TEST(Idx, TruncatedPixelsNameFileAndCounts)
{
    const fs::path d = tempDir("trunc");
    Bytes b = idxImages(5, 28, 28);
    b.resize(16 + 1234);
    writeGzip(d / "train-images-idx3-ubyte.gz", b);
    const std::string path = (d / "train-images-idx3-ubyte.gz").string();
    EXPECT_EQ(errorOf([&] { readIdxImages(path); }),
              path + ": truncated: header says 5 images of 28x28 but only 1234 bytes of pixel data");
    fs::remove_all(d);
}

TEST(Idx, HeaderProblems)
{
    Bytes wrongMagic = idxImages(1, 2, 2);
    wrongMagic[3] = 0x01;
    EXPECT_EQ(errorOf([&] { parseIdxImages(wrongMagic, "f"); }),
              "f: wrong magic 0x00000801 (expected 0x00000803 for IDX images (unsigned bytes, 3 "
              "dimensions))");
    EXPECT_NE(errorOf([&] { parseIdxLabels(idxImages(1, 2, 2), "g"); }).find("g: wrong magic"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { parseIdxImages(Bytes{0, 0}, "h"); }).find("h: truncated"),
              std::string::npos);
    Bytes shortHeader = idxImages(1, 2, 2);
    shortHeader.resize(10);
    EXPECT_NE(errorOf([&] { parseIdxImages(shortHeader, "h"); }).find("16-byte IDX header"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { parseIdxImages(idxImages(1, 0, 2), "z"); }).find("bad image size 0x2"),
              std::string::npos);
    Bytes trailing = idxImages(1, 2, 2);
    trailing.push_back(9);
    EXPECT_NE(errorOf([&] { parseIdxImages(trailing, "t"); }).find("t: 1 bytes after the pixel"),
              std::string::npos);
    Bytes labels = idxLabels({1, 2, 3});
    labels.pop_back();
    EXPECT_EQ(errorOf([&] { parseIdxLabels(labels, "l"); }),
              "l: truncated: header says 3 labels but only 2 bytes of label data");
}

TEST(Idx, MissingAndCorruptFiles)
{
    const fs::path d = tempDir("corrupt");
    const std::string missing = (d / "nope.gz").string();
    EXPECT_EQ(errorOf([&] { readIdxImages(missing); }),
              missing + ": cannot open file (missing or unreadable)");
    writeGzip(d / "cut.gz", idxImages(50, 28, 28));
    Bytes gz = readFileBytes((d / "cut.gz").string()); // sanity: inflates
    EXPECT_EQ(gz.size(), 16u + 50 * 784);
    std::ifstream in(d / "cut.gz", std::ios::binary);
    Bytes raw((std::istreambuf_iterator<char>(in)), {});
    raw.resize(raw.size() / 2);
    writePlain(d / "cut.gz", raw);
    const std::string cut = (d / "cut.gz").string();
    EXPECT_NE(errorOf([&] { readIdxImages(cut); }).find(cut + ": truncated gzip stream"),
              std::string::npos);
    raw[12] ^= 0xff;
    raw[13] ^= 0xff;
    raw[14] ^= 0x55;
    writePlain(d / "bad.gz", raw);
    const std::string bad = (d / "bad.gz").string();
    const std::string msg = errorOf([&] { readIdxImages(bad); });
    EXPECT_EQ(msg.rfind(bad + ": ", 0), 0u) << msg;
    fs::remove_all(d);
}

TEST(Idx, DatasetDirectoryChecksCountsAndLabels)
{
    const fs::path d = tempDir("set");
    writeGzip(d / "train-images-idx3-ubyte.gz", idxImages(4, 3, 3));
    writePlain(d / "train-labels-idx1-ubyte", idxLabels({0, 1, 2, 1}));
    writeGzip(d / "t10k-images-idx3-ubyte.gz", idxImages(2, 3, 3));
    writeGzip(d / "t10k-labels-idx1-ubyte.gz", idxLabels({2, 0}));
    DataSplit s = loadIdxImages("idx", d.string());
    EXPECT_EQ(s.train.size(), 4u);
    EXPECT_EQ(s.test.size(), 2u);
    EXPECT_EQ(s.train.numClasses, 3);
    EXPECT_EQ(s.train.classNames, (std::vector<std::string>{"0", "1", "2"}));
    EXPECT_FLOAT_EQ(s.train.inputs[0][1], 7.0f / 255.0f);
    DataSpec spec;
    spec.dataset = "idx";
    spec.path = d.string();
    EXPECT_EQ(inputLinesFor(spec), 9); // from the header alone
    spec.classes = {2, 0};
    const DataSplit sub = loadData(spec, 1);
    EXPECT_EQ(sub.train.labels, (std::vector<int>{1, 0}));
    EXPECT_EQ(sub.train.classNames, (std::vector<std::string>{"2", "0"}));

    writeGzip(d / "t10k-labels-idx1-ubyte.gz", idxLabels({2, 0, 1}));
    const std::string labels = (d / "t10k-labels-idx1-ubyte.gz").string();
    const std::string images = (d / "t10k-images-idx3-ubyte.gz").string();
    EXPECT_EQ(errorOf([&] { loadIdxImages("idx", d.string()); }),
              labels + ": 3 labels but " + images + " holds 2 images");

    writeGzip(d / "t10k-labels-idx1-ubyte.gz", idxLabels({2, 12}));
    EXPECT_EQ(errorOf([&] { loadIdxImages("mnist", d.string()); }),
              labels + ": label 12 of sample 1 is out of range (mnist has classes 0..9)");

    fs::remove(d / "t10k-images-idx3-ubyte.gz");
    const std::string msg = errorOf([&] { loadIdxImages("kmnist", d.string()); });
    EXPECT_NE(msg.find("looked for t10k-images-idx3-ubyte[.gz] in " + d.string()),
              std::string::npos) << msg;
    fs::remove_all(d);
}

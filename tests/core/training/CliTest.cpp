// The headless CLI: train writes metrics.csv and the trained project; eval, info and
// export-qasm work on it; bad input exits with status 2 and names the file or field.
#include "project/ProjectIo.hpp"
#include "quantum/Qasm.hpp"

#include <gtest/gtest.h>

#include "support/RunCli.hpp"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

using sqsnn::test::CliRun;

CliRun cli(const std::string &args)
{
    return sqsnn::test::runCli(args);
}

struct TempDir
{
    TempDir()
        : path(fs::temp_directory_path() / ("sqsnn-cli-" + std::to_string(::getpid())))
    {
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path path;
};

} // namespace

TEST(Cli, TrainWritesMetricsAndATrainedProjectThatEvalAndExportRead)
{
    TempDir dir;
    sqsnn::Project p = sqsnn::loadProject(std::string(SQSNN_SOURCE_DIR)
                                          + "/projects/quickstart.sqsnn.json");
    p.data.trainSamples = 40;
    p.data.testSamples = 20;
    p.training.epochs = 2;
    const std::string proj = (dir.path / "tiny.sqsnn.json").string();
    sqsnn::saveProject(p, proj);

    const CliRun train = cli("train " + proj + " --out " + (dir.path / "out").string());
    ASSERT_EQ(train.status, 0) << train.err;
    EXPECT_NE(train.out.find("epoch 2:"), std::string::npos) << train.out;
    std::ifstream csv(dir.path / "out" / "metrics.csv");
    std::string header, row1, row2, extra;
    std::getline(csv, header);
    std::getline(csv, row1);
    std::getline(csv, row2);
    EXPECT_EQ(header, "epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds,"
                      "samples_per_second");
    EXPECT_EQ(row1.substr(0, 2), "1,");
    EXPECT_EQ(row2.substr(0, 2), "2,");
    EXPECT_FALSE(std::getline(csv, extra) && !extra.empty());

    const std::string trained = (dir.path / "out" / "tiny.sqsnn.json").string();
    const sqsnn::Project t = sqsnn::loadProject(trained);
    EXPECT_EQ(t.history.size(), 2u);
    EXPECT_FALSE(t.parameters.empty());

    // Training the trained project again continues: nothing left to do at 2 epochs.
    const CliRun again = cli("train " + trained + " --out " + (dir.path / "out2").string());
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_NE(again.out.find("0 epoch(s) to go"), std::string::npos) << again.out;

    const CliRun eval = cli("eval " + trained);
    ASSERT_EQ(eval.status, 0) << eval.err;
    EXPECT_NE(eval.out.find("\"test_accuracy\""), std::string::npos);

    const CliRun info = cli("info " + trained);
    ASSERT_EQ(info.status, 0) << info.err;
    EXPECT_NE(info.out.find("trainable parameters: 2606"), std::string::npos) << info.out;

    const CliRun qasm = cli("export-qasm " + trained + " --neuron hidden:3 --sample 2");
    ASSERT_EQ(qasm.status, 0) << qasm.err;
    const sqsnn::QasmProgram prog = sqsnn::readQasm(qasm.out);
    EXPECT_EQ(prog.qubits, 2);
    EXPECT_EQ(prog.bits, p.data.timeSteps);
}

TEST(Cli, BadInputExitsWithStatusTwoAndSaysWhat)
{
    TempDir dir;
    const std::string missing = (dir.path / "nope.sqsnn.json").string();
    CliRun r = cli("train " + missing);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;

    const std::string bad = (dir.path / "bad.sqsnn.json").string();
    std::ofstream(bad) << R"({"format_version": 1, "network": {"populations": [{"name": "h",
        "kind": "sqs", "size": 2, "io_qubits": 1, "memory_qubits": 40}], "projections": []}})";
    r = cli("info " + bad);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("/network/populations/0/memory_qubits"), std::string::npos) << r.err;

    r = cli("train " + std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json --epochs x");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--epochs: must be an integer in 0..100000, got 'x'"), std::string::npos) << r.err;

    r = cli("export-qasm " + std::string(SQSNN_SOURCE_DIR)
            + "/projects/quickstart.sqsnn.json --neuron nobody:0");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("no population named 'nobody'"), std::string::npos) << r.err;

    r = cli("frobnicate");
    EXPECT_EQ(r.status, 2);
}

// `sqsnn neuron`: the test vector through the CLI, its output format, and bad specs refused
// with exit status 2 and one line naming the field at fault.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/RunCli.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using Result = sqsnn::test::CliRun;

Result runCli(const std::string &spec)
{
    const auto dir = std::filesystem::temp_directory_path() / ("sqsnn-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto specPath = dir / "spec.json";
    std::ofstream(specPath) << spec;
    return sqsnn::test::runCli("neuron " + specPath.string());
}

const char *kVector = R"({"io_qubits": 1, "memory_qubits": 1,
  "ansatz": {"generator": "sqs-crx", "layers": 1}, "params": [1.3, 0.7, 0.4],
  "inputs": [[0.3], [-0.2], [0.8], [0.0], [0.5], [0.25]], "force": [1, 0, 1, 1, 0, 0], "seed": 7})";

} // namespace

TEST(NeuronCli, ReproducesTheModelTestVector)
{
    const Result r = runCli(kVector);
    ASSERT_EQ(r.status, 0) << r.err;
    const double expected[] = {0.386830, 0.101193, 0.910115, 0.349334, 0.990526, 0.760186};
    const int force[] = {1, 0, 1, 1, 0, 0};
    std::istringstream lines(r.out);
    std::string line;
    int t = 0;
    while (std::getline(lines, line)) {
        const auto j = nlohmann::json::parse(line);
        EXPECT_EQ(j["t"], t + 1);
        ASSERT_EQ(j["p"].size(), 2u);
        EXPECT_NEAR(j["p"][1].get<double>(), expected[t], 1e-6);
        EXPECT_EQ(j["spike"], force[t]);
        ASSERT_EQ(j["bloch"].size(), 2u); // every qubit of the register
        for (const auto &b : j["bloch"])
            EXPECT_LE(std::hypot(b[0].get<double>(), b[1].get<double>(), b[2].get<double>()),
                      1 + 1e-12);
        // The memory after the update is a pure 2x2 density matrix with trace 1.
        const auto &re = j["memory"]["re"];
        ASSERT_EQ(re.size(), 2u);
        EXPECT_NEAR(re[0][0].get<double>() + re[1][1].get<double>(), 1.0, 1e-12);
        ++t;
    }
    EXPECT_EQ(t, 6);
}

TEST(NeuronCli, CustomGateListMatchesTheGenerator)
{
    const std::string custom = R"({"io_qubits": 1, "memory_qubits": 1,
      "ansatz": {"gates": [{"gate": "CRX", "qubits": [1, 0], "param": 0},
                           {"gate": "RX", "qubits": [1], "param": 1},
                           {"gate": "RX", "qubits": [0], "param": 2}]},
      "params": [1.3, 0.7, 0.4], "inputs": [[0.3], [-0.2], [0.8], [0.0], [0.5], [0.25]],
      "force": [1, 0, 1, 1, 0, 0]})";
    const Result a = runCli(kVector), b = runCli(custom);
    ASSERT_EQ(b.status, 0) << b.err;
    EXPECT_EQ(a.out, b.out);
}

TEST(NeuronCli, SameSeedSameSpikes)
{
    const std::string spec = R"({"io_qubits": 2, "memory_qubits": 2, "params": [1,2,3,4,5,6,7,8],
      "inputs": [[0.3, 0.5], [0.1, 0.9], [0.7, 0.2], [0.4, 0.4], [0.9, 0.1]], "seed": 3})";
    const Result a = runCli(spec), b = runCli(spec);
    ASSERT_EQ(a.status, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
}

TEST(NeuronCli, BadSpecsExitWithStatusTwoAndNameTheField)
{
    const std::pair<std::string, std::string> cases[] = {
        {R"({"io_qubits": 1, "memory_qubits": 1, "ansatz": {"gates": [{"gate": "FOO", "qubits": [0]}]}, "params": [], "inputs": [[0.1]]})",
         "/ansatz/gates/0/gate: unknown gate \"FOO\""},
        {R"({"io_qubits": 1, "memory_qubits": 1, "ansatz": {"gates": [{"gate": "CRX", "qubits": [2, 0], "param": 0}]}, "params": [1], "inputs": [[0.1]]})",
         "qubit 2 is out of range 0..1"},
        {R"({"io_qubits": 1, "memory_qubits": 1, "params": [1.3, 0.7], "inputs": [[0.1]]})",
         "/params: the circuit has 3 parameters, got 2"},
        {R"({"io_qubits": 1, "memory_qubits": 1, "ansatz": {"gates": [{"gate": "RX", "qubits": [0]}]}, "params": [], "inputs": [[0.1]]})",
         "needs exactly one of \"param\""},
        {R"({"io_qubits": 1, "memory_qubits": 1, "params": [1, 2, 3], "inputs": [[0.1], [0.2, 0.3]]})",
         "/inputs/1: expected a list of 1 value(s) (one per I/O qubit)"},
        {R"({"io_qubits": 20, "memory_qubits": 20, "params": [], "inputs": []})",
         "40 qubits is more than the limit of 12"},
        {R"({"io_qubits": 1, "memory_qubits": 1, "params": [1, 2, 3], "inputs": [[0.1]], "forse": [1]})",
         "/forse: unknown field"},
        {R"({"io_qubits": 1, "memory_qubits": 1, "params": [1, 2, 3], "inputs": [[0.1]], "force": [2]})",
         "/force/0: must be 0..1, got 2"},
        {R"({"io_qubits": 1, "params": [1, 2, 3 ], "inputs": [[0.1]],)", "invalid JSON"},
    };
    for (const auto &[spec, expect] : cases) {
        const Result r = runCli(spec);
        EXPECT_EQ(r.status, 2) << spec;
        EXPECT_NE(r.err.find(expect), std::string::npos) << "expected '" << expect << "' in: " << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_TRUE(r.out.empty());
    }
}

// `sqsnn neuron` with a `noise` object: an empty one changes nothing, amplitude damping and
// dephasing shrink the Bloch vectors and mix the memory (the memory Bloch vector follows the
// T1/T2 closed form over the idle time), bad noise keys get one line and exit status 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/RunCli.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

sqsnn::test::CliRun runSpec(const nlohmann::json &spec)
{
    const auto dir = std::filesystem::temp_directory_path()
                     / ("sqsnn-noisy-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "spec.json";
    std::ofstream(path) << spec.dump();
    return sqsnn::test::runCli("neuron " + path.string());
}

nlohmann::json base()
{
    return {{"io_qubits", 1},  {"memory_qubits", 1}, {"params", {1.3, 0.7, 0.4}},
            {"inputs", {{0.3}, {-0.2}, {0.8}, {0.0}}}, {"force", {1, 0, 1, 1}}};
}

std::vector<nlohmann::json> lines(const std::string &out)
{
    std::vector<nlohmann::json> v;
    std::istringstream in(out);
    std::string l;
    while (std::getline(in, l))
        v.push_back(nlohmann::json::parse(l));
    return v;
}

} // namespace

TEST(NoisyNeuronCli, EmptyNoiseIsTheIdealOutput)
{
    const auto ideal = runSpec(base());
    nlohmann::json spec = base();
    spec["noise"] = nlohmann::json::object();
    const auto same = runSpec(spec);
    ASSERT_EQ(ideal.status, 0) << ideal.err;
    EXPECT_EQ(same.out, ideal.out);
}

TEST(NoisyNeuronCli, DecoherenceShrinksBlochVectorsAndMixesTheMemory)
{
    nlohmann::json spec = base();
    // Only idle relaxation between steps (gates instantaneous): the memory's Bloch vector after
    // the update relaxes exactly by the T1/T2 closed form over idle_ns.
    spec["noise"] = {{"t1_us", 3}, {"t2_us", 2}, {"gate_ns_1q", 0}, {"gate_ns_2q", 0},
                     {"idle_ns", 1500}};
    const auto noisy = runSpec(spec);
    ASSERT_EQ(noisy.status, 0) << noisy.err;
    const auto a = lines(noisy.out);
    ASSERT_EQ(a.size(), 4u);
    for (const auto &step : a) {
        const auto &m = step["memory"];
        const double r00 = m["re"][0][0], r11 = m["re"][1][1];
        const double x = 2 * m["re"][0][1].get<double>(), y = -2 * m["im"][0][1].get<double>();
        const double purity = r00 * r00 + r11 * r11 + (x * x + y * y) / 2;
        EXPECT_LT(purity, 1 - 1e-3) << "the memory must be mixed";
        EXPECT_NEAR(r00 + r11, 1.0, 1e-12);
    }
    // At step 1 the memory before the idle time is the ideal post-measurement state.
    const auto ideal = lines(runSpec(base()).out);
    const auto &mi = ideal[0]["memory"], &mn = a[0]["memory"];
    const double zi = mi["re"][0][0].get<double>() - mi["re"][1][1].get<double>();
    const double zn = mn["re"][0][0].get<double>() - mn["re"][1][1].get<double>();
    EXPECT_NEAR(zn, 1 - (1 - zi) * std::exp(-1.5 / 3), 1e-9);
    const double yi = -2 * mi["im"][0][1].get<double>(), yn = -2 * mn["im"][0][1].get<double>();
    EXPECT_NEAR(yn, yi * std::exp(-1.5 / 2), 1e-9);
}

TEST(NoisyNeuronCli, BadNoiseGetsOneLineAndStatusTwo)
{
    nlohmann::json spec = base();
    spec["noise"] = {{"readout_p10", 1.2}};
    const auto r = runSpec(spec);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("/noise/readout_p10: must be a probability in [0, 1], got 1.2"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

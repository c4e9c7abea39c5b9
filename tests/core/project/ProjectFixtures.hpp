#pragma once
// Projects shared by the project tests: a rich one with every field away from its default, and
// helpers for temporary directories and error messages.
#include "common/Error.hpp"
#include "project/Project.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>

#include <unistd.h>

namespace sqsnn::test {

inline Project richProject()
{
    Project p;
    p.title = "Rich project \xc3\xa9\xe2\x9c\x93"; // UTF-8 survives
    p.description = "Every field set.\nSecond line with \"quotes\" and a tab\t.";
    p.lesson = "## What you see\n\n- a *list* with `code`\n- and $\\sin^2(\\phi/2)$\n";
    p.seed = 9'223'372'036'854'775'813ULL; // above 2^63: needs the unsigned path

    PopulationSpec in;
    in.name = "pixels";
    in.kind = "input";
    in.size = 0;

    PopulationSpec hidden;
    hidden.name = "hidden";
    hidden.kind = "sqs";
    hidden.size = 3;
    hidden.ioQubits = 2;
    hidden.memoryQubits = 3;
    hidden.ansatz.generator = "hardware-efficient";
    hidden.ansatz.layers = 4;

    PopulationSpec custom;
    custom.name = "custom sqs";
    custom.kind = "sqs";
    custom.size = 2;
    custom.ioQubits = 1;
    custom.memoryQubits = 2;
    custom.ansatz.generator = "custom";
    custom.ansatz.gates = {
        {GateKind::CRX, 1, 0, 0, 0.0},   {GateKind::RY, 2, -1, -1, 0.123456789012345678},
        {GateKind::H, 0, -1, -1, 0.0},   {GateKind::CZ, 2, 1, -1, 0.0},
        {GateKind::CRZ, 0, 2, 1, 0.0},   {GateKind::RX, 1, -1, -1, -3.5e-7},
        {GateKind::SWAP, 0, 1, -1, 0.0}, {GateKind::RZ, 2, -1, 2, 0.0},
    };

    PopulationSpec qlif;
    qlif.name = "qlif";
    qlif.kind = "qlif";
    qlif.size = 7;
    qlif.qlifThreshold = 0.6;
    qlif.qlifT1 = 42.5;

    PopulationSpec glm;
    glm.name = "glm";
    glm.kind = "glm";
    glm.size = 5;
    glm.synapticDecay = 0.25;
    glm.feedbackDecay = 0.75;
    glm.selfFeedback = false;

    PopulationSpec lif;
    lif.name = "readout";
    lif.kind = "lif";
    lif.size = 2;
    lif.readout = true;
    lif.membraneDecay = 0.8;
    lif.lifThreshold = 1.25;

    p.network.populations = {in, hidden, custom, qlif, glm, lif};
    p.network.projections = {
        {"pixels", "hidden", "dense", true, 0},
        {"hidden", "custom sqs", "channel-matched", false, 0},
        {"custom sqs", "hidden", "dense", false, 3},
        {"hidden", "qlif", "dense", true, 1},
        {"qlif", "glm", "dense", false, 0},
        {"glm", "readout", "dense", true, 0},
        {"pixels", "readout", "dense", false, 1000},
    };

    p.data.dataset = "events-emulated";
    p.data.path = "/data/some where/mnist";
    p.data.classes = {7, 1, 3};
    p.data.imageSize = 16;
    p.data.trainSamples = 500;
    p.data.testSamples = 125;
    p.data.encoder = "events";
    p.data.pMax = 0.75;
    p.data.timeSteps = 20;
    p.data.binMs = 12.5;
    p.data.crop = 26;
    p.data.mergePolarities = false;

    p.training.estimator = "shift";
    p.training.optimizer = "adam";
    p.training.epochs = 100;
    p.training.batchSize = 8;
    p.training.learningRate = 0.001;
    p.training.hiddenLearningRateScale = 0.25;
    p.training.clipReadout = 0.1;
    p.training.clipHiddenWeights = 0.0;
    p.training.clipHiddenAngles = 0.04;
    p.training.shots = 1024;
    p.training.shiftWeights = "spsa";
    p.training.spsaDirections = 9;
    p.training.spsaEpsilon = 0.01;
    p.training.signalSmoothing = 0.9;
    p.training.eligibilitySmoothing = 0.5;
    p.training.baseline = true;
    p.training.clampReadout = true;
    p.training.readoutTargetWeight = 9.0;
    p.training.readoutLoss = "ce";
    p.training.hiddenSignal = "dfa";
    p.training.deadZoneSurrogate = 0.75;

    p.parameters["population/hidden"] = {0.1, -2.5, 3.141592653589793, 1e-300, 6.02e5};
    p.parameters["projection/pixels->hidden"] = {0.5, -0.5, 0.0};
    p.parameters["projection/custom sqs->hidden"] = {};
    p.parameters["population/custom sqs"] = {1.0, 2.0, 3.0};

    p.history = nlohmann::json::array({{{"epoch", 1}, {"loss", 0.69}, {"accuracy", 0.5}},
                                       {{"epoch", 2}, {"loss", 0.41}, {"note", "x"}}});
    p.ui = {{"nodes", {{"hidden", {{"x", 10.5}, {"y", -3}}}}},
            {"zoom", 1.25},
            {"anything", {nullptr, true, "s", {{"deep", {1, 2, 3}}}}}};
    return p;
}

// The message of the InputError that `f` throws; fails the test if it throws nothing or
// something else.
inline std::string inputErrorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const InputError &e) {
        return e.what();
    } catch (const std::exception &e) {
        ADD_FAILURE() << "expected an InputError, got another exception: " << e.what();
        return {};
    }
    ADD_FAILURE() << "expected an InputError, nothing was thrown";
    return {};
}

// A fresh, empty directory under the system temp dir, removed at the end of the test.
class TempDir
{
public:
    TempDir()
    {
        const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_path = std::filesystem::temp_directory_path()
                 / ("sqsnn-project-test-" + std::string(info->test_suite_name()) + "-"
                    + info->name() + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::permissions(m_path, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(m_path, ec);
    }
    const std::filesystem::path &path() const { return m_path; }
    std::string file(const std::string &name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

} // namespace sqsnn::test

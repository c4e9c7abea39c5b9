// The watched neuron (training/WatchedNeuron): replays of one sample on the ideal and the noisy
// path. Ideal: the register stays pure (Tr rho^2 = 1 to rounding) and idealCopy of a noisy
// project replays bit for bit like the same project written without noise. Noisy (pure
// dephasing, T2 only, so nothing pulls the memory back to a pure state): the register's purity
// falls at every step, the memory's Bloch vector shrinks at every idle gap by exactly
// e2 = exp(-t/T2) on its x component, and the replay is repeatable bit for bit.
#include "common/Error.hpp"
#include "network/SqsPopulation.hpp"
#include "project/ProjectIo.hpp"
#include "training/Trainer.hpp"
#include "training/WatchedNeuron.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

// One neuron per class, 1 I/O + 1 memory qubit, the memory turned by RY(0.5) each step and
// never coupled to the I/O qubit.
nlohmann::json doc(const nlohmann::json &noise)
{
    nlohmann::json d = parseProjectText(R"({
      "format_version": 1, "seed": 3,
      "network": {"populations": [
          {"name": "light", "kind": "input", "size": 0},
          {"name": "readout", "kind": "sqs", "size": 2, "readout": true, "io_qubits": 1,
           "memory_qubits": 1, "ansatz": {"generator": "custom", "gates": [
             {"gate": "RX", "qubits": [0], "param": 0},
             {"gate": "RY", "qubits": [1], "angle": 0.5}]}}],
        "projections": [{"from": "light", "to": "readout"}]},
      "data": {"dataset": "intensity", "classes": [1, 0], "train_samples": 4, "test_samples": 4,
               "encoder": "repeat", "time_steps": 10},
      "parameters": {"population/readout": [0.2, 0.0], "projection/light->readout": [0.8, 0.3]}})",
                                        "w.sqsnn.json");
    if (!noise.is_null())
        d["network"]["populations"][1]["noise"] = noise;
    return d;
}

std::vector<WatchedStep> replay(const Project &p, std::size_t sample = 1)
{
    Trainer t(p, TrainerOptions{1});
    return replayWatched(t, t.data().test, sample, 1, 0);
}

const nlohmann::json kDephasing = {{"t2_us", 8.0}, {"idle_ns", 2000.0}, {"gate_ns_1q", 0.0}};

} // namespace

TEST(WatchedNeuron, IdealRegisterStaysPure)
{
    const auto steps = replay(projectFromJson(doc(nullptr), "w.sqsnn.json"));
    ASSERT_EQ(steps.size(), 10u);
    for (const WatchedStep &s : steps) {
        EXPECT_NEAR(s.state.registerPurity, 1, 1e-12) << s.t;
        EXPECT_NEAR(s.state.bloch[1].norm(), 1, 1e-12) << "the memory is never entangled here";
    }
}

TEST(WatchedNeuron, DephasingShrinksTheMemoryAndLowersThePurityEveryStep)
{
    const Project p = projectFromJson(doc(kDephasing), "w.sqsnn.json");
    ASSERT_TRUE(hasNoise(p.network));
    const auto steps = replay(p);
    ASSERT_EQ(steps.size(), 10u);
    const double e2 = std::exp(-2000.0 / 8000.0), c = std::cos(0.5), s = std::sin(0.5);
    // Closed form of the memory's (x, z): start (0, 1); each step RY(0.5), recorded, then x *= e2.
    double x = 0, z = 1;
    for (std::size_t t = 0; t < steps.size(); ++t) {
        const double x1 = c * x + s * z, z1 = -s * x + c * z;
        x = x1;
        z = z1;
        const Eigen::Vector3d &m = steps[t].state.bloch[1];
        EXPECT_NEAR(m.x(), x, 1e-12) << t;
        EXPECT_NEAR(m.y(), 0, 1e-12) << t;
        EXPECT_NEAR(m.z(), z, 1e-12) << t;
        EXPECT_NEAR(steps[t].state.memoryPurity, (1 + x * x + z * z) / 2, 1e-12) << t;
        if (t > 0)
            EXPECT_LT(steps[t].state.registerPurity, steps[t - 1].state.registerPurity - 1e-3) << t;
        x *= e2;
    }
    EXPECT_LT(steps.back().state.registerPurity, 0.8);
    EXPECT_EQ(replay(p), steps) << "a replay is repeatable bit for bit";
}

TEST(WatchedNeuron, IdealCopyReplaysLikeTheNoiseFreeProject)
{
    const Project noisy = projectFromJson(
        doc({{"preset", "superconducting"}, {"t1_us", 30.0}, {"t2_us", 20.0}}), "w.sqsnn.json");
    const Project plain = projectFromJson(doc(nullptr), "w.sqsnn.json");
    const Project ideal = idealCopy(noisy);
    EXPECT_FALSE(hasNoise(ideal.network));
    EXPECT_EQ(ideal.network, plain.network);
    for (std::size_t sample : {0u, 1u, 3u}) {
        const auto a = replay(ideal, sample), b = replay(plain, sample), n = replay(noisy, sample);
        EXPECT_EQ(a, b) << sample;
        EXPECT_NE(a, n) << "the noisy replay differs";
        ASSERT_EQ(a.size(), n.size());
        for (std::size_t t = 0; t < a.size(); ++t)
            EXPECT_EQ(a[t].currents, n[t].currents) << "same input, same seed";
    }
}

TEST(WatchedNeuron, BadIndicesAreNamed)
{
    const Project p = projectFromJson(doc(nullptr), "w.sqsnn.json");
    Trainer t(p, TrainerOptions{1});
    auto message = [&](int pop, int neuron, std::size_t sample) {
        try {
            replayWatched(t, t.data().test, sample, pop, neuron);
        } catch (const InputError &e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(message(0, 0, 0).find("not an SQS population"), std::string::npos);
    EXPECT_NE(message(1, 2, 0).find("neuron 2 is out of range"), std::string::npos);
    EXPECT_NE(message(1, 0, 99).find("sample 99 is out of range"), std::string::npos);
}

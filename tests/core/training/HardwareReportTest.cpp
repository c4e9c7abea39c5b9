// The hardware report against circuits counted by hand.
#include "project/ProjectIo.hpp"
#include "training/HardwareReport.hpp"

#include <gtest/gtest.h>

using namespace sqsnn;

TEST(HardwareReport, CountsMatchHandCountedCircuits)
{
    Project p;
    PopulationSpec in;
    in.name = "in";
    in.kind = "input";
    in.size = 4;
    // Hand count, N = N_M = 1, sqs-crx: embedding RX(q0) | CRX(q1 -> q0) | RX(q1), RX(q0).
    //   gates 4 (1 two-qubit), depth 3 (RX embed; CRX; both RX in parallel);
    //   shift per step: 1 + CRX 6 + RX 2 + RX 2 + 2K (K = 3) = 17.
    PopulationSpec a;
    a.name = "a";
    a.size = 3;
    // N = 2, N_M = 1, sqs-crx: embed RX(0), RX(1) | CRX(2->0) | CRX(2->1), RX(0) | RX(2), RX(1)
    //   gates 2 + 5 = 7 (2 two-qubit), depth 4; shift: 1 + 6 + 6 + 2 + 2 + 2 + 6 = 25.
    PopulationSpec b;
    b.name = "b";
    b.size = 2;
    b.ioQubits = 2;
    b.readout = true;
    p.network.populations = {in, a, b};
    p.data.timeSteps = 5;
    p.data.trainSamples = 10;
    p.training.estimator = "shift";
    p.training.spsaDirections = 3;
    p.training.shots = 100;
    const HardwareReport r = hardwareReport(p);
    ASSERT_EQ(r.populations.size(), 2u);
    const auto &ha = r.populations[0], &hb = r.populations[1];
    EXPECT_EQ(ha.qubits, 2);
    EXPECT_EQ(ha.gates, 4);
    EXPECT_EQ(ha.twoQubitGates, 1);
    EXPECT_EQ(ha.depth, 3);
    EXPECT_EQ(ha.measurementsPerSample, 5);
    EXPECT_EQ(ha.resetsPerSample, 4);
    EXPECT_EQ(ha.shiftExecutionsPerStep, 15); // 1 + RX 2 + CRX 4 + RX 2 + SPSA 2 * 3
    EXPECT_EQ(hb.qubits, 3);
    EXPECT_EQ(hb.gates, 7);
    EXPECT_EQ(hb.twoQubitGates, 2);
    EXPECT_EQ(hb.depth, 4);
    EXPECT_EQ(hb.measurementsPerSample, 10);
    EXPECT_EQ(hb.resetsPerSample, 8);
    EXPECT_EQ(hb.shiftExecutionsPerStep, 21);
    // Per sample: 1 forward + T (3 * 15 + 2 * 21) = 1 + 5 * 87 = 436; shots 1 + 435 * 100.
    EXPECT_EQ(r.shiftExecutionsPerSample, 436);
    EXPECT_EQ(r.shiftShotsPerSample, 1 + 435 * 100);
    EXPECT_EQ(r.shiftExecutionsPerEpoch, 4360);
    EXPECT_NE(formatHardwareReport(r).find("depth 4"), std::string::npos);
}

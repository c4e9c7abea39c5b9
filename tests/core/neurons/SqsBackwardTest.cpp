// The SQS neuron's reverse step (bptt) against central finite differences of the forward map:
// L = sum_k gP[k] p(k) + Re(gMem^dagger m'), with p and m' = a_s / ||a_s|| from evolve/collapse,
// differentiated with respect to the currents, the circuit angles and the incoming memory, for
// the closed form (1+1) and random custom circuits up to N_tot = 6.
#include "neurons/SqsNeuron.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

struct Case
{
    SqsNeuron neuron;
    std::vector<double> theta, z, gP;
    Eigen::VectorXcd mem, gMem;
    int s = 0;
};

double lossOf(Case &c, const std::vector<double> &theta, const std::vector<double> &z,
              const Eigen::VectorXcd &mem)
{
    c.neuron.setParameters(theta);
    SqsNeuron::Workspace w(c.neuron);
    std::vector<double> p(c.neuron.outcomes());
    c.neuron.evolve(z.data(), mem.data(), w, p.data());
    Eigen::VectorXcd next(c.neuron.memoryDim());
    c.neuron.collapse(c.s, p[c.s], w, next.data());
    double L = 0;
    for (int k = 0; k < c.neuron.outcomes(); ++k)
        L += c.gP[k] * p[k];
    return L + c.gMem.dot(next).real(); // dot conjugates its first argument
}

// Relative agreement: |a - b| <= tol * max(1, |a|, |b|).
void expectClose(double a, double b, double tol, const std::string &what)
{
    EXPECT_LE(std::abs(a - b), tol * std::max({1.0, std::abs(a), std::abs(b)})) << what << ": " << a
                                                                                  << " vs " << b;
}

void checkCase(Case &c, const std::string &name)
{
    const int N = c.neuron.ioQubits(), dM = c.neuron.memoryDim(), P = c.neuron.paramCount();
    c.neuron.setParameters(c.theta);
    SqsNeuron::Workspace w(c.neuron);
    std::vector<double> gTheta(P, 0.0), gZ(N, 0.0);
    Eigen::VectorXcd gMemIn(dM);
    c.neuron.backwardStep(c.z.data(), c.mem.data(), c.s, c.gP.data(), c.gMem.data(), w,
                          gTheta.data(), gZ.data(), gMemIn.data());
    const double h = 1e-5, tol = 1e-6;
    for (int k = 0; k < P; ++k) {
        auto tp = c.theta, tm = c.theta;
        tp[k] += h;
        tm[k] -= h;
        const double fd = (lossOf(c, tp, c.z, c.mem) - lossOf(c, tm, c.z, c.mem)) / (2 * h);
        expectClose(gTheta[k], fd, tol, name + " theta " + std::to_string(k));
    }
    for (int n = 0; n < N; ++n) {
        auto zp = c.z, zm = c.z;
        zp[n] += h;
        zm[n] -= h;
        const double fd = (lossOf(c, c.theta, zp, c.mem) - lossOf(c, c.theta, zm, c.mem)) / (2 * h);
        expectClose(gZ[n], fd, tol, name + " z " + std::to_string(n));
    }
    for (int j = 0; j < dM; ++j)
        for (int part = 0; part < 2; ++part) {
            const cplx d = part == 0 ? cplx(h, 0) : cplx(0, h);
            Eigen::VectorXcd mp = c.mem, mm = c.mem;
            mp(j) += d;
            mm(j) -= d;
            const double fd = (lossOf(c, c.theta, c.z, mp) - lossOf(c, c.theta, c.z, mm)) / (2 * h);
            const double got = part == 0 ? gMemIn(j).real() : gMemIn(j).imag();
            expectClose(got, fd, tol, name + " memory " + std::to_string(j) + (part ? " im" : " re"));
        }
}

Case randomCase(SqsNeuron neuron, Rng &rng)
{
    Case c{std::move(neuron), {}, {}, {}, {}, {}, 0};
    const int N = c.neuron.ioQubits();
    c.theta.resize(c.neuron.paramCount());
    for (auto &t : c.theta)
        t = rng.uniform(-3, 3);
    c.z.resize(N);
    for (int n = 0; n < N; ++n)
        c.z[n] = n == 1 ? -0.4 : rng.uniform(0.05, 1.3); // qubit 1 (if any) gets no rotation
    c.gP.resize(c.neuron.outcomes());
    for (auto &g : c.gP)
        g = rng.uniform(-1, 1);
    c.mem = Eigen::VectorXcd(c.neuron.memoryDim());
    c.gMem = Eigen::VectorXcd(c.neuron.memoryDim());
    for (int j = 0; j < c.neuron.memoryDim(); ++j) {
        c.mem(j) = cplx(rng.uniform(-1, 1), rng.uniform(-1, 1)); // not normalised on purpose
        c.gMem(j) = cplx(rng.uniform(-1, 1), rng.uniform(-1, 1));
    }
    c.s = int(rng.below(std::uint64_t(c.neuron.outcomes())));
    return c;
}

Circuit randomCircuit(int n, int gates, Rng &rng)
{
    const GateKind rot[] = {GateKind::RX, GateKind::RY, GateKind::RZ};
    const GateKind ctl[] = {GateKind::CRX, GateKind::CRY, GateKind::CRZ};
    const GateKind fixed1[] = {GateKind::H, GateKind::X, GateKind::S, GateKind::T};
    const GateKind fixed2[] = {GateKind::CNOT, GateKind::CZ, GateKind::SWAP};
    Circuit c;
    c.numQubits = n;
    int params = 0;
    for (int g = 0; g < gates; ++g) {
        const int q0 = int(rng.below(n));
        int q1 = int(rng.below(n - 1));
        if (q1 >= q0)
            ++q1;
        switch (rng.below(5)) {
        case 0:
        case 1:
            c.gates.push_back({rot[rng.below(3)], q0, -1, params++, 0});
            break;
        case 2:
            c.gates.push_back({ctl[rng.below(3)], q0, q1, params++, 0});
            break;
        case 3:
            c.gates.push_back({fixed1[rng.below(4)], q0, -1, -1, 0});
            break;
        default:
            c.gates.push_back({fixed2[rng.below(3)], q0, q1, -1, 0});
        }
    }
    // A rotation with a fixed angle too.
    c.gates.push_back({GateKind::RY, 0, -1, -1, 0.37});
    return c;
}

} // namespace

TEST(SqsBackward, ClosedFormMatchesFiniteDifferences)
{
    Rng rng(11);
    for (int rep = 0; rep < 6; ++rep) {
        Case c = randomCase(SqsNeuron(1, 1, AnsatzSpec{"sqs-crx", 1, {}}), rng);
        ASSERT_EQ(c.neuron.kernel(), SqsNeuron::Kernel::ClosedForm);
        if (rep == 5)
            c.z[0] = -0.2; // the dead zone: no gradient to z
        checkCase(c, "closed form rep " + std::to_string(rep));
    }
}

TEST(SqsBackward, GeneratedAnsatzesMatchFiniteDifferences)
{
    Rng rng(5);
    for (auto [N, M, gen, L] : {std::tuple{2, 2, "sqs-crx", 1}, {1, 2, "hardware-efficient", 2},
                                {3, 3, "sqs-crx", 1}, {2, 1, "hardware-efficient", 1},
                                {1, 1, "sqs-crx", 2}}) {
        Case c = randomCase(SqsNeuron(N, M, AnsatzSpec{gen, L, {}}), rng);
        EXPECT_NE(c.neuron.kernel(), SqsNeuron::Kernel::ClosedForm);
        checkCase(c, std::string(gen) + " " + std::to_string(N) + "+" + std::to_string(M));
    }
}

TEST(SqsBackward, RandomCustomCircuitsUpToSixQubitsMatchFiniteDifferences)
{
    Rng rng(23);
    for (auto [N, M] : {std::pair{1, 1}, {1, 3}, {2, 2}, {3, 1}, {2, 4}, {3, 3}, {1, 5}}) {
        for (int rep = 0; rep < 2; ++rep) {
            Circuit circuit = randomCircuit(N + M, 14, rng);
            Case c = randomCase(SqsNeuron(N, M, circuit), rng);
            checkCase(c, "custom " + std::to_string(N) + "+" + std::to_string(M));
        }
    }
}

TEST(SqsBackward, ClosedFormAgreesWithTheGatePath)
{
    // The same neuron once through the closed form and once as a gate list that defeats the
    // closed-form detection (an identity pair appended).
    Rng rng(8);
    SqsNeuron closed(1, 1, AnsatzSpec{"sqs-crx", 1, {}});
    Circuit gates = closed.circuit();
    gates.gates.push_back({GateKind::X, 1, -1, -1, 0});
    gates.gates.push_back({GateKind::X, 1, -1, -1, 0});
    SqsNeuron generic(1, 1, gates);
    ASSERT_NE(generic.kernel(), SqsNeuron::Kernel::ClosedForm);
    for (int rep = 0; rep < 4; ++rep) {
        Case a = randomCase(closed, rng);
        a.neuron.setParameters(a.theta);
        generic.setParameters(a.theta);
        SqsNeuron::Workspace wa(a.neuron), wb(generic);
        std::vector<double> ta(3, 0.0), tb(3, 0.0), za(1), zb(1);
        Eigen::VectorXcd ma(2), mb(2);
        a.neuron.backwardStep(a.z.data(), a.mem.data(), a.s, a.gP.data(), a.gMem.data(), wa,
                              ta.data(), za.data(), ma.data());
        generic.backwardStep(a.z.data(), a.mem.data(), a.s, a.gP.data(), a.gMem.data(), wb,
                             tb.data(), zb.data(), mb.data());
        for (int k = 0; k < 3; ++k)
            EXPECT_NEAR(ta[k], tb[k], 1e-13);
        EXPECT_NEAR(za[0], zb[0], 1e-13);
        for (int j = 0; j < 2; ++j)
            EXPECT_NEAR(std::abs(ma(j) - mb(j)), 0.0, 1e-13);
    }
}

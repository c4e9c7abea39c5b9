// Reverse mode of the SQS neuron on the density path (SqsNoisyNeuron::backwardStep) against
// central finite differences of the FORWARD pass (the lazy joint/update path, not the replay
// the backward uses): the loss L = sum_r' a_r' P(r') + Re Tr[H sigma'] of one step (P the
// reported probabilities, sigma' the conditioned, relaxed memory after reporting r) is
// differentiated with respect to every circuit angle, every current and the incoming memory,
// for each channel kind alone and all together, on random circuits with N_tot up to 6. With
// zero noise the gradients are the pure path's (SqsNeuron::backwardStep) to 1e-12.
#include "neurons/SqsNoisyNeuron.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

Circuit randomCircuit(int n, Rng &rng, int &params)
{
    const GateKind kinds[] = {GateKind::RX,  GateKind::RY,   GateKind::RZ, GateKind::H,
                              GateKind::X,   GateKind::Y,    GateKind::Z,  GateKind::S,
                              GateKind::T,   GateKind::CNOT, GateKind::CZ, GateKind::CRX,
                              GateKind::CRY, GateKind::CRZ,  GateKind::SWAP};
    Circuit c{n, {}};
    params = 0;
    const int count = 2 * n + 2 + int(rng.below(5));
    for (int i = 0; i < count; ++i) {
        const GateKind k = kinds[rng.below(15)];
        const int a = int(rng.below(n));
        int b = int(rng.below(n - 1));
        if (b >= a)
            ++b;
        Gate g{k, a, gateQubitCount(k) == 2 ? b : -1, -1, 0.0};
        if (isRotation(k)) {
            if (params > 0 && rng.bernoulli(0.2))
                g.param = int(rng.below(params)); // a shared parameter (gradients add)
            else if (rng.bernoulli(0.85))
                g.param = params++;
            else
                g.angle = rng.uniform(-3, 3);
        }
        c.gates.push_back(g);
    }
    return c;
}

Eigen::MatrixXcd randomHermitian(int d, Rng &rng)
{
    Eigen::MatrixXcd h(d, d);
    for (int i = 0; i < d; ++i)
        for (int j = 0; j < d; ++j)
            h(i, j) = cplx(rng.uniform(-1, 1), rng.uniform(-1, 1));
    return (h + h.adjoint().eval()) / 2.0;
}

Eigen::MatrixXcd randomDensity(int d, Rng &rng)
{
    Eigen::MatrixXcd a(d, d);
    for (int i = 0; i < d; ++i)
        for (int j = 0; j < d; ++j)
            a(i, j) = cplx(rng.normal(0, 1), rng.normal(0, 1));
    Eigen::MatrixXcd s = a * a.adjoint();
    return s / s.trace().real();
}

enum class Channel { Depolarizing1q, Depolarizing2q, Relaxation, Readout, All };

NoiseModel noiseOf(Channel c, Rng &rng)
{
    NoiseModel m; // strong enough that each channel changes the gradients visibly
    if (c == Channel::Depolarizing1q || c == Channel::All)
        m.depolarizing1q = rng.uniform(0.02, 0.2);
    if (c == Channel::Depolarizing2q || c == Channel::All)
        m.depolarizing2q = rng.uniform(0.02, 0.3);
    if (c == Channel::Relaxation || c == Channel::All) {
        m.t1Us = rng.uniform(0.5, 3);
        m.t2Us = rng.uniform(0.3, 2.0) * m.t1Us;
        m.gateNs1q = rng.uniform(20, 200);
        m.gateNs2q = rng.uniform(20, 400);
        m.idleNs = rng.uniform(100, 1500);
    }
    if (c == Channel::Readout || c == Channel::All) {
        m.readoutP01 = rng.uniform(0.02, 0.2);
        m.readoutP10 = rng.uniform(0.02, 0.2);
    }
    return m;
}

struct Loss
{
    std::vector<double> a; // dL/dP(r')
    Eigen::MatrixXcd H;    // dL/dsigma'
    int r = 0;
    double operator()(const SqsNoisyNeuron &n, const double *z, const Eigen::MatrixXcd &sigma,
                      SqsNoisyNeuron::Workspace &w) const
    {
        n.joint(z, sigma, w);
        auto p = std::vector<double>(std::size_t(n.outcomes())), P = p;
        n.trueProbabilities(w.rho, p.data());
        n.reportedProbabilities(p.data(), P.data());
        double L = 0;
        for (std::size_t k = 0; k < P.size(); ++k)
            L += a[k] * P[k];
        Eigen::MatrixXcd s = sigma;
        if (n.update(r, s, w) > 0)
            L += (H.adjoint() * s).trace().real();
        return L;
    }
};

void expectClose(double got, double fd, const std::string &what)
{
    EXPECT_LE(std::abs(got - fd), 1e-6 * std::max({1e-3, std::abs(fd), std::abs(got)}))
        << what << ": backward " << got << " vs finite differences " << fd;
}

// Checks one neuron's backward step against central differences; returns how many entries
// were nonzero (so the check cannot pass vacuously).
int checkNeuron(SqsNoisyNeuron &n, Rng &rng, const std::string &name)
{
    const int N = n.ioQubits(), dM = n.memoryDim(), S = n.outcomes();
    std::vector<double> theta(std::size_t(n.paramCount()));
    for (auto &t : theta)
        t = rng.uniform(0, 6.28);
    n.setParameters(theta);
    auto z = std::vector<double>(std::size_t(N));
    for (int q = 0; q < N; ++q)
        z[std::size_t(q)] = q == N - 1 && N > 1 ? -0.2 : rng.uniform(0.1, 0.9); // one z <= 0
    const Eigen::MatrixXcd sigma = randomDensity(dM, rng);
    SqsNoisyNeuron::Workspace w(n);
    Loss loss;
    loss.a.resize(std::size_t(S));
    for (auto &x : loss.a)
        x = rng.uniform(-1, 1);
    loss.H = randomHermitian(dM, rng);
    // The reported outcome: the likeliest one (P(r) well away from 0).
    n.joint(z.data(), sigma, w);
    auto p = std::vector<double>(std::size_t(S)), P = p;
    n.trueProbabilities(w.rho, p.data());
    n.reportedProbabilities(p.data(), P.data());
    loss.r = int(std::max_element(P.begin(), P.end()) - P.begin());

    std::vector<double> gTheta(theta.size(), 0.0), gZ(std::size_t(N), 7.0);
    Eigen::MatrixXcd gSigmaIn(dM, dM);
    n.backwardStep(z.data(), sigma.data(), loss.r, loss.a.data(), loss.H.data(), w,
                   gTheta.data(), gZ.data(), gSigmaIn.data());
    const double h = 1e-6;
    int nonzero = 0;
    for (std::size_t k = 0; k < theta.size(); ++k) {
        auto th = theta;
        th[k] += h;
        n.setParameters(th);
        const double up = loss(n, z.data(), sigma, w);
        th[k] -= 2 * h;
        n.setParameters(th);
        const double down = loss(n, z.data(), sigma, w);
        n.setParameters(theta);
        const double fd = (up - down) / (2 * h);
        expectClose(gTheta[k], fd, name + " theta[" + std::to_string(k) + "]");
        nonzero += std::abs(fd) > 1e-8;
    }
    for (int q = 0; q < N; ++q) {
        if (!(z[std::size_t(q)] > 0)) {
            EXPECT_EQ(gZ[std::size_t(q)], 0.0) << name << ": z <= 0 has no embedding rotation";
            continue;
        }
        auto zz = z;
        zz[std::size_t(q)] += h;
        const double up = loss(n, zz.data(), sigma, w);
        zz[std::size_t(q)] -= 2 * h;
        const double down = loss(n, zz.data(), sigma, w);
        const double fd = (up - down) / (2 * h);
        expectClose(gZ[std::size_t(q)], fd, name + " z[" + std::to_string(q) + "]");
        nonzero += std::abs(fd) > 1e-8;
    }
    for (int d = 0; d < 3; ++d) { // random Hermitian directions of the incoming memory
        const Eigen::MatrixXcd D = randomHermitian(dM, rng);
        const double fd = (loss(n, z.data(), sigma + h * D, w) - loss(n, z.data(), sigma - h * D, w))
                          / (2 * h);
        const double got = (gSigmaIn.adjoint() * D).trace().real();
        expectClose(got, fd, name + " sigma direction " + std::to_string(d));
        nonzero += std::abs(fd) > 1e-8;
    }
    return nonzero;
}

} // namespace

TEST(SqsNoisyBackward, EveryChannelMatchesFiniteDifferencesOnRandomCircuits)
{
    const std::pair<Channel, const char *> channels[] = {
        {Channel::Depolarizing1q, "depolarizing_1q"}, {Channel::Depolarizing2q, "depolarizing_2q"},
        {Channel::Relaxation, "T1/T2"}, {Channel::Readout, "readout"}, {Channel::All, "all"}};
    Rng rng(2024);
    const std::pair<int, int> shapes[] = {{1, 1}, {1, 2}, {2, 1}, {2, 2}, {1, 4}, {3, 2}, {2, 4}};
    for (const auto &[channel, label] : channels)
        for (const auto &[N, M] : shapes) {
            int params = 0;
            const Circuit c = randomCircuit(N + M, rng, params);
            SqsNoisyNeuron n(N, M, c, noiseOf(channel, rng));
            const std::string name = std::string(label) + " N=" + std::to_string(N)
                                     + " N_M=" + std::to_string(M);
            EXPECT_GT(checkNeuron(n, rng, name), 2) << name;
        }
}

TEST(SqsNoisyBackward, TheGeneratedAnsatzUnderThePresetMatchesFiniteDifferences)
{
    Rng rng(5);
    for (const auto &[N, M] : {std::pair{1, 0}, std::pair{1, 1}, std::pair{1, 2}, std::pair{2, 2}}) {
        SqsNoisyNeuron n(N, M, makeAnsatz(AnsatzSpec{}, N, M), noisePreset("superconducting"));
        EXPECT_GT(checkNeuron(n, rng, "superconducting " + std::to_string(N) + "+" + std::to_string(M)), 1);
    }
}

// Without noise the density path's reverse step is the pure path's: with sigma = |m><m| and
// L = sum a P + <m'|H|m'>, the pure backward takes gMem = 2 H m' (dL/dRe m' + i dL/dIm m')
// and returns dL/dm = 2 Lambda_sigma m.
TEST(SqsNoisyBackward, ZeroNoiseGivesThePurePathsGradients)
{
    Rng rng(77);
    for (const auto &[N, M, custom] : {std::tuple{1, 1, false}, std::tuple{1, 2, false},
                                       std::tuple{2, 2, false}, std::tuple{2, 3, true}}) {
        int params = 0;
        const Circuit c = custom ? randomCircuit(N + M, rng, params) : makeAnsatz(AnsatzSpec{}, N, M);
        SqsNeuron pure(N, M, c);
        SqsNoisyNeuron noisy(N, M, c, NoiseModel{});
        std::vector<double> theta(std::size_t(pure.paramCount()));
        for (auto &t : theta)
            t = rng.uniform(0, 6.28);
        pure.setParameters(theta);
        noisy.setParameters(theta);
        const int dM = pure.memoryDim(), S = pure.outcomes();
        Eigen::VectorXcd m(dM);
        for (int k = 0; k < dM; ++k)
            m(k) = cplx(rng.normal(0, 1), rng.normal(0, 1));
        m.normalize();
        auto z = std::vector<double>(std::size_t(N));
        for (auto &x : z)
            x = rng.uniform(0.05, 0.95);
        SqsNeuron::Workspace wp(pure);
        auto p = std::vector<double>(std::size_t(S)), a = p;
        pure.evolve(z.data(), m.data(), wp, p.data());
        const int s = int(std::max_element(p.begin(), p.end()) - p.begin());
        Eigen::VectorXcd next(dM);
        pure.collapse(s, p[std::size_t(s)], wp, next.data());
        for (auto &x : a)
            x = rng.uniform(-1, 1);
        const Eigen::MatrixXcd H = randomHermitian(dM, rng);
        const Eigen::VectorXcd gMem = 2.0 * H * next;
        std::vector<double> gThP(theta.size(), 0.0), gThN(theta.size(), 0.0), gZP(z.size()), gZN(z.size());
        Eigen::VectorXcd gMemIn(dM);
        pure.backwardStep(z.data(), m.data(), s, a.data(), gMem.data(), wp, gThP.data(), gZP.data(),
                          gMemIn.data());
        const Eigen::MatrixXcd sigma = m * m.adjoint();
        SqsNoisyNeuron::Workspace wn(noisy);
        Eigen::MatrixXcd gSigmaIn(dM, dM);
        noisy.backwardStep(z.data(), sigma.data(), s, a.data(), H.data(), wn, gThN.data(),
                           gZN.data(), gSigmaIn.data());
        const std::string name = std::to_string(N) + "+" + std::to_string(M);
        for (std::size_t k = 0; k < theta.size(); ++k)
            EXPECT_NEAR(gThN[k], gThP[k], 1e-12) << name << " theta[" << k << "]";
        for (std::size_t q = 0; q < z.size(); ++q)
            EXPECT_NEAR(gZN[q], gZP[q], 1e-12) << name << " z[" << q << "]";
        const Eigen::VectorXcd fromSigma = 2.0 * gSigmaIn * m;
        for (int k = 0; k < dM; ++k)
            EXPECT_LT(std::abs(fromSigma(k) - gMemIn(k)), 1e-12) << name << " memory[" << k << "]";
    }
}

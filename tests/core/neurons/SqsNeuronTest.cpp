// The SQS neuron against model.md: the test vector, the N = N_M = 1 closed form, the
// independent naive density-matrix implementation, the density path, and Born-rule sampling.
#include "common/Error.hpp"
#include "neurons/NeuronRun.hpp"
#include "neurons/SqsNeuron.hpp"
#include "reference/NaiveNeuron.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

const std::vector<double> kTheta{1.3, 0.7, 0.4}; // [theta_ent, theta_mem, theta_in]
const std::vector<double> kZ{0.3, -0.2, 0.8, 0.0, 0.5, 0.25};
const std::vector<int> kForce{1, 0, 1, 1, 0, 0};
const std::vector<double> kExpected{0.386830, 0.101193, 0.910115, 0.349334, 0.990526, 0.760186};

// model.md's closed form for N = N_M = 1 with the default ansatz. Returns p(1) and updates sigma.
double closedForm(const std::vector<double> &th, double z, int s, Eigen::Matrix2cd &sigma)
{
    const double phi = z > 0 ? M_PI * z : 0.0;
    const double g[2] = {phi + th[2], phi + th[2] + th[0]};
    const double p1 = sigma(0, 0).real() * std::pow(std::sin(g[0] / 2), 2)
                      + sigma(1, 1).real() * std::pow(std::sin(g[1] / 2), 2);
    const double ps = s ? p1 : 1 - p1;
    Eigen::Matrix2cd next;
    for (int a = 0; a < 2; ++a)
        for (int b = 0; b < 2; ++b) {
            const double Aa = s ? std::sin(g[a] / 2) : std::cos(g[a] / 2);
            const double Ab = s ? std::sin(g[b] / 2) : std::cos(g[b] / 2);
            next(a, b) = sigma(a, b) * Aa * Ab / ps;
        }
    const double c = std::cos(th[1] / 2), sn = std::sin(th[1] / 2);
    Eigen::Matrix2cd rx;
    rx << c, cplx(0, -sn), cplx(0, -sn), c;
    sigma = rx * next * rx.adjoint();
    return p1;
}

Circuit randomCircuit(int n, Rng &rng, int &params)
{
    const GateKind kinds[] = {GateKind::RX,  GateKind::RY,  GateKind::RZ,  GateKind::H,
                              GateKind::X,   GateKind::Y,   GateKind::Z,   GateKind::S,
                              GateKind::T,   GateKind::CNOT, GateKind::CZ, GateKind::CRX,
                              GateKind::CRY, GateKind::CRZ, GateKind::SWAP};
    Circuit c{n, {}};
    params = 0;
    const int count = 3 * n + int(rng.below(6));
    for (int i = 0; i < count; ++i) {
        const GateKind k = kinds[rng.below(15)];
        const int a = int(rng.below(n));
        int b = int(rng.below(n - 1));
        if (b >= a)
            ++b;
        Gate g{k, a, gateQubitCount(k) == 2 ? b : -1, -1, 0.0};
        if (isRotation(k)) {
            if (rng.bernoulli(0.8))
                g.param = params++;
            else
                g.angle = rng.uniform(-3, 3);
        }
        c.gates.push_back(g);
    }
    return c;
}

} // namespace

TEST(SqsNeuron, ModelTestVectorThroughTheLibrary)
{
    SqsNeuron n(1, 1, AnsatzSpec{});
    ASSERT_EQ(n.paramCount(), 3);
    n.setParameters(kTheta);
    SqsNeuron::Workspace w(n);
    Eigen::VectorXcd mem = n.initialMemory();
    Rng rng(0);
    double p[2];
    for (std::size_t t = 0; t < kZ.size(); ++t) {
        const int s = n.step(&kZ[t], mem.data(), rng, p, w, kForce[t]);
        EXPECT_EQ(s, kForce[t]);
        EXPECT_NEAR(p[1], kExpected[t], 1e-6) << "step " << t + 1;
        EXPECT_NEAR(p[0] + p[1], 1.0, 1e-12);
    }
    EXPECT_NEAR(kExpected[0], std::pow(std::sin((0.3 * M_PI + 0.4) / 2), 2), 1e-6);
}

TEST(SqsNeuron, ClosedFormForOneIoAndOneMemoryQubit)
{
    Rng rng(2024);
    SqsNeuron n(1, 1, AnsatzSpec{});
    SqsNeuron::Workspace w(n);
    for (int trial = 0; trial < 500; ++trial) {
        std::vector<double> th{rng.uniform(-7, 7), rng.uniform(-7, 7), rng.uniform(-7, 7)};
        n.setParameters(th);
        Eigen::VectorXcd mem = n.initialMemory();
        Eigen::Matrix2cd sigma = Eigen::Matrix2cd::Zero();
        sigma(0, 0) = 1;
        for (int t = 0; t < 8; ++t) {
            const double z = rng.uniform(-1, 1.5);
            double p[2];
            const int s = n.step(&z, mem.data(), rng, p, w);
            const double expect = closedForm(th, z, s, sigma);
            ASSERT_NEAR(p[1], expect, 1e-12) << "trial " << trial << " step " << t;
            ASSERT_TRUE((mem * mem.adjoint()).isApprox(Eigen::MatrixXcd(sigma), 1e-10));
        }
    }
}

// Fast path vs the naive full-density-matrix implementation on random custom circuits with
// N_tot = 2..8, random real inputs and forced outcomes.
TEST(SqsNeuron, FastPathMatchesNaiveDensityMatricesOnRandomCircuits)
{
    Rng rng(77);
    for (int ntot = 2; ntot <= 8; ++ntot) {
        for (int trial = 0; trial < (ntot <= 5 ? 6 : 2); ++trial) {
            const int N = 1 + int(rng.below(std::min(ntot - 1, 3)));
            const int M = ntot - N;
            int params = 0;
            const Circuit c = randomCircuit(ntot, rng, params);
            std::vector<double> theta(params);
            for (auto &t : theta)
                t = rng.uniform(-M_PI, M_PI);
            SqsNeuron fast(N, M, c);
            fast.setParameters(theta);
            naive::NaiveNeuron ref{N, M, c.gates, theta, {}};
            SqsNeuron::Workspace w(fast);
            Eigen::VectorXcd mem = fast.initialMemory();
            Eigen::MatrixXcd sigma = Eigen::MatrixXcd::Zero(1 << M, 1 << M);
            sigma(0, 0) = 1;
            Eigen::MatrixXcd sigmaKraus = sigma;
            std::vector<double> p(fast.outcomes()), pk(fast.outcomes());
            for (int t = 0; t < 5; ++t) {
                std::vector<double> z(N);
                for (auto &v : z)
                    v = rng.uniform(-0.5, 1.5);
                fast.evolve(z.data(), mem.data(), w, p.data());
                fast.probabilitiesDensity(z.data(), sigmaKraus, pk.data());
                // Force an outcome of non-negligible probability.
                int s = 0;
                for (int k = 0; k < fast.outcomes(); ++k)
                    if (p[k] > p[s])
                        s = k;
                if (rng.bernoulli(0.5)) {
                    const int other = int(rng.below(fast.outcomes()));
                    if (p[other] > 1e-3)
                        s = other;
                }
                const std::vector<double> pr = ref.step(z, sigma, s);
                for (int k = 0; k < fast.outcomes(); ++k) {
                    ASSERT_NEAR(p[k], pr[k], 1e-10) << "ntot " << ntot << " step " << t;
                    ASSERT_NEAR(pk[k], pr[k], 1e-10) << "density path, ntot " << ntot;
                }
                fast.collapse(s, p[s], w, mem.data());
                fast.updateDensity(z.data(), s, sigmaKraus);
                ASSERT_TRUE((mem * mem.adjoint()).isApprox(sigma, 1e-10)) << "ntot " << ntot;
                ASSERT_TRUE(sigmaKraus.isApprox(sigma, 1e-10)) << "density path, ntot " << ntot;
            }
        }
    }
}

TEST(SqsNeuron, GatePathAndDensePathAgree)
{
    // (5,5) runs gate by gate, (1,1) with the compiled unitary; both must match the Kraus form
    // and the joint density before measurement must be consistent with p.
    for (int q : {1, 2, 3, 5}) {
        SqsNeuron n(q, q, AnsatzSpec{"sqs-crx", 2, {}});
        Rng rng(q);
        std::vector<double> th(n.paramCount());
        for (auto &t : th)
            t = rng.uniform(0, 6);
        n.setParameters(th);
        EXPECT_EQ(n.usesGatePath(), q >= 3);
        SqsNeuron::Workspace w(n);
        Eigen::VectorXcd mem = n.initialMemory();
        Eigen::MatrixXcd sigma = mem * mem.adjoint();
        std::vector<double> p(n.outcomes()), pk(n.outcomes()), z(q);
        for (int t = 0; t < 3; ++t) {
            for (auto &v : z)
                v = rng.uniform(-0.2, 1);
            const int s = n.step(z.data(), mem.data(), rng, p.data(), w);
            n.probabilitiesDensity(z.data(), sigma, pk.data());
            for (int k = 0; k < n.outcomes(); ++k)
                ASSERT_NEAR(p[k], pk[k], 1e-10);
            n.updateDensity(z.data(), s, sigma);
            ASSERT_TRUE((mem * mem.adjoint()).isApprox(sigma, 1e-9));
        }
    }
}

TEST(SqsNeuron, SingleShotSpikesFollowTheBornRule)
{
    // Chi-square over the 4 outcomes of an N = 2 neuron at a fixed memory, fixed seed.
    SqsNeuron n(2, 1, AnsatzSpec{});
    n.setParameters(std::vector<double>{0.9, 1.7, 0.4, 2.2, 0.8});
    SqsNeuron::Workspace w(n);
    Rng rng(99);
    const double z[2] = {0.35, 0.6};
    std::vector<double> p(4);
    std::vector<int> counts(4, 0);
    const int shots = 40000;
    for (int i = 0; i < shots; ++i) {
        Eigen::VectorXcd mem = n.initialMemory();
        ++counts[n.step(z, mem.data(), rng, p.data(), w)];
    }
    double chi2 = 0;
    for (int k = 0; k < 4; ++k) {
        const double e = p[k] * shots;
        chi2 += (counts[k] - e) * (counts[k] - e) / e;
    }
    EXPECT_LT(chi2, 16.27); // chi-square, 3 degrees of freedom, p = 0.001

    // The same seed gives the same spikes.
    auto spikes = [&](std::uint64_t seed) {
        Rng r(seed);
        Eigen::VectorXcd mem = n.initialMemory();
        std::vector<int> out;
        for (int t = 0; t < 50; ++t)
            out.push_back(n.step(z, mem.data(), r, p.data(), w));
        return out;
    };
    EXPECT_EQ(spikes(5), spikes(5));
    EXPECT_NE(spikes(5), spikes(6));
}

TEST(SqsNeuron, BadSizesAreRefused)
{
    EXPECT_THROW(SqsNeuron(0, 1, AnsatzSpec{}), InputError);
    try {
        SqsNeuron(7, 8, AnsatzSpec{});
        FAIL();
    } catch (const InputError &e) {
        EXPECT_NE(std::string(e.what()).find("15 qubits is more than the limit of 12"),
                  std::string::npos)
            << e.what();
    }
    SqsNeuron n(1, 1, AnsatzSpec{});
    EXPECT_THROW(n.setParameters(std::vector<double>{1, 2}), InputError);
    EXPECT_THROW(n.setParameters(std::vector<double>{1, 2, NAN}), InputError);
}

TEST(Ansatz, GeneratorsProduceTheDocumentedGateLists)
{
    const Circuit c = makeAnsatz(AnsatzSpec{}, 1, 1);
    ASSERT_EQ(c.gates.size(), 3u);
    EXPECT_EQ(c.gates[0], (Gate{GateKind::CRX, 1, 0, 0, 0.0})); // theta_ent
    EXPECT_EQ(c.gates[1], (Gate{GateKind::RX, 1, -1, 1, 0.0})); // theta_mem
    EXPECT_EQ(c.gates[2], (Gate{GateKind::RX, 0, -1, 2, 0.0})); // theta_in
    EXPECT_EQ(makeAnsatz(AnsatzSpec{"sqs-crx", 2, {}}, 3, 2).paramCount(), 2 * (6 + 2 + 3));
    const Circuit he = makeAnsatz(AnsatzSpec{"hardware-efficient", 1, {}}, 2, 1);
    EXPECT_EQ(he.paramCount(), 6);
    EXPECT_EQ(he.gates.size(), 6u + 3u);
    EXPECT_THROW(makeAnsatz(AnsatzSpec{"nope", 1, {}}, 1, 1), InputError);
    EXPECT_THROW(makeAnsatz(AnsatzSpec{"sqs-crx", 0, {}}, 1, 1), InputError);
}

// The closed-form kernel of the paper's neuron against the generic dense kernel on the same
// circuit written in another (equivalent) gate order.
TEST(SqsNeuron, ClosedFormKernelMatchesTheGenericKernel)
{
    const Circuit paper = makeAnsatz(AnsatzSpec{}, 1, 1);
    Circuit reordered = paper;
    std::swap(reordered.gates[1], reordered.gates[2]); // RX(io) before RX(mem): same unitary
    SqsNeuron fast(1, 1, paper), generic(1, 1, reordered);
    ASSERT_EQ(fast.kernel(), SqsNeuron::Kernel::ClosedForm);
    ASSERT_EQ(generic.kernel(), SqsNeuron::Kernel::Dense);
    Rng rng(12);
    SqsNeuron::Workspace wf(fast), wg(generic);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<double> th{rng.uniform(-7, 7), rng.uniform(-7, 7), rng.uniform(-7, 7)};
        fast.setParameters(th);
        generic.setParameters(th);
        Eigen::VectorXcd m = Eigen::VectorXcd::Random(2);
        m.normalize();
        const double z = rng.uniform(-1, 1.5);
        double pf[2], pg[2];
        fast.evolve(&z, m.data(), wf, pf);
        generic.evolve(&z, m.data(), wg, pg);
        ASSERT_NEAR(pf[0], pg[0], 1e-12);
        ASSERT_NEAR(pf[1], pg[1], 1e-12);
        ASSERT_TRUE(wf.state.isApprox(wg.state, 1e-12));
        for (int s = 0; s < 2; ++s) {
            double df[3], dg[3], phf[1], phg[1];
            fast.probabilityGradient(&z, m.data(), s, wf, df, phf);
            generic.probabilityGradient(&z, m.data(), s, wg, dg, phg);
            for (int k = 0; k < 3; ++k)
                ASSERT_NEAR(df[k], dg[k], 1e-12) << "param " << k;
            ASSERT_NEAR(phf[0], phg[0], 1e-12);
        }
        ASSERT_TRUE(fast.unitary().isApprox(generic.unitary(), 1e-12));
    }
}

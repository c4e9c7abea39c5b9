// The authors' released neuron (seed-compat) trained by bptt on a small fixed problem gives the
// same loss trajectory as a tiny independent reference written here: the neuron
// p_t = sin^2((phi_t + theta_mem + theta_in + theta_ent s_{t-1}) / 2), rates, softmax
// cross-entropy, the sigmoid surrogate p (1 - p), backpropagation through the self-loop spike,
// and lazy Adam (only the weight rows a batch's spikes reached are updated), all by hand. It
// shares only the random streams with the engine (the same per-sample, per-neuron draws), so
// the spikes agree.
#include "learning/Bptt.hpp"
#include "learning/Optimizer.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace sqsnn;

namespace {

constexpr int kIn = 4, kHid = 3, kOut = 2, kT = 4;

struct RefNet
{
    // W1[l][h], W2[h][o]; angles [neuron][ent, mem, in].
    std::vector<double> w1, w2, a1, a2;
};

struct Adam
{
    std::vector<double> m, v;
    explicit Adam(std::size_t n) : m(n, 0.0), v(n, 0.0) {}
    void update(std::vector<double> &x, std::size_t j, double g, double lr, long t)
    {
        m[j] = 0.9 * m[j] + 0.1 * g;
        v[j] = 0.999 * v[j] + 0.001 * g * g;
        const double mh = m[j] / (1 - std::pow(0.9, double(t))), vh = v[j] / (1 - std::pow(0.999, double(t)));
        x[j] -= lr * mh / (std::sqrt(vh) + 1e-8);
    }
};

double wrap(double a)
{
    a = std::fmod(a, 2 * M_PI);
    return a < 0 ? a + 2 * M_PI : a;
}

// One sample: forward with the engine's random streams, backward by hand; adds gradients.
double refSample(const RefNet &n, const std::vector<std::vector<int>> &x, int label,
                 std::uint64_t seed, std::vector<double> &g1, std::vector<double> &g2,
                 std::vector<double> &ga1, std::vector<double> &ga2, std::vector<char> &rows1,
                 std::vector<char> &rows2)
{
    // The engine seeds population i with seed ^ (golden * (i + 1)), neuron k with stream k.
    auto streams = [&](int pop, int count) {
        std::vector<Rng> r;
        for (int k = 0; k < count; ++k)
            r.push_back(Rng::stream(seed ^ (0x9e3779b97f4a7c15ULL * std::uint64_t(pop + 1)), std::uint64_t(k)));
        return r;
    };
    auto r1 = streams(1, kHid), r2 = streams(2, kOut);
    double s1[kT][kHid], s2[kT][kOut], p1[kT][kHid], p2[kT][kOut], z1[kT][kHid], z2[kT][kOut];
    int prev1[kT][kHid], prev2[kT][kOut];
    int last1[kHid] = {}, last2[kOut] = {};
    auto angle = [](const std::vector<double> &a, int k, double z, int prev) {
        return (z > 0 ? M_PI * z : 0.0) + a[3 * k + 1] + a[3 * k + 2] + a[3 * k] * prev;
    };
    for (int t = 0; t < kT; ++t) {
        for (int h = 0; h < kHid; ++h) {
            double z = 0;
            for (int l : x[t])
                z += n.w1[l * kHid + h];
            z1[t][h] = z;
            prev1[t][h] = last1[h];
            const double s = std::sin(angle(n.a1, h, z, last1[h]) / 2);
            p1[t][h] = s * s;
            s1[t][h] = last1[h] = r1[h].uniform() < p1[t][h] ? 1 : 0;
        }
        for (int o = 0; o < kOut; ++o) {
            double z = 0;
            for (int h = 0; h < kHid; ++h)
                z += s1[t][h] * n.w2[h * kOut + o];
            z2[t][o] = z;
            prev2[t][o] = last2[o];
            const double s = std::sin(angle(n.a2, o, z, last2[o]) / 2);
            p2[t][o] = s * s;
            s2[t][o] = last2[o] = r2[o].uniform() < p2[t][o] ? 1 : 0;
        }
    }
    double r[kOut] = {}, e[kOut], sum = 0, mx = -1e300;
    for (int o = 0; o < kOut; ++o) {
        for (int t = 0; t < kT; ++t)
            r[o] += s2[t][o] / kT;
        mx = std::max(mx, r[o]);
    }
    for (int o = 0; o < kOut; ++o)
        sum += (e[o] = std::exp(r[o] - mx));
    const double loss = -(r[label] - mx - std::log(sum));
    // Backward.
    double carry2[kOut] = {}, carry1[kHid] = {};
    for (int t = kT; t-- > 0;) {
        double gs1[kHid] = {};
        for (int o = 0; o < kOut; ++o) {
            const double gs = (e[o] / sum - (o == label)) / kT + carry2[o];
            const double p = p2[t][o];
            const double gg = gs * p * (1 - p) * std::sin(angle(n.a2, o, z2[t][o], prev2[t][o])) / 2;
            ga2[3 * o] += gg * prev2[t][o];
            ga2[3 * o + 1] += gg;
            ga2[3 * o + 2] += gg;
            carry2[o] = gg * n.a2[3 * o];
            const double gz = z2[t][o] > 0 ? M_PI * gg : 0.0;
            for (int h = 0; h < kHid; ++h) {
                g2[h * kOut + o] += s1[t][h] * gz;
                gs1[h] += n.w2[h * kOut + o] * gz;
            }
        }
        for (int h = 0; h < kHid; ++h) {
            if (s1[t][h])
                rows2[h] = 1;
            const double gs = gs1[h] + carry1[h];
            const double p = p1[t][h];
            const double gg = gs * p * (1 - p) * std::sin(angle(n.a1, h, z1[t][h], prev1[t][h])) / 2;
            ga1[3 * h] += gg * prev1[t][h];
            ga1[3 * h + 1] += gg;
            ga1[3 * h + 2] += gg;
            carry1[h] = gg * n.a1[3 * h];
            const double gz = z1[t][h] > 0 ? M_PI * gg : 0.0;
            for (int l : x[t]) {
                g1[l * kHid + h] += gz;
                rows1[l] = 1;
            }
        }
    }
    return loss;
}

} // namespace

TEST(BpttSeedCompat, LossTrajectoryMatchesAnIndependentReference)
{
    NetworkSpec spec;
    PopulationSpec in, hid, out;
    in.name = "in";
    in.kind = "input";
    in.size = kIn;
    hid.name = "hidden";
    hid.size = kHid;
    out.name = "out";
    out.size = kOut;
    out.readout = true;
    spec.populations = {in, hid, out};
    spec.projections = {{"in", "hidden"}, {"hidden", "out"}};
    NetworkOptions no;
    no.estimatorName = "seed-compat";
    no.normalAngleInit = false;
    Rng init(12);
    Network net(spec, kIn, kOut, {}, init, no);
    // Larger weights than the default so that the problem has spikes and gradients everywhere.
    for (auto &w : net.projection(0).params())
        w *= 3.0;
    for (auto &w : net.projection(1).params())
        w *= 3.0;
    RefNet ref{net.projection(0).params(), net.projection(1).params(), net.population(1).params(),
               net.population(2).params()};
    const RefNet initial = ref;

    TrainingSpec ts;
    ts.method = "bptt";
    ts.optimizer = "adam";
    ts.learningRate = 0.05;
    ts.batchSize = 2;
    ts.hiddenLearningRateScale = 1;
    ts.clipReadout = ts.clipHiddenWeights = ts.clipHiddenAngles = 0;
    Optimizer opt(net, ts);
    Bptt bptt(net, {});
    Gradients grads(net);

    Rng data(3);
    const int samples = 8;
    std::vector<std::vector<Activity>> inputs(samples, std::vector<Activity>(kT));
    std::vector<std::vector<std::vector<int>>> lines(samples, std::vector<std::vector<int>>(kT));
    std::vector<int> labels(samples);
    for (int i = 0; i < samples; ++i) {
        labels[i] = i % 2;
        for (int t = 0; t < kT; ++t)
            for (int l = 0; l < kIn; ++l)
                if (data.bernoulli(labels[i] ? 0.2 + 0.15 * l : 0.7 - 0.15 * l)) {
                    inputs[i][t].lines.push_back(l);
                    lines[i][t].push_back(l);
                }
    }
    Adam aw1(ref.w1.size()), aw2(ref.w2.size()), aa1(ref.a1.size()), aa2(ref.a2.size());
    std::vector<double> g1(ref.w1.size()), g2(ref.w2.size()), ga1(ref.a1.size()), ga2(ref.a2.size());
    std::vector<char> rows1(kIn, 0), rows2(kHid, 0);
    long step = 0;
    int compared = 0;
    for (int epoch = 0; epoch < 3; ++epoch)
        for (int i = 0; i < samples; ++i) {
            const std::uint64_t seed = 1000 * epoch + i;
            const double engine = bptt.run(net, inputs[i], labels[i], seed, &grads).loss;
            const double mine = refSample(ref, lines[i], labels[i], seed, g1, g2, ga1, ga2, rows1, rows2);
            EXPECT_NEAR(engine, mine, 1e-12) << "epoch " << epoch << " sample " << i;
            ++compared;
            if (grads.samples < ts.batchSize)
                continue;
            opt.apply(net, grads);
            ++step;
            const double scale = 1.0 / ts.batchSize;
            for (int l = 0; l < kIn; ++l)
                if (rows1[l])
                    for (int h = 0; h < kHid; ++h)
                        aw1.update(ref.w1, std::size_t(l * kHid + h), g1[l * kHid + h] * scale, ts.learningRate, step);
            for (int h = 0; h < kHid; ++h)
                if (rows2[h])
                    for (int o = 0; o < kOut; ++o)
                        aw2.update(ref.w2, std::size_t(h * kOut + o), g2[h * kOut + o] * scale, ts.learningRate, step);
            for (std::size_t j = 0; j < ref.a1.size(); ++j) {
                aa1.update(ref.a1, j, ga1[j] * scale, ts.learningRate, step);
                ref.a1[j] = wrap(ref.a1[j]);
            }
            for (std::size_t j = 0; j < ref.a2.size(); ++j) {
                aa2.update(ref.a2, j, ga2[j] * scale, ts.learningRate, step);
                ref.a2[j] = wrap(ref.a2[j]);
            }
            std::fill(g1.begin(), g1.end(), 0.0);
            std::fill(g2.begin(), g2.end(), 0.0);
            std::fill(ga1.begin(), ga1.end(), 0.0);
            std::fill(ga2.begin(), ga2.end(), 0.0);
            std::fill(rows1.begin(), rows1.end(), 0);
            std::fill(rows2.begin(), rows2.end(), 0);
        }
    EXPECT_EQ(compared, 24);
    for (std::size_t j = 0; j < ref.w1.size(); ++j)
        EXPECT_NEAR(ref.w1[j], net.projection(0).params()[j], 1e-10);
    for (std::size_t j = 0; j < ref.a1.size(); ++j)
        EXPECT_NEAR(ref.a1[j], net.population(1).params()[j], 1e-10);
    // The parameters moved: the comparison covers learning, not a frozen network.
    double moved = 0;
    for (std::size_t j = 0; j < ref.w1.size(); ++j)
        moved += std::abs(ref.w1[j] - initial.w1[j]);
    for (std::size_t j = 0; j < ref.a2.size(); ++j)
        moved += std::abs(ref.a2[j] - initial.a2[j]);
    EXPECT_GT(moved, 0.1);
}

#include "training/LearningHealth.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

namespace {

double binaryEntropy(double p)
{
    if (!(p > 0) || !(p < 1))
        return 0;
    return -p * std::log(p) - (1 - p) * std::log(1 - p);
}

bool finite(double v) { return std::isfinite(v); }

LearningHealth verdict(LearningHealth::Status s, std::string summary, std::string hint, double prior)
{
    LearningHealth h;
    h.status = s;
    h.summary = std::move(summary);
    h.hint = std::move(hint);
    h.priorLoss = prior;
    return h;
}

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

} // namespace

double priorLoss(const std::vector<double> &freq, int classes)
{
    double sum = 0;
    if (!freq.empty()) {
        for (double p : freq)
            sum += binaryEntropy(p);
        return sum;
    }
    if (classes <= 0)
        return 0;
    return classes * binaryEntropy(1.0 / classes);
}

std::vector<double> classFrequencies(const std::vector<int> &labels, int classes)
{
    std::vector<double> f(std::size_t(std::max(0, classes)), 0.0);
    int n = 0;
    for (int l : labels)
        if (l >= 0 && l < classes) {
            f[std::size_t(l)] += 1;
            ++n;
        }
    if (n > 0)
        for (double &v : f)
            v /= n;
    return f;
}

LearningHealth assessLearning(const LearningHealthInput &in)
{
    const int K = in.classes > 0 ? in.classes : int(in.classFrequencies.size());
    const double prior = priorLoss(in.classFrequencies, K);
    using S = LearningHealth::Status;

    // 1. Non-finite values anywhere we look.
    bool bad = false;
    for (const EpochMetrics &m : in.history)
        bad = bad || !finite(m.trainLoss) || !finite(m.testLoss) || !finite(m.trainAccuracy)
              || !finite(m.testAccuracy);
    for (double p : in.readoutProbabilities)
        bad = bad || !finite(p);
    if (bad)
        return verdict(S::NonFinite, "non-finite values",
                       "A loss or probability is NaN or infinite: usually a learning rate far too "
                       "large or clipping switched off (Inspector > Training: learning_rate, clip_*).",
                       prior);

    // 2. Silent or saturated readout (averaged over the latest sample).
    if (!in.readoutProbabilities.empty()) {
        const auto [lo, hi] = std::minmax_element(in.readoutProbabilities.begin(),
                                                  in.readoutProbabilities.end());
        if (*hi < 0.01)
            return verdict(S::SilentReadout, "readout silent",
                           "Every readout neuron fires with p < 0.01, so its spikes carry no class "
                           "and its gradients vanish: look at the input encoding (p_max, time "
                           "steps), the incoming weights and the readout's angles (Inspector).",
                           prior);
        if (*lo > 0.99)
            return verdict(S::SaturatedReadout, "readout saturated",
                           "Every readout neuron fires with p > 0.99, so its spikes carry no class "
                           "and its gradients vanish: the input currents are too large (weights, "
                           "fan-in) or the angles sit near pi; lower the learning rate or clip.",
                           prior);
    }
    if (in.history.empty())
        return verdict(in.readoutProbabilities.empty() ? S::NoData : S::Learning,
                       in.readoutProbabilities.empty() ? "no data yet" : "readout fires (no epoch done yet)",
                       {}, prior);

    const EpochMetrics &last = in.history.back();
    // 3. The loss above the prior's: worse than ignoring the input.
    if (prior > 0 && last.trainLoss > prior * 1.02)
        return verdict(S::LossAbovePrior,
                       "loss " + fixed(last.trainLoss, 2) + " above the prior's " + fixed(prior, 2),
                       "The readout does worse than firing each neuron with its class frequency: "
                       "usually the learning rate is too large for the local rule, or the readout "
                       "fires far too often (look at the readout bars and the learning signal).",
                       prior);
    // 4. Test accuracy at chance.
    if (K >= 2 && in.testSamples > 0) {
        const double chance = 1.0 / K;
        const double band = 2 * std::sqrt(chance * (1 - chance) / in.testSamples);
        if (last.testAccuracy <= chance + band)
            return verdict(S::AtChance,
                           "test accuracy at chance (" + fixed(100 * last.testAccuracy, 1) + " %, chance "
                               + fixed(100 * chance, 1) + " %)",
                           "After an epoch the test accuracy is within two standard deviations of "
                           "guessing: train longer, raise the learning rate a little, or check that "
                           "the hidden layer fires (raster) and the classes are the intended ones.",
                           prior);
    }
    return verdict(S::Learning, "learning", {}, prior);
}

} // namespace sqsnn

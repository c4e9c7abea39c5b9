#include "neurons/GlmNeuron.hpp"

#include "common/Error.hpp"

#include <cassert>
#include <cmath>
#include <string>

namespace sqsnn {

namespace {
void checkDecay(double d, const char *field)
{
    if (!(std::isfinite(d) && d >= 0.0 && d <= 1.0))
        throw InputError(std::string(field) + ": must be in [0, 1], got " + std::to_string(d));
}
} // namespace

void validateGlmParams(const GlmParams &p)
{
    checkDecay(p.synapticDecay, "glm.synaptic_decay");
    checkDecay(p.feedbackDecay, "glm.feedback_decay");
}

double glmSigmoid(double h)
{
    if (h >= 0.0)
        return 1.0 / (1.0 + std::exp(-h));
    const double e = std::exp(h);
    return e / (1.0 + e);
}

GlmResult glmStep(GlmState &state, double rawCurrent, double bias, double wSelf, const GlmParams &p,
                  Rng &rng, int forced)
{
    assert(forced <= 1);
    state.u = p.synapticDecay * state.u + rawCurrent;
    state.f = p.selfFeedback ? p.feedbackDecay * state.f + state.lastSpike : 0.0;

    GlmResult r;
    r.feedback = state.f;
    r.preActivation = state.u + bias + (p.selfFeedback ? wSelf * state.f : 0.0);
    r.p = glmSigmoid(r.preActivation);
    r.spike = forced >= 0 ? forced : (rng.uniform() < r.p ? 1 : 0);
    r.score = r.spike - r.p;
    state.lastSpike = r.spike;
    return r;
}

} // namespace sqsnn

#include "learning/Optimizer.hpp"

#include "common/Error.hpp"

#include <algorithm>
#include <cmath>

namespace sqsnn {

Optimizer::Optimizer(const Network &net, const TrainingSpec &spec)
    : m_spec(spec)
    , m_adam(spec.optimizer == "adam")
{
    if (spec.optimizer != "sgd" && spec.optimizer != "adam")
        throw InputError("/training/optimizer: must be \"sgd\" or \"adam\", got \"" + spec.optimizer
                         + "\"");
    if (m_adam) {
        for (int i = 0; i < net.populationCount(); ++i) {
            const std::size_t n = net.isInput(i) ? 0 : net.population(i).params().size();
            m_popM.emplace_back(n, 0.0);
            m_popV.emplace_back(n, 0.0);
        }
        for (int k = 0; k < net.projectionCount(); ++k) {
            m_projM.emplace_back(net.projection(k).params().size(), 0.0);
            m_projV.emplace_back(net.projection(k).params().size(), 0.0);
        }
    }
}

void Optimizer::setLearningRate(double eta, double hiddenScale)
{
    if (!(eta > 0) || !std::isfinite(eta))
        throw InputError("learning rate: must be a finite number > 0, got " + std::to_string(eta));
    if (!(hiddenScale >= 0) || !std::isfinite(hiddenScale))
        throw InputError("hidden learning-rate scale: must be a finite number >= 0");
    m_spec.learningRate = eta;
    m_spec.hiddenLearningRateScale = hiddenScale;
}

Optimizer::Group Optimizer::group(const Network &, bool readout, bool neuronParams) const
{
    const double eta = m_spec.learningRate;
    if (readout)
        return {eta, m_spec.clipReadout};
    return {eta * m_spec.hiddenLearningRateScale,
            neuronParams ? m_spec.clipHiddenAngles : m_spec.clipHiddenWeights};
}

double Optimizer::step(std::vector<double> &m, std::vector<double> &v, std::size_t j, double g,
                       const Group &grp)
{
    if (m_adam) {
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        m[j] = b1 * m[j] + (1 - b1) * g;
        v[j] = b2 * v[j] + (1 - b2) * g * g;
        const double mh = m[j] * m_biasFix1, vh = v[j] * m_biasFix2;
        g = mh / (std::sqrt(vh) + eps);
    }
    if (grp.clip > 0)
        g = std::clamp(g, -grp.clip, grp.clip);
    return grp.lr * g;
}

void Optimizer::applyRow(Network &net, int k, std::size_t first, const double *g, int cb, int ce)
{
    Projection &pr = net.projection(k);
    const Group grp = group(net, pr.target() == net.readout(), false);
    const double lr = grp.lr, c = grp.clip > 0 ? grp.clip : HUGE_VAL;
    double *w = pr.params().data() + first;
    for (int j = cb; j < ce; ++j)
        w[j] -= lr * std::clamp(g[j], -c, c);
}

void Optimizer::apply(Network &net, Gradients &grads)
{
    if (grads.samples == 0)
        return;
    ++m_t;
    // Adam's bias corrections 1 / (1 - beta^t), once per update instead of per parameter.
    m_biasFix1 = 1 / (1 - std::pow(0.9, double(m_t)));
    m_biasFix2 = 1 / (1 - std::pow(0.999, double(m_t)));
    double scale = 1.0 / grads.samples;
    if (m_spec.clipNorm > 0) {
        // Global-norm clipping of the batch-mean gradient: g <- g min(1, c / ||g||_2).
        double sq = 0;
        for (int i = 0; i < net.populationCount(); ++i)
            for (double g : grads.pop[i])
                sq += g * g;
        for (int k = 0; k < net.projectionCount(); ++k) {
            const Projection &pr = net.projection(k);
            const std::size_t len = std::size_t(pr.rowLength());
            const auto &g = grads.proj[k];
            for (std::size_t r = 0; r < grads.touched[k].size(); ++r)
                if (grads.touched[k][r])
                    for (std::size_t j = r * len; j < (r + 1) * len; ++j)
                        sq += g[j] * g[j];
            for (std::size_t j = std::size_t(pr.weightCount()); j < g.size(); ++j)
                sq += g[j] * g[j];
        }
        const double norm = std::sqrt(sq) * scale;
        if (norm > m_spec.clipNorm)
            scale *= m_spec.clipNorm / norm;
    }
    static std::vector<double> none;
    for (int i = 0; i < net.populationCount(); ++i) {
        if (net.isInput(i) || net.population(i).paramCount() == 0)
            continue;
        Population &P = net.population(i);
        const Group grp = group(net, i == net.readout(), true);
        auto &p = P.params();
        const int per = P.paramsPerNeuron();
        // Neuron chunks, taken by the workers as they come free: update, wrap, recompile
        // (circuits are per neuron).
        const int chunks = P.size() >= 256 ? net.chunks() : 1;
        net.forChunks(chunks, [&](int c, int) {
            const int nb = int(long(P.size()) * c / chunks), ne = int(long(P.size()) * (c + 1) / chunks);
            for (std::size_t j = std::size_t(nb) * per; j < std::size_t(ne) * per; ++j) {
                p[j] -= step(m_adam ? m_popM[i] : none, m_adam ? m_popV[i] : none, j,
                             grads.pop[i][j] * scale, grp);
                if (P.paramIsAngle(int(j % per))) {
                    p[j] = std::fmod(p[j], 2 * M_PI);
                    if (p[j] < 0)
                        p[j] += 2 * M_PI;
                }
            }
            P.commitNeurons(nb, ne);
        });
    }
    for (int k = 0; k < net.projectionCount(); ++k) {
        Projection &pr = net.projection(k);
        const Group grp = group(net, pr.target() == net.readout(), false);
        double *w = pr.params().data();
        double *g = grads.proj[k].data();
        const int len = pr.rowLength();
        auto &touched = grads.touched[k];
        // Updates and zeroes the touched rows in one pass (the rows a sample's spikes reached).
        auto update = [&](std::size_t begin, std::size_t end) {
            if (m_adam) {
                for (std::size_t j = begin; j < end; ++j) {
                    w[j] -= step(m_projM[k], m_projV[k], j, g[j] * scale, grp);
                    g[j] = 0.0;
                }
                return;
            }
            const double lr = grp.lr, c = grp.clip > 0 ? grp.clip : HUGE_VAL;
            for (std::size_t j = begin; j < end; ++j) {
                const double d = std::clamp(g[j] * scale, -c, c);
                w[j] -= lr * d;
                g[j] = 0.0;
            }
        };
        // Workers take contiguous column ranges of every touched row.
        net.forWorkers(long(len) >= 256 ? net.threads() : 1, [&](int wk, int workers) {
            const std::size_t cb = std::size_t(long(len) * wk / workers);
            const std::size_t ce = std::size_t(long(len) * (wk + 1) / workers);
            for (std::size_t r = 0; r < touched.size(); ++r)
                if (touched[r])
                    update(r * len + cb, r * len + ce);
            update(std::size_t(pr.weightCount()) + cb,
                   std::min(pr.params().size(), std::size_t(pr.weightCount()) + ce));
        });
        std::fill(touched.begin(), touched.end(), 0);
    }
    grads.clear(net);
}

namespace {
std::string ownerKey(const Network &net, bool population, int i)
{
    if (population)
        return "population/" + net.population(i).spec().name;
    const Projection &pr = net.projection(i);
    return "projection/" + pr.spec().from + "->" + pr.spec().to;
}
} // namespace

nlohmann::json Optimizer::exportState(const Network &net) const
{
    if (!m_adam || m_t == 0)
        return nullptr;
    nlohmann::json moments = nlohmann::json::object();
    for (int i = 0; i < net.populationCount(); ++i)
        if (!net.isInput(i) && !m_popM[i].empty())
            moments[ownerKey(net, true, i)] = {{"m", m_popM[i]}, {"v", m_popV[i]}};
    for (int k = 0; k < net.projectionCount(); ++k)
        moments[ownerKey(net, false, k)] = {{"m", m_projM[k]}, {"v", m_projV[k]}};
    return {{"optimizer", "adam"}, {"step", m_t}, {"moments", std::move(moments)}};
}

void Optimizer::importState(const Network &net, const nlohmann::json &state)
{
    if (state.is_null())
        return;
    const std::string at = "/optimizer_state";
    auto bad = [&](const std::string &where, const std::string &what) {
        throw InputError(at + where + ": " + what);
    };
    if (!m_adam)
        bad("", "holds Adam's state but training.optimizer is \"" + m_spec.optimizer + "\"");
    if (!state.is_object() || state.value("optimizer", "") != "adam")
        bad("/optimizer", "must be \"adam\"");
    const auto step = state.find("step");
    if (step == state.end() || !step->is_number_integer() || step->get<long>() < 1)
        bad("/step", "must be an integer >= 1");
    const auto moments = state.find("moments");
    if (moments == state.end() || !moments->is_object())
        bad("/moments", "must be an object");
    auto take = [&](const std::string &key, std::vector<double> &m, std::vector<double> &v) {
        const auto it = moments->find(key);
        if (it == moments->end())
            bad("/moments/" + key, "is missing");
        for (const char *part : {"m", "v"}) {
            const auto a = it->find(part);
            if (a == it->end() || !a->is_array() || a->size() != m.size())
                bad("/moments/" + key + "/" + part,
                    "must be an array of " + std::to_string(m.size()) + " numbers");
            std::vector<double> &dst = part[0] == 'm' ? m : v;
            for (std::size_t j = 0; j < dst.size(); ++j) {
                const auto &x = (*a)[j];
                if (!x.is_number() || !std::isfinite(x.get<double>())
                    || (part[0] == 'v' && x.get<double>() < 0))
                    bad("/moments/" + key + "/" + part + "/" + std::to_string(j),
                        part[0] == 'v' ? "must be a finite number >= 0" : "must be a finite number");
                dst[j] = x.get<double>();
            }
        }
    };
    for (int i = 0; i < net.populationCount(); ++i)
        if (!net.isInput(i) && !m_popM[i].empty())
            take(ownerKey(net, true, i), m_popM[i], m_popV[i]);
    for (int k = 0; k < net.projectionCount(); ++k)
        take(ownerKey(net, false, k), m_projM[k], m_projV[k]);
    m_t = step->get<long>();
}

} // namespace sqsnn

#include "quantum/NoiseModel.hpp"

#include "common/Error.hpp"

#include <cassert>
#include <cmath>
#include <sstream>

namespace sqsnn {

namespace {

std::string fmt(double v)
{
    std::ostringstream o;
    o << v;
    return o.str();
}

[[noreturn]] void fail(const std::string &path, const std::string &key, const std::string &what)
{
    throw InputError(path + "/" + key + ": " + what);
}

const char *const kKeys[] = {"preset",     "depolarizing_1q", "depolarizing_2q", "t1_us",
                             "t2_us",      "gate_ns_1q",      "gate_ns_2q",      "idle_ns",
                             "readout_p01", "readout_p10"};

} // namespace

bool NoiseModel::enabled() const
{
    const bool decoheres = (std::isfinite(t1Us) || std::isfinite(t2Us))
                           && (gateNs1q > 0 || gateNs2q > 0 || idleNs > 0);
    return depolarizing1q > 0 || depolarizing2q > 0 || hasReadoutError() || decoheres;
}

void NoiseModel::validate(const std::string &path) const
{
    auto probability = [&](const char *key, double v) {
        if (!(v >= 0 && v <= 1))
            fail(path, key, "must be a probability in [0, 1], got " + fmt(v));
    };
    probability("depolarizing_1q", depolarizing1q);
    probability("depolarizing_2q", depolarizing2q);
    probability("readout_p01", readoutP01);
    probability("readout_p10", readoutP10);
    // Beyond these the channels stop being the named ones (the Bloch factor 1 - 4p/3 would turn
    // negative, the reported bit would mostly be the opposite): refused, not clamped.
    if (depolarizing1q > 0.75)
        fail(path, "depolarizing_1q", "must be at most 3/4 (complete depolarisation), got "
                                          + fmt(depolarizing1q));
    if (depolarizing2q > 15.0 / 16)
        fail(path, "depolarizing_2q", "must be at most 15/16 (complete depolarisation), got "
                                          + fmt(depolarizing2q));
    if (readoutP01 + readoutP10 >= 1)
        fail(path, "readout_p10", "readout_p01 + readout_p10 must be below 1 (the report must "
                                  "carry information), got " + fmt(readoutP01 + readoutP10));
    for (auto [key, v] : {std::pair{"t1_us", t1Us}, std::pair{"t2_us", t2Us}})
        if (!(v > 0) || std::isnan(v))
            fail(path, key, "must be a time > 0 in microseconds (leave it out for none), got "
                                + fmt(v));
    for (auto [key, v] : {std::pair{"gate_ns_1q", gateNs1q}, std::pair{"gate_ns_2q", gateNs2q},
                          std::pair{"idle_ns", idleNs}})
        if (!(v >= 0) || !std::isfinite(v))
            fail(path, key, "must be a finite duration >= 0 in nanoseconds, got " + fmt(v));
    if (std::isfinite(t1Us) && std::isfinite(t2Us) && t2Us > 2 * t1Us)
        fail(path, "t2_us", "must be at most 2 * t1_us = " + fmt(2 * t1Us)
                                + " (T2 <= 2 T1 for any physical qubit), got " + fmt(t2Us));
}

double NoiseModel::populationFactor(double ns) const
{
    return std::isfinite(t1Us) ? std::exp(-ns * 1e-3 / t1Us) : 1.0;
}

double NoiseModel::coherenceFactor(double ns) const
{
    if (std::isfinite(t2Us))
        return std::exp(-ns * 1e-3 / t2Us);
    return std::isfinite(t1Us) ? std::exp(-ns * 1e-3 / (2 * t1Us)) : 1.0;
}

NoiseModel noisePreset(const std::string &name, const std::string &path)
{
    NoiseModel m;
    m.preset = name;
    if (name == "superconducting") {
        m.depolarizing1q = 0.0016;
        m.depolarizing2q = 0.0062;
        m.t1Us = 16;
        m.t2Us = 20;
        m.gateNs1q = 25;
        m.gateNs2q = 12;
        m.idleNs = 1000;
        m.readoutP01 = 0.025;
        m.readoutP10 = 0.051;
    } else if (name == "neutral-atom") {
        m.depolarizing1q = 0.0015;  // 1.5 (1 - 0.999)
        m.depolarizing2q = 0.00625; // 1.25 (1 - 0.995)
        m.t1Us = 4e6;
        m.t2Us = 1e6;
        m.gateNs1q = 1000;
        m.gateNs2q = 250;
        m.idleNs = 1e6;
        m.readoutP01 = 0.002;
        m.readoutP10 = 0.002;
    } else {
        throw InputError(path + ": must be \"superconducting\" or \"neutral-atom\", got \"" + name
                         + "\"");
    }
    return m;
}

NoiseModel noiseFromJson(const nlohmann::json &j, const std::string &path)
{
    if (!j.is_object())
        throw InputError(path + ": must be an object of noise settings (see "
                                "docs/project-format.md, \"noise\")");
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = false;
        for (const char *k : kKeys)
            known = known || it.key() == k;
        if (!known)
            fail(path, it.key(), "unknown noise key (expected preset, depolarizing_1q, "
                                 "depolarizing_2q, t1_us, t2_us, gate_ns_1q, gate_ns_2q, idle_ns, "
                                 "readout_p01 or readout_p10)");
    }
    NoiseModel m;
    if (j.contains("preset")) {
        if (!j["preset"].is_string())
            fail(path, "preset", "must be \"superconducting\" or \"neutral-atom\"");
        m = noisePreset(j["preset"].get<std::string>(), path + "/preset");
    }
    auto number = [&](const char *key, double &out) {
        if (!j.contains(key))
            return;
        const auto &v = j[key];
        if (!v.is_number() || !std::isfinite(v.get<double>()))
            fail(path, key, "must be a finite number, got " + v.dump());
        out = v.get<double>();
    };
    number("depolarizing_1q", m.depolarizing1q);
    number("depolarizing_2q", m.depolarizing2q);
    number("t1_us", m.t1Us);
    number("t2_us", m.t2Us);
    number("gate_ns_1q", m.gateNs1q);
    number("gate_ns_2q", m.gateNs2q);
    number("idle_ns", m.idleNs);
    number("readout_p01", m.readoutP01);
    number("readout_p10", m.readoutP10);
    m.validate(path);
    return m;
}

nlohmann::json noiseToJson(const NoiseModel &m)
{
    nlohmann::json j = nlohmann::json::object();
    if (!m.preset.empty())
        j["preset"] = m.preset;
    j["depolarizing_1q"] = m.depolarizing1q;
    j["depolarizing_2q"] = m.depolarizing2q;
    if (std::isfinite(m.t1Us))
        j["t1_us"] = m.t1Us;
    if (std::isfinite(m.t2Us))
        j["t2_us"] = m.t2Us;
    j["gate_ns_1q"] = m.gateNs1q;
    j["gate_ns_2q"] = m.gateNs2q;
    j["idle_ns"] = m.idleNs;
    j["readout_p01"] = m.readoutP01;
    j["readout_p10"] = m.readoutP10;
    return j;
}

// ---- channels ----
// Element (i, j) of a column-major matrix sits at i + j * dim. Each channel below walks the
// blocks of rho whose row and column indices differ from a base (i, j) only in its qubits' bits.

void relaxQubit(Eigen::MatrixXcd &rho, int n, int q, double e1, double e2)
{
    const std::size_t dim = std::size_t(1) << n, b = bitOf(n, q);
    cplx *d = rho.data();
    const double gain = 1.0 - e1;
    for (std::size_t j = 0; j < dim; ++j) {
        if (j & b)
            continue;
        cplx *c0 = d + j * dim, *c1 = d + (j | b) * dim;
        for (std::size_t i = 0; i < dim; ++i) {
            if (i & b)
                continue;
            c0[i] += gain * c1[i | b]; // rho_00 += (1 - e1) rho_11
            c1[i | b] *= e1;
            c1[i] *= e2;               // rho_01
            c0[i | b] *= e2;           // rho_10
        }
    }
}

void relaxQubitAdjoint(Eigen::MatrixXcd &lam, int n, int q, double e1, double e2)
{
    const std::size_t dim = std::size_t(1) << n, b = bitOf(n, q);
    cplx *d = lam.data();
    const double gain = 1.0 - e1;
    for (std::size_t j = 0; j < dim; ++j) {
        if (j & b)
            continue;
        cplx *c0 = d + j * dim, *c1 = d + (j | b) * dim;
        for (std::size_t i = 0; i < dim; ++i) {
            if (i & b)
                continue;
            c1[i | b] = gain * c0[i] + e1 * c1[i | b]; // Lambda_11 <- (1-e1) Lambda_00 + e1 Lambda_11
            c1[i] *= e2;
            c0[i | b] *= e2;
        }
    }
}

void relaxAll(Eigen::MatrixXcd &rho, int n, const NoiseModel &m, double ns)
{
    if (ns <= 0 || (!std::isfinite(m.t1Us) && !std::isfinite(m.t2Us)))
        return;
    const double e1 = m.populationFactor(ns), e2 = m.coherenceFactor(ns);
    for (int q = 0; q < n; ++q)
        relaxQubit(rho, n, q, e1, e2);
}

void depolarize1(Eigen::MatrixXcd &rho, int n, int q, double p)
{
    if (p <= 0)
        return;
    const std::size_t dim = std::size_t(1) << n, b = bitOf(n, q);
    cplx *d = rho.data();
    const double keep = 1.0 - 2.0 * p / 3, mix = 2.0 * p / 3, off = 1.0 - 4.0 * p / 3;
    for (std::size_t j = 0; j < dim; ++j) {
        if (j & b)
            continue;
        cplx *c0 = d + j * dim, *c1 = d + (j | b) * dim;
        for (std::size_t i = 0; i < dim; ++i) {
            if (i & b)
                continue;
            const cplx a = c0[i], e = c1[i | b];
            c0[i] = keep * a + mix * e;
            c1[i | b] = keep * e + mix * a;
            c1[i] *= off;
            c0[i | b] *= off;
        }
    }
}

void depolarize2(Eigen::MatrixXcd &rho, int n, int q0, int q1, double p)
{
    if (p <= 0)
        return;
    assert(q0 != q1);
    const std::size_t dim = std::size_t(1) << n, b0 = bitOf(n, q0), b1 = bitOf(n, q1);
    const std::size_t pat[4] = {0, b1, b0, b0 | b1};
    const double lam = 16.0 * p / 15, keep = 1.0 - lam;
    cplx *d = rho.data();
    for (std::size_t j = 0; j < dim; ++j) {
        if (j & (b0 | b1))
            continue;
        for (std::size_t i = 0; i < dim; ++i) {
            if (i & (b0 | b1))
                continue;
            cplx diag = 0;
            for (int k = 0; k < 4; ++k)
                diag += d[(i | pat[k]) + (j | pat[k]) * dim];
            const cplx avg = lam * diag / 4.0;
            for (int r = 0; r < 4; ++r)
                for (int c = 0; c < 4; ++c) {
                    cplx &x = d[(i | pat[r]) + (j | pat[c]) * dim];
                    x = r == c ? keep * x + avg : keep * x;
                }
        }
    }
}

double readoutConditional(const NoiseModel &m, int N, int r, int s)
{
    double q = 1;
    for (int b = 0; b < N; ++b) {
        const int rb = (r >> b) & 1, sb = (s >> b) & 1;
        q *= sb == 0 ? (rb ? m.readoutP01 : 1 - m.readoutP01)
                     : (rb ? 1 - m.readoutP10 : m.readoutP10);
    }
    return q;
}

} // namespace sqsnn

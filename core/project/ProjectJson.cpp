// The project document as a whole: top-level fields, trained parameters, history and ui.
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "project/ProjectRanges.hpp"
#include "project/ProjectUpgrade.hpp"
#include "project/ProjectValidation.hpp"

#include <algorithm>

namespace sqsnn {

namespace {

// Noise runs on the density path, which bptt and the local rule's exact and shift estimators
// support; the rest is refused here, at load, with one line (see docs/project-format.md,
// "noise").
void checkNoiseSupport(const Project &p, const std::string &source)
{
    for (std::size_t i = 0; i < p.network.populations.size(); ++i) {
        const PopulationSpec &pop = p.network.populations[i];
        if (pop.kind != "sqs" || !pop.noise.enabled())
            continue;
        const std::string where = "population '" + pop.name + "' has noise: ";
        if (p.training.estimator != "exact" && p.training.estimator != "shift")
            throwAt(source, "/training/estimator",
                    where + "the " + p.training.estimator
                        + " estimator with noise is not supported yet (use exact or shift)");
    }
}

// Parameter keys: "population/<name>" or "projection/<from>-><to>" (names hold no '/' or '>').
void checkParameterKey(const std::string &key, const NetworkSpec &net, const std::string &path,
                       const std::string &source)
{
    const std::string_view k = key;
    const auto hasPopulation = [&](std::string_view name) {
        return std::any_of(net.populations.begin(), net.populations.end(),
                           [&](const PopulationSpec &p) { return p.name == name; });
    };
    if (k.starts_with("population/")) {
        if (!hasPopulation(k.substr(11)))
            throwAt(source, path, "names no population of the network (keys are "
                                  "\"population/<name>\" or \"projection/<from>-><to>\")");
        return;
    }
    if (k.starts_with("projection/")) {
        const std::string_view edge = k.substr(11);
        const auto arrow = edge.find("->");
        if (arrow != std::string_view::npos) {
            const auto from = edge.substr(0, arrow), to = edge.substr(arrow + 2);
            if (std::any_of(net.projections.begin(), net.projections.end(),
                            [&](const ProjectionSpec &e) { return e.from == from && e.to == to; }))
                return;
        }
        throwAt(source, path, "names no projection of the network (keys are "
                              "\"population/<name>\" or \"projection/<from>-><to>\")");
    }
    throwAt(source, path, "is not a parameter key: keys are \"population/<name>\" or "
                          "\"projection/<from>-><to>\"");
}

ParameterSet parametersFromJson(const ObjectReader &top, const NetworkSpec &net)
{
    ParameterSet out;
    const auto *value = top.find("parameters");
    if (!value)
        return out;
    const std::string path = top.pathOf("parameters");
    if (!value->is_object())
        throwAt(top.source(), path, "must be an object of parameter arrays", *value);
    for (const auto &item : value->items()) {
        const std::string at = jsonPointerAppend(path, item.key());
        checkParameterKey(item.key(), net, at, top.source());
        if (!item.value().is_array())
            throwAt(top.source(), at, "must be an array of finite numbers", item.value());
        auto &row = out[item.key()];
        row.reserve(item.value().size());
        for (std::size_t i = 0; i < item.value().size(); ++i)
            row.push_back(readNumber(item.value()[i],
                                     NumberRange::closed(-ranges::kMaxParameter, ranges::kMaxParameter),
                                     top.source(),
                                     jsonPointerAppend(at, i)));
    }
    return out;
}

// ui and history are free-form, but bounded in depth (copying and writing them recurses).
void checkFreeTree(const nlohmann::json &value, const std::string &path, const std::string &source)
{
    constexpr int kLimit = kMaxProjectJsonDepth - 1;
    if (jsonDepth(value, kLimit) > kLimit)
        throwAt(source, path, "is nested deeper than " + std::to_string(kLimit) + " levels");
}

// `owner`, when given, is `doc` itself, writable: the free-form trees (history, ui: the bulk of
// a big file) are moved out of it instead of copied, so they are held once.
Project readProject(const nlohmann::json &doc, const std::string &source,
                    nlohmann::json *owner = nullptr)
{
    const ObjectReader r(doc, "", source,
                         {"format_version", "title", "description", "lesson", "seed", "network",
                          "data", "training", "parameters", "history", "optimizer_state", "ui"},
                         "a project");
    Project p;
    p.formatVersion = kProjectFormatVersion;
    p.title = r.text("title", p.title);
    p.description = r.text("description", p.description);
    p.lesson = r.text("lesson", p.lesson);
    p.seed = r.unsignedInteger("seed", p.seed);
    if (const auto *v = r.find("network"))
        p.network = networkFromJson(*v, r.pathOf("network"), source);
    if (const auto *v = r.find("data"))
        p.data = dataFromJson(*v, r.pathOf("data"), source);
    if (const auto *v = r.find("training"))
        p.training = trainingFromJson(*v, r.pathOf("training"), source);
    checkNoiseSupport(p, source);
    p.parameters = parametersFromJson(r, p.network);
    if (const auto *v = r.find("history")) {
        if (!v->is_array())
            r.fail("history", "must be an array (one object per epoch)", *v);
        for (std::size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_object())
                throwAt(source, jsonPointerAppend(r.pathOf("history"), i),
                        "must be an object (the metrics of one epoch)", (*v)[i]);
        }
        checkFreeTree(*v, r.pathOf("history"), source);
        p.history = owner ? std::move((*owner)["history"]) : *v;
    }
    if (const auto *v = r.find("optimizer_state")) {
        // Its shape is checked against the network when a trainer takes it (Optimizer).
        if (!v->is_object() && !v->is_null())
            r.fail("optimizer_state", "must be an object (the optimizer's state) or null", *v);
        checkFreeTree(*v, r.pathOf("optimizer_state"), source);
        p.optimizerState = *v;
    }
    if (const auto *v = r.find("ui")) {
        if (!v->is_object())
            r.fail("ui", "must be an object", *v);
        checkFreeTree(*v, r.pathOf("ui"), source);
        p.ui = owner ? std::move((*owner)["ui"]) : *v;
    }
    return p;
}

} // namespace

Project projectFromJson(const nlohmann::json &doc, const std::string &source)
{
    const int version = projectFormatVersionOf(doc, source);
    try {
        if (version < kProjectFormatVersion)
            return readProject(upgradeProjectJson(doc, source),
                               source + " (upgraded from format_version "
                                   + std::to_string(version) + ")");
        return readProject(doc, source);
    } catch (const nlohmann::json::exception &e) {
        // The readers check types before every access; this is a last line, not a path.
        throw InputError(source + ": " + e.what());
    }
}

Project projectFromJson(nlohmann::json &&doc, const std::string &source)
{
    const int version = projectFormatVersionOf(doc, source);
    try {
        if (version < kProjectFormatVersion) {
            nlohmann::json up = upgradeProjectJson(std::move(doc), source);
            return readProject(up,
                               source + " (upgraded from format_version "
                                   + std::to_string(version) + ")",
                               &up);
        }
        return readProject(doc, source, &doc);
    } catch (const nlohmann::json::exception &e) {
        throw InputError(source + ": " + e.what());
    }
}

nlohmann::json projectToJson(const Project &p)
{
    nlohmann::json parameters = nlohmann::json::object();
    for (const auto &[key, values] : p.parameters)
        parameters[key] = values;
    nlohmann::json doc = {{"format_version", kProjectFormatVersion},
            {"title", p.title},
            {"description", p.description},
            {"lesson", p.lesson},
            {"seed", p.seed},
            {"network", networkToJson(p.network)},
            {"data", dataToJson(p.data)},
            {"training", trainingToJson(p.training)},
            {"parameters", std::move(parameters)},
            {"history", p.history},
            {"ui", p.ui}};
    if (!p.optimizerState.is_null())
        doc["optimizer_state"] = p.optimizerState;
    return doc;
}

} // namespace sqsnn

#include "training/Experiment.hpp"

#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "network/NetworkCheck.hpp"
#include "project/ProjectIo.hpp"
#include "project/ProjectValidation.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace sqsnn {

namespace fs = std::filesystem;

namespace {

std::string slug(const std::string &name)
{
    std::string s;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            s += char(std::tolower(static_cast<unsigned char>(c)));
        else if (!s.empty() && s.back() != '-')
            s += '-';
    }
    while (!s.empty() && s.back() == '-')
        s.pop_back();
    return s.empty() ? "model" : s;
}

std::string readText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot open the file");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

Experiment loadExperiment(const std::string &path)
{
    return parseExperiment(parseProjectText(readText(path), path), path);
}

Experiment parseExperiment(const nlohmann::json &doc, const std::string &path)
{
    const ObjectReader r(doc, "", path,
                         {"title", "description", "base", "budget", "hidden", "tolerance", "seeds",
                          "epochs", "overrides", "models", "methods"},
                         "an experiment");
    Experiment e;
    e.title = r.text("title", "");
    e.description = r.text("description", "");
    e.baseFile = r.text("base", "");
    if (e.baseFile.empty())
        r.fail("base", "must name the base project file");
    const fs::path base = fs::path(path).parent_path() / e.baseFile;
    e.base = loadProject(base.string());
    e.budget = r.integer("budget", 0, 0, 1'000'000'000);
    e.hidden = r.text("hidden", e.hidden);
    e.tolerance = r.number("tolerance", e.tolerance, NumberRange::closed(0, 1));
    e.epochs = int(r.integer("epochs", -1, -1, 100000));
    if (const nlohmann::json *o = r.find("overrides")) {
        if (!o->is_object())
            r.fail("overrides", "must be an object (a JSON merge patch of the base project)", *o);
        e.overrides = *o;
    }
    const nlohmann::json *seeds = r.find("seeds");
    if (!seeds || !seeds->is_array() || seeds->empty())
        r.fail("seeds", "must be a non-empty list of seeds", seeds ? *seeds : nlohmann::json());
    for (std::size_t i = 0; i < seeds->size(); ++i)
        e.seeds.push_back(std::uint64_t(readInteger((*seeds)[i], 0, (1LL << 62),
                                                    path, jsonPointerAppend("/seeds", i))));
    if (const nlohmann::json *ms = r.find("methods")) {
        if (!ms->is_array() || ms->empty())
            r.fail("methods", "must be a non-empty list of training methods (\"local\", \"bptt\")",
                   *ms);
        for (std::size_t i = 0; i < ms->size(); ++i) {
            const nlohmann::json &m = (*ms)[i];
            const std::string where = path + ": " + jsonPointerAppend("/methods", i) + ": ";
            if (!m.is_string() || (m != "local" && m != "bptt"))
                throw InputError(where + "must be \"local\" or \"bptt\", got " + m.dump());
            if (std::find(e.methods.begin(), e.methods.end(), m.get<std::string>())
                != e.methods.end())
                throw InputError(where + "'" + m.get<std::string>() + "' is listed twice");
            e.methods.push_back(m);
        }
    }
    const nlohmann::json *models = r.find("models");
    if (!models || !models->is_array() || models->empty())
        r.fail("models", "must be a non-empty list of models", models ? *models : nlohmann::json());
    std::map<std::string, int> slugs;
    for (std::size_t i = 0; i < models->size(); ++i) {
        const std::string mp = jsonPointerAppend("/models", i);
        const ObjectReader m((*models)[i], mp, path, {"name", "kind", "io_qubits", "memory_qubits", "overrides"},
                             "a model");
        ExperimentModel model;
        model.name = m.text("name", "");
        if (model.name.empty())
            m.fail("name", "every model needs a name");
        if (slugs[slug(model.name)]++)
            m.fail("name", "two models would share the run name '" + slug(model.name) + "'");
        model.kind = m.choice("kind", "", {"", "sqs", "qlif", "glm", "lif"});
        model.ioQubits = int(m.integer("io_qubits", 0, 1, 16));
        model.memoryQubits = int(m.integer("memory_qubits", -1, 0, 16));

        if (const nlohmann::json *o = m.find("overrides")) {
            if (!o->is_object())
                m.fail("overrides", "must be an object (a JSON merge patch of the project)", *o);
            model.overrides = *o;
        }
        e.models.push_back(std::move(model));
        // Every run's project must be valid: build the first seed's now, so errors show early.
        try {
            if (e.methods.empty())
                experimentRunProject(e, e.models.back(), e.seeds.front());
            for (const auto &method : e.methods)
                experimentRunProject(e, e.models.back(), e.seeds.front(), method);
        } catch (const InputError &err) {
            throw InputError(path + ": " + mp + " (" + e.models.back().name + "): " + err.what());
        }
    }
    return e;
}

Project experimentRunProject(const Experiment &e, const ExperimentModel &m, std::uint64_t seed,
                             const std::string &method)
{
    nlohmann::json j = projectToJson(e.base);
    j["parameters"] = nlohmann::json::object();
    j["history"] = nlohmann::json::array();
    j.merge_patch(e.overrides);
    if (!m.kind.empty())
        for (auto &p : j["network"]["populations"]) {
            if (p["kind"] == "input")
                continue;
            nlohmann::json q = {{"name", p["name"]}, {"kind", m.kind}, {"size", p["size"]},
                                {"readout", p.value("readout", false)}};
            if (m.kind == "sqs")
                q["io_qubits"] = 1, q["memory_qubits"] = 1;
            p = q;
        }
    // N of every hidden SQS population (a readout keeps its one I/O qubit per class) and N_M of
    // every SQS population, after "kind" and before the model's own overrides.
    if (m.ioQubits > 0 || m.memoryQubits >= 0)
        for (auto &p : j["network"]["populations"])
            if (p.value("kind", "") == "sqs") {
                if (m.ioQubits > 0 && !p.value("readout", false))
                    p["io_qubits"] = m.ioQubits;
                if (m.memoryQubits >= 0)
                    p["memory_qubits"] = m.memoryQubits;
            }
    j.merge_patch(m.overrides);
    if (!method.empty())
        j["training"]["method"] = method;
    Project p = projectFromJson(j, "model '" + m.name + "'");
    p.seed = seed;
    if (e.epochs >= 0)
        p.training.epochs = e.epochs;
    if (e.budget > 0) {
        const int lines = inputLinesFor(p.data);
        matchHiddenSize(p.network, e.hidden, e.budget, lines);
        const std::int64_t count = parameterCount(p.network, lines);
        if (std::abs(double(count - e.budget)) > e.tolerance * double(e.budget))
            throw InputError("cannot size population '" + e.hidden + "' to within "
                             + std::to_string(e.tolerance * 100).substr(0, 4) + "% of "
                             + std::to_string(e.budget) + " parameters: the closest is "
                             + std::to_string(count));
    }
    return p;
}

std::string experimentSlug(const std::string &name)
{
    return slug(name);
}

} // namespace sqsnn

#include "project/ProjectUpgrade.hpp"

#include "project/Project.hpp"
#include "project/ProjectValidation.hpp"

#include <array>
#include <climits>

namespace sqsnn {

namespace {

// Renames `from` to `to` in an object; both present is ambiguous and refused.
void renameKey(nlohmann::json &object, const char *from, const char *to, const std::string &path,
               const std::string &source)
{
    if (!object.is_object() || !object.contains(from))
        return;
    if (object.contains(to))
        throwAt(source, path,
                std::string("has both \"") + from + "\" (format_version 0) and \"" + to
                    + "\" (its newer name); keep one");
    object[to] = std::move(object[from]);
    object.erase(from);
}

// v0: "ansatz": "<generator>", "layers": L and (for "custom") "gates": [...] on the population;
// "lr" and "hidden_lr_scale" in training. v1 nests them in an ansatz object and spells the
// rates out.
nlohmann::json upgradeV0ToV1(nlohmann::json doc, const std::string &source)
{
    if (auto net = doc.find("network"); net != doc.end() && net->is_object()) {
        if (auto pops = net->find("populations"); pops != net->end() && pops->is_array()) {
            for (std::size_t i = 0; i < pops->size(); ++i) {
                auto &p = (*pops)[i];
                if (!p.is_object())
                    continue;
                const auto a = p.find("ansatz");
                const bool stringForm = a != p.end() && a->is_string();
                const bool looseFields = p.contains("layers") || p.contains("gates");
                if (!stringForm && !(a == p.end() && looseFields))
                    continue; // already an object, or nothing to move: validation reports
                nlohmann::json ansatz = {{"generator", stringForm ? a->get<std::string>()
                                                                   : std::string("sqs-crx")}};
                const bool custom = ansatz["generator"] == "custom";
                if (custom && p.contains("gates")) {
                    ansatz["gates"] = std::move(p["gates"]);
                    p.erase("gates");
                    p.erase("layers"); // v0 ignored layers for a custom circuit
                } else if (p.contains("layers")) {
                    ansatz["layers"] = std::move(p["layers"]);
                    p.erase("layers");
                }
                p["ansatz"] = std::move(ansatz);
            }
        }
    }
    if (auto t = doc.find("training"); t != doc.end() && t->is_object()) {
        renameKey(*t, "lr", "learning_rate", "/training", source);
        renameKey(*t, "hidden_lr_scale", "hidden_learning_rate_scale", "/training", source);
    }
    doc["format_version"] = 1;
    return doc;
}

constexpr std::array<ProjectUpgrader, 1> kUpgraders = {
    &upgradeV0ToV1, // 0 -> 1
};
static_assert(kUpgraders.size() == kProjectFormatVersion,
              "one upgrader per format version: add upgradeVNToVN1 for the new version");

} // namespace

std::span<const ProjectUpgrader> projectUpgraders()
{
    return kUpgraders;
}

int projectFormatVersionOf(const nlohmann::json &doc, const std::string &source)
{
    if (!doc.is_object())
        throwAt(source, "", "a project file holds one JSON object", doc);
    const auto v = doc.find("format_version");
    if (v == doc.end())
        throwAt(source, "/format_version",
                "missing; a project file must say which format it uses (this build writes "
                "format_version "
                    + std::to_string(kProjectFormatVersion) + ")");
    // Integers parse as unsigned when >= 0, but documents built in memory hold signed ones.
    const bool newer = v->is_number_unsigned()
                           ? v->get<std::uint64_t>() > std::uint64_t(kProjectFormatVersion)
                           : v->is_number_integer() && v->get<std::int64_t>() > kProjectFormatVersion;
    if (newer)
        throwAt(source, "",
                "was written by a newer SQSNN Lab (format_version " + v->dump()
                    + "); this build reads up to " + std::to_string(kProjectFormatVersion));
    return int(readInteger(*v, 0, LLONG_MAX, source, "/format_version"));
}

nlohmann::json upgradeProjectJson(nlohmann::json doc, const std::string &source)
{
    for (int v = projectFormatVersionOf(doc, source); v < kProjectFormatVersion; ++v)
        doc = projectUpgraders()[std::size_t(v)](std::move(doc), source);
    return doc;
}

} // namespace sqsnn

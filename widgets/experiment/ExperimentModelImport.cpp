#include "experiment/ExperimentModelImport.hpp"

#include "common/Error.hpp"
#include "project/ProjectIo.hpp"

#include <QCoreApplication>

namespace sqsnn::lab {

nlohmann::json mergePatchDiff(const nlohmann::json &from, const nlohmann::json &to)
{
    if (!from.is_object() || !to.is_object())
        return to;
    nlohmann::json d = nlohmann::json::object();
    for (auto it = to.begin(); it != to.end(); ++it) {
        const auto f = from.find(it.key());
        if (f == from.end()) {
            d[it.key()] = it.value();
        } else if (f->is_object() && it->is_object()) {
            nlohmann::json sub = mergePatchDiff(*f, *it);
            if (!sub.empty())
                d[it.key()] = std::move(sub);
        } else if (*f != *it) {
            d[it.key()] = it.value();
        }
    }
    for (auto it = from.begin(); it != from.end(); ++it)
        if (!to.contains(it.key()))
            d[it.key()] = nullptr;
    return d;
}

ImportedModel modelFromProject(const Experiment &experiment, const QString &projectPath,
                               const QString &name)
{
    auto tr = [](const char *s) { return QCoreApplication::translate("ExperimentModelImport", s); };
    const Project chosen = loadProject(projectPath.toStdString());
    nlohmann::json base = projectToJson(experiment.base);
    base.merge_patch(experiment.overrides);
    const nlohmann::json target = projectToJson(chosen);
    nlohmann::json patch = nlohmann::json::object();
    for (const char *key : {"network", "training"}) {
        nlohmann::json d = mergePatchDiff(base[key], target[key]);
        if (!d.empty())
            patch[key] = std::move(d);
    }
    // The patch must reproduce the project's network and training exactly.
    nlohmann::json check = base;
    check.merge_patch(patch);
    for (const char *key : {"network", "training"})
        if (check[key] != target[key])
            throw Error(std::string("model from ") + projectPath.toStdString() + ": the " + key
                        + " merge patch does not reproduce the project (a bug)");
    ImportedModel m;
    m.model = {{"name", name.toStdString()}};
    if (!patch.empty())
        m.model["overrides"] = patch;
    QStringList skipped;
    if (base["data"] != target["data"])
        skipped << tr("its data settings (every model trains on the base's data)");
    if (!chosen.parameters.empty())
        skipped << tr("its trained parameters (every run starts from its seed)");
    if (!skipped.isEmpty())
        m.note = tr("Not taken from %1: %2.").arg(projectPath, skipped.join(QStringLiteral("; ")));
    return m;
}

} // namespace sqsnn::lab

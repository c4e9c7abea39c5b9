#pragma once
// "Add model from example / from file" in the Experiment window: a project file becomes a model
// of the experiment. An experiment trains every model on its one base project, so a model is the
// base changed by a JSON merge patch (models[].overrides, docs/project-format.md). The model made
// from project P carries the merge patch that turns the base (with the experiment's shared
// overrides applied, as experimentRunProject does) into P's `network` and `training`; P's data
// (an experiment compares its models on the base's data), trained parameters, history, seed and
// text are not taken, and the note says so when they differ.
#include "training/Experiment.hpp"

#include <QString>

#include <nlohmann/json.hpp>

namespace sqsnn::lab {

// The RFC 7386 merge patch d with from.merge_patch(d) == to (objects recursively, anything else
// replaced whole, keys missing from `to` set to null). Empty when they are equal.
nlohmann::json mergePatchDiff(const nlohmann::json &from, const nlohmann::json &to);

struct ImportedModel
{
    nlohmann::json model; // {"name": ..., "overrides": {...}} for the experiment's "models"
    QString note;         // what was not taken (data differs...), or empty
};

// Throws InputError (a load error names the file) when the project cannot be read.
ImportedModel modelFromProject(const Experiment &experiment, const QString &projectPath,
                               const QString &name);

} // namespace sqsnn::lab

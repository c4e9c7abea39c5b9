#pragma once
// The part of a Project the editor changes (everything but the training history). Trained
// parameters are shared, not copied, between states: a trained network can hold ~10^6 values.
// Undo commands store one before and one after; applying a state is the only way edits reach
// the project.
#include "project/Project.hpp"

#include <QPointF>
#include <QString>

#include <map>
#include <memory>

namespace sqsnn::lab {

struct EditState
{
    std::string title;
    std::string description;
    NetworkSpec network;
    DataSpec data;
    TrainingSpec training;
    std::uint64_t seed = 1;
    nlohmann::json ui = nlohmann::json::object();
    // Trained values; dropped for owners whose spec changes. Copied only when changed.
    std::shared_ptr<const ParameterSet> parameters = std::make_shared<const ParameterSet>();

    static EditState of(const Project &p);
    void applyTo(Project &p) const;

    int populationIndex(const std::string &name) const;
    // Node positions live in ui.nodes.<name> = {x, y}.
    bool hasPosition(const std::string &name) const;
    QPointF position(const std::string &name) const;
    void setPosition(const std::string &name, QPointF pos);
    void removePosition(const std::string &name);
    // A name not used by any population: prefix, prefix2, prefix3...
    std::string uniqueName(const std::string &prefix) const;
    // After population `from` was renamed to `to`: edges, position and parameter keys follow.
    void followRename(const std::string &from, const std::string &to);
    // Drops trained parameters whose population/projection changed or vanished since `before`
    // (names already matched), so a saved project never carries values of another shape.
    void keepParametersValid(const EditState &before);
    bool sameAs(const EditState &o) const;
};

using Positions = std::map<std::string, QPointF>;

} // namespace sqsnn::lab

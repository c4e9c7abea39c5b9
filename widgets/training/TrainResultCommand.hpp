#pragma once
// One undoable step that puts a run's trained parameters, training settings (learning rates
// changed while paused) and history into the project. The commits of one run merge into a
// single command, so Undo returns to the project as it was before the run.
#include "project/Project.hpp"

#include <QUndoCommand>

#include <memory>

namespace sqsnn::lab {

class ProjectModel;

class TrainResultCommand : public QUndoCommand
{
public:
    // `runId` identifies the run: commands of the same run merge.
    TrainResultCommand(ProjectModel *model, const QString &text, const Project &after, int runId);
    void undo() override;
    void redo() override;
    int id() const override { return 0x7a11; }
    bool mergeWith(const QUndoCommand *other) override;

    // Writes parameters, training settings and history into the model's project.
    static void apply(ProjectModel *model, const std::shared_ptr<const ParameterSet> &params,
                      const TrainingSpec &training, const nlohmann::json &history);

private:
    struct Side
    {
        std::shared_ptr<const ParameterSet> parameters;
        TrainingSpec training;
        nlohmann::json history;
    };
    ProjectModel *m_model;
    Side m_before, m_after;
    int m_runId;
};

} // namespace sqsnn::lab

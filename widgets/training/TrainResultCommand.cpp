#include "training/TrainResultCommand.hpp"

#include "model/ProjectModel.hpp"

namespace sqsnn::lab {

TrainResultCommand::TrainResultCommand(ProjectModel *model, const QString &text,
                                       const Project &after, int runId)
    : QUndoCommand(text), m_model(model), m_runId(runId)
{
    const EditState now = model->state();
    m_before = {now.parameters, now.training, model->project().history};
    m_after = {std::make_shared<const ParameterSet>(after.parameters), after.training,
               after.history};
}

void TrainResultCommand::apply(ProjectModel *model,
                               const std::shared_ptr<const ParameterSet> &params,
                               const TrainingSpec &training, const nlohmann::json &history)
{
    EditState s = model->state();
    s.parameters = params;
    s.training = training;
    model->applyTrainingResult(s, history);
}

void TrainResultCommand::undo()
{
    apply(m_model, m_before.parameters, m_before.training, m_before.history);
}

void TrainResultCommand::redo()
{
    apply(m_model, m_after.parameters, m_after.training, m_after.history);
}

bool TrainResultCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const TrainResultCommand *>(other);
    if (!o || o->m_runId != m_runId)
        return false;
    m_after = o->m_after;
    return true;
}

} // namespace sqsnn::lab

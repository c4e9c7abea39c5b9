#include "model/EditCommand.hpp"

#include "model/ProjectModel.hpp"

namespace sqsnn::lab {

EditCommand::EditCommand(ProjectModel *model, const QString &text, EditState before,
                         EditState after, Kind kind, int dragId)
    : QUndoCommand(text), m_model(model), m_before(std::move(before)), m_after(std::move(after)),
      m_kind(kind), m_dragId(dragId)
{
}

void EditCommand::undo() { m_model->applyState(m_before, m_kind == Move); }

void EditCommand::redo() { m_model->applyState(m_after, m_kind == Move); }

bool EditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = dynamic_cast<const EditCommand *>(other);
    if (!o || o->m_kind != Move || o->m_dragId != m_dragId)
        return false;
    m_after = o->m_after;
    return true;
}

} // namespace sqsnn::lab

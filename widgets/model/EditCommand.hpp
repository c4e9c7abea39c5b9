#pragma once
// One undoable user action: the editable project state before and after. Node moves carry a
// drag id and merge while the same drag goes on, so one drag is one undo step.
#include "model/EditState.hpp"

#include <QUndoCommand>

namespace sqsnn::lab {

class ProjectModel;

class EditCommand : public QUndoCommand
{
public:
    enum Kind { Edit, Move };
    EditCommand(ProjectModel *model, const QString &text, EditState before, EditState after,
                Kind kind = Edit, int dragId = -1);

    void undo() override;
    void redo() override;
    int id() const override { return m_kind == Move && m_dragId >= 0 ? 1 : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    ProjectModel *m_model;
    EditState m_before;
    EditState m_after;
    Kind m_kind;
    int m_dragId;
};

} // namespace sqsnn::lab

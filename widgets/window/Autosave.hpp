#pragma once
// Autosave to a recovery file (AppDataLocation/recovery.sqsnn.json) every interval while there
// are unsaved changes; the next start after a crash offers to restore it; a clean close (or a
// save that leaves nothing unsaved) removes it.
#include <QObject>
#include <QTimer>

namespace sqsnn::lab {

class ProjectModel;
class Prompter;

class Autosave : public QObject
{
    Q_OBJECT
public:
    Autosave(ProjectModel *model, QObject *parent = nullptr);

    static QString recoveryPath();
    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }

    // Writes the recovery file now if there are unsaved changes; true when written.
    bool saveNow();
    // Removes the recovery file (clean close).
    void discard();
    // At start: if a recovery file exists, asks; restores it as an unsaved project when the
    // answer is yes. Returns true when a project was restored.
    bool offerRestore(Prompter *prompter, QWidget *parent);

private:
    ProjectModel *m_model;
    QTimer m_timer;
    bool m_written = false; // this session wrote the recovery file
};

} // namespace sqsnn::lab

#pragma once
// New / Open / Open Example / Save / Save As / Recent files for the ProjectModel. Loading goes
// through the core; a file that fails shows the core's message (with its JSON path) and leaves
// the current project untouched. Unsaved work is never dropped without asking.
#include <QObject>
#include <QStringList>

class QWidget;

namespace sqsnn::lab {

class ProjectModel;
class Prompter;

class FileController : public QObject
{
    Q_OBJECT
public:
    FileController(ProjectModel *model, Prompter *prompter, QWidget *window);
    void setPrompter(Prompter *prompter) { m_prompter = prompter; }

    // True when it is fine to replace the project (saved, discarded, or nothing to save).
    bool maybeSave();
    bool newProject();
    bool open();
    bool openExample();
    bool openFile(const QString &path, bool ask = true);
    // One rule for every way to replace the project (New, Open, Open Example, Recent, Help >
    // Lessons, Next lesson): while a run is active (running or paused) none does; each says
    // why in one line. The window locks it with the editing lock.
    void setLocked(bool locked) { m_locked = locked; }
    bool isLocked() const { return m_locked; }
    // Save: a shipped example or lesson (under projects/) is never overwritten; Save goes to
    // Save As, which suggests the same file name in the home folder.
    bool save();
    bool saveAs();
    static bool isShippedExample(const QString &path);
    bool saveTo(const QString &path);

    QStringList recentFiles() const;
    void clearRecentFiles();

Q_SIGNALS:
    void recentFilesChanged();
    void projectOpened(const QString &path);

private:
    void addRecent(const QString &path);
    bool refuseWhileLocked();

    ProjectModel *m_model;
    Prompter *m_prompter;
    QWidget *m_window;
    bool m_locked = false;
};

} // namespace sqsnn::lab

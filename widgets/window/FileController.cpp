#include "window/FileController.hpp"

#include "model/CoreBridge.hpp"
#include "model/ProjectModel.hpp"
#include "window/ExampleDialog.hpp"
#include "window/Prompter.hpp"

#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace sqsnn::lab {

namespace {
constexpr int kMaxRecent = 8;
const QString kFilter = QObject::tr("SQSNN projects (*.sqsnn.json);;JSON files (*.json);;All files (*)");
} // namespace

FileController::FileController(ProjectModel *model, Prompter *prompter, QWidget *window)
    : QObject(window), m_model(model), m_prompter(prompter), m_window(window)
{
}

bool FileController::maybeSave()
{
    if (!m_model->isModified())
        return true;
    switch (m_prompter->askToSave(m_window, m_model->displayName())) {
    case Prompter::Choice::Save: return save();
    case Prompter::Choice::Discard: return true;
    case Prompter::Choice::Cancel: return false;
    }
    return false;
}

bool FileController::refuseWhileLocked()
{
    if (!m_locked)
        return false;
    Q_EMIT m_model->message(ProjectModel::Error,
                            tr("A run is active: Stop it (Run > Stop) before opening another project."));
    return true;
}

bool FileController::newProject()
{
    if (refuseWhileLocked() || !maybeSave())
        return false;
    Project p;
    p.title = tr("Untitled").toStdString();
    m_model->resetProject(p, {});
    Q_EMIT m_model->message(ProjectModel::Info, tr("New project"));
    return true;
}

bool FileController::open()
{
    if (refuseWhileLocked() || !maybeSave())
        return false;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Project"),
                                                      QFileInfo(m_model->filePath()).absolutePath(), kFilter);
    return !path.isEmpty() && openFile(path, false);
}

bool FileController::openExample()
{
    if (refuseWhileLocked() || !maybeSave())
        return false;
    ExampleDialog dialog(ExampleDialog::defaultFolder(), m_window);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedPath().isEmpty())
        return false;
    return openFile(dialog.selectedPath(), false);
}

bool FileController::openFile(const QString &pathRef, bool ask)
{
    // A copy: the caller's string may belong to a view that the new project refreshes (the
    // Lesson panel's next-lesson path), and the log must name the file that was opened.
    const QString path = pathRef;
    if (refuseWhileLocked() || (ask && !maybeSave()))
        return false;
    QElapsedTimer timer;
    timer.start();
    Project project;
    try {
        project = load(path.toStdString());
    } catch (const std::exception &e) {
        const QString msg = QString::fromUtf8(e.what());
        // The core's message names the file already; say it once.
        Q_EMIT m_model->message(ProjectModel::Error, msg.contains(path) || msg.contains(QFileInfo(path).fileName())
                                                         ? tr("Cannot open: %1").arg(msg)
                                                         : tr("Cannot open %1: %2").arg(path, msg));
        m_prompter->showError(m_window, tr("Cannot open project"), msg);
        return false;
    }
    m_model->resetProject(std::move(project), QFileInfo(path).absoluteFilePath());
    addRecent(m_model->filePath());
    Q_EMIT m_model->message(ProjectModel::Info,
                            tr("Opened %1 (%2 ms)").arg(path).arg(timer.elapsed()));
    Q_EMIT projectOpened(m_model->filePath());
    return true;
}

bool FileController::isShippedExample(const QString &path)
{
    if (path.isEmpty())
        return false;
    const QString folder = QFileInfo(ExampleDialog::defaultFolder()).canonicalFilePath();
    const QString file = QFileInfo(path).canonicalFilePath();
    return !folder.isEmpty() && file.startsWith(folder + QLatin1Char('/'));
}

bool FileController::save()
{
    if (m_model->filePath().isEmpty())
        return saveAs();
    // The shipped examples and lessons stay as shipped: Save asks for a file of the user's own.
    if (isShippedExample(m_model->filePath())) {
        Q_EMIT m_model->message(ProjectModel::Info,
                                tr("%1 is a shipped example; save your version under a new name")
                                    .arg(QFileInfo(m_model->filePath()).fileName()));
        return saveAs();
    }
    return saveTo(m_model->filePath());
}

bool FileController::saveAs()
{
    QString suggested = m_model->filePath().isEmpty() ? m_model->displayName() : m_model->filePath();
    if (isShippedExample(suggested))
        suggested = QDir::home().filePath(QFileInfo(suggested).fileName());
    QString path = m_prompter->askSavePath(m_window, tr("Save Project As"), suggested, kFilter);
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".sqsnn.json");
    return saveTo(path);
}

bool FileController::saveTo(const QString &path)
{
    // No path overwrites a shipped example or lesson (Save, Save As, the question on close or
    // on Next lesson all end here).
    if (isShippedExample(path)) {
        const QString msg = tr("%1 is a shipped example or lesson and stays as shipped; save "
                               "your version under another name or folder")
                                .arg(QFileInfo(path).fileName());
        Q_EMIT m_model->message(ProjectModel::Error, msg);
        m_prompter->showError(m_window, tr("Cannot save project"), msg);
        return false;
    }
    try {
        lab::save(m_model->project(), path.toStdString());
    } catch (const std::exception &e) {
        const QString msg = QString::fromUtf8(e.what());
        Q_EMIT m_model->message(ProjectModel::Error, tr("Cannot save %1: %2").arg(path, msg));
        m_prompter->showError(m_window, tr("Cannot save project"), msg);
        return false;
    }
    m_model->markSaved(QFileInfo(path).absoluteFilePath());
    addRecent(m_model->filePath());
    Q_EMIT m_model->message(ProjectModel::Info, tr("Saved %1").arg(path));
    return true;
}

QStringList FileController::recentFiles() const
{
    return QSettings().value(QStringLiteral("files/recent")).toStringList();
}

void FileController::clearRecentFiles()
{
    QSettings().remove(QStringLiteral("files/recent"));
    Q_EMIT recentFilesChanged();
}

void FileController::addRecent(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(QStringLiteral("files/recent"), files);
    Q_EMIT recentFilesChanged();
}

} // namespace sqsnn::lab

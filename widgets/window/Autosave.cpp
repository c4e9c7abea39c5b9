#include "window/Autosave.hpp"

#include "model/CoreBridge.hpp"
#include "model/ProjectModel.hpp"
#include "window/Prompter.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace sqsnn::lab {

namespace {
const char *kSourceKey = "recovery/source";
} // namespace

Autosave::Autosave(ProjectModel *model, QObject *parent) : QObject(parent), m_model(model)
{
    m_timer.setInterval(60 * 1000);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    m_timer.start();
    connect(model, &ProjectModel::modifiedChanged, this, [this](bool modified) {
        if (!modified && m_written)
            discard();
    });
}

QString Autosave::recoveryPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recovery.sqsnn.json"));
}

bool Autosave::saveNow()
{
    if (!m_model->isModified())
        return false;
    const QString path = recoveryPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    try {
        lab::save(m_model->project(), path.toStdString());
    } catch (const std::exception &e) {
        Q_EMIT m_model->message(ProjectModel::Warning,
                                tr("Autosave failed: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    QSettings().setValue(kSourceKey, m_model->filePath());
    m_written = true;
    return true;
}

void Autosave::discard()
{
    QFile::remove(recoveryPath());
    QSettings().remove(kSourceKey);
    m_written = false;
}

bool Autosave::offerRestore(Prompter *prompter, QWidget *parent)
{
    const QString path = recoveryPath();
    if (!QFileInfo::exists(path))
        return false;
    const QString source = QSettings().value(kSourceKey).toString();
    const QString details = tr("%1, autosaved %2")
                                .arg(source.isEmpty() ? tr("an untitled project") : source,
                                     QFileInfo(path).lastModified().toString(Qt::ISODate));
    if (!prompter->askToRestore(parent, details)) {
        discard();
        return false;
    }
    try {
        Project p = lab::load(path.toStdString());
        m_model->resetProject(std::move(p), source, true);
    } catch (const std::exception &e) {
        const QString msg = QString::fromUtf8(e.what());
        Q_EMIT m_model->message(ProjectModel::Error, tr("Cannot restore the recovery file: %1").arg(msg));
        prompter->showError(parent, tr("Cannot restore"), msg);
        return false;
    }
    Q_EMIT m_model->message(ProjectModel::Info, tr("Restored unsaved work from %1").arg(path));
    return true;
}

} // namespace sqsnn::lab

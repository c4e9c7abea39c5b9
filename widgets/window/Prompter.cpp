#include "window/Prompter.hpp"

#include <QMessageBox>

#include <cstdio>

namespace sqsnn::lab {

Prompter::Choice Prompter::askToSave(QWidget *parent, const QString &name)
{
    const auto answer = QMessageBox::warning(
        parent, QObject::tr("Unsaved changes"),
        QObject::tr("%1 has unsaved changes. Save them first?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return Choice::Save;
    return answer == QMessageBox::Discard ? Choice::Discard : Choice::Cancel;
}

bool Prompter::askToRestore(QWidget *parent, const QString &details)
{
    return QMessageBox::question(parent, QObject::tr("Restore unsaved work?"),
                                 QObject::tr("The lab did not close cleanly last time. A recovery "
                                             "copy of your unsaved work exists:\n\n%1\n\n"
                                             "Restore it?")
                                     .arg(details),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes)
           == QMessageBox::Yes;
}

void Prompter::showError(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::critical(parent, title, text);
}

void QuietPrompter::showError(QWidget *, const QString &title, const QString &text)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(text));
}

} // namespace sqsnn::lab

#include "window/Prompter.hpp"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QVariant>

#include <algorithm>
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

QString Prompter::askSavePath(QWidget *parent, const QString &title, const QString &suggested,
                              const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

bool Prompter::askYesNo(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No)
           == QMessageBox::Yes;
}

bool Prompter::askInteger(QWidget *parent, const QString &title, const QString &label, int min,
                          int max, int *value)
{
    bool ok = false;
    const int v = QInputDialog::getInt(parent, title, label, std::clamp(*value, min, max), min,
                                       max, 1, &ok);
    if (ok)
        *value = v;
    return ok;
}

namespace {
constexpr const char *kPrompterProperty = "sqsnnPrompter";
}

Prompter *Prompter::of(const QWidget *widget)
{
    for (const QWidget *w = widget; w; w = w->parentWidget()) {
        const QVariant v = w->property(kPrompterProperty);
        if (v.isValid())
            return static_cast<Prompter *>(v.value<void *>());
    }
    static Prompter dialogs;
    return &dialogs;
}

void Prompter::install(QWidget *window, Prompter *prompter)
{
    window->setProperty(kPrompterProperty, QVariant::fromValue(static_cast<void *>(prompter)));
}

void QuietPrompter::showError(QWidget *, const QString &title, const QString &text)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(text));
}

} // namespace sqsnn::lab

#pragma once
// The questions the window asks the user (save changes? restore after a crash? where to
// export? which sample?) and the errors it shows, behind one small interface so tests and the
// --screenshot mode can answer them without a modal dialog.
#include <QString>

class QWidget;

namespace sqsnn::lab {

class Prompter
{
public:
    enum class Choice { Save, Discard, Cancel };
    virtual ~Prompter() = default;
    virtual Choice askToSave(QWidget *parent, const QString &name);
    virtual bool askToRestore(QWidget *parent, const QString &details);
    virtual void showError(QWidget *parent, const QString &title, const QString &text);
    // A file (or new folder) to write; empty = cancelled. `filter` as QFileDialog takes it.
    // Overwriting an existing file is confirmed by the dialog.
    virtual QString askSavePath(QWidget *parent, const QString &title, const QString &suggested,
                                const QString &filter);
    virtual bool askYesNo(QWidget *parent, const QString &title, const QString &text);
    // An integer in min..max; false = cancelled.
    virtual bool askInteger(QWidget *parent, const QString &title, const QString &label,
                            int min, int max, int *value);

    // The prompter of the window `widget` belongs to (set with install() on the window; found
    // through the parent chain, so floating docks work), or a process-wide default that shows
    // dialogs.
    static Prompter *of(const QWidget *widget);
    static void install(QWidget *window, Prompter *prompter);
};

// Never blocks: errors go to stderr, unsaved work is discarded, recovery files are kept.
class QuietPrompter : public Prompter
{
public:
    Choice askToSave(QWidget *, const QString &) override { return Choice::Discard; }
    bool askToRestore(QWidget *, const QString &) override { return false; }
    void showError(QWidget *parent, const QString &title, const QString &text) override;
    QString askSavePath(QWidget *, const QString &, const QString &, const QString &) override
    {
        return {};
    }
    bool askYesNo(QWidget *, const QString &, const QString &) override { return false; }
    bool askInteger(QWidget *, const QString &, const QString &, int, int, int *) override
    {
        return false;
    }
};

} // namespace sqsnn::lab

#pragma once
// The questions the window asks the user (save changes? restore after a crash?) and the errors
// it shows, behind one small interface so tests and the --screenshot mode can answer them
// without a modal dialog.
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
};

// Never blocks: errors go to stderr, unsaved work is discarded, recovery files are kept.
class QuietPrompter : public Prompter
{
public:
    Choice askToSave(QWidget *, const QString &) override { return Choice::Discard; }
    bool askToRestore(QWidget *, const QString &) override { return false; }
    void showError(QWidget *parent, const QString &title, const QString &text) override;
};

} // namespace sqsnn::lab

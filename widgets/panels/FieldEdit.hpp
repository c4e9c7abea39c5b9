#pragma once
// A validated text field: the value is checked as the user types; an invalid value shows the
// reason in red under the field and is never applied. A valid value is committed on Enter or
// when the field loses focus.
#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;

namespace sqsnn::lab {

class FieldEdit : public QWidget
{
    Q_OBJECT
public:
    // Returns the reason the text is refused, or an empty string when it is fine.
    using Validator = std::function<QString(const QString &)>;
    FieldEdit(Validator validator, const QString &unit = {}, QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_edit; }
    QString text() const;
    // Shows a value from the model, unless the user is in the middle of editing this field.
    void setValue(const QString &text);
    QString error() const;
    // Shows a refusal that came from the core after a commit.
    void showError(const QString &reason);

Q_SIGNALS:
    void committed(const QString &text);

private:
    bool check();
    void setReason(const QString &reason);
    void commit();

    Validator m_validator;
    QLineEdit *m_edit;
    QLabel *m_error;
    QString m_shown;
    QString m_reason;
};

// Common validators; `what` names the field in the message ("memory qubits must be 0..10").
FieldEdit::Validator intRange(const QString &what, long long lo, long long hi);
FieldEdit::Validator doubleRange(const QString &what, double lo, double hi, bool openLow = false);
FieldEdit::Validator nonEmpty(const QString &what);
FieldEdit::Validator intList(const QString &what, int lo, int hi);

} // namespace sqsnn::lab

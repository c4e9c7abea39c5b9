#pragma once
// The log dock: time-stamped messages the core and the window report (load errors,
// validation issues, saves), coloured by level.
#include <QPlainTextEdit>

namespace sqsnn::lab {

class LogWidget : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit LogWidget(QWidget *parent = nullptr);
    int lineCount() const { return m_lines; }
    QString lastMessage() const { return m_last; }

public Q_SLOTS:
    void append(int level, const QString &text); // level: ProjectModel::Level

private:
    int m_lines = 0;
    QString m_last;
};

} // namespace sqsnn::lab

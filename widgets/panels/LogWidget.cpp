#include "panels/LogWidget.hpp"

#include "model/ProjectModel.hpp"

#include <QTime>

namespace sqsnn::lab {

LogWidget::LogWidget(QWidget *parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("log"));
    setReadOnly(true);
    setMaximumBlockCount(5000);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
}

void LogWidget::append(int level, const QString &text)
{
    static const char *colours[] = {"", "#d08000", "#e03030"};
    static const char *labels[] = {"info", "warning", "error"};
    const int l = std::clamp(level, 0, 2);
    const QString stamp = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    QString html = QStringLiteral("<span style='color:gray'>%1</span> ").arg(stamp);
    const QString body = QStringLiteral("%1: %2").arg(QLatin1String(labels[l]), text.toHtmlEscaped());
    html += l == 0 ? body : QStringLiteral("<span style='color:%1'>%2</span>").arg(QLatin1String(colours[l]), body);
    appendHtml(html);
    ++m_lines;
    m_last = text;
}

} // namespace sqsnn::lab

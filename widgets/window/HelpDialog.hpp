#pragma once
// The help window: the pages of resources/help/ (the user guide and getting started) in a
// QTextBrowser, non-modal so it can stay open beside the lab. Links between the pages and to
// their sections (#running...) work; Back and Contents navigate, web links open in the browser.
#include <QDialog>

class QTextBrowser;

namespace sqsnn::lab {

class HelpDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HelpDialog(QWidget *parent = nullptr);
    // Shows resources/help/<page> (e.g. "user-guide.html"), at `anchor` when given.
    void showPage(const QString &page, const QString &anchor = {});
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace sqsnn::lab

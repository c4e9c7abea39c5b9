#include "window/HelpDialog.hpp"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace sqsnn::lab {

HelpDialog::HelpDialog(QWidget *parent) : QDialog(parent), m_browser(new QTextBrowser)
{
    setObjectName(QStringLiteral("helpDialog"));
    setWindowTitle(tr("SQSNN Lab Help"));
    resize(760, 720);
    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setToolTip(tr("The lab's help pages; links jump between pages and sections"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *back = buttons->addButton(tr("Back"), QDialogButtonBox::ActionRole);
    QPushButton *home = buttons->addButton(tr("Contents"), QDialogButtonBox::ActionRole);
    back->setObjectName(QStringLiteral("helpBack"));
    home->setObjectName(QStringLiteral("helpContents"));
    back->setToolTip(tr("Back to the previous page or section"));
    home->setToolTip(tr("The user guide's table of contents"));
    buttons->button(QDialogButtonBox::Close)->setToolTip(tr("Close the help window"));
    back->setEnabled(false);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QWidget::setEnabled);
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(home, &QPushButton::clicked, this, [this] { showPage(QStringLiteral("user-guide.html")); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
}

void HelpDialog::showPage(const QString &page, const QString &anchor)
{
    QUrl url(QStringLiteral("qrc:/help/") + page);
    if (!anchor.isEmpty())
        url.setFragment(anchor);
    m_browser->setSource(url);
}

} // namespace sqsnn::lab

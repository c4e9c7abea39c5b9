#include "window/ExampleDialog.hpp"

#include "model/CoreBridge.hpp"

#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace sqsnn::lab {

QString ExampleDialog::defaultFolder() { return QStringLiteral(SQSNN_PROJECTS_DIR); }

ExampleDialog::ExampleDialog(const QString &folder, QWidget *parent)
    : QDialog(parent), m_list(new QListWidget(this))
{
    setWindowTitle(tr("Open Example"));
    resize(640, 460);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Example projects in %1").arg(QDir::toNativeSeparators(folder))));
    m_list->setWordWrap(true);
    m_list->setSpacing(4);
    m_list->setObjectName(QStringLiteral("examples"));
    layout->addWidget(m_list, 1);
    const QDir dir(folder);
    for (const QFileInfo &file : exampleFiles(folder)) {
        const QString relative = dir.relativeFilePath(file.absoluteFilePath());
        QString title = relative, description;
        try {
            const Project p = load(file.absoluteFilePath().toStdString());
            if (!p.title.empty())
                title = QString::fromStdString(p.title);
            description = QString::fromStdString(p.description);
        } catch (const std::exception &e) {
            description = tr("Cannot be read: %1").arg(QString::fromUtf8(e.what()));
        }
        auto *item = new QListWidgetItem(QStringLiteral("%1\n%2\n(%3)").arg(title, description, relative));
        item->setData(Qt::UserRole, file.absoluteFilePath());
        item->setToolTip(description);
        m_list->addItem(item);
    }
    if (m_list->count() == 0) {
        auto *none = new QListWidgetItem(tr("No example projects found."));
        none->setFlags(Qt::NoItemFlags);
        m_list->addItem(none);
    } else {
        m_list->setCurrentRow(0);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Open)->setEnabled(count() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, [this] {
        if (!selectedPath().isEmpty())
            accept();
    });
    layout->addWidget(buttons);
}

QFileInfoList ExampleDialog::exampleFiles(const QString &folder)
{
    QFileInfoList files;
    QDirIterator it(folder, {QStringLiteral("*.sqsnn.json")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QFileInfo(it.next());
    std::sort(files.begin(), files.end(), [](const QFileInfo &a, const QFileInfo &b) {
        return a.absoluteFilePath() < b.absoluteFilePath();
    });
    return files;
}

QString ExampleDialog::selectedPath() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

int ExampleDialog::count() const
{
    int n = 0;
    for (int i = 0; i < m_list->count(); ++i)
        n += m_list->item(i)->data(Qt::UserRole).isValid() ? 1 : 0;
    return n;
}

} // namespace sqsnn::lab

#include "window/ExampleDialog.hpp"

#include "model/CoreBridge.hpp"

#include <QDialogButtonBox>
#include <QDir>
#include <QDirIterator>
#include <QLabel>
#include <QListWidget>
#include <QMap>
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
    // Grouped by folder: the lessons first, then the examples, then any other folder
    // (benchmarks...), each under a heading.
    const QDir dir(folder);
    QMap<QString, QFileInfoList> groups;
    for (const QFileInfo &file : exampleFiles(folder)) {
        const QString sub = QFileInfo(dir.relativeFilePath(file.absoluteFilePath())).path();
        groups[sub == QLatin1String(".") ? QString() : sub] << file;
    }
    QStringList order = groups.keys();
    std::stable_sort(order.begin(), order.end(), [](const QString &a, const QString &b) {
        const auto rank = [](const QString &g) {
            return g == QLatin1String("lessons") ? 0 : g.isEmpty() ? 1 : 2;
        };
        return rank(a) < rank(b);
    });
    for (const QString &group : order) {
        if (groups.size() > 1)
            addHeading(group == QLatin1String("lessons") ? tr("Lessons")
                       : group.isEmpty()                 ? tr("Examples")
                                                         : group.at(0).toUpper() + group.mid(1));
        for (const QFileInfo &file : groups[group])
            addExample(dir, file);
    }
    if (count() == 0) {
        auto *none = new QListWidgetItem(tr("No example projects found."));
        none->setFlags(Qt::NoItemFlags);
        m_list->addItem(none);
    } else {
        for (int i = 0; i < m_list->count(); ++i)
            if (m_list->item(i)->data(Qt::UserRole).isValid()) {
                m_list->setCurrentRow(i);
                break;
            }
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

void ExampleDialog::addHeading(const QString &text)
{
    auto *heading = new QListWidgetItem(text);
    QFont f = heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.1);
    heading->setFont(f);
    heading->setFlags(Qt::NoItemFlags);
    heading->setForeground(palette().color(QPalette::WindowText));
    m_list->addItem(heading);
}

void ExampleDialog::addExample(const QDir &dir, const QFileInfo &file)
{
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

#pragma once
// "Open Example": lists projects/**/*.sqsnn.json with each example's title and description,
// grouped under headings: Lessons (projects/lessons/), Examples (projects/), then any other
// folder (Benchmarks...).
#include <QDialog>
#include <QDir>
#include <QFileInfo>

class QListWidget;

namespace sqsnn::lab {

class ExampleDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ExampleDialog(const QString &folder, QWidget *parent = nullptr);
    QString selectedPath() const;
    int count() const;
    static QString defaultFolder();
    // Every *.sqsnn.json under `folder` (subfolders too, e.g. benchmarks/), sorted by path.
    static QFileInfoList exampleFiles(const QString &folder);

private:
    void addHeading(const QString &text);
    void addExample(const QDir &dir, const QFileInfo &file);

    QListWidget *m_list;
};

} // namespace sqsnn::lab

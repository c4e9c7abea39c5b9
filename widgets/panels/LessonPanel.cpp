#include "panels/LessonPanel.hpp"

#include "model/CoreBridge.hpp"
#include "model/ProjectModel.hpp"
#include "panels/LessonQuestions.hpp"
#include "panels/LessonQuiz.hpp"
#include "window/ExampleDialog.hpp"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sqsnn::lab {

LessonPanel::LessonPanel(ProjectModel *model, TrainingController *controller, QWidget *parent)
    : QWidget(parent), m_model(model), m_title(new QLabel), m_text(new QTextBrowser),
      m_errors(new QLabel), m_next(new QPushButton)
{
    setObjectName(QStringLiteral("lessonPanel"));
    m_title->setObjectName(QStringLiteral("lessonTitle"));
    m_title->setWordWrap(true);
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_title->setFont(f);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setOpenExternalLinks(true);
    m_text->setFrameShape(QFrame::NoFrame);
    m_text->setToolTip(tr("The lesson for this project: what you see, what to try, what it means"));
    m_next->setObjectName(QStringLiteral("nextLesson"));
    m_next->setText(tr("Next lesson \u203a"));
    m_next->setToolTip(tr("Open the next lesson (asks first if this project has unsaved changes)"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    m_errors->setObjectName(QStringLiteral("lessonErrors"));
    m_errors->setWordWrap(true);
    m_errors->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_errors->setStyleSheet(QStringLiteral("QLabel { color: #d62728; }"));
    m_errors->hide();
    layout->addWidget(m_errors);
    if (controller) {
        m_quiz = new LessonQuiz(controller);
        layout->addWidget(m_quiz);
    }
    layout->addWidget(m_next);
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (!m_nextPath.isEmpty())
            Q_EMIT openRequested(m_nextPath);
    });
    // A new project announces its lesson (the window shows or hides the dock); Save As only
    // changes which lesson comes next.
    connect(m_model, &ProjectModel::projectReset, this, [this] { refresh(true); });
    connect(m_model, &ProjectModel::filePathChanged, this, [this] { refresh(false); });
    refresh(false);
}

QString LessonPanel::lessonsFolder()
{
    return QDir(ExampleDialog::defaultFolder()).filePath(QStringLiteral("lessons"));
}

QFileInfoList LessonPanel::lessonFiles(const QString &folder)
{
    return QDir(folder).entryInfoList({QStringLiteral("*.sqsnn.json")}, QDir::Files, QDir::Name);
}

QString LessonPanel::titleOf(const QFileInfo &file)
{
    try {
        const Project p = load(file.absoluteFilePath().toStdString());
        if (!p.title.empty())
            return QString::fromStdString(p.title);
    } catch (const std::exception &) {
    }
    return file.fileName();
}

void LessonPanel::refresh(bool announce)
{
    const Project &p = m_model->project();
    m_hasLesson = !p.lesson.empty();
    m_nextPath.clear();
    if (m_hasLesson) {
        m_title->setText(QString::fromStdString(p.title));
        const LessonQuestions parsed = parseLessonQuestions(QString::fromStdString(p.lesson));
        m_text->setMarkdown(parsed.markdown);
        m_errors->setText(parsed.errors.join(QLatin1Char('\n')));
        m_errors->setVisible(!parsed.errors.isEmpty());
        if (m_quiz)
            m_quiz->setQuestions(parsed.questions);
        const QFileInfo here(m_model->filePath());
        if (!m_model->filePath().isEmpty() && here.dir().dirName() == QLatin1String("lessons")) {
            const QFileInfoList lessons = lessonFiles(here.absolutePath());
            for (int i = 0; i + 1 < lessons.size(); ++i)
                if (lessons[i].absoluteFilePath() == here.absoluteFilePath())
                    m_nextPath = lessons[i + 1].absoluteFilePath();
        }
    } else {
        m_title->setText(tr("No lesson"));
        m_text->setMarkdown(tr("This project has no lesson text. Open one of the lessons from "
                               "**Help > Lessons** or **File > Open Example**."));
        m_errors->hide();
        if (m_quiz)
            m_quiz->setQuestions({});
    }
    m_next->setVisible(!m_nextPath.isEmpty());
    if (!m_nextPath.isEmpty())
        m_next->setToolTip(tr("Open the next lesson, %1 (asks first if this project has unsaved "
                              "changes)").arg(titleOf(QFileInfo(m_nextPath))));
    if (announce)
        Q_EMIT lessonChanged(m_hasLesson);
}

} // namespace sqsnn::lab

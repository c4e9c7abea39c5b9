#pragma once
// The Lesson dock: the open project's lesson (Project::lesson, Markdown) under its title, and a
// button to the next lesson when the project is one of projects/lessons/. Shows a short pointer
// to Help > Lessons when the project has no lesson; the window hides the dock then
// (lessonChanged). The lesson's predict-then-reveal questions (LessonQuestions.hpp) are asked
// below the text (LessonQuiz); malformed question lines are named in a red line above it.
#include <QFileInfoList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace sqsnn::lab {

class LessonQuiz;
class ProjectModel;
class TrainingController;

class LessonPanel : public QWidget
{
    Q_OBJECT
public:
    // controller: who takes the quiz's time steps (nullptr: no quiz).
    explicit LessonPanel(ProjectModel *model, TrainingController *controller = nullptr,
                         QWidget *parent = nullptr);

    bool hasLesson() const { return m_hasLesson; }
    QTextBrowser *browser() const { return m_text; }
    QPushButton *nextButton() const { return m_next; }
    LessonQuiz *quiz() const { return m_quiz; }
    QLabel *errorLabel() const { return m_errors; }
    // The next file in the open lesson's folder (a folder named "lessons"), or empty.
    QString nextLesson() const { return m_nextPath; }

    // projects/lessons, and its *.sqsnn.json files sorted by name (01-..., 02-...).
    static QString lessonsFolder();
    static QFileInfoList lessonFiles(const QString &folder = lessonsFolder());
    // A project file's title, or its file name when it has none or cannot be read.
    static QString titleOf(const QFileInfo &file);

Q_SIGNALS:
    void lessonChanged(bool hasLesson);
    void openRequested(const QString &path);

private:
    void refresh(bool announce);

    ProjectModel *m_model;
    QLabel *m_title;
    QTextBrowser *m_text;
    QLabel *m_errors;
    LessonQuiz *m_quiz = nullptr;
    QPushButton *m_next;
    QString m_nextPath;
    bool m_hasLesson = false;
};

} // namespace sqsnn::lab

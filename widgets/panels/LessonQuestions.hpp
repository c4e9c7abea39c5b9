#pragma once
// Predict-then-reveal questions in a lesson (docs/project-format.md, "Lesson questions").
// A line of the project's `lesson` text of the form
//     ?> spike | Will bright spike at the next step?
//     ?> p ±0.05 | What is p(spike) at the next step?
//     ?> purity 0.1 | What purity will the Neuron panel show after the next step?
// is a question about the watched neuron's next time step: `spike` takes Spike / No spike and is
// right when it matches the single measured outcome (I/O qubit 0); `p` (the spike probability)
// and `purity` (the memory's purity just before the measurement, as the Neuron panel plots it)
// take a number in [0, 1] and are right within the tolerance (default 0.05, written `±t`, `+-t`
// or `t`, 0 < t <= 0.5). The Lesson panel shows each question in place of its line and asks it
// below the text.
#include <QString>
#include <QStringList>

#include <vector>

namespace sqsnn::lab {

struct LessonQuestion
{
    enum class Kind { Spike, Probability, Purity };
    Kind kind = Kind::Spike;
    double tolerance = 0;  // 0 for spike questions
    QString prompt;        // Markdown
    int line = 0;          // 1-based line in the lesson text
};

struct LessonQuestions
{
    std::vector<LessonQuestion> questions;
    QString markdown;      // the lesson with each question line shown as "Predict k: prompt"
    QStringList errors;    // one line each: "lesson, line 7: ..."
};

// Parses the question lines of a lesson; malformed ones are reported in errors (and shown as
// they are written), never dropped silently.
LessonQuestions parseLessonQuestions(const QString &lesson);

// Is `answer` right for a question whose truth is `truth` (spike: 0/1)?
bool judgeAnswer(const LessonQuestion &q, double answer, double truth);

} // namespace sqsnn::lab

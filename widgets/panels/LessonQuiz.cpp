#include "panels/LessonQuiz.hpp"

#include "training/TrainingController.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace sqsnn::lab {

namespace {
QString fixed3(double v) { return QString::number(std::abs(v) < 5e-4 ? 0.0 : v, 'f', 3); }
} // namespace

LessonQuiz::LessonQuiz(TrainingController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_heading(new QLabel), m_prompt(new QLabel),
      m_result(new QLabel), m_spike(new QPushButton(tr("Spike"))),
      m_silence(new QPushButton(tr("No spike"))), m_reveal(new QPushButton(tr("Step and reveal"))),
      m_next(new QPushButton(tr("Next question \u203a"))), m_number(new QLineEdit)
{
    setObjectName(QStringLiteral("lessonQuiz"));
    m_heading->setObjectName(QStringLiteral("quizHeading"));
    m_prompt->setObjectName(QStringLiteral("quizPrompt"));
    m_result->setObjectName(QStringLiteral("quizResult"));
    m_spike->setObjectName(QStringLiteral("quizSpike"));
    m_silence->setObjectName(QStringLiteral("quizSilence"));
    m_number->setObjectName(QStringLiteral("quizNumber"));
    m_reveal->setObjectName(QStringLiteral("quizReveal"));
    m_next->setObjectName(QStringLiteral("quizNext"));
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    for (QLabel *l : {m_prompt, m_result}) {
        l->setWordWrap(true);
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the dock
    }
    m_prompt->setTextFormat(Qt::MarkdownText);
    m_number->setPlaceholderText(tr("0 to 1"));
    m_number->setMinimumWidth(60);
    m_spike->setToolTip(tr("Predict a spike at the next step, then take the step"));
    m_silence->setToolTip(tr("Predict no spike at the next step, then take the step"));
    m_reveal->setToolTip(tr("Take the next time step and compare your number with the truth"));
    m_next->setToolTip(tr("The lesson's next question"));
    auto *answers = new QHBoxLayout;
    answers->addWidget(m_spike);
    answers->addWidget(m_silence);
    answers->addWidget(m_number, 1);
    answers->addWidget(m_reveal);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_prompt);
    layout->addLayout(answers);
    layout->addWidget(m_result);
    layout->addWidget(m_next, 0, Qt::AlignRight);
    connect(m_spike, &QPushButton::clicked, this, [this] { answer(1); });
    connect(m_silence, &QPushButton::clicked, this, [this] { answer(0); });
    connect(m_reveal, &QPushButton::clicked, this, &LessonQuiz::answerNumber);
    connect(m_number, &QLineEdit::returnPressed, this, &LessonQuiz::answerNumber);
    connect(m_next, &QPushButton::clicked, this, [this] { showQuestion(m_current + 1); });
    if (m_controller) {
        connect(m_controller, &TrainingController::snapshot, this, &LessonQuiz::onSnapshot);
        // A run reset or another project: a pending question waits for the new run's step.
        connect(m_controller, &TrainingController::cleared, this, [this] {
            if (m_verdict == Verdict::Waiting)
                m_afterStep = 0;
        });
    }
    setVisible(false);
}

void LessonQuiz::setQuestions(std::vector<LessonQuestion> questions)
{
    m_questions = std::move(questions);
    setVisible(!m_questions.empty());
    showQuestion(0);
}

void LessonQuiz::showQuestion(int index)
{
    m_verdict = Verdict::None;
    m_result->clear();
    m_number->clear();
    if (m_questions.empty()) {
        m_current = -1;
        return;
    }
    m_current = ((index % questionCount()) + questionCount()) % questionCount();
    const LessonQuestion &q = m_questions[std::size_t(m_current)];
    m_heading->setText(tr("Predict %1 of %2").arg(m_current + 1).arg(questionCount()));
    m_prompt->setText(q.prompt);
    const bool spike = q.kind == LessonQuestion::Kind::Spike;
    m_spike->setVisible(spike);
    m_silence->setVisible(spike);
    m_number->setVisible(!spike);
    m_reveal->setVisible(!spike);
    m_next->setVisible(questionCount() > 1);
    setAnswerEnabled(true);
}

void LessonQuiz::setAnswerEnabled(bool on)
{
    for (QWidget *w : {static_cast<QWidget *>(m_spike), static_cast<QWidget *>(m_silence),
                       static_cast<QWidget *>(m_number), static_cast<QWidget *>(m_reveal)})
        w->setEnabled(on);
}

void LessonQuiz::answerNumber()
{
    bool ok = false;
    const QString text = m_number->text().trimmed();
    double v = QLocale().toDouble(text, &ok);
    if (!ok)
        v = text.toDouble(&ok); // "0.4" in any locale
    if (!ok || !std::isfinite(v) || v < 0 || v > 1) {
        m_result->setStyleSheet(QStringLiteral("QLabel { color: #d62728; }"));
        m_result->setText(text.isEmpty() ? tr("Enter your prediction: a number from 0 to 1.")
                                         : tr("\"%1\" is not a number from 0 to 1.").arg(text));
        return;
    }
    answer(v);
}

void LessonQuiz::answer(double value)
{
    if (m_current < 0 || !m_controller || m_verdict == Verdict::Waiting)
        return;
    m_answer = value;
    m_verdict = Verdict::Waiting;
    // The truth is the first watched step after the steps taken so far (the worker's counter,
    // not the last snapshot, which may not have arrived yet); a new run starts at step 1.
    m_afterStep = m_controller->isActive() ? m_controller->stepsTaken() + 1 : 1;
    setAnswerEnabled(false);
    m_result->setStyleSheet(QString());
    m_result->setText(tr("Taking one time step\u2026"));
    m_controller->stepTime();
}

void LessonQuiz::onSnapshot(const SnapshotPtr &s)
{
    if (m_verdict != Verdict::Waiting || !s)
        return;
    for (const NeuronStep &n : s->neuron)
        if (n.step >= m_afterStep) {
            reveal(*s, n);
            return;
        }
    if (s->state == RunState::Paused && s->watchedPop < 0) {
        m_verdict = Verdict::None;
        setAnswerEnabled(true);
        m_result->setText(tr("No SQS neuron is watched: choose one in the Neuron panel."));
    }
}

void LessonQuiz::reveal(const Snapshot &s, const NeuronStep &n)
{
    const LessonQuestion &q = m_questions[std::size_t(m_current)];
    QString said, truth;
    switch (q.kind) {
    case LessonQuestion::Kind::Spike:
        m_truth = (n.outcome >> std::max(0, s.ioQubits - 1)) & 1;
        said = m_answer > 0.5 ? tr("spike") : tr("no spike");
        truth = (m_truth > 0.5 ? tr("it spiked") : tr("it did not spike"))
                + tr(" (p(spike) was %1)").arg(fixed3(n.firingProbability));
        break;
    case LessonQuestion::Kind::Probability:
        m_truth = n.firingProbability;
        said = tr("p = %1").arg(fixed3(m_answer));
        truth = tr("p = %1").arg(fixed3(m_truth));
        break;
    case LessonQuestion::Kind::Purity:
        m_truth = n.purity;
        said = tr("purity %1").arg(fixed3(m_answer));
        truth = tr("purity %1").arg(fixed3(m_truth));
        break;
    }
    const bool right = judgeAnswer(q, m_answer, m_truth);
    m_verdict = right ? Verdict::Right : Verdict::Wrong;
    const QString rule = q.kind == LessonQuestion::Kind::Spike
                             ? tr("right when it matches the one measured outcome")
                             : tr("right within \u00b1%1").arg(q.tolerance);
    m_result->setStyleSheet(right ? QStringLiteral("QLabel { color: #2ca02c; font-weight: bold; }")
                                  : QStringLiteral("QLabel { color: #d62728; font-weight: bold; }"));
    m_result->setText(tr("Step %1 \u2014 you said %2; truth: %3. %4 (%5).")
                          .arg(n.step).arg(said, truth, right ? tr("Right") : tr("Wrong"), rule));
    setAnswerEnabled(true); // the same question again for the following step
}

} // namespace sqsnn::lab

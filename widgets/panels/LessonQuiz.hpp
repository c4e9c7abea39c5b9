#pragma once
// Predict-then-reveal in the Lesson panel: asks the lesson's questions (LessonQuestions.hpp) one
// at a time about the watched neuron's next time step. The user answers (Spike / No spike, or a
// number for p or purity), the quiz takes one time step through the TrainingController (as Step
// Time Step does, starting a run when none is active) and, when the snapshot of that step
// arrives, shows the truth beside the answer with the tolerance used to judge it. The truth is
// what the Neuron panel shows for that step (single-shot outcome of I/O qubit 0, p(spike), the
// memory's purity just before the measurement); the quiz computes nothing itself.
#include "panels/LessonQuestions.hpp"
#include "training/Snapshot.hpp"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace sqsnn::lab {

class TrainingController;

class LessonQuiz : public QWidget
{
    Q_OBJECT
public:
    explicit LessonQuiz(TrainingController *controller, QWidget *parent = nullptr);

    void setQuestions(std::vector<LessonQuestion> questions);
    int questionCount() const { return int(m_questions.size()); }
    int current() const { return m_current; }
    void showQuestion(int index);

    enum class Verdict { None, Waiting, Right, Wrong };
    Verdict verdict() const { return m_verdict; }
    double lastTruth() const { return m_truth; }

    QPushButton *spikeButton() const { return m_spike; }
    QPushButton *silenceButton() const { return m_silence; }
    QLineEdit *numberField() const { return m_number; }
    QPushButton *revealButton() const { return m_reveal; }
    QPushButton *nextButton() const { return m_next; }
    QLabel *resultLabel() const { return m_result; }

public Q_SLOTS:
    // Answers the current question and takes the step (spike: 1 = spike, 0 = no spike).
    void answer(double value);

private:
    void answerNumber();
    void onSnapshot(const SnapshotPtr &s);
    void reveal(const Snapshot &s, const NeuronStep &n);
    void setAnswerEnabled(bool on);

    TrainingController *m_controller;
    std::vector<LessonQuestion> m_questions;
    int m_current = -1;
    QLabel *m_heading, *m_prompt, *m_result;
    QPushButton *m_spike, *m_silence, *m_reveal, *m_next;
    QLineEdit *m_number;
    Verdict m_verdict = Verdict::None;
    double m_answer = 0, m_truth = 0;
    std::int64_t m_afterStep = -1; // the truth is the first watched step of a later snapshot
};

} // namespace sqsnn::lab

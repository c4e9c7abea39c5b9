// Issue 14, item 7: predict-then-reveal questions in the lessons (the `?>` lines of a lesson,
// asked by the Lesson panel's quiz, judged against the step the lab then takes) and the what-if
// at a paused step (the other outcome of the watched neuron beside the real one, computed by
// core/neurons/NeuronWhatIf, the run left bit-identical). Real windows offscreen, the shipped
// lessons, real runs.
#include "TestSupport.hpp"

#include "model/ProjectModel.hpp"
#include "panels/LessonPanel.hpp"
#include "panels/LessonQuestions.hpp"
#include "panels/LessonQuiz.hpp"
#include "training/TrainingController.hpp"
#include "views/NeuronView.hpp"
#include "views/WhatIfPanel.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBrowser>

#include <nlohmann/json.hpp>

#include <fstream>

namespace sqsnn::lab::test {

namespace {

QString lesson(int i) { return LessonPanel::lessonFiles().at(i).absoluteFilePath(); }

struct QuizLab
{
    QuizLab()
    {
        window.setRemoveRecoveryOnClose(false);
        window.resize(1440, 900);
        window.show();
        QCoreApplication::processEvents();
    }
    ~QuizLab()
    {
        window.training()->stop();
        (void)QTest::qWaitFor([&] { return !window.training()->isBusy(); }, 10000);
        window.close();
    }
    bool open(const QString &path)
    {
        const bool ok = window.files()->openFile(path, false);
        QCoreApplication::processEvents();
        return ok;
    }
    // n single time steps; the last snapshot has reached the views.
    bool stepTimes(int n)
    {
        TrainingController *run = window.training();
        const std::int64_t start = run->stepsTaken();
        for (int k = 1; k <= n; ++k) {
            run->stepTime();
            if (!QTest::qWaitFor([&] { return run->stepsTaken() == start + k
                                              && run->state() == RunState::Paused; }, 20000))
                return false;
        }
        return settled();
    }
    bool settled()
    {
        TrainingController *run = window.training();
        return QTest::qWaitFor([&] {
            const auto &h = window.neuronView()->history();
            return run->latest() && run->latest()->globalStep == run->stepsTaken() && !h.empty()
                   && h.back().step == run->stepsTaken();
        }, 5000);
    }
    LessonQuiz *quiz() const { return window.lessonPanel()->quiz(); }
    bool waitVerdict()
    {
        return QTest::qWaitFor([&] { return quiz()->verdict() != LessonQuiz::Verdict::Waiting; }, 20000)
               && settled();
    }
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
};

} // namespace

TEST(LessonQuestions, ParsesKindsTolerancesAndNamesBadLines)
{
    const LessonQuestions q = parseLessonQuestions(QStringLiteral(
        "intro\n?> spike | Will it spike?\n  ?> p ±0.02 | What is *p*?\n?> purity | Purity?\n"
        "?> purity +-0.1 | again\n?> spikes | typo\n?> p 0.7 | too loose\n?> p | \n"
        "?> spike 0.1 | no tolerance\n?> p\nend"));
    ASSERT_EQ(q.questions.size(), 4u);
    EXPECT_EQ(q.questions[0].kind, LessonQuestion::Kind::Spike);
    EXPECT_EQ(q.questions[0].prompt, QStringLiteral("Will it spike?"));
    EXPECT_EQ(q.questions[0].line, 2);
    EXPECT_EQ(q.questions[1].kind, LessonQuestion::Kind::Probability);
    EXPECT_DOUBLE_EQ(q.questions[1].tolerance, 0.02);
    EXPECT_EQ(q.questions[2].kind, LessonQuestion::Kind::Purity);
    EXPECT_DOUBLE_EQ(q.questions[2].tolerance, 0.05) << "the documented default";
    EXPECT_DOUBLE_EQ(q.questions[3].tolerance, 0.1);
    ASSERT_EQ(q.errors.size(), 5) << q.errors.join("\n").toStdString();
    EXPECT_TRUE(q.errors[0].startsWith(QStringLiteral("lesson, line 6: unknown question kind \"spikes\"")));
    EXPECT_TRUE(q.errors[1].contains(QStringLiteral("line 7: tolerance \"0.7\"")));
    EXPECT_TRUE(q.errors[2].contains(QStringLiteral("line 8: ")));
    EXPECT_TRUE(q.errors[3].contains(QStringLiteral("line 9: a spike question takes no tolerance")));
    EXPECT_TRUE(q.errors[4].contains(QStringLiteral("line 10: ")));
    EXPECT_TRUE(q.markdown.contains(QStringLiteral("**Predict 1.** Will it spike?")));
    EXPECT_TRUE(q.markdown.contains(QStringLiteral("?> spikes | typo"))) << "a bad line stays visible";
    EXPECT_FALSE(q.markdown.contains(QStringLiteral("?> spike |")));
    // Judging: spike matches the outcome; numbers within the tolerance.
    EXPECT_TRUE(judgeAnswer(q.questions[0], 1, 1));
    EXPECT_FALSE(judgeAnswer(q.questions[0], 0, 1));
    EXPECT_TRUE(judgeAnswer(q.questions[1], 0.40, 0.42));
    EXPECT_FALSE(judgeAnswer(q.questions[1], 0.40, 0.421));
}

TEST(LessonQuiz, LessonsOneToThreeAskQuestions)
{
    for (int i = 0; i < 3; ++i) {
        const Project p = loadProject(lesson(i).toStdString());
        const LessonQuestions q = parseLessonQuestions(QString::fromStdString(p.lesson));
        EXPECT_TRUE(q.errors.isEmpty()) << q.errors.join("\n").toStdString();
        EXPECT_GE(q.questions.size(), 1u) << lesson(i).toStdString();
    }
}

TEST(LessonQuiz, MalformedQuestionIsNamedInThePanel)
{
    QTemporaryDir dir;
    nlohmann::json j;
    {
        std::ifstream in(lesson(0).toStdString());
        in >> j;
    }
    j["lesson"] = "**What you see.** text\n\n?> pp 0.1 | What?\n\n?> spike | Spike?";
    const QString path = dir.filePath(QStringLiteral("bad.sqsnn.json"));
    std::ofstream(path.toStdString()) << j.dump(2);
    QuizLab lab;
    ASSERT_TRUE(lab.open(path)) << lab.prompter.errors.join("\n").toStdString();
    QLabel *errors = lab.window.lessonPanel()->errorLabel();
    EXPECT_TRUE(errors->isVisibleTo(&lab.window));
    EXPECT_EQ(errors->text(), QStringLiteral("lesson, line 3: unknown question kind \"pp\" (expected spike, p or purity)"));
    EXPECT_EQ(lab.quiz()->questionCount(), 1) << "the good question is still asked";
    ASSERT_TRUE(lab.open(lesson(0)));
    EXPECT_FALSE(errors->isVisibleTo(&lab.window));
}

// Lesson 1: p is the same at every step of a sample, so p of the step shown is the right answer
// for the next one; the truth is the step the quiz took, as the Neuron panel shows it.
TEST(LessonQuiz, AnswerStepRevealAndJudge)
{
    QuizLab lab;
    ASSERT_TRUE(lab.open(lesson(0)));
    LessonQuiz *quiz = lab.quiz();
    ASSERT_TRUE(quiz->isVisibleTo(&lab.window));
    ASSERT_EQ(quiz->questionCount(), 2);
    ASSERT_EQ(quiz->current(), 0);
    EXPECT_TRUE(quiz->numberField()->isVisibleTo(&lab.window));
    EXPECT_FALSE(quiz->spikeButton()->isVisibleTo(&lab.window));
    TrainingController *run = lab.window.training();

    // Bad input: one clear line, no step taken.
    quiz->numberField()->setText(QStringLiteral("1.5"));
    quiz->revealButton()->click();
    EXPECT_EQ(quiz->resultLabel()->text(), QStringLiteral("\"1.5\" is not a number from 0 to 1."));
    EXPECT_EQ(run->stepsTaken(), 0);
    EXPECT_EQ(quiz->verdict(), LessonQuiz::Verdict::None);

    ASSERT_TRUE(lab.stepTimes(1));
    const double p = lab.window.neuronView()->history().back().firingProbability;
    // Right: the shown p, typed as a user would (3 decimals) and Enter.
    quiz->numberField()->clear();
    QTest::keyClicks(quiz->numberField(), QString::number(p, 'f', 3));
    QTest::keyClick(quiz->numberField(), Qt::Key_Return);
    ASSERT_TRUE(lab.waitVerdict());
    EXPECT_EQ(run->stepsTaken(), 2) << "the quiz took exactly one step";
    const NeuronStep &after = lab.window.neuronView()->history().back();
    EXPECT_EQ(after.step, 2);
    EXPECT_EQ(quiz->lastTruth(), after.firingProbability);
    EXPECT_EQ(quiz->verdict(), LessonQuiz::Verdict::Right);
    const QString shown = quiz->resultLabel()->text();
    EXPECT_TRUE(shown.contains(QStringLiteral("Right"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QString::number(after.firingProbability, 'f', 3))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("\u00b10.02"))) << "the tolerance used: " << shown.toStdString();

    // Wrong: 0.3 away from the truth.
    quiz->numberField()->setText(QString::number(p > 0.5 ? p - 0.3 : p + 0.3, 'f', 3));
    quiz->revealButton()->click();
    ASSERT_TRUE(lab.waitVerdict());
    EXPECT_EQ(run->stepsTaken(), 3);
    EXPECT_EQ(quiz->verdict(), LessonQuiz::Verdict::Wrong);
    EXPECT_TRUE(quiz->resultLabel()->text().contains(QStringLiteral("Wrong")));

    // The spike question: judged against the one measured outcome of the step taken.
    quiz->nextButton()->click();
    ASSERT_EQ(quiz->current(), 1);
    ASSERT_TRUE(quiz->spikeButton()->isVisibleTo(&lab.window));
    int right = 0, wrong = 0;
    for (int k = 0; k < 6; ++k) {
        const bool guess = k % 2 == 0;
        (guess ? quiz->spikeButton() : quiz->silenceButton())->click();
        ASSERT_TRUE(lab.waitVerdict());
        const NeuronStep &n = lab.window.neuronView()->history().back();
        EXPECT_EQ(n.step, 4 + k);
        const bool spiked = (n.outcome & 1) != 0;
        EXPECT_EQ(quiz->lastTruth(), spiked ? 1.0 : 0.0);
        EXPECT_EQ(quiz->verdict(), guess == spiked ? LessonQuiz::Verdict::Right : LessonQuiz::Verdict::Wrong);
        (guess == spiked ? right : wrong)++;
        EXPECT_TRUE(quiz->resultLabel()->text().contains(spiked ? QStringLiteral("it spiked")
                                                                : QStringLiteral("it did not spike")));
    }
    EXPECT_EQ(right + wrong, 6);
}

// Lesson 3's text: after step 1, step 2 has p(spike) 0.5 and purity 0.5 (the register entangled
// with the I/O qubit). Answered with those numbers, the quiz judges them right.
TEST(LessonQuiz, EntangledMemoryLessonPurityQuestion)
{
    QuizLab lab;
    ASSERT_TRUE(lab.open(lesson(2)));
    LessonQuiz *quiz = lab.quiz();
    ASSERT_EQ(quiz->questionCount(), 2);
    ASSERT_TRUE(lab.stepTimes(1));
    quiz->numberField()->setText(QStringLiteral("0.5"));
    quiz->revealButton()->click();
    ASSERT_TRUE(lab.waitVerdict());
    EXPECT_EQ(quiz->verdict(), LessonQuiz::Verdict::Right) << quiz->resultLabel()->text().toStdString();
    EXPECT_NEAR(quiz->lastTruth(), 0.5, 0.05);
}

TEST(LessonQuiz, EntangledMemoryLessonPurityAtStepTwo)
{
    QuizLab lab;
    ASSERT_TRUE(lab.open(lesson(2)));
    LessonQuiz *quiz = lab.quiz();
    ASSERT_TRUE(lab.stepTimes(1));
    quiz->nextButton()->click();
    quiz->numberField()->setText(QStringLiteral("0.5"));
    quiz->revealButton()->click();
    ASSERT_TRUE(lab.waitVerdict());
    EXPECT_EQ(lab.window.neuronView()->history().back().step, 2);
    EXPECT_EQ(quiz->lastTruth(), lab.window.neuronView()->history().back().purity);
    EXPECT_EQ(quiz->verdict(), LessonQuiz::Verdict::Right) << quiz->resultLabel()->text().toStdString();
}

// Lesson 7 (a memory qubit under T1/T2): after step 1 (the memory on the equator) the 5 us
// wait shrinks x by e2 = exp(-5/10) and lifts z to 1 - e1, e1 = exp(-5/20); step 2's quarter
// turn keeps the length, so the purity step 2 shows is (1 + e2^2 + (1 - e1)^2)/2 (the gates'
// 25 ns add a little decay). Answered with it, the quiz judges it right; the what-if refuses the
// noisy step and says why.
TEST(LessonQuiz, DecoherenceLessonPurityAtStepTwo)
{
    QuizLab lab;
    ASSERT_TRUE(lab.open(LessonPanel::lessonFiles().at(6).absoluteFilePath()));
    LessonQuiz *quiz = lab.quiz();
    ASSERT_EQ(quiz->questionCount(), 1);
    ASSERT_TRUE(lab.stepTimes(1));
    const double e1 = std::exp(-5.0 / 20), e2 = std::exp(-5.0 / 10);
    const double closed = (1 + e2 * e2 + (1 - e1) * (1 - e1)) / 2;
    quiz->numberField()->setText(QString::number(closed, 'f', 3));
    quiz->revealButton()->click();
    ASSERT_TRUE(lab.waitVerdict());
    const NeuronStep &n = lab.window.neuronView()->history().back();
    EXPECT_EQ(n.step, 2);
    EXPECT_TRUE(n.mixed);
    EXPECT_EQ(quiz->lastTruth(), n.purity);
    EXPECT_NEAR(n.purity, closed, 0.01);
    EXPECT_LT(n.registerPurity, 0.75);
    EXPECT_EQ(quiz->verdict(), LessonQuiz::Verdict::Right) << quiz->resultLabel()->text().toStdString();
    EXPECT_FALSE(lab.window.neuronView()->whatIfButton()->isEnabled());
    EXPECT_TRUE(lab.window.neuronView()->whatIfButton()->toolTip().contains("noise"));
}

// What-if at a paused step of lesson 2 (memory back-action): the real branch is what the run
// then does (its memory is the next step's incoming memory, its next p the next step's p with
// the repeated input), the other branch differs, and p of the two outcomes sums to 1.
TEST(WhatIf, BranchesBesideTheRealRun)
{
    QuizLab lab;
    ASSERT_TRUE(lab.open(lesson(1)));
    NeuronView *view = lab.window.neuronView();
    EXPECT_FALSE(view->whatIfButton()->isEnabled()) << "nothing to replay before a step";
    ASSERT_TRUE(lab.stepTimes(3));
    ASSERT_TRUE(view->whatIfButton()->isEnabled());
    view->whatIfButton()->click();
    WhatIfPanel *panel = view->whatIf();
    ASSERT_TRUE(panel->isVisible());
    EXPECT_NEAR(panel->branchProbability(0) + panel->branchProbability(1), 1.0, 1e-12);
    const NeuronStep shown = view->history().back();
    EXPECT_NEAR(panel->branchProbability(0), shown.outcome ? shown.firingProbability : 1 - shown.firingProbability, 1e-12);
    const QString table = panel->table()->text();
    EXPECT_TRUE(table.contains(QStringLiteral("real run")) && table.contains(QStringLiteral("what if")));
    EXPECT_TRUE(table.contains(QStringLiteral("next step p(spike)")));
    const Eigen::MatrixXcd realMemory = panel->branchMemory(0);
    const double realNext = panel->nextSpike(0), otherNext = panel->nextSpike(1);
    EXPECT_GT((realMemory - panel->branchMemory(1)).norm(), 1e-3) << "the other outcome kicks the memory elsewhere";
    EXPECT_GT(std::abs(realNext - otherNext), 1e-3);
    panel->backButton()->click();
    EXPECT_FALSE(panel->isVisible());
    ASSERT_TRUE(lab.stepTimes(1));
    const NeuronStep &next = view->history().back();
    EXPECT_EQ(next.step, shown.step + 1);
    const Eigen::MatrixXcd in = next.memoryIn * next.memoryIn.adjoint();
    EXPECT_LT((in - realMemory).norm(), 1e-12) << "the real branch's memory is the run's";
    EXPECT_NEAR(next.firingProbability, realNext, 1e-12) << "same sample, same light level";
}

// A what-if leaves the run bit-identical: the same lesson stepped with and without one.
TEST(WhatIf, RunIsBitIdenticalAfterAWhatIf)
{
    auto run = [](bool whatIf) {
        QuizLab lab;
        EXPECT_TRUE(lab.open(lesson(1)));
        EXPECT_TRUE(lab.stepTimes(4));
        if (whatIf) {
            lab.window.neuronView()->whatIfButton()->click();
            EXPECT_TRUE(lab.window.neuronView()->whatIf()->isVisible());
            lab.window.neuronView()->whatIf()->backButton()->click();
        }
        EXPECT_TRUE(lab.stepTimes(30)); // into the second sample
        std::vector<NeuronStep> h(lab.window.neuronView()->history().begin(),
                                  lab.window.neuronView()->history().end());
        return h;
    };
    const std::vector<NeuronStep> a = run(true), b = run(false);
    ASSERT_EQ(a.size(), b.size());
    ASSERT_GE(a.size(), 30u);
    for (std::size_t i = 0; i < a.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(a[i].step, b[i].step);
        EXPECT_EQ(a[i].outcome, b[i].outcome);
        EXPECT_EQ(a[i].firingProbability, b[i].firingProbability); // bitwise
        EXPECT_EQ(a[i].purity, b[i].purity);
        EXPECT_TRUE(a[i].memoryIn == b[i].memoryIn);
        EXPECT_EQ(a[i].parameters, b[i].parameters);
    }
}

} // namespace sqsnn::lab::test

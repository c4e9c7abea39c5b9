#pragma once
// Shared helpers for the widget tests: a scripted Prompter that records what the window asked
// and answers as told, and a way to type into the inspector's editors like a user.
#include "model/CoreBridge.hpp"
#include "project/ProjectIo.hpp"
#include "panels/FieldEdit.hpp"
#include "window/Prompter.hpp"

#include <QLineEdit>
#include <QStringList>
#include <QTest>

#include <gtest/gtest.h>

namespace sqsnn::lab::test {

// Under ThreadSanitizer the trainer runs many times slower: tests that train for long use a
// smaller slice of the data there (same code paths, fewer samples).
#if defined(__SANITIZE_THREAD__)
constexpr bool kUnderTsan = true;
#else
constexpr bool kUnderTsan = false;
#endif
// Time limits of waits scale with it (loading the data alone takes seconds there).
constexpr int kSlow = kUnderTsan ? 6 : 1;

class ScriptedPrompter : public Prompter
{
public:
    Choice saveAnswer = Choice::Discard;
    bool restoreAnswer = true;
    int saveQuestions = 0;
    int restoreQuestions = 0;
    QStringList errors;

    Choice askToSave(QWidget *, const QString &) override
    {
        ++saveQuestions;
        return saveAnswer;
    }
    bool askToRestore(QWidget *, const QString &) override
    {
        ++restoreQuestions;
        return restoreAnswer;
    }
    void showError(QWidget *, const QString &, const QString &text) override { errors << text; }

    // Answers to the export questions: paths are taken first in first out (none left = cancel).
    QStringList savePaths;
    QStringList pathQuestions; // the titles asked
    bool yesNoAnswer = false;
    QStringList yesNoQuestions; // the texts asked
    int integerAnswer = 0;
    bool integerAccepted = true;
    int integerMax = -1; // the last range offered
    QString askSavePath(QWidget *, const QString &title, const QString &, const QString &) override
    {
        pathQuestions << title;
        return savePaths.isEmpty() ? QString() : savePaths.takeFirst();
    }
    bool askYesNo(QWidget *, const QString &, const QString &text) override
    {
        yesNoQuestions << text;
        return yesNoAnswer;
    }
    bool askInteger(QWidget *, const QString &, const QString &, int, int max, int *value) override
    {
        integerMax = max;
        if (integerAccepted)
            *value = integerAnswer;
        return integerAccepted;
    }
};

// Types `text` into an inspector field (replacing its content) and presses Enter.
inline void typeInto(QWidget *editor, const QString &text)
{
    auto *field = qobject_cast<FieldEdit *>(editor);
    ASSERT_NE(field, nullptr);
    QLineEdit *edit = field->lineEdit();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

inline std::string projectJson(const Project &p) { return toJson(p).dump(); }

// The quickstart example with a smaller data slice and a given number of epochs.
inline Project quickstart(int train, int test, int epochs)
{
    Project p = loadProject(std::string(SQSNN_SOURCE_DIR) + "/projects/quickstart.sqsnn.json");
    p.data.trainSamples = train;
    p.data.testSamples = test;
    p.training.epochs = epochs;
    return p;
}

// The same project with every neuron population of another kind (as an experiment's "kind").
inline Project withKind(const Project &p, const std::string &kind)
{
    nlohmann::json j = projectToJson(p);
    for (auto &pop : j["network"]["populations"]) {
        if (pop["kind"] == "input")
            continue;
        pop = {{"name", pop["name"]}, {"kind", kind}, {"size", pop["size"]},
               {"readout", pop.value("readout", false)}};
    }
    return projectFromJson(j, "withKind");
}

} // namespace sqsnn::lab::test

#include "panels/LessonQuestions.hpp"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace sqsnn::lab {

namespace {
QString tr(const char *s) { return QCoreApplication::translate("LessonQuestions", s); }
constexpr double kDefaultTolerance = 0.05;
} // namespace

LessonQuestions parseLessonQuestions(const QString &lesson)
{
    LessonQuestions out;
    const QStringList lines = lesson.split(QLatin1Char('\n'));
    static const QRegularExpression kQuestion(QStringLiteral("^\\s*\\?>(.*)$"));
    QStringList shown;
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = kQuestion.match(lines[i]);
        if (!m.hasMatch()) {
            shown << lines[i];
            continue;
        }
        const QString where = tr("lesson, line %1: ").arg(i + 1);
        const QString body = m.captured(1);
        const int bar = body.indexOf(QLatin1Char('|'));
        const QString head = (bar < 0 ? body : body.left(bar)).trimmed();
        const QString prompt = bar < 0 ? QString() : body.mid(bar + 1).trimmed();
        const QStringList words = head.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        QString error;
        LessonQuestion q;
        q.line = i + 1;
        q.prompt = prompt;
        const QString kind = words.value(0).toLower();
        if (bar < 0 || prompt.isEmpty())
            error = tr("a question is \"?> KIND [TOLERANCE] | question text\" (the text after | is missing)");
        else if (kind == QLatin1String("spike"))
            q.kind = LessonQuestion::Kind::Spike;
        else if (kind == QLatin1String("p"))
            q.kind = LessonQuestion::Kind::Probability;
        else if (kind == QLatin1String("purity"))
            q.kind = LessonQuestion::Kind::Purity;
        else
            error = words.isEmpty() ? tr("the question kind is missing (spike, p or purity)")
                                    : tr("unknown question kind \"%1\" (expected spike, p or purity)").arg(words[0]);
        if (error.isEmpty() && words.size() > 2)
            error = tr("too many words before | (expected KIND and at most a tolerance)");
        if (error.isEmpty() && q.kind == LessonQuestion::Kind::Spike && words.size() > 1)
            error = tr("a spike question takes no tolerance (it is right when it matches the outcome)");
        if (error.isEmpty() && q.kind != LessonQuestion::Kind::Spike) {
            q.tolerance = kDefaultTolerance;
            if (words.size() > 1) {
                QString t = words[1];
                if (t.startsWith(QChar(0x00B1)))
                    t.remove(0, 1);
                else if (t.startsWith(QLatin1String("+-")))
                    t.remove(0, 2);
                bool ok = false;
                const double v = t.toDouble(&ok);
                if (!ok || !std::isfinite(v) || v <= 0 || v > 0.5)
                    error = tr("tolerance \"%1\" is not a number in (0, 0.5]").arg(words[1]);
                else
                    q.tolerance = v;
            }
        }
        if (!error.isEmpty()) {
            out.errors << where + error;
            shown << lines[i];
            continue;
        }
        out.questions.push_back(q);
        shown << tr("> **Predict %1.** %2 *(answer below the lesson)*")
                     .arg(out.questions.size()).arg(prompt);
    }
    out.markdown = shown.join(QLatin1Char('\n'));
    return out;
}

bool judgeAnswer(const LessonQuestion &q, double answer, double truth)
{
    if (q.kind == LessonQuestion::Kind::Spike)
        return (answer > 0.5) == (truth > 0.5);
    return std::abs(answer - truth) <= q.tolerance + 1e-12;
}

} // namespace sqsnn::lab

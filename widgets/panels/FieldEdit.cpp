#include "panels/FieldEdit.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QFontMetrics>
#include <QLineEdit>
#include <QVBoxLayout>

#include <cmath>

namespace sqsnn::lab {

FieldEdit::FieldEdit(Validator validator, const QString &unit, QWidget *parent)
    : QWidget(parent), m_validator(std::move(validator)), m_edit(new QLineEdit(this)),
      m_error(new QLabel(this))
{
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_edit, 1);
    if (!unit.isEmpty()) {
        auto *u = new QLabel(unit, this);
        u->setObjectName(QStringLiteral("unit"));
        row->addWidget(u);
    }
    column->addLayout(row);
    m_error->setObjectName(QStringLiteral("fieldError"));
    m_error->setStyleSheet(QStringLiteral("color: #e03030;"));
    // Wrapped by hand: a word-wrapping label (height-for-width) inside a form row collapses
    // its neighbours to zero height in Qt 6.4.
    m_error->setWordWrap(false);
    m_error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the dock
    m_error->hide();
    column->addWidget(m_error);
    connect(m_edit, &QLineEdit::textEdited, this, [this] { check(); });
    connect(m_edit, &QLineEdit::editingFinished, this, &FieldEdit::commit);
}

QString FieldEdit::text() const { return m_edit->text().trimmed(); }

QString FieldEdit::error() const { return m_error->isHidden() ? QString() : m_reason; }

void FieldEdit::setReason(const QString &reason)
{
    m_reason = reason;
    // Greedy word wrap to the field's width.
    const QFontMetrics fm(m_error->font());
    const int wrapWidth = std::max(80, width() - 4);
    QString wrapped, line;
    for (const QString &word : reason.split(' ')) {
        const QString candidate = line.isEmpty() ? word : line + ' ' + word;
        if (!line.isEmpty() && fm.horizontalAdvance(candidate) > wrapWidth) {
            wrapped += line + '\n';
            line = word;
        } else {
            line = candidate;
        }
    }
    m_error->setText(wrapped + line);
    m_error->setVisible(!reason.isEmpty());
    m_edit->setStyleSheet(reason.isEmpty() ? QString() : QStringLiteral("border: 1px solid #e03030;"));
}

void FieldEdit::showError(const QString &reason) { setReason(reason); }

void FieldEdit::setValue(const QString &text)
{
    m_shown = text;
    if (m_edit->hasFocus() && m_edit->isModified())
        return;
    m_edit->setText(text);
    m_edit->setCursorPosition(0);
    m_edit->setModified(false);
    check();
}

bool FieldEdit::check()
{
    const QString reason = m_validator ? m_validator(text()) : QString();
    if (reason != m_reason || m_error->isHidden() != reason.isEmpty())
        setReason(reason);
    return reason.isEmpty();
}

void FieldEdit::commit()
{
    if (!check() || text() == m_shown)
        return;
    m_edit->setModified(false);
    Q_EMIT committed(text());
}

FieldEdit::Validator intRange(const QString &what, long long lo, long long hi)
{
    return [=](const QString &t) {
        bool ok = false;
        const long long v = t.toLongLong(&ok);
        if (!ok || v < lo || v > hi)
            return QObject::tr("%1 must be %2..%3").arg(what).arg(lo).arg(hi);
        return QString();
    };
}

FieldEdit::Validator doubleRange(const QString &what, double lo, double hi, bool openLow)
{
    return [=](const QString &t) {
        bool ok = false;
        const double v = t.toDouble(&ok);
        // "nan" and "inf" parse as numbers but are none: refused as the user types.
        if (ok && !std::isfinite(v))
            return QObject::tr("%1 must be a finite number").arg(what);
        if (!ok || v > hi || v < lo || (openLow && v == lo))
            return openLow ? QObject::tr("%1 must be in (%2, %3]").arg(what).arg(lo).arg(hi)
                           : QObject::tr("%1 must be in [%2, %3]").arg(what).arg(lo).arg(hi);
        return QString();
    };
}

FieldEdit::Validator nonEmpty(const QString &what)
{
    return [=](const QString &t) {
        return t.isEmpty() ? QObject::tr("%1 must not be empty").arg(what) : QString();
    };
}

FieldEdit::Validator intList(const QString &what, int lo, int hi)
{
    return [=](const QString &t) {
        for (const QString &part : t.split(',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const int v = part.trimmed().toInt(&ok);
            if (!ok || v < lo || v > hi)
                return QObject::tr("%1: comma-separated integers %2..%3").arg(what).arg(lo).arg(hi);
        }
        return QString();
    };
}

} // namespace sqsnn::lab

#include "panels/InspectorPage.hpp"

#include <QRegularExpression>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace sqsnn::lab {

InspectorPage::InspectorPage(ProjectModel *model, const QString &heading, QWidget *parent)
    : QWidget(parent), m_model(model), m_heading(new QLabel(heading, this)),
      m_info(new QLabel(this)), m_form(new QFormLayout)
{
    auto *layout = new QVBoxLayout(this);
    m_heading->setObjectName(QStringLiteral("inspectorHeading"));
    QFont f = m_heading->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_heading->setFont(f);
    m_info->setWordWrap(true);
    m_info->setObjectName(QStringLiteral("inspectorInfo"));
    layout->addWidget(m_heading);
    layout->addWidget(m_info);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    layout->addLayout(m_form);
    layout->addStretch(1);
    connect(model, &ProjectModel::editRefused, this, [this](const QString &reason) {
        if (m_lastCommitted && !isHidden())
            m_lastCommitted->showError(withoutPointer(reason, m_lastCommitted->property("label").toString()));
    });
}

QString InspectorPage::withoutPointer(const QString &reason, const QString &label)
{
    // The core names the key by its JSON pointer ("/training/learning_rate: must be > 0"),
    // right for files; under a field the field's own label says it better.
    static const QRegularExpression pointer(QStringLiteral("^(/[A-Za-z0-9_./>-]+)+: "));
    const QRegularExpressionMatch m = pointer.match(reason);
    if (!m.hasMatch())
        return reason;
    const QString rest = reason.mid(m.capturedLength());
    return label.isEmpty() ? rest : label + QStringLiteral(": ") + rest;
}

FieldEdit *InspectorPage::addField(const QString &key, const QString &label,
                                   FieldEdit::Validator validator, const QString &unit,
                                   const QString &tip)
{
    auto *field = new FieldEdit(std::move(validator), unit, this);
    field->setObjectName(key);
    field->lineEdit()->setObjectName(key + QStringLiteral(".edit"));
    field->setToolTip(tip);
    field->setProperty("label", QString(label).remove(QLatin1Char('&')));
    m_form->addRow(label, field);
    m_editors.insert(key, field);
    connect(field, &FieldEdit::committed, this, [this, field] { m_lastCommitted = field; });
    return field;
}

QComboBox *InspectorPage::addCombo(const QString &key, const QString &label,
                                   const QStringList &items, const QString &tip)
{
    auto *combo = new QComboBox(this);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
    combo->addItems(items);
    combo->setObjectName(key);
    combo->setToolTip(tip);
    m_form->addRow(label, combo);
    m_editors.insert(key, combo);
    return combo;
}

QCheckBox *InspectorPage::addCheck(const QString &key, const QString &label, const QString &tip)
{
    auto *box = new QCheckBox(label, this);
    box->setObjectName(key);
    box->setToolTip(tip);
    m_form->addRow(QString(), box);
    m_editors.insert(key, box);
    return box;
}

void InspectorPage::setVisibleRow(const QString &key, bool visible)
{
    QWidget *w = m_editors.value(key);
    if (!w)
        return;
    m_form->setRowVisible(w, visible);
}

void InspectorPage::setCombo(QComboBox *combo, const QString &value)
{
    const QSignalBlocker block(combo);
    int i = combo->findText(value);
    if (i < 0) {
        combo->addItem(value);
        i = combo->count() - 1;
    }
    combo->setCurrentIndex(i);
}

void InspectorPage::setCheck(QCheckBox *box, bool value)
{
    const QSignalBlocker block(box);
    box->setChecked(value);
}

} // namespace sqsnn::lab

#pragma once
// Base of the inspector's pages: a form of typed editors, each registered under a key
// ("population.size") so tests and the window can reach the very editors a user types into.
#include "model/ProjectModel.hpp"
#include "panels/FieldEdit.hpp"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;

namespace sqsnn::lab {

class InspectorPage : public QWidget
{
    Q_OBJECT
public:
    InspectorPage(ProjectModel *model, const QString &heading, QWidget *parent = nullptr);
    QWidget *editor(const QString &key) const { return m_editors.value(key); }
    virtual void reload() = 0;
    // A core refusal as a field shows it: the leading JSON pointer replaced by the field's label.
    static QString withoutPointer(const QString &reason, const QString &label);

protected:
    FieldEdit *addField(const QString &key, const QString &label, FieldEdit::Validator validator,
                        const QString &unit = {}, const QString &tip = {});
    QComboBox *addCombo(const QString &key, const QString &label, const QStringList &items,
                        const QString &tip = {});
    QCheckBox *addCheck(const QString &key, const QString &label, const QString &tip = {});
    void setVisibleRow(const QString &key, bool visible);
    static void setCombo(QComboBox *combo, const QString &value);
    static void setCheck(QCheckBox *box, bool value);

    ProjectModel *m_model;
    QLabel *m_heading;
    QLabel *m_info;
    QFormLayout *m_form;
    QHash<QString, QWidget *> m_editors;
    FieldEdit *m_lastCommitted = nullptr;
};

} // namespace sqsnn::lab

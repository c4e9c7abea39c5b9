#pragma once
// Inspector page shown when nothing is selected: the project, its data and training settings.
#include "panels/InspectorPage.hpp"

namespace sqsnn::lab {

class ProjectPage : public InspectorPage
{
    Q_OBJECT
public:
    explicit ProjectPage(ProjectModel *model, QWidget *parent = nullptr);
    void reload() override;

private:
    void apply(const QString &what, const std::function<void(EditState &)> &change);
    void text(const char *key, const QString &label, FieldEdit::Validator v, const QString &unit,
              const QString &tip, std::function<void(EditState &, const QString &)> set);
    void combo(const char *key, const QString &label, const QStringList &items, const QString &tip,
               std::function<void(EditState &, const QString &)> set);
};

} // namespace sqsnn::lab

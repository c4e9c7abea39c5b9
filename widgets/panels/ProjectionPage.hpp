#pragma once
// Inspector page for one projection: connectivity, bias and delay.
#include "panels/InspectorPage.hpp"

namespace sqsnn::lab {

class ProjectionPage : public InspectorPage
{
    Q_OBJECT
public:
    explicit ProjectionPage(ProjectModel *model, QWidget *parent = nullptr);
    void setProjection(int index);
    int projection() const { return m_index; }
    void reload() override;

private:
    void apply(const QString &what, const std::function<void(ProjectionSpec &)> &change);
    int m_index = -1;
};

} // namespace sqsnn::lab

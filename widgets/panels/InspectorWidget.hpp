#pragma once
// The inspector dock's content: the network's parameter count (always visible) above the page
// for the current selection: a population, a projection, or (nothing selected) the project.
#include "model/ProjectModel.hpp"

#include <QWidget>

class QLabel;
class QStackedWidget;

namespace sqsnn::lab {

class GraphScene;
class InspectorPage;
class PopulationPage;
class ProjectionPage;
class ProjectPage;

class InspectorWidget : public QWidget
{
    Q_OBJECT
public:
    InspectorWidget(ProjectModel *model, GraphScene *scene, QWidget *parent = nullptr);
    // The editor registered under `key` on any page ("population.memory", "project.seed"...).
    QWidget *editor(const QString &key) const;
    InspectorPage *currentPage() const;

private:
    void followSelection();
    void refresh();

    ProjectModel *m_model;
    GraphScene *m_scene;
    QLabel *m_summary;
    QStackedWidget *m_stack;
    ProjectPage *m_projectPage;
    PopulationPage *m_populationPage;
    ProjectionPage *m_projectionPage;
};

} // namespace sqsnn::lab

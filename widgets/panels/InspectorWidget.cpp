#include "panels/InspectorWidget.hpp"

#include "editor/GraphScene.hpp"
#include "panels/PopulationPage.hpp"
#include "panels/ProjectPage.hpp"
#include "panels/ProjectionPage.hpp"

#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace sqsnn::lab {

InspectorWidget::InspectorWidget(ProjectModel *model, GraphScene *scene, QWidget *parent)
    : QWidget(parent), m_model(model), m_scene(scene), m_summary(new QLabel(this)),
      m_stack(new QStackedWidget), m_projectPage(new ProjectPage(model)),
      m_populationPage(new PopulationPage(model)), m_projectionPage(new ProjectionPage(model))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary->setObjectName(QStringLiteral("parameterSummary"));
    m_summary->setWordWrap(true);
    m_summary->setMargin(8);
    layout->addWidget(m_summary);
    m_stack->addWidget(m_projectPage);
    m_stack->addWidget(m_populationPage);
    m_stack->addWidget(m_projectionPage);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);
    connect(scene, &GraphScene::selectionSummaryChanged, this, &InspectorWidget::followSelection);
    connect(model, &ProjectModel::changed, this, &InspectorWidget::refresh);
    connect(model, &ProjectModel::projectReset, this, &InspectorWidget::followSelection);
    followSelection();
}

QWidget *InspectorWidget::editor(const QString &key) const
{
    for (InspectorPage *page : {static_cast<InspectorPage *>(m_projectPage),
                                static_cast<InspectorPage *>(m_populationPage),
                                static_cast<InspectorPage *>(m_projectionPage)})
        if (QWidget *w = page->editor(key))
            return w;
    return nullptr;
}

InspectorPage *InspectorWidget::currentPage() const
{
    return static_cast<InspectorPage *>(m_stack->currentWidget());
}

void InspectorWidget::followSelection()
{
    const QStringList nodes = m_scene->selectedNodeNames();
    const QList<int> edges = m_scene->selectedProjections();
    if (nodes.size() == 1 && edges.isEmpty()) {
        const auto &pops = m_model->project().network.populations;
        for (int i = 0; i < int(pops.size()); ++i)
            if (QString::fromStdString(pops[i].name) == nodes.first())
                m_populationPage->setPopulation(i);
        m_stack->setCurrentWidget(m_populationPage);
    } else if (edges.size() == 1 && nodes.isEmpty()) {
        m_projectionPage->setProjection(edges.first());
        m_stack->setCurrentWidget(m_projectionPage);
    } else {
        m_stack->setCurrentWidget(m_projectPage);
    }
    refresh();
}

void InspectorWidget::refresh()
{
    const std::int64_t count = m_model->parameterCount();
    const auto &issues = m_model->issues();
    QString text = tr("<b>Network:</b> %1 trainable parameters")
                       .arg(count >= 0 ? QLocale().toString(qlonglong(count)) : QStringLiteral("?"));
    if (!issues.empty())
        text += tr("<br><span style='color:#e03030'>%1 — see the marked nodes and the log</span>")
                    .arg(issues.size() == 1 ? tr("1 problem") : tr("%1 problems").arg(issues.size()));
    m_summary->setText(text);
    if (auto *page = currentPage())
        page->reload();
}

} // namespace sqsnn::lab

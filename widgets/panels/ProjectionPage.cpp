#include "panels/ProjectionPage.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>

namespace sqsnn::lab {

ProjectionPage::ProjectionPage(ProjectModel *model, QWidget *parent)
    : InspectorPage(model, tr("Projection"), parent)
{
    auto *conn = addCombo("projection.connectivity", tr("Connectivity"), {"dense", "channel-matched"},
                          tr("dense: every source line to every target channel (default); "
                             "channel-matched: channel n listens to bit n of each source neuron"));
    auto *bias = addCheck("projection.bias", tr("Bias per target channel"), tr("Default off"));
    auto *delay = addField("projection.delay", tr("Delay"), intRange(tr("delay"), 0, 1000),
                           tr("steps"), tr("Recurrent projections need a delay of at least 1 (default 0)"));
    connect(conn, &QComboBox::currentTextChanged, this, [this](const QString &t) {
        apply(tr("connectivity"), [&](auto &e) { e.connectivity = t.toStdString(); });
    });
    connect(bias, &QCheckBox::toggled, this,
            [this](bool on) { apply(tr("bias"), [&](auto &e) { e.bias = on; }); });
    connect(delay, &FieldEdit::committed, this, [this](const QString &t) {
        apply(tr("delay"), [&](auto &e) { e.delay = t.toInt(); });
    });
}

void ProjectionPage::apply(const QString &what, const std::function<void(ProjectionSpec &)> &change)
{
    const int index = m_index;
    if (index < 0 || index >= int(m_model->project().network.projections.size()))
        return;
    m_model->edit(tr("Set projection %1").arg(what),
                  [&](EditState &s) { change(s.network.projections[index]); });
}

void ProjectionPage::setProjection(int index)
{
    m_index = index;
    reload();
}

void ProjectionPage::reload()
{
    const auto &projections = m_model->project().network.projections;
    if (m_index < 0 || m_index >= int(projections.size()))
        return;
    const ProjectionSpec &e = projections[m_index];
    m_heading->setText(tr("Projection %1 → %2").arg(QString::fromStdString(e.from),
                                                   QString::fromStdString(e.to)));
    QString issues;
    for (const auto &issue : m_model->issues())
        if (issue.projection == m_index)
            issues += QStringLiteral("<br><span style='color:#e03030'>%1</span>")
                          .arg(QString::fromStdString(issue.message).toHtmlEscaped());
    m_info->setText(tr("Weights from the source's spike lines to the target's channels.") + issues);
    setCombo(static_cast<QComboBox *>(editor("projection.connectivity")),
             QString::fromStdString(e.connectivity));
    setCheck(static_cast<QCheckBox *>(editor("projection.bias")), e.bias);
    static_cast<FieldEdit *>(editor("projection.delay"))->setValue(QString::number(e.delay));
}

} // namespace sqsnn::lab

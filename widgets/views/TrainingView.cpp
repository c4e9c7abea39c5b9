#include "views/TrainingView.hpp"

#include <cmath>

#include "model/ProjectModel.hpp"
#include "training/TrainingController.hpp"
#include "views/HistogramView.hpp"
#include "views/PlotStyle.hpp"
#include "views/RunComparison.hpp"

#include "views/PlotInclude.hpp"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace sqsnn::lab {

namespace {
constexpr double kSignalWindow = 600; // time steps of l_t shown
}

QList<double> TrainingView::speeds() { return {0, 1000, 100, 20, 5, 1}; }

TrainingView::TrainingView(ProjectModel *model, TrainingController *controller, QWidget *parent)
    : QWidget(parent), m_model(model), m_controller(controller), m_speed(new QComboBox),
      m_eta(new QDoubleSpinBox), m_hidden(new QDoubleSpinBox),
      m_applyRate(new QPushButton(tr("Apply"))), m_evaluate(new QPushButton(tr("Evaluate"))),
      m_status(new QLabel), m_health(new QLabel), m_curves(new QCustomPlot), m_signal(new QCustomPlot),
      m_runs(new RunComparison), m_histograms(new HistogramView), m_curvesPage(new QWidget),
      m_tabs(new QTabWidget), m_row(new QWidget), m_area(new QStackedWidget),
      m_replot(new QTimer(this))
{
    setObjectName(QStringLiteral("trainingView"));
    m_speed->setObjectName(QStringLiteral("speed"));
    for (double s : speeds())
        m_speed->addItem(s <= 0 ? tr("Full speed") : s == 1 ? tr("1 step/s") : tr("%1 steps/s").arg(s), s);
    m_speed->setToolTip(tr("Slow motion for teaching (time steps per second) up to full speed"));
    m_eta->setObjectName(QStringLiteral("learningRate"));
    m_eta->setDecimals(4);
    m_eta->setRange(0.0001, 10);
    m_eta->setSingleStep(0.005);
    m_eta->setToolTip(tr("Learning rate eta (changes apply while the run is paused)"));
    m_hidden->setDecimals(3);
    m_hidden->setRange(0, 10);
    m_hidden->setSingleStep(0.1);
    m_hidden->setToolTip(tr("Hidden learning-rate scale: hidden neurons learn with this times eta"));
    m_applyRate->setObjectName(QStringLiteral("applyLearningRate"));
    m_applyRate->setToolTip(tr("Use eta and the hidden scale from now on (idle, or while the run "
                               "is paused)"));
    m_evaluate->setObjectName(QStringLiteral("evaluate"));
    m_evaluate->setToolTip(tr("Loss and accuracy on the test split with the current parameters"));
    m_status->setObjectName(QStringLiteral("runStatus"));
    // Wraps within the dock rather than running past its edge or widening it (the bptt batch
    // line at 1280 x 800).
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_health->setObjectName(QStringLiteral("learningHealth"));
    m_health->setWordWrap(true);
    m_health->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_health->setVisible(false);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Speed")));
    controls->addWidget(m_speed);
    controls->addSpacing(8);
    controls->addWidget(new QLabel(tr("eta")));
    controls->addWidget(m_eta);
    controls->addWidget(new QLabel(tr("hidden x")));
    controls->addWidget(m_hidden);
    controls->addWidget(m_applyRate);
    controls->addStretch(1);
    controls->addWidget(m_evaluate);

    m_curves->setObjectName(QStringLiteral("curves"));
    m_curves->setMinimumHeight(100); // below its legend + axes hint: the dock fits 1280 x 800
    m_curves->setToolTip(tr("Loss (left axis) and accuracy (right axis) after every epoch: solid "
                            "lines the training split, dashed lines the test split"));
    m_curves->legend->setVisible(true);
    m_curves->legend->setFont(QFont(font().family(), 8));
    m_curves->xAxis->setLabel(tr("epoch"));
    integerTicks(m_curves->xAxis);
    m_curves->yAxis->setLabel(tr("loss"));
    m_curves->yAxis2->setVisible(true);
    m_curves->yAxis2->setLabel(tr("accuracy"));
    m_curves->yAxis2->setRange(0, 1);
    const struct { QString name; QColor colour; bool acc; Qt::PenStyle style; } series[] = {
        {tr("train loss"), QColor(214, 39, 40), false, Qt::SolidLine},
        {tr("test loss"), QColor(214, 39, 40), false, Qt::DashLine},
        {tr("train accuracy"), QColor(31, 119, 180), true, Qt::SolidLine},
        {tr("test accuracy"), QColor(31, 119, 180), true, Qt::DashLine}};
    for (const auto &s : series) {
        QCPGraph *g = m_curves->addGraph(m_curves->xAxis, s.acc ? m_curves->yAxis2 : m_curves->yAxis);
        g->setName(s.name);
        g->setPen(QPen(s.colour, 1.8, s.style));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    }
    legendOnTop(m_curves);
    m_signal->setObjectName(QStringLiteral("learningSignal"));
    m_signal->setToolTip(tr("The learning signal l_t of every time step: the readout's "
                            "cross-entropy against the target, which the hidden neurons' updates "
                            "are scaled by"));
    m_signal->xAxis->setLabel(tr("time step"));
    stepTicks(m_signal->xAxis);
    m_signal->yAxis->setLabel(tr("learning signal l_t"));
    m_signal->addGraph()->setPen(QPen(QColor(148, 103, 189), 1.2));
    m_signal->setPlottingHint(QCP::phFastPolylines, true);
    m_signal->setNotAntialiasedElements(QCP::aePlottables);

    auto *split = new QHBoxLayout(m_curvesPage);
    split->setContentsMargins(0, 0, 0, 0);
    split->addWidget(m_curves, 1);
    split->addWidget(m_signal, 1);
    // Pages never widen the dock: side by side they share what it has (stretch), as tabs each
    // takes all of it.
    for (QWidget *page : {m_curvesPage, static_cast<QWidget *>(m_runs), static_cast<QWidget *>(m_histograms)})
        page->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_tabs->setObjectName(QStringLiteral("trainingPages"));
    m_tabs->setMinimumHeight(120); // below the pages' hints: the dock fits a 1280 x 800 window
    m_tabs->setDocumentMode(true);
    auto *row = new QHBoxLayout(m_row);
    row->setContentsMargins(0, 0, 0, 0);
    m_area->addWidget(m_tabs);
    m_area->addWidget(m_row);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_health);
    layout->addWidget(m_area, 1);
    arrange(false);

    connect(m_speed, &QComboBox::currentIndexChanged, this,
            [this] { m_controller->setSpeed(m_speed->currentData().toDouble()); });
    connect(m_applyRate, &QPushButton::clicked, this,
            [this] { m_controller->setLearningRate(m_eta->value(), m_hidden->value()); });
    connect(m_evaluate, &QPushButton::clicked, m_controller, &TrainingController::evaluate);
    connect(m_controller, &TrainingController::snapshot, this, &TrainingView::showSnapshot);
    connect(m_controller, &TrainingController::cleared, this, &TrainingView::clearRun);
    connect(m_controller, &TrainingController::stateChanged, this, &TrainingView::updateControls);
    connect(m_controller, &TrainingController::activeChanged, this, &TrainingView::updateControls);
    connect(m_controller, &TrainingController::activeChanged, this, &TrainingView::runStarted);
    connect(m_model, &ProjectModel::projectReset, this, &TrainingView::showProjectHistory);
    connect(m_model, &ProjectModel::changed, this, [this] {
        if (!m_controller->isActive())
            showProjectHistory();
    });
    m_replot->setInterval(40);
    connect(m_replot, &QTimer::timeout, this, [this] {
        if (m_curvesDirty && m_curves->isVisible()) { // only when an epoch was added
            m_curves->replot(QCustomPlot::rpQueuedReplot);
            m_curvesDirty = false;
        }
        if (m_dirty && m_signal->isVisible()) {
            m_signal->replot(QCustomPlot::rpQueuedReplot);
            m_dirty = false;
        }
        m_runs->replotIfDirty();
        m_histograms->replotIfDirty();
    });
    m_replot->start();
    attachExportMenu(m_curves, QStringLiteral("training-curves"), [this] { return curvesTable(); });
    attachExportMenu(m_signal, QStringLiteral("learning-signal"), [this] { return signalTable(); });
    showProjectHistory();
}

DataTable TrainingView::curvesTable() const
{
    DataTable t;
    t.columns = QString::fromStdString(metricsCsvHeader()).split(u',');
    for (const EpochMetrics &m : m_history)
        t.rows << QString::fromStdString(metricsCsvRow(m)).split(u',');
    return t;
}

DataTable TrainingView::signalTable() const
{
    DataTable t;
    t.columns = QStringList{QStringLiteral("step"), QStringLiteral("learning_signal")};
    for (auto it = m_signal->graph(0)->data()->constBegin(); it != m_signal->graph(0)->data()->constEnd(); ++it)
        t.rows << QStringList{QString::number(qint64(it->key)), csvNumber(it->value)};
    return t;
}

void TrainingView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange(event->size().width() >= kWideWidth);
}

void TrainingView::arrange(bool wide)
{
    if (wide == m_wide)
        return;
    m_wide = wide;
    QWidget *pages[] = {m_curvesPage, m_runs, m_histograms};
    const QString titles[] = {tr("Curves"), tr("Compare runs"), tr("Histograms")};
    const int stretch[] = {5, 4, 3};
    if (wide) {
        while (m_tabs->count() > 0)
            m_tabs->removeTab(0);
        for (int i = 0; i < 3; ++i)
            static_cast<QHBoxLayout *>(m_row->layout())->addWidget(pages[i], stretch[i]);
        m_area->setCurrentWidget(m_row);
    } else {
        for (int i = 0; i < 3; ++i)
            m_tabs->addTab(pages[i], titles[i]);
        m_area->setCurrentWidget(m_tabs);
    }
    // Side by side every page shows; as tabs only the current one (showing the others would
    // draw them over it: the Compare-runs legend and list over the Histograms tab).
    if (wide)
        for (QWidget *p : pages)
            p->show();
    // Side by side the curves get the larger share and a legend of two rows (its one row
    // would push the learning signal aside); as a tab, curves and signal halve the width.
    auto *split = static_cast<QHBoxLayout *>(m_curvesPage->layout());
    split->setStretch(0, wide ? 3 : 1);
    split->setStretch(1, wide ? 2 : 1);
    m_curves->legend->setWrap(wide ? 2 : 0);
    m_curves->legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    m_curves->updateGeometry(); // its minimum width follows the legend's
    m_curvesDirty = m_dirty = true; // plots that were hidden replot once shown
}

void TrainingView::runStarted(bool active)
{
    if (active) {
        const Project &p = m_model->project();
        m_liveRun = m_runs->beginRun(describeRun(p, m_runProjects));
        if (m_runProjects.size() >= std::size_t(2 * RunComparison::kMaxRuns))
            m_runProjects.erase(m_runProjects.begin());
        m_runProjects.push_back(p);
        return;
    }
    // The run's final snapshot arrived before this (the worker publishes it before it reports
    // the end), so the run holds its whole history.
    m_runs->endRun(m_liveRun);
    m_liveRun = 0;
}

void TrainingView::updateControls()
{
    const bool active = m_controller->isActive();
    const bool paused = m_controller->state() == RunState::Paused;
    m_applyRate->setEnabled(!active || paused);
    m_eta->setEnabled(!active || paused);
    m_hidden->setEnabled(!active || paused);
    m_evaluate->setEnabled(!active || paused);
    if (!active) {
        m_eta->setValue(m_model->project().training.learningRate);
        m_hidden->setValue(m_model->project().training.hiddenLearningRateScale);
    }
}

void TrainingView::showProjectHistory()
{
    m_epochsShown = std::size_t(-1);
    showHistory(metricsFromHistory(m_model->project().history));
    updateControls();
}

void TrainingView::showHistory(const std::vector<EpochMetrics> &history)
{
    if (history.size() == m_epochsShown)
        return;
    m_epochsShown = history.size();
    m_history = history;
    QVector<double> x, tl, vl, ta, va;
    double top = 0.1;
    for (const auto &m : history) {
        x << m.epoch;
        tl << m.trainLoss;
        vl << m.testLoss;
        ta << m.trainAccuracy;
        va << m.testAccuracy;
        top = std::max({top, m.trainLoss, m.testLoss});
    }
    m_curves->graph(0)->setData(x, tl, true);
    m_curves->graph(1)->setData(x, vl, true);
    m_curves->graph(2)->setData(x, ta, true);
    m_curves->graph(3)->setData(x, va, true);
    m_curves->xAxis->setRange(0.5, std::max<double>(3, double(history.size())) + 0.5);
    m_curves->yAxis->setRange(0, top * 1.1);
    m_curvesDirty = true;
}

void TrainingView::clearRun()
{
    m_signal->graph(0)->data()->clear();
    m_signal->xAxis->setRange(0, kSignalWindow + 1);
    m_lastStep = 0;
    m_status->clear();
    m_health->clear();
    m_health->setVisible(false);
    m_histograms->showHistograms(nullptr);
    m_dirty = true;
}

QString TrainingView::healthText(const LearningHealth &h, bool rich)
{
    if (h.status == LearningHealth::Status::NoData)
        return {};
    const QString summary = QString::fromStdString(h.summary);
    if (!rich)
        return h.ok() ? summary : tr("Not learning: %1").arg(summary);
    if (h.ok())
        return tr("<b style='color:#2ca02c'>\u2714 %1</b>").arg(summary.toHtmlEscaped());
    return tr("<b style='color:#d62728'>\u26a0 Not learning: %1.</b> %2")
        .arg(summary.toHtmlEscaped(), QString::fromStdString(h.hint).toHtmlEscaped());
}

void TrainingView::showSnapshot(const SnapshotPtr &s)
{
    if (!s)
        return;
    const QString health = healthText(s->health, true);
    m_health->setText(health);
    m_health->setVisible(!health.isEmpty());
    m_health->setToolTip(QString::fromStdString(s->health.hint));
    showHistory(s->history);
    if (m_liveRun)
        m_runs->updateRun(m_liveRun, s->history);
    m_histograms->showHistograms(s->histograms);
    QCPGraph *g = m_signal->graph(0);
    if (s->globalStep < m_lastStep)
        g->data()->clear();
    m_lastStep = s->globalStep;
    for (std::size_t i = 0; i < s->learningSignal.size(); ++i)
        g->addData(double(s->learningSignalFirstStep + std::int64_t(i)), s->learningSignal[i]);
    const double x = double(s->globalStep);
    g->data()->removeBefore(x - kSignalWindow);
    fitStepTicks(m_signal->xAxis);
    if (s->detailed && s->stepsPerSample > 0) { // per-sample view: the sample's T steps
        const double lo = double(sampleStart(*s)) + 0.5;
        m_signal->xAxis->setRange(lo, lo + s->stepsPerSample);
    } else {
        m_signal->xAxis->setRange(std::max(0.0, x - kSignalWindow), std::max(kSignalWindow, x) + 1);
    }
    bool found = false;
    const QCPRange r = g->data()->valueRange(found);
    if (found)
        m_signal->yAxis->setRange(std::min(0.0, r.lower), std::max(0.1, r.upper * 1.1));
    const int epochs = runTarget(*s, m_model->project().training.epochs);
    const QString where = s->testing ? tr("testing %1 / %2").arg(s->testSample).arg(s->testSamples)
                                     : tr("sample %1 / %2").arg(s->sample).arg(s->samplesPerEpoch);
    const int total = std::max(epochs, s->epochsDone);
    if (allEpochsDone(*s, epochs)) {
        m_status->setText(tr("%1 of %2 epochs done (Train adds %3 more)")
                              .arg(s->epochsDone).arg(total).arg(std::max(1, m_model->project().training.epochs)));
        m_dirty = true;
        return;
    }
    QString status = tr("epoch %1 (of %2)   %3   step %4 / %5   %6 samples/s")
                         .arg(s->epoch)
                         .arg(total)
                         .arg(where)
                         .arg(s->step >= 0 ? QString::number(s->step + 1) : QStringLiteral("-"))
                         .arg(s->stepsPerSample)
                         .arg(s->samplesPerSecond, 0, 'f', 0);
    // A mini-batch (bptt's 256 by default): the forward passes run sample by sample, the
    // parameters change once, when the batch is complete.
    if (s->batchSize > 1 && !s->testing)
        status += tr("\n%1: batch sample %2 / %3 (the update comes at its end)%4")
                      .arg(s->method == "bptt" ? tr("bptt") : tr("local rule"))
                      // the sample in flight, or the last one done between samples
                      .arg(s->step >= 0 ? s->sample % s->batchSize + 1
                                        : (s->sample > 0 ? (s->sample - 1) % s->batchSize + 1 : 0))
                      .arg(s->batchSize)
                      .arg(std::isnan(s->lastBatchLoss)
                               ? QString()
                               : tr(" \u00b7 last batch loss %1").arg(s->lastBatchLoss, 0, 'f', 4));
    m_status->setText(status);
    m_dirty = true;
}

} // namespace sqsnn::lab

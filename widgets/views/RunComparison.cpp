#include "views/RunComparison.hpp"

#include "common/Error.hpp"
#include "views/PlotExport.hpp"
#include "views/PlotInclude.hpp"
#include "views/PlotStyle.hpp"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace sqsnn::lab {

namespace {

QColor runColour(int id)
{
    static const QColor palette[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(23, 190, 207)};
    return palette[(id - 1) % 8];
}

QString upper(const std::string &s) { return QString::fromStdString(s).toUpper(); }

QString kindsOf(const Project &p)
{
    QStringList kinds;
    for (const auto &pop : p.network.populations)
        if (pop.kind != "input" && !kinds.contains(upper(pop.kind)))
            kinds << upper(pop.kind);
    QString what = kinds.join(QLatin1Char('+'));
    if (kinds.contains(QStringLiteral("SQS")))
        what += QLatin1Char(' ') + QString::fromStdString(p.training.estimator);
    return what.isEmpty() ? QStringLiteral("empty network") : what;
}

} // namespace

QString describeRun(const Project &p, const std::vector<Project> &earlier)
{
    const QString what = kindsOf(p);
    const auto same = std::find_if(earlier.rbegin(), earlier.rend(),
                                   [&](const Project &e) { return kindsOf(e) == what; });
    if (same == earlier.rend())
        return what;
    const Project *previous = &*same;
    QStringList changed;
    const TrainingSpec &a = p.training, &b = previous->training;
    if (a.learningRate != b.learningRate)
        changed << QStringLiteral("lr %1").arg(a.learningRate);
    if (a.hiddenLearningRateScale != b.hiddenLearningRateScale)
        changed << QStringLiteral("hidden x%1").arg(a.hiddenLearningRateScale);
    if (a.optimizer != b.optimizer)
        changed << QString::fromStdString(a.optimizer);
    if (a.batchSize != b.batchSize)
        changed << QStringLiteral("batch %1").arg(a.batchSize);
    if (p.seed != previous->seed)
        changed << QStringLiteral("seed %1").arg(p.seed);
    const auto &pa = p.network.populations, &pb = previous->network.populations;
    for (std::size_t i = 0; i < pa.size() && i < pb.size(); ++i)
        if (pa[i].kind != "input" && pa[i].name == pb[i].name && pa[i].size != pb[i].size)
            changed << QStringLiteral("%1 %2").arg(QString::fromStdString(pa[i].name)).arg(pa[i].size);
    if (p.data.trainSamples != previous->data.trainSamples)
        changed << QStringLiteral("%1 train samples").arg(p.data.trainSamples);
    return changed.isEmpty() ? what : what + QStringLiteral(", ") + changed.join(QStringLiteral(", "));
}

RunComparison::RunComparison(QWidget *parent)
    : QWidget(parent), m_plot(new QCustomPlot), m_list(new QListWidget),
      m_keep(new QPushButton(tr("Keep"))), m_remove(new QPushButton(tr("Remove"))),
      m_load(new QPushButton(tr("Load metrics.csv…")))
{
    setObjectName(QStringLiteral("runComparison"));
    m_plot->setObjectName(QStringLiteral("runCurves"));
    m_plot->setToolTip(tr("Test accuracy (solid) and test loss (dashed) per epoch of every shown "
                          "run, one colour per run; right-click to export"));
    attachExportMenu(m_plot, QStringLiteral("run-comparison"), [this] {
        DataTable t;
        t.columns = QStringList{QStringLiteral("run"), QStringLiteral("epoch"),
                                QStringLiteral("test_loss"), QStringLiteral("test_accuracy")};
        for (const ComparedRun &r : m_runs)
            for (const EpochMetrics &m : r.history)
                t.rows << QStringList{r.label, QString::number(m.epoch), csvNumber(m.testLoss),
                                      csvNumber(m.testAccuracy)};
        return t;
    });
    m_plot->xAxis->setLabel(tr("epoch"));
    integerTicks(m_plot->xAxis);
    m_plot->yAxis->setLabel(tr("test loss (dashed)"));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setLabel(tr("test accuracy (solid)"));
    m_plot->yAxis2->setRange(0, 1);
    m_plot->legend->setFont(QFont(font().family(), 8));
    legendOnTop(m_plot);
    m_list->setObjectName(QStringLiteral("runList"));
    m_list->setToolTip(tr("Runs of this session: tick to show, Keep pins a run (kept runs are "
                          "never dropped to make room)"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_keep->setObjectName(QStringLiteral("keepRun"));
    m_keep->setCheckable(true);
    m_keep->setToolTip(tr("Keep (pin) the selected run"));
    m_remove->setObjectName(QStringLiteral("removeRun"));
    m_remove->setToolTip(tr("Remove the selected run from the comparison (not the live run)"));
    m_load->setObjectName(QStringLiteral("loadRun"));
    m_load->setToolTip(tr("Overlay a run of the command line (`sqsnn train` writes metrics.csv)"));

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_keep);
    buttons->addWidget(m_remove);
    auto *side = new QVBoxLayout;
    side->setContentsMargins(0, 0, 0, 0);
    side->addWidget(m_list, 1);
    side->addLayout(buttons);
    side->addWidget(m_load);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 3);
    layout->addLayout(side, 1);

    auto selectedId = [this] {
        const QListWidgetItem *item = m_list->currentItem();
        return item ? item->data(Qt::UserRole).toInt() : 0;
    };
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (!m_rebuilding)
            setRunVisible(item->data(Qt::UserRole).toInt(), item->checkState() == Qt::Checked);
    });
    connect(m_list, &QListWidget::currentItemChanged, this, [this, selectedId] {
        const ComparedRun *r = find(selectedId());
        m_keep->setEnabled(r);
        m_remove->setEnabled(r && !r->live);
        const QSignalBlocker block(m_keep);
        m_keep->setChecked(r && r->kept);
    });
    connect(m_keep, &QPushButton::toggled, this, [this, selectedId](bool on) { setRunKept(selectedId(), on); });
    connect(m_remove, &QPushButton::clicked, this, [this, selectedId] { removeRun(selectedId()); });
    connect(m_load, &QPushButton::clicked, this, &RunComparison::chooseCsv);
    rebuild();
}

ComparedRun *RunComparison::find(int id)
{
    for (auto &r : m_runs)
        if (r.id == id)
            return &r;
    return nullptr;
}

int RunComparison::add(ComparedRun run)
{
    run.id = m_nextId++;
    run.colour = runColour(m_nextNumber);
    run.label = tr("Run %1 — %2").arg(m_nextNumber++).arg(run.label);
    m_runs.push_back(std::move(run));
    makeRoom();
    rebuild();
    return m_runs.back().id;
}

void RunComparison::makeRoom()
{
    while (int(m_runs.size()) > kMaxRuns) {
        const auto victim = std::find_if(m_runs.begin(), m_runs.end(),
                                         [](const ComparedRun &r) { return !r.kept && !r.live; });
        if (victim == m_runs.end())
            return; // everything kept: the user decides
        m_runs.erase(victim);
    }
}

int RunComparison::beginRun(const QString &what)
{
    ComparedRun r;
    r.label = what;
    r.live = true;
    return add(std::move(r));
}

void RunComparison::updateRun(int id, const std::vector<EpochMetrics> &history)
{
    ComparedRun *r = find(id);
    if (!r || r->history.size() == history.size())
        return;
    r->history = history;
    rebuild();
}

void RunComparison::endRun(int id)
{
    ComparedRun *r = find(id);
    if (!r)
        return;
    r->live = false;
    if (r->history.empty() && !r->kept) {
        const bool last = r->id == m_nextId - 1;
        m_runs.erase(m_runs.begin() + (r - m_runs.data()));
        if (last) // nothing recorded: its number is free again
            --m_nextNumber;
    }
    rebuild();
}

int RunComparison::addRun(const QString &what, std::vector<EpochMetrics> history)
{
    ComparedRun r;
    r.label = what;
    r.history = std::move(history);
    return add(std::move(r));
}

bool RunComparison::loadMetricsCsv(const QString &path, QString *error)
{
    try {
        auto history = readMetricsCsv(path.toStdString());
        const QFileInfo info(path);
        addRun(tr("%1 (CLI)").arg(info.dir().dirName()), std::move(history));
        return true;
    } catch (const Error &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

void RunComparison::chooseCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load run from metrics.csv"), QString(),
                                                      tr("Metrics (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadMetricsCsv(path, &error))
        QMessageBox::warning(this, tr("Load run from metrics.csv"), error);
}

void RunComparison::setRunVisible(int id, bool visible)
{
    if (ComparedRun *r = find(id); r && r->visible != visible) {
        r->visible = visible;
        rebuild();
    }
}

void RunComparison::setRunKept(int id, bool kept)
{
    if (ComparedRun *r = find(id); r && r->kept != kept) {
        r->kept = kept;
        rebuild();
    }
}

void RunComparison::removeRun(int id)
{
    const auto it = std::find_if(m_runs.begin(), m_runs.end(), [&](const ComparedRun &r) { return r.id == id; });
    if (it == m_runs.end() || it->live)
        return;
    m_runs.erase(it);
    rebuild();
}

void RunComparison::rebuild()
{
    // The list: one checkable row per run, kept runs in bold, the selection kept.
    m_rebuilding = true;
    const int selected = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toInt() : 0;
    m_list->clear();
    for (const auto &r : m_runs) {
        auto *item = new QListWidgetItem(r.label + (r.live ? tr(" (live)") : QString()));
        item->setData(Qt::UserRole, r.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(r.visible ? Qt::Checked : Qt::Unchecked);
        item->setForeground(r.colour);
        QFont f = item->font();
        f.setBold(r.kept);
        item->setFont(f);
        item->setToolTip(r.kept ? tr("kept") : tr("dropped first when more than %1 runs are held").arg(kMaxRuns));
        m_list->addItem(item);
        if (r.id == selected)
            m_list->setCurrentItem(item);
    }
    m_rebuilding = false;
    const ComparedRun *cur = find(selected);
    m_keep->setEnabled(cur);
    m_remove->setEnabled(cur && !cur->live);
    {
        const QSignalBlocker block(m_keep);
        m_keep->setChecked(cur && cur->kept);
    }
    // The plot: accuracy (named, in the legend) and loss (dashed, not in it) per shown run.
    m_plot->clearGraphs();
    double lastEpoch = 3, topLoss = 0.1, lowAcc = 1;
    for (const auto &r : m_runs) {
        if (!r.visible)
            continue;
        QVector<double> x, acc, loss;
        for (const auto &m : r.history) {
            x << m.epoch;
            acc << m.testAccuracy;
            loss << m.testLoss;
            lastEpoch = std::max(lastEpoch, double(m.epoch));
            if (std::isfinite(m.testLoss))
                topLoss = std::max(topLoss, m.testLoss);
            if (std::isfinite(m.testAccuracy))
                lowAcc = std::min(lowAcc, m.testAccuracy);
        }
        QCPGraph *a = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
        a->setName(r.label);
        a->setPen(QPen(r.colour, 2));
        a->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        a->setData(x, acc, true);
        QCPGraph *l = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
        l->setPen(QPen(r.colour, 1.4, Qt::DashLine));
        l->setData(x, loss, true);
        l->removeFromLegend();
    }
    m_plot->xAxis->setRange(0.5, lastEpoch + 0.5);
    m_plot->yAxis->setRange(0, topLoss * 1.1);
    // Accuracy from a tenth below the lowest shown (runs near 100% stay apart) up to 1.
    m_plot->yAxis2->setRange(std::max(0.0, std::floor(lowAcc * 10 - 0.5) / 10), 1.0);
    m_dirty = true;
}

void RunComparison::replotIfDirty()
{
    if (!m_dirty || !m_plot->isVisible())
        return;
    m_dirty = false;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace sqsnn::lab

#include "experiment/ExperimentWindow.hpp"

#include "experiment/ExperimentRunner.hpp"
#include "experiment/ExperimentSetup.hpp"
#include "experiment/ExperimentSummaryChart.hpp"
#include "views/PlotStyle.hpp"
#include "experiment/ExperimentTables.hpp"
#include "plots/ExperimentPlot.hpp"
#include "common/Error.hpp"
#include "project/ProjectIo.hpp"
#include "project/ProjectValidation.hpp"
#include "views/PlotInclude.hpp"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sqsnn::lab {

namespace {

QString settingsKey(const QString &experimentPath)
{
    return QStringLiteral("experiment/out/")
           + QString::fromLatin1(QFileInfo(experimentPath).absoluteFilePath().toUtf8().toHex());
}

QString duration(double seconds)
{
    if (seconds < 90)
        return QObject::tr("%1 s").arg(seconds, 0, 'f', seconds < 10 ? 1 : 0);
    if (seconds < 5400)
        return QObject::tr("%1 min").arg(seconds / 60, 0, 'f', 1);
    return QObject::tr("%1 h").arg(seconds / 3600, 0, 'f', 1);
}

bool writeText(const QString &file, const QString &text)
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(text.toUtf8()) >= 0;
}

} // namespace

ExperimentWindow::ExperimentWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("experimentWindow"));
    setWindowTitle(tr("Experiment"));
    m_setup = new ExperimentSetup;
    m_runner = new ExperimentRunner(this);
    m_chart = new ExperimentSummaryChart;
    m_cells = new QTableWidget;
    m_cells->setObjectName(QStringLiteral("experimentCells"));
    m_cells->verticalHeader()->hide();
    m_results = new QTableWidget;
    m_results->setObjectName(QStringLiteral("experimentResults"));
    m_results->verticalHeader()->hide();
    m_metric = new QComboBox;
    for (const QString &m : experimentPlotMetrics())
        m_metric->addItem(experimentMetricLabel(m), m);
    auto *curvesPage = new QWidget;
    m_curvesLayout = new QVBoxLayout(curvesPage);
    m_curvesLayout->addWidget(m_metric, 0, Qt::AlignLeft);
    m_tabs = new QTabWidget;
    m_tabs->addTab(m_cells, tr("Cells"));
    m_tabs->addTab(m_results, tr("Results"));
    m_tabs->addTab(curvesPage, tr("Learning curves"));
    m_tabs->addTab(m_chart, tr("Summary chart"));

    m_out = new QLineEdit;
    m_jobsBox = new QSpinBox;
    m_jobsBox->setRange(1, 64);
    m_tiny = new QCheckBox(tr("tiny slice (1 seed, 1 epoch, 20/10 samples)"));
    m_estimate = new QLabel;
    m_estimate->setObjectName(QStringLiteral("experimentEstimate"));
    m_estimate->setWordWrap(true);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("experimentMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *runForm = new QFormLayout;
    runForm->addRow(tr("Output folder"), m_out);
    runForm->addRow(tr("Cells in parallel"), m_jobsBox);
    runForm->addRow(QString(), m_tiny);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(m_setup, 1);
    leftLayout->addLayout(runForm);
    leftLayout->addWidget(m_estimate);
    leftLayout->addWidget(m_message);
    auto *split = new QSplitter;
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 1);
    split->setSizes({560, 700});
    setCentralWidget(split);
    m_poll = new QTimer(this);
    m_poll->setInterval(250);
    buildActions();

    connect(m_setup, &ExperimentSetup::changed, this, [this] {
        m_calibration.reset();
        refreshCells();
        updateActions();
    });
    connect(m_out, &QLineEdit::editingFinished, this, [this] { refreshCells(); refreshResults(); });
    connect(m_tiny, &QCheckBox::toggled, this, [this] { refreshCells(); });
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { refreshResults(); });
    connect(m_poll, &QTimer::timeout, this, [this] { refreshCells(); });
    connect(m_runner, &ExperimentRunner::cellEpoch, this, [this] { refreshResults(); });
    connect(m_runner, &ExperimentRunner::finished, this, [this](bool complete, const QString &error) {
        m_runner->wait();
        m_poll->stop();
        refreshCells();
        refreshResults();
        if (!error.isEmpty())
            showMessage(error, true);
        else
            showMessage(complete ? tr("Grid done: %1/results.csv and summary.md written.").arg(outDir())
                                 : tr("Stopped. Finished epochs are in the checkpoints; Run resumes."),
                        false);
        m_running.reset();
        updateActions();
        Q_EMIT runFinished(complete, error);
    });
    connect(m_runner, &ExperimentRunner::calibrated, this,
            [this](const ExperimentCalibration &cal, const QString &error) {
                m_runner->wait();
                if (!error.isEmpty()) {
                    showMessage(error, true);
                } else {
                    m_calibration = cal;
                    QStringList per;
                    for (const auto &m : cal.models)
                        per << tr("%1%2: %3 ms per training sample")
                                   .arg(QString::fromStdString(m.model),
                                        m.method.empty() ? QString() : QStringLiteral(" [%1]").arg(QString::fromStdString(m.method)))
                                   .arg(m.trainSampleSeconds * 1000, 0, 'g', 3);
                    showMessage(tr("Calibrated (a few samples of each model): ") + per.join(QStringLiteral("; ")), false);
                }
                refreshCells();
                updateActions();
            });
    connect(m_cells, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const QTableWidgetItem *it = m_cells->item(row, 0);
        const QString path = it ? it->data(kCheckpointRole).toString() : QString();
        if (!path.isEmpty() && QFileInfo::exists(path))
            Q_EMIT openProject(path);
        else
            showMessage(tr("This run has no checkpoint yet: %1").arg(path), true);
    });
    newExperiment(QStringLiteral(SQSNN_PROJECTS_DIR "/quickstart.sqsnn.json"));
    resize(1240, 760);
}

ExperimentWindow::~ExperimentWindow()
{
    m_runner->stop();
    m_runner->wait();
}

void ExperimentWindow::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #d9534f;") : QString());
}

QString ExperimentWindow::message() const
{
    return m_message->text();
}

QString ExperimentWindow::defaultOutDir() const
{
    const QString stem = m_setup->path().isEmpty()
                             ? QStringLiteral("untitled")
                             : QFileInfo(m_setup->path()).fileName().section(u'.', 0, 0);
    return QDir::current().filePath(QStringLiteral("out/experiments/") + stem
                                    + (m_tiny->isChecked() ? QStringLiteral("-tiny") : QString()));
}

void ExperimentWindow::setOutDir(const QString &dir)
{
    m_out->setText(dir);
    refreshCells();
    refreshResults();
}

QString ExperimentWindow::outDir() const
{
    return m_out->text().trimmed().isEmpty() ? defaultOutDir() : m_out->text().trimmed();
}

void ExperimentWindow::setJobs(int jobs)
{
    m_jobsBox->setValue(jobs);
}

bool ExperimentWindow::isRunning() const
{
    return m_runner->isRunning();
}

QString ExperimentWindow::command() const
{
    return QStringLiteral("sqsnn experiment %1 --out %2 --jobs %3%4")
        .arg(m_setup->path().isEmpty() ? QStringLiteral("untitled.experiment.json") : m_setup->path(),
             outDir())
        .arg(m_jobsBox->value())
        .arg(m_tiny->isChecked() ? QStringLiteral(" --tiny") : QString());
}

void ExperimentWindow::newExperiment(const QString &baseProject)
{
    nlohmann::json doc = {{"title", "New experiment"},
                          {"base", baseProject.toStdString()},
                          {"seeds", {1, 2, 3}},
                          {"models", {{{"name", "SQSNN"}}, {{"name", "GLM"}, {"kind", "glm"}}}}};
    m_resultsCsv.clear();
    m_setup->setDocument(doc, QString());
    m_out->clear();
    showMessage(QString(), false);
    refreshCells();
    refreshResults();
}

bool ExperimentWindow::openExperiment(const QString &path)
{
    if (isRunning()) {
        showMessage(tr("Stop the running grid first."), true);
        return false;
    }
    nlohmann::json doc;
    try {
        std::ifstream in(path.toStdString(), std::ios::binary);
        if (!in)
            throw InputError(path.toStdString() + ": cannot open the file");
        std::stringstream s;
        s << in.rdbuf();
        doc = parseProjectText(s.str(), path.toStdString());
    } catch (const std::exception &e) {
        showMessage(QString::fromStdString(e.what()), true);
        return false;
    }
    m_resultsCsv.clear();
    m_setup->setDocument(doc, QFileInfo(path).absoluteFilePath());
    m_out->setText(QSettings().value(settingsKey(path)).toString());
    refreshCells();
    refreshResults();
    if (!m_setup->experiment()) {
        showMessage(m_setup->error(), true);
        return false;
    }
    showMessage(tr("Opened %1").arg(path), false);
    return true;
}

bool ExperimentWindow::saveExperiment(const QString &path)
{
    const QString old = m_setup->path();
    const nlohmann::json oldDoc = m_setup->document();
    // A relative base stays the same file when the experiment is saved elsewhere.
    nlohmann::json doc = oldDoc;
    if (doc.contains("base") && doc["base"].is_string() && !old.isEmpty()) {
        const QString base = QString::fromStdString(doc["base"].get<std::string>());
        if (QFileInfo(base).isRelative()) {
            const QString abs = QFileInfo(old).dir().absoluteFilePath(base);
            doc["base"] = QFileInfo(path).absoluteDir().relativeFilePath(abs).toStdString();
        }
    }
    m_setup->setDocument(doc, QFileInfo(path).absoluteFilePath());
    if (!m_setup->experiment()) {
        // Keep the user's file: an invalid experiment is never written over it.
        const QString error = m_setup->error();
        m_setup->setDocument(oldDoc, old);
        showMessage(tr("Not saved: %1").arg(error), true);
        return false;
    }
    if (!writeText(path, QString::fromStdString(m_setup->document().dump(2)) + u'\n')) {
        m_setup->setDocument(oldDoc, old);
        showMessage(tr("%1: cannot write the file").arg(path), true);
        return false;
    }
    showMessage(tr("Saved %1 (run it with: sqsnn experiment %1)").arg(path), false);
    return true;
}

bool ExperimentWindow::openResults(const QString &dir)
{
    const QString csv = QDir(dir).filePath(QStringLiteral("results.csv"));
    std::vector<ExperimentRow> rows;
    try {
        rows = readExperimentResultsCsv(csv.toStdString());
    } catch (const std::exception &e) {
        showMessage(QString::fromStdString(e.what()), true);
        return false;
    }
    m_resultsCsv = csv;
    m_rows = rows;
    m_out->setText(dir);
    refreshCells();
    refreshResults();
    showMessage(tr("Opened the results in %1").arg(dir), false);
    return true;
}

bool ExperimentWindow::calibrate()
{
    const auto &e = m_setup->experiment();
    if (!e) {
        showMessage(m_setup->error(), true);
        return false;
    }
    showMessage(tr("Calibrating…"), false);
    const bool ok = m_runner->calibrate(*e, outDir(), m_jobsBox->value(), m_tiny->isChecked());
    updateActions();
    return ok;
}

bool ExperimentWindow::run()
{
    const auto &e = m_setup->experiment();
    if (!e) {
        showMessage(m_setup->error(), true);
        return false;
    }
    if (isRunning())
        return false;
    m_resultsCsv.clear();
    m_running = *e;
    m_out->setText(outDir());
    if (!m_setup->path().isEmpty())
        QSettings().setValue(settingsKey(m_setup->path()), outDir());
    m_cellList = experimentCells(*e, outDir().toStdString(), m_tiny->isChecked());
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    if (!m_runner->start(*e, outDir(), m_jobsBox->value(), m_tiny->isChecked(), command()))
        return false;
    showMessage(tr("Running %1 cells…").arg(m_cellList.size()), false);
    m_poll->start();
    updateActions();
    return true;
}

void ExperimentWindow::stop()
{
    m_runner->stop();
}

void ExperimentWindow::pause()
{
    m_runner->pauseAtEpochEnd();
    showMessage(tr("Pausing at the end of the next epoch…"), false);
}

void ExperimentWindow::updateActions()
{
    const bool running = isRunning();
    const bool valid = m_setup->experiment().has_value();
    m_runAction->setEnabled(valid && !running);
    // "Resume" when some work is in the checkpoints and some is left.
    int started = 0, done = 0;
    const int epochs = m_setup->experiment()
                           ? experimentCellEpochs(*m_setup->experiment(), m_tiny->isChecked())
                           : 0;
    for (const auto &c : m_cellList) {
        const int k = epochsDone(c);
        started += k > 0;
        done += k >= epochs && QFileInfo::exists(QString::fromStdString(c.checkpoint));
    }
    const bool resumable = started > 0 && done < int(m_cellList.size());
    m_runAction->setText(resumable ? tr("Resume") : tr("Run"));
    m_calibrateAction->setEnabled(valid && !running);
    m_pauseAction->setEnabled(running && m_running.has_value());
    m_stopAction->setEnabled(running && m_running.has_value());
    m_setup->setEnabled(!running);
    m_out->setEnabled(!running);
    m_jobsBox->setEnabled(!running);
    m_tiny->setEnabled(!running);
}

int ExperimentWindow::epochsDone(const ExperimentCell &c)
{
    // The poll reads the checkpoints every 250 ms: parse each only when it changed.
    const QFileInfo info(QString::fromStdString(c.checkpoint));
    if (!info.exists())
        return 0;
    const qint64 stamp = info.lastModified().toMSecsSinceEpoch() ^ (info.size() << 20);
    auto &entry = m_doneCache[c.checkpoint];
    if (entry.first != stamp || stamp == 0) {
        try {
            entry = {stamp, experimentCellEpochsDone(c)};
        } catch (const std::exception &) {
            entry = {0, 0}; // half-written or damaged: the runner's message says more
        }
    }
    return entry.second;
}

void ExperimentWindow::refreshCells()
{
    const Experiment *e = m_running ? &*m_running
                                    : m_setup->experiment() ? &*m_setup->experiment() : nullptr;
    if (!e) {
        m_cells->setRowCount(0);
        m_estimate->setText(QString());
        return;
    }
    if (!m_running)
        m_cellList = experimentCells(*e, outDir().toStdString(), m_tiny->isChecked());
    // What the checkpoints on disk hold, overlaid with the runner's live progress.
    std::map<std::string, CellProgress> progress = m_runner->cellProgress();
    double remaining = 0, total = 0;
    const int epochs = experimentCellEpochs(*e, m_tiny->isChecked());
    for (const auto &c : m_cellList) {
        CellProgress &p = progress[c.checkpoint];
        if (!p.running) {
            p.epochsDone = std::min(epochs, epochsDone(c));
            p.epochs = epochs;
            p.finished = p.epochsDone >= epochs && std::filesystem::exists(c.checkpoint);
        }
        double fraction = epochs > 0 ? double(p.epochsDone) / epochs : 1.0;
        if (p.running && p.samples > 0 && epochs > 0 && p.epoch == p.epochsDone + 1)
            fraction += double(p.sample) / p.samples / epochs;
        if (m_calibration)
            for (const auto &m : m_calibration->models)
                if (m.model == e->models[c.model].name && m.method == c.method) {
                    // A cell not started yet still loads its data once.
                    remaining += (p.running || fraction >= 1 ? 0.0 : m.setupSeconds)
                                 + m.cellSeconds * (1 - fraction);
                    total += m.setupSeconds + m.cellSeconds;
                }
    }
    fillCellTable(m_cells, *e, m_cellList, progress);
    m_cells->setColumnHidden(1, e->methods.empty());
    const std::size_t methods = std::max<std::size_t>(1, e->methods.size());
    QString text = tr("Grid: %1 models x %2 methods x %3 seeds = %4 cells, %5 epochs each.")
                       .arg(e->models.size())
                       .arg(methods)
                       .arg(m_tiny->isChecked() ? 1 : e->seeds.size())
                       .arg(m_cellList.size())
                       .arg(epochs);
    const int jobs = std::max(1, std::min<int>(m_jobsBox->value(), int(m_cellList.size())));
    if (m_calibration)
        text += tr(" Estimated %1 of %2 remaining (calibrated, %3 in parallel).")
                    .arg(duration(remaining / jobs), duration(total / jobs))
                    .arg(jobs);
    else
        text += tr(" Calibrate for an estimated duration.");
    m_estimate->setText(text);
}

void ExperimentWindow::refreshResults()
{
    if (m_resultsCsv.isEmpty()) {
        const Experiment *e = m_running ? &*m_running
                                        : m_setup->experiment() ? &*m_setup->experiment() : nullptr;
        m_rows = e ? experimentRows(*e, m_cellList) : std::vector<ExperimentRow>{};
    }
    fillResultTable(m_results, m_rows);
    m_results->setColumnHidden(1, std::none_of(m_rows.begin(), m_rows.end(),
                                               [](const ExperimentRow &r) { return !r.method.empty(); }));
    // The title: an opened folder's (its summary.md heading, else the folder's name), else the
    // experiment's.
    QString title = m_setup->experiment() ? QString::fromStdString(m_setup->experiment()->title)
                                          : QString();
    if (!m_resultsCsv.isEmpty()) {
        ExperimentCurves opened;
        if (readExperimentCurves(m_resultsCsv, QStringLiteral("test_accuracy"), &opened, nullptr))
            title = opened.title;
    }
    m_chart->setRows(m_rows, title.isEmpty() ? QString() : title);
    // The curves read a results.csv: the opened one, or the live rows written to a temp file.
    delete m_curves;
    m_curves = new QCustomPlot;
    m_curves->setObjectName(QStringLiteral("experimentCurves"));
    m_curvesLayout->addWidget(m_curves, 1);
    if (m_rows.empty())
        return;
    QTemporaryDir tmp;
    QString csv = m_resultsCsv;
    if (csv.isEmpty()) {
        csv = tmp.filePath(QStringLiteral("results.csv"));
        writeText(csv, QString::fromStdString(experimentResultsCsv(m_rows)));
    }
    ExperimentCurves curves;
    QString error;
    if (readExperimentCurves(csv, m_metric->currentData().toString(), &curves, &error)) {
        if (m_resultsCsv.isEmpty())
            curves.title = title.isEmpty() ? tr("Experiment") : title;
        plotExperimentCurves(m_curves, curves); // the figure's colours (as --plot-results)...
        applyPlotPalette(m_curves, palette());  // ...in the window's theme (dark stays dark)
        m_curves->replot();
    } else {
        showMessage(error, true);
    }
}

void ExperimentWindow::closeEvent(QCloseEvent *event)
{
    // Closing mid-grid stops it; the checkpoints keep every finished epoch, and opening the
    // experiment again (its output folder is remembered) resumes.
    m_runner->stop();
    m_runner->wait();
    QMainWindow::closeEvent(event);
}

void ExperimentWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        m_chart->applyTheme();
        if (m_curves) {
            applyPlotPalette(m_curves, palette());
            m_curves->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    QMainWindow::changeEvent(event);
}

} // namespace sqsnn::lab

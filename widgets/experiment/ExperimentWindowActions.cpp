// The Experiment window's toolbar and its exports (table as CSV/Markdown, charts as PNG/SVG).
#include "experiment/ExperimentWindow.hpp"

#include "experiment/ExperimentRunner.hpp"
#include "experiment/ExperimentSetup.hpp"
#include "experiment/ExperimentSummaryChart.hpp"
#include "experiment/ExperimentTables.hpp"
#include "plots/ExperimentPlot.hpp"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QToolBar>

namespace sqsnn::lab {

namespace {

bool writeText(const QString &file, const QString &text)
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(text.toUtf8()) >= 0;
}

} // namespace

void ExperimentWindow::buildActions()
{
    QToolBar *bar = addToolBar(tr("Experiment"));
    bar->setObjectName(QStringLiteral("experimentToolbar"));
    auto add = [&](const QString &text, const QString &tip, auto slot) {
        QAction *a = bar->addAction(text);
        a->setToolTip(tip);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    add(tr("Open…"), tr("Open an experiment file (*.experiment.json)"), [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(),
                                                       tr("Experiments (*.experiment.json)"));
        if (!f.isEmpty())
            openExperiment(f);
    });
    add(tr("Open Results…"), tr("Open an experiment's output folder (results.csv, runs/)"), [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Open results folder"));
        if (!d.isEmpty())
            openResults(d);
    });
    add(tr("Save As…"), tr("Save the experiment in the CLI's format"), [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save experiment"), m_setup->path(),
                                                       tr("Experiments (*.experiment.json)"));
        if (!f.isEmpty())
            saveExperiment(f);
    });
    bar->addSeparator();
    m_calibrateAction = add(tr("Calibrate"), tr("Time a few samples of each model to estimate the grid's duration"),
                            [this] { calibrate(); });
    m_runAction = add(tr("Run"), tr("Run the grid, or resume it from its checkpoints"), [this] { run(); });
    m_pauseAction = add(tr("Pause"), tr("Stop at the end of the next finished epoch (Run resumes)"), [this] { pause(); });
    m_stopAction = add(tr("Stop"), tr("Stop every cell after its current time step; the epoch in flight is redone on resume"),
                       [this] { stop(); });
    bar->addSeparator();
    add(tr("Export Table…"), tr("The results table as CSV or Markdown"), [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export table"), QString(),
                                                       tr("CSV (*.csv);;Markdown (*.md)"));
        if (!f.isEmpty())
            exportTable(f);
    });
    add(tr("Export Charts…"), tr("The learning curves and the summary chart as PNG or SVG"), [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export charts (the summary chart gets -summary)"),
                                                       QString(), tr("PNG (*.png);;SVG (*.svg)"));
        if (f.isEmpty())
            return;
        const QFileInfo fi(f);
        const QString summary = fi.dir().filePath(fi.completeBaseName() + QStringLiteral("-summary.") + fi.suffix());
        if (exportCurves(f) && exportChart(summary))
            showMessage(tr("Wrote %1 and %2").arg(f, summary), false);
    });
}

bool ExperimentWindow::exportTable(const QString &file)
{
    const bool md = QFileInfo(file).suffix().compare(QLatin1String("md"), Qt::CaseInsensitive) == 0;
    if (!writeText(file, md ? resultsTableMarkdown(m_rows) : resultsTableCsv(m_rows))) {
        showMessage(tr("%1: cannot write the file").arg(file), true);
        return false;
    }
    return true;
}

bool ExperimentWindow::exportCurves(const QString &file)
{
    if (m_rows.empty()) {
        showMessage(tr("No results to plot yet."), true);
        return false;
    }
    QTemporaryDir tmp;
    QString csv = m_resultsCsv;
    if (csv.isEmpty()) {
        csv = tmp.filePath(QStringLiteral("results.csv"));
        writeText(csv, QString::fromStdString(experimentResultsCsv(m_rows)));
    }
    ExperimentCurves curves;
    QString error;
    if (!readExperimentCurves(csv, m_metric->currentData().toString(), &curves, &error)
        || !writeExperimentPlot(curves, file, &error)) {
        showMessage(error, true);
        return false;
    }
    return true;
}

bool ExperimentWindow::exportChart(const QString &file)
{
    QString error;
    if (!m_chart->exportTo(file, &error)) {
        showMessage(error, true);
        return false;
    }
    return true;
}

} // namespace sqsnn::lab

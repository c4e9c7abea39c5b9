#include "window/RunReport.hpp"

#include "model/CoreBridge.hpp"
#include "model/ProjectModel.hpp"
#include "training/Metrics.hpp"
#include "views/ActivityView.hpp"
#include "views/BlochSphereWidget.hpp"
#include "views/CircuitWidget.hpp"
#include "views/DensityMatrixWidget.hpp"
#include "views/NeuronView.hpp"
#include "views/PlotExport.hpp"
#include "views/TrainingView.hpp"
#include "window/MainWindow.hpp"

#include "views/PlotInclude.hpp"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cmath>

namespace sqsnn::lab {

namespace {

// One figure of the report: the widget, its file name and the data behind it (optional).
struct Figure
{
    QWidget *widget;
    QString name;
    QString what;
    DataSource data;
    QSize size;
};

QString percent(double v)
{
    return std::isfinite(v) ? QStringLiteral("%1 %").arg(100 * v, 0, 'f', 1) : QStringLiteral("-");
}

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("-");
}

QString md(const std::string &text)
{
    return QString::fromStdString(text).replace(u'|', QStringLiteral("\\|"));
}

} // namespace

ReportFolder reportFolderState(const QString &folder)
{
    const QDir dir(folder);
    if (!dir.exists() || dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden
                                     | QDir::System))
        return ReportFolder::Empty;
    QFile readme(dir.filePath(QStringLiteral("README.md")));
    if (readme.open(QIODevice::ReadOnly | QIODevice::Text)
        && QString::fromUtf8(readme.readLine()).trimmed() == QLatin1String(kRunReportMarker))
        return ReportFolder::Report;
    return ReportFolder::Other;
}

bool writeRunReport(MainWindow *window, const QString &folder, QStringList *files, QString *error)
{
    const QDir dir(folder);
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir())
        return fail(QObject::tr("%1: is a file, not a folder").arg(QDir::toNativeSeparators(folder)));
    if (!QDir().mkpath(folder))
        return fail(QObject::tr("%1: cannot create the folder").arg(QDir::toNativeSeparators(folder)));
    QStringList written;
    auto write = [&](const QString &rel, const QByteArray &data) {
        QString why;
        if (!writeFileAtomically(dir.filePath(rel), data, &why))
            return fail(why);
        written << rel;
        return true;
    };

    const ProjectModel *model = window->model();
    const Project &project = model->project();

    // The project, exactly as File > Save writes it (atomic, through the core).
    try {
        save(project, dir.filePath(QStringLiteral("project.sqsnn.json")).toStdString());
    } catch (const std::exception &e) {
        return fail(QString::fromUtf8(e.what()));
    }
    written << QStringLiteral("project.sqsnn.json");

    const std::vector<EpochMetrics> history = metricsFromHistory(project.history);
    if (!write(QStringLiteral("metrics.csv"), QByteArray::fromStdString(metricsCsv(history))))
        return false;

    // Figures: the training curves always; the other views when they show something.
    TrainingView *training = window->trainingView();
    ActivityView *activity = window->activityView();
    NeuronView *neuron = window->neuronView();
    const QSize wide(1000, 600), own; // QPainter views: at their size on screen
    std::vector<Figure> figures = {
        {training->curves(), QStringLiteral("training-curves"), QObject::tr("loss and accuracy per epoch"), {}, wide},
        {training->signalPlot(), QStringLiteral("learning-signal"), QObject::tr("learning signal l_t over the last steps"),
         [training] { return training->signalTable(); }, wide},
        {activity->raster(), QStringLiteral("spike-raster"), QObject::tr("spikes of every population over the last steps"),
         [activity] { return activity->rasterTable(); }, wide},
        {activity->readout(), QStringLiteral("readout"), QObject::tr("readout firing probabilities at the last step"),
         [activity] { return activity->readoutTable(); }, QSize(600, 400)},
        {neuron->plot(), QStringLiteral("neuron-traces"), QObject::tr("watched neuron: p(spike), memory purity and entropy"),
         [neuron] { return neuron->traceTable(); }, wide},
        {neuron->matrix(), QStringLiteral("memory-density-matrix"), QObject::tr("watched neuron: memory density matrix (last step)"),
         [neuron] { return neuron->memoryTable(); }, own},
    };
    const int io = [&] {
        const int pop = neuron->watchedPopulation();
        return pop >= 0 && pop < int(project.network.populations.size())
                   ? project.network.populations[std::size_t(pop)].ioQubits : 0;
    }();
    for (int q = 0; q < int(neuron->spheres().size()); ++q)
        figures.push_back({neuron->spheres()[std::size_t(q)], exportName(neuron->spheres()[std::size_t(q)]),
                           q < io ? QObject::tr("watched neuron: Bloch vector of I/O qubit %1").arg(q)
                                  : QObject::tr("watched neuron: Bloch vector of memory qubit %1").arg(q - io),
                           [neuron, q] { return neuron->blochTable(q); }, own});
    QStringList figureLines, skipped;
    for (const Figure &f : figures) {
        DataTable table;
        if (f.data) {
            table = f.data();
            if (table.empty()) {
                skipped << f.name;
                continue;
            }
        }
        const QString png = QStringLiteral("figures/%1.png").arg(f.name);
        const QString svg = QStringLiteral("figures/%1.svg").arg(f.name);
        // QPainter views at twice their size on screen (crisp in a document).
        const QSize size = f.size.isValid() ? f.size : f.widget->isVisible() ? f.widget->size() * 2 : QSize();
        if (!write(png, renderPng(f.widget, size)) || !write(svg, renderSvg(f.widget, size, f.name)))
            return false;
        QString line = QStringLiteral("- `%1`, `%2`: %3").arg(png, svg, f.what);
        if (f.data) {
            const QString csv = QStringLiteral("data/%1.csv").arg(f.name);
            if (!write(csv, toCsv(table)))
                return false;
            line += QStringLiteral("; data in `%1` (%2 row(s): %3)")
                        .arg(csv)
                        .arg(table.rows.size())
                        .arg(table.columns.join(QStringLiteral(", ")));
        }
        figureLines << line;
    }
    if (neuron->circuit()->columns() > 2) {
        const QString png = QStringLiteral("figures/circuit.png"), svg = QStringLiteral("figures/circuit.svg");
        QWidget *c = neuron->circuit();
        const QSize size = c->isVisible() ? c->size() * 2 : QSize();
        if (!write(png, renderPng(c, size)) || !write(svg, renderSvg(c, size, QStringLiteral("circuit"))))
            return false;
        figureLines << QStringLiteral("- `%1`, `%2`: the watched neuron's circuit for one time step, with its current angles").arg(png, svg);
    } else {
        skipped << QStringLiteral("circuit");
    }

    // README.md: the summary.
    QString text;
    QTextStream out(&text);
    out << kRunReportMarker << "\n";
    out << "# Run report: " << QString::fromStdString(project.title.empty() ? model->displayName().toStdString() : project.title) << "\n\n";
    const QString version = QApplication::applicationVersion();
    out << "Written by SQSNN Lab" << (version.isEmpty() ? QString() : u' ' + version) << " on "
        << QDateTime::currentDateTime().toString(Qt::ISODate) << " from "
        << (model->filePath().isEmpty() ? QStringLiteral("an unsaved project")
                                        : QStringLiteral("`%1`").arg(QDir::toNativeSeparators(model->filePath())))
        << (model->isModified() ? " (with unsaved changes)" : "") << ".\n\n";
    if (!project.description.empty())
        out << QString::fromStdString(project.description) << "\n\n";
    out << "## Network\n\n";
    out << project.network.populations.size() << " populations, " << project.network.projections.size()
        << " projections, " << model->parameterCount() << " trainable parameters"
        << (model->issues().empty() ? "" : QStringLiteral(" (%1 problems: see the lab's log)").arg(model->issues().size()))
        << ".\n\n| population | kind | size | qubits (I/O + memory) | readout |\n|---|---|---|---|---|\n";
    for (const auto &p : project.network.populations)
        out << "| " << md(p.name) << " | " << md(p.kind) << " | "
            << (p.kind == "input" && p.size == 0 ? QStringLiteral("%1 (from the data)").arg(model->inputLines())
                                                 : QString::number(p.size))
            << " | "
            << (p.kind == "sqs" ? QStringLiteral("%1 + %2").arg(p.ioQubits).arg(p.memoryQubits) : QStringLiteral("-"))
            << " | " << (p.readout ? "yes" : "") << " |\n";
    out << "\n## Data and training\n\n";
    const DataSpec &d = project.data;
    out << "- data: " << QString::fromStdString(d.dataset) << ", " << (d.trainSamples ? QString::number(d.trainSamples) : QStringLiteral("all"))
        << " training / " << (d.testSamples ? QString::number(d.testSamples) : QStringLiteral("all")) << " test samples, "
        << d.timeSteps << " time steps, encoder " << QString::fromStdString(d.encoder) << "\n";
    const TrainingSpec &t = project.training;
    out << "- training: " << t.epochs << " epoch(s) set, estimator " << QString::fromStdString(t.estimator)
        << ", optimizer " << QString::fromStdString(t.optimizer) << ", learning rate " << t.learningRate
        << ", batch " << t.batchSize << ", seed " << qulonglong(project.seed) << "\n";
    if (history.empty()) {
        out << "- no epoch recorded yet (train the project in the lab or with `sqsnn train`)\n";
    } else {
        const EpochMetrics &last = history.back();
        out << "- " << history.size() << " epoch(s) recorded; last (epoch " << last.epoch << "): train loss "
            << number(last.trainLoss) << ", train accuracy " << percent(last.trainAccuracy) << ", test loss "
            << number(last.testLoss) << ", test accuracy " << percent(last.testAccuracy) << "\n";
        const EpochMetrics *best = nullptr;
        for (const auto &m : history)
            if (std::isfinite(m.testAccuracy) && (!best || m.testAccuracy > best->testAccuracy))
                best = &m;
        if (best)
            out << "- best test accuracy " << percent(best->testAccuracy) << " at epoch " << best->epoch << "\n";
    }
    out << "\n## Files\n\n";
    out << "- `project.sqsnn.json`: the project (open it in the lab, or run `sqsnn train`, `sqsnn eval`, "
           "`sqsnn export-qasm` on it)\n";
    out << "- `metrics.csv`: one row per recorded epoch; columns "
        << QString::fromStdString(metricsCsvHeader()).replace(u',', QStringLiteral(", "))
        << " (losses are mean learning signals per step, accuracies fractions 0..1, seconds the "
           "epoch's wall time)\n";
    for (const QString &line : figureLines)
        out << line << "\n";
    if (!skipped.isEmpty())
        out << "\nNot included (the view showed nothing; train or step the network in the lab first): "
            << skipped.join(QStringLiteral(", ")) << ".\n";
    out << "\nThe CSV columns are described in `docs/exports.md` of SQSNN Lab.\n";
    out.flush();
    if (!write(QStringLiteral("README.md"), text.toUtf8()))
        return false;
    if (files)
        *files = written;
    return true;
}

} // namespace sqsnn::lab

#include "window/ExportController.hpp"

#include "model/ProjectModel.hpp"
#include "training/QasmExport.hpp"
#include "training/Trainer.hpp"
#include "views/NeuronView.hpp"
#include "views/PlotExport.hpp"
#include "window/MainWindow.hpp"
#include "window/Prompter.hpp"
#include "window/RunReport.hpp"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>

#include <memory>

namespace sqsnn::lab {

namespace {

// A wait cursor while the core loads data and runs a sample.
struct WaitCursor
{
    WaitCursor() { QGuiApplication::setOverrideCursor(Qt::WaitCursor); }
    ~WaitCursor() { QGuiApplication::restoreOverrideCursor(); }
};

QString projectFolder(const ProjectModel *model)
{
    return model->filePath().isEmpty() ? QDir::homePath() : QFileInfo(model->filePath()).absolutePath();
}

QString projectStem(const ProjectModel *model)
{
    QString stem = model->displayName();
    for (const char *suffix : {".json", ".sqsnn"})
        if (stem.endsWith(QLatin1String(suffix)))
            stem.chop(int(qstrlen(suffix)));
    return stem.isEmpty() ? QStringLiteral("project") : stem;
}

} // namespace

ExportController::ExportController(MainWindow *window) : QObject(window), m_window(window) {}

void ExportController::fail(const QString &title, const QString &message)
{
    Q_EMIT m_window->model()->message(ProjectModel::Error, QStringLiteral("%1: %2").arg(title, message));
    m_window->prompter()->showError(m_window, title, message);
}

bool ExportController::exportRunReport()
{
    ProjectModel *model = m_window->model();
    Prompter *prompter = m_window->prompter();
    const QString suggested = QDir(projectFolder(model)).filePath(projectStem(model) + QStringLiteral("-report"));
    const QString folder = prompter->askSavePath(m_window, tr("Export Run Report to Folder"), suggested,
                                                 tr("Report folder (*)"));
    if (folder.isEmpty())
        return false;
    if (QFileInfo(folder).exists() && !QFileInfo(folder).isDir()) {
        fail(tr("Cannot export the run report"),
             tr("%1 is a file; choose a new or empty folder").arg(QDir::toNativeSeparators(folder)));
        return false;
    }
    if (reportFolderState(folder) == ReportFolder::Other
        && !prompter->askYesNo(m_window, tr("Folder is not empty"),
                               tr("%1 is not empty and does not hold an earlier run report.\n\n"
                                  "Write the report into it anyway? Files named README.md, "
                                  "project.sqsnn.json, metrics.csv and those in figures/ and data/ "
                                  "would be replaced.")
                                   .arg(QDir::toNativeSeparators(folder)))) {
        Q_EMIT model->message(ProjectModel::Info,
                              tr("Run report not written: %1 is not empty").arg(folder));
        return false;
    }
    QStringList files;
    QString error;
    {
        WaitCursor wait;
        if (!writeRunReport(m_window, folder, &files, &error)) {
            fail(tr("Cannot export the run report"), error);
            return false;
        }
    }
    Q_EMIT model->message(ProjectModel::Info, tr("Wrote the run report to %1 (%2 files)")
                                                  .arg(QDir::toNativeSeparators(folder))
                                                  .arg(files.size()));
    return true;
}

QString ExportController::qasmSource() const
{
    const ProjectModel *model = m_window->model();
    return model->filePath().isEmpty() ? model->displayName() : model->filePath();
}

bool ExportController::exportNeuronQasm()
{
    ProjectModel *model = m_window->model();
    Prompter *prompter = m_window->prompter();
    const int pop = m_window->neuronView()->watchedPopulation();
    const int index = m_window->neuronView()->watchedNeuron();
    const auto &pops = model->project().network.populations;
    const QString title = tr("Cannot export the neuron circuit");
    if (pop < 0 || pop >= int(pops.size()) || pops[std::size_t(pop)].kind != "sqs") {
        fail(title, tr("the neuron view watches no SQS neuron; add an SQS population and select it"));
        return false;
    }
    if (!model->issues().empty()) {
        fail(title, tr("the network has problems (see the log): %1")
                        .arg(QString::fromStdString(model->issues().front().message)));
        return false;
    }
    // The core runs the sample: data loaded and network built exactly as `sqsnn export-qasm`.
    std::unique_ptr<Trainer> trainer;
    try {
        WaitCursor wait;
        trainer = std::make_unique<Trainer>(model->project(), TrainerOptions{1});
    } catch (const std::exception &e) {
        fail(title, QString::fromUtf8(e.what()));
        return false;
    }
    const int samples = int(trainer->data().test.size());
    if (samples <= 0) {
        fail(title, tr("the test split is empty; set test samples in the project settings"));
        return false;
    }
    const QString name = QString::fromStdString(pops[std::size_t(pop)].name);
    int sample = 0;
    if (!prompter->askInteger(m_window, tr("Export Neuron Circuit as OpenQASM 3"),
                              tr("Neuron %1:%2 — run the circuit on test sample (0..%3):")
                                  .arg(name).arg(index).arg(samples - 1),
                              0, samples - 1, &sample))
        return false;
    const QString file = prompter->askSavePath(
        m_window, tr("Export Neuron Circuit as OpenQASM 3"),
        QDir(projectFolder(model)).filePath(QStringLiteral("%1-%2-%3-sample%4.qasm")
                                                .arg(projectStem(model), name).arg(index).arg(sample)),
        tr("OpenQASM 3 (*.qasm);;All files (*)"));
    if (file.isEmpty())
        return false;
    QasmExportRequest request;
    request.source = qasmSource().toStdString();
    request.population = name.toStdString();
    request.neuron = index;
    request.sample = sample;
    std::string text;
    try {
        WaitCursor wait;
        text = neuronQasm(*trainer, request);
    } catch (const std::exception &e) {
        fail(title, QString::fromUtf8(e.what()));
        return false;
    }
    QString error;
    if (!writeFileAtomically(file, QByteArray::fromStdString(text), &error)) {
        fail(title, error);
        return false;
    }
    Q_EMIT model->message(ProjectModel::Info, tr("Wrote neuron %1:%2 for test sample %3 as OpenQASM 3 to %4")
                                                  .arg(name).arg(index).arg(sample)
                                                  .arg(QDir::toNativeSeparators(file)));
    return true;
}

} // namespace sqsnn::lab

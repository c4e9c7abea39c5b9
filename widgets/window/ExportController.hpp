#pragma once
// The File menu's exports: the run report (window/RunReport.hpp) and the watched neuron's
// circuit as OpenQASM 3 (built by the core, core/training/QasmExport.hpp, the same text as
// `sqsnn export-qasm`). Questions (where, which sample, write into a non-empty folder?) go
// through the window's Prompter; results and errors go to the log.
#include <QObject>
#include <QString>

namespace sqsnn::lab {

class MainWindow;

class ExportController : public QObject
{
    Q_OBJECT
public:
    explicit ExportController(MainWindow *window);

    // The title source the QASM names: the project file (or its display name when unsaved).
    QString qasmSource() const;

public Q_SLOTS:
    // Ask for a folder, confirm a non-empty unrelated one, write. False when cancelled/failed.
    bool exportRunReport();
    // Ask for the test sample and the file, write. False when cancelled/failed.
    bool exportNeuronQasm();

private:
    void fail(const QString &title, const QString &message);

    MainWindow *m_window;
};

} // namespace sqsnn::lab

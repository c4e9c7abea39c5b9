#pragma once
// File > Export Run Report...: one folder that holds a run as a reader needs it —
//   README.md            what the project is, the network, data and training settings, the
//                        last and best epoch, and what every file holds
//   project.sqsnn.json   the project as File > Save writes it (network, settings, trained
//                        parameters, history)
//   metrics.csv          one row per recorded epoch, the columns of `sqsnn train`'s metrics.csv
//   figures/*.png, *.svg the training curves and every view that shows something (learning
//                        signal, spike raster, readout, neuron traces, circuit, Bloch spheres,
//                        memory density matrix)
//   data/*.csv           the data behind those figures (columns in docs/exports.md)
// Every file is written atomically. The first line of README.md marks the folder as a report,
// so exporting again into it replaces the report without asking; any other non-empty folder
// is only written after the user agreed.
#include <QString>
#include <QStringList>

namespace sqsnn::lab {

class MainWindow;

inline constexpr const char *kRunReportMarker = "<!-- SQSNN Lab run report -->";

enum class ReportFolder { Empty, Report, Other }; // Empty also when it does not exist yet
ReportFolder reportFolderState(const QString &folder);

// Writes the report of `window`'s project and views into `folder` (created when needed; never
// asks). On success `files` lists what was written (relative paths); on failure `error` names
// the file and the reason (files written before it stay, each complete).
bool writeRunReport(MainWindow *window, const QString &folder, QStringList *files,
                    QString *error);

} // namespace sqsnn::lab

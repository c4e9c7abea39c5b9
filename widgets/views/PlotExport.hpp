#pragma once
// Exporting what a plot or view shows: the figure as PNG or SVG (QCustomPlot plots through
// their own renderer, QPainter views through QWidget::render), and the data behind it as CSV
// (columns documented in docs/exports.md). Every file is written atomically (QSaveFile): a
// failed export never leaves a half-written or emptied file behind.
//
// attachExportMenu() gives a widget the right-click menu "Export as PNG... / Export as PNG at
// 2x... / Export as PNG at Width... / Export as SVG... / Copy Data as CSV / Export Data as
// CSV..."; the file names are asked through the window's
// Prompter (Prompter::of), so tests answer without dialogs.
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>

class QMenu;
class QWidget;

namespace sqsnn::lab {

// The data behind a figure: named columns and rows of cells (numbers already formatted, see
// csvNumber). toCsv writes RFC 4180 (cells with a comma, quote or line break are quoted).
struct DataTable
{
    QStringList columns;
    QVector<QStringList> rows;
    bool empty() const { return rows.isEmpty(); }
};
using DataSource = std::function<DataTable()>;

// Shortest text that reads back as the same double ("%.9g"; nan/inf as "nan"/"inf").
QString csvNumber(double value);
QByteArray toCsv(const DataTable &table);

// Writes `data` to `path` atomically. False with `error` naming the path and the reason.
bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error);

// The figure of `widget` as PNG or SVG bytes. `size` empty = the widget's size (its size hint
// when it was never laid out or is smaller than its minimum).
// `scale` > 1 renders that many device pixels per logical pixel (slides, papers): the same
// layout, sharper and `scale` times wider and taller.
QByteArray renderPng(QWidget *widget, QSize size = {}, double scale = 1.0);
QByteArray renderSvg(QWidget *widget, QSize size = {}, const QString &title = {});
// renderPng / renderSvg by the suffix of `path` (.png or .svg), written atomically.
bool saveFigure(QWidget *widget, const QString &path, QString *error, QSize size = {},
                double scale = 1.0);
bool saveTable(const DataTable &table, const QString &path, QString *error);

// Gives `widget` the export context menu. `name` is the suggested file name (without suffix)
// and the figure's title; `data` (optional) adds the CSV entries.
void attachExportMenu(QWidget *widget, const QString &name, DataSource data = {});
// The menu attachExportMenu shows (nullptr when none is attached); the caller owns it.
QMenu *createExportMenu(QWidget *widget);
// The data source attached to `widget` (empty function when none).
DataSource exportData(const QWidget *widget);
QString exportName(const QWidget *widget);

} // namespace sqsnn::lab

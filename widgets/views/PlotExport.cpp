#include "views/PlotExport.hpp"

#include "views/PlotInclude.hpp"
#include "window/Prompter.hpp"

#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QMainWindow>
#include <QMenu>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace sqsnn::lab {

namespace {

// What attachExportMenu stores on the widget.
class ExportHook : public QObject
{
public:
    ExportHook(QWidget *widget, QString name, DataSource data)
        : QObject(widget), name(std::move(name)), data(std::move(data))
    {
        setObjectName(QStringLiteral("sqsnnExportHook"));
    }
    QString name;
    DataSource data;
};

ExportHook *hookOf(const QWidget *widget)
{
    return widget ? widget->findChild<ExportHook *>(QStringLiteral("sqsnnExportHook"),
                                                    Qt::FindDirectChildrenOnly)
                  : nullptr;
}

QString quoted(const QString &cell)
{
    if (!cell.contains(u',') && !cell.contains(u'"') && !cell.contains(u'\n')
        && !cell.contains(u'\r'))
        return cell;
    return u'"' + QString(cell).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

// The size a figure is drawn at.
QSize figureSize(QWidget *widget, QSize size)
{
    if (size.isValid() && !size.isEmpty())
        return size;
    const QSize min = widget->minimumSizeHint().expandedTo(QSize(64, 48));
    const QSize now = widget->size();
    if (now.width() >= min.width() && now.height() >= min.height()
        && (widget->isVisible() || widget->testAttribute(Qt::WA_Resized)))
        return now;
    const QSize hint = widget->sizeHint();
    return hint.isValid() && !hint.isEmpty() ? hint.expandedTo(min) : QSize(640, 400);
}

// Draws a QPainter view at `size`: a hidden widget is resized for the drawing and put back
// (its layout sets its geometry again when it is shown); a visible one is scaled uniformly
// and centred.
void paintWidget(QWidget *widget, QPainter *painter, QSize size)
{
    painter->fillRect(QRect(QPoint(0, 0), size), widget->palette().color(QPalette::Window));
    const QSize old = widget->size();
    const bool resize = !widget->isVisible() && old != size;
    if (resize)
        widget->resize(size);
    const QSize drawn = widget->size();
    painter->save();
    if (drawn != size) { // uniformly (a sphere stays round), centred
        const double k = std::min(double(size.width()) / std::max(1, drawn.width()),
                                  double(size.height()) / std::max(1, drawn.height()));
        painter->translate((size.width() - k * drawn.width()) / 2, (size.height() - k * drawn.height()) / 2);
        painter->scale(k, k);
    }
    widget->render(painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter->restore();
    if (resize)
        widget->resize(old);
}

QString suffixed(QString path, const QString &suffix)
{
    if (!path.isEmpty() && QFileInfo(path).suffix().compare(suffix, Qt::CaseInsensitive) != 0)
        path += u'.' + suffix;
    return path;
}

void tellWindow(QWidget *widget, const QString &text)
{
    for (QWidget *w = widget; w; w = w->parentWidget())
        if (auto *main = qobject_cast<QMainWindow *>(w)) {
            main->statusBar()->showMessage(text, 6000);
            return;
        }
}

QString lastFolder()
{
    return QSettings().value(QStringLiteral("export/folder"), QDir::homePath()).toString();
}

// Asks for a path with `suffix`, then writes it with `write`; errors go to the prompter.
void exportTo(QWidget *widget, const QString &what, const QString &suffix, const QString &filter,
              const std::function<bool(const QString &, QString *)> &write)
{
    Prompter *prompter = Prompter::of(widget);
    const QString name = exportName(widget);
    const QString path = suffixed(
        prompter->askSavePath(widget, QObject::tr("Export %1 as %2").arg(what, suffix.toUpper()),
                              QDir(lastFolder()).filePath(name + u'.' + suffix), filter),
        suffix);
    if (path.isEmpty())
        return;
    QString error;
    if (!write(path, &error)) {
        prompter->showError(widget, QObject::tr("Export failed"), error);
        return;
    }
    QSettings().setValue(QStringLiteral("export/folder"), QFileInfo(path).absolutePath());
    tellWindow(widget, QObject::tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

} // namespace

QString csvNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(value, 'g', 9);
}

QByteArray toCsv(const DataTable &table)
{
    QString text;
    auto line = [&](const QStringList &cells) {
        QStringList q;
        for (const QString &c : cells)
            q << quoted(c);
        text += q.join(u',') + u'\n';
    };
    line(table.columns);
    for (const QStringList &row : table.rows)
        line(row);
    return text.toUtf8();
}

bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    if (data.isEmpty())
        return fail(QObject::tr("nothing to write (the export produced no data)"));
    const QFileInfo info(path);
    if (info.isDir())
        return fail(QObject::tr("is a folder"));
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QObject::tr("cannot create the folder %1").arg(info.absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    if (file.write(data) != data.size()) {
        file.cancelWriting();
        return fail(file.errorString());
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

QByteArray renderPng(QWidget *widget, QSize size, double scale)
{
    size = figureSize(widget, size);
    if (!(scale > 0) || scale > 16)
        return {};
    QImage image;
    if (auto *plot = qobject_cast<QCustomPlot *>(widget)) {
        image = plot->toPixmap(size.width(), size.height(), scale).toImage();
    } else {
        image = QImage(size * scale, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(scale, scale);
        paintWidget(widget, &painter, size);
    }
    image.setDevicePixelRatio(1.0);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (image.isNull() || !image.save(&buffer, "PNG"))
        return {};
    return bytes;
}

QByteArray renderSvg(QWidget *widget, QSize size, const QString &title)
{
    size = figureSize(widget, size);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title.isEmpty() ? exportName(widget) : title);
    svg.setDescription(QStringLiteral("SQSNN Lab"));
    if (auto *plot = qobject_cast<QCustomPlot *>(widget)) {
        QCPPainter painter;
        if (!painter.begin(&svg))
            return {};
        plot->toPainter(&painter, size.width(), size.height());
        painter.end();
    } else {
        QPainter painter;
        if (!painter.begin(&svg))
            return {};
        painter.setRenderHint(QPainter::Antialiasing);
        paintWidget(widget, &painter, size);
        painter.end();
    }
    return bytes;
}

bool saveFigure(QWidget *widget, const QString &path, QString *error, QSize size, double scale)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QStringLiteral("png") && suffix != QStringLiteral("svg")) {
        if (error)
            *error = QObject::tr("%1: a figure is written as .png or .svg").arg(path);
        return false;
    }
    const QByteArray data = suffix == QStringLiteral("svg") ? renderSvg(widget, size)
                                                            : renderPng(widget, size, scale);
    return writeFileAtomically(path, data, error);
}

bool saveTable(const DataTable &table, const QString &path, QString *error)
{
    return writeFileAtomically(path, toCsv(table), error);
}

void attachExportMenu(QWidget *widget, const QString &name, DataSource data)
{
    if (ExportHook *old = hookOf(widget)) {
        old->name = name;
        old->data = std::move(data);
        return;
    }
    new ExportHook(widget, name, std::move(data));
    widget->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(widget, &QWidget::customContextMenuRequested, widget,
                     [widget](const QPoint &pos) {
                         QMenu *menu = createExportMenu(widget);
                         if (!menu)
                             return;
                         menu->setAttribute(Qt::WA_DeleteOnClose);
                         menu->popup(widget->mapToGlobal(pos));
                     });
}

DataSource exportData(const QWidget *widget)
{
    const ExportHook *hook = hookOf(widget);
    return hook ? hook->data : DataSource();
}

QString exportName(const QWidget *widget)
{
    const ExportHook *hook = hookOf(widget);
    return hook ? hook->name : QStringLiteral("figure");
}

QMenu *createExportMenu(QWidget *widget)
{
    if (!hookOf(widget))
        return nullptr;
    const QString what = exportName(widget);
    auto *menu = new QMenu(widget);
    menu->setObjectName(QStringLiteral("exportMenu"));
    QAction *png = menu->addAction(QObject::tr("Export as &PNG..."));
    png->setObjectName(QStringLiteral("exportPng"));
    QObject::connect(png, &QAction::triggered, widget, [widget, what] {
        exportTo(widget, what, QStringLiteral("png"), QObject::tr("PNG images (*.png)"),
                 [widget](const QString &p, QString *e) { return saveFigure(widget, p, e); });
    });
    QAction *png2 = menu->addAction(QObject::tr("Export as PNG at &2x..."));
    png2->setObjectName(QStringLiteral("exportPng2x"));
    QObject::connect(png2, &QAction::triggered, widget, [widget, what] {
        exportTo(widget, what, QStringLiteral("png"), QObject::tr("PNG images (*.png)"),
                 [widget](const QString &p, QString *e) { return saveFigure(widget, p, e, {}, 2.0); });
    });
    QAction *pngWidth = menu->addAction(QObject::tr("Export as PNG at &Width..."));
    pngWidth->setObjectName(QStringLiteral("exportPngWidth"));
    QObject::connect(pngWidth, &QAction::triggered, widget, [widget, what] {
        // The width in pixels a slide or a paper asks for; the figure keeps its layout and is
        // scaled to it (height in proportion).
        const QSize base = figureSize(widget, {});
        int width = std::max(base.width() * 2, 1200);
        if (!Prompter::of(widget)->askInteger(widget, QObject::tr("Export %1 as PNG").arg(what),
                                              QObject::tr("Width in pixels (the figure is %1 x %2 on screen):")
                                                  .arg(base.width()).arg(base.height()),
                                              base.width() / 4 + 1, 16 * base.width(), &width))
            return;
        const double scale = double(width) / std::max(1, base.width());
        exportTo(widget, what, QStringLiteral("png"), QObject::tr("PNG images (*.png)"),
                 [widget, scale](const QString &p, QString *e) { return saveFigure(widget, p, e, {}, scale); });
    });
    QAction *svg = menu->addAction(QObject::tr("Export as &SVG..."));
    svg->setObjectName(QStringLiteral("exportSvg"));
    QObject::connect(svg, &QAction::triggered, widget, [widget, what] {
        exportTo(widget, what, QStringLiteral("svg"), QObject::tr("SVG drawings (*.svg)"),
                 [widget](const QString &p, QString *e) { return saveFigure(widget, p, e); });
    });
    if (exportData(widget)) {
        menu->addSeparator();
        QAction *copy = menu->addAction(QObject::tr("&Copy Data as CSV"));
        copy->setObjectName(QStringLiteral("copyCsv"));
        QObject::connect(copy, &QAction::triggered, widget, [widget] {
            const DataTable table = exportData(widget)();
            QGuiApplication::clipboard()->setText(QString::fromUtf8(toCsv(table)));
            tellWindow(widget, QObject::tr("Copied %1 rows of %2 as CSV")
                                   .arg(table.rows.size())
                                   .arg(exportName(widget)));
        });
        QAction *csv = menu->addAction(QObject::tr("Export &Data as CSV..."));
        csv->setObjectName(QStringLiteral("exportCsv"));
        QObject::connect(csv, &QAction::triggered, widget, [widget, what] {
            exportTo(widget, what, QStringLiteral("csv"), QObject::tr("CSV tables (*.csv)"),
                     [widget](const QString &p, QString *e) {
                         return saveTable(exportData(widget)(), p, e);
                     });
        });
    }
    return menu;
}

} // namespace sqsnn::lab

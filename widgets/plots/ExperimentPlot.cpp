#include "plots/ExperimentPlot.hpp"

#include "views/PlotInclude.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QSet>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace sqsnn::lab {

namespace {

// One CSV record and the line it starts on (RFC 4180: quoted fields may hold commas, doubled
// quotes and line breaks; CRLF and a UTF-8 byte order mark are accepted).
struct Record
{
    int line = 0;
    QStringList fields;
};

QVector<Record> parseCsv(const QString &text)
{
    QVector<Record> records;
    Record rec;
    QString field;
    bool quoted = false, fieldStarted = false;
    int line = 1;
    rec.line = 1;
    auto endField = [&] {
        rec.fields << field;
        field.clear();
        fieldStarted = false;
    };
    auto endRecord = [&](int nextLine) {
        endField();
        const bool blank = rec.fields.size() == 1 && rec.fields[0].trimmed().isEmpty();
        if (!blank)
            records << rec;
        rec = Record {nextLine, {}};
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
        } else if (c == u'"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (c == u',') {
            endField();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            continue;
        } else if (c == u'\n') {
            ++line;
            endRecord(line);
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (!field.isEmpty() || !rec.fields.isEmpty() || quoted)
        endRecord(line);
    return records;
}

QString experimentTitle(const QFileInfo &csv)
{
    QFile summary(csv.dir().filePath(QStringLiteral("summary.md")));
    if (summary.open(QIODevice::ReadOnly | QIODevice::Text)) {
        const QString first = QString::fromUtf8(summary.readLine()).trimmed();
        if (first.startsWith(QStringLiteral("# ")) && first.size() > 2)
            return first.mid(2).trimmed();
    }
    return csv.dir().dirName();
}

// Tableau 10: distinct on screen and in print, and fairly colour-blind safe.
QColor modelColour(int i)
{
    static const QRgb palette[] = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
                                   0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};
    return QColor::fromRgb(palette[i % 10]);
}

// Solid for the first model, then distinct dashes: a line that lies exactly on an earlier one
// (two models both at 100%) still shows through the gaps, and the legend reads in grey print.
QPen modelPen(int i)
{
    QPen pen(modelColour(i), 2.2);
    pen.setCapStyle(Qt::FlatCap);
    static const QVector<QVector<qreal>> dashes
        = {{}, {4, 1.5}, {1.2, 1.2}, {5, 1.5, 1.2, 1.5}, {2.5, 1.5}, {7, 2}};
    const QVector<qreal> &dash = dashes[i % dashes.size()];
    if (!dash.isEmpty())
        pen.setDashPattern(dash);
    return pen;
}

bool isAccuracy(const QString &metric)
{
    return metric.endsWith(QStringLiteral("accuracy"));
}

} // namespace

QStringList experimentPlotMetrics()
{
    return {QStringLiteral("test_accuracy"), QStringLiteral("train_accuracy"),
            QStringLiteral("test_loss"), QStringLiteral("train_loss")};
}

QString experimentMetricLabel(const QString &metric)
{
    return QString(metric).replace(u'_', u' ');
}

bool readExperimentCurves(const QString &csv, const QString &metric, ExperimentCurves *curves,
                          QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    QFile file(csv);
    if (!QFileInfo(csv).isFile())
        return fail(QStringLiteral("%1: no such file").arg(csv));
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: cannot read: %2").arg(csv, file.errorString()));
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QVector<Record> records = parseCsv(text);
    if (records.isEmpty())
        return fail(QStringLiteral("%1: empty file (expected a results.csv header)").arg(csv));

    QStringList header;
    for (const QString &h : records[0].fields)
        header << h.trimmed();
    const int modelCol = header.indexOf(QStringLiteral("model"));
    const int seedCol = header.indexOf(QStringLiteral("seed"));
    const int epochCol = header.indexOf(QStringLiteral("epoch"));
    const int methodCol = header.indexOf(QStringLiteral("method")); // an experiment's method axis
    const int metricCol = header.indexOf(metric);
    const QStringList reserved = {QStringLiteral("model"), QStringLiteral("method"), QStringLiteral("seed"),
                                  QStringLiteral("parameters"), QStringLiteral("epoch")};
    if (modelCol < 0 || epochCol < 0)
        return fail(QStringLiteral("%1: line 1: the header needs columns 'model' and 'epoch' "
                                   "(got '%2')")
                        .arg(csv, header.join(u',')));
    if (metricCol < 0 || reserved.contains(metric)) {
        QStringList metrics;
        for (const QString &h : header)
            if (!reserved.contains(h))
                metrics << h;
        return fail(QStringLiteral("%1: no metric column '%2' (metrics in the file: %3)")
                        .arg(csv, metric, metrics.join(QStringLiteral(", "))));
    }

    // model -> epoch -> seed -> value; a repeated (model, seed, epoch) keeps the last row.
    QStringList order;
    std::map<QString, std::map<double, std::map<QString, double>>> values;
    for (int r = 1; r < records.size(); ++r) {
        const Record &rec = records[r];
        if (rec.fields.size() != header.size())
            return fail(QStringLiteral("%1: line %2: %3 fields, the header has %4")
                            .arg(csv)
                            .arg(rec.line)
                            .arg(rec.fields.size())
                            .arg(header.size()));
        auto number = [&](int col, double *out) {
            const QString cell = rec.fields[col].trimmed();
            bool ok = false;
            *out = cell.toDouble(&ok);
            if (!ok)
                fail(QStringLiteral("%1: line %2: column '%3': '%4' is not a number")
                         .arg(csv)
                         .arg(rec.line)
                         .arg(header[col], cell));
            return ok;
        };
        double epoch = 0, value = 0;
        if (!number(epochCol, &epoch) || !number(metricCol, &value))
            return false;
        if (!std::isfinite(epoch))
            return fail(QStringLiteral("%1: line %2: column 'epoch': not a finite number")
                            .arg(csv)
                            .arg(rec.line));
        // With a method axis every model x method is its own curve: "model [method]".
        const QString method = methodCol >= 0 ? rec.fields[methodCol].trimmed() : QString();
        const QString model = method.isEmpty() ? rec.fields[modelCol]
                                               : QStringLiteral("%1 [%2]").arg(rec.fields[modelCol], method);
        // Without a seed column every row is its own sample.
        const QString seed = seedCol >= 0 ? rec.fields[seedCol].trimmed() : QString::number(r);
        if (!values.count(model))
            order << model;
        values[model][epoch][seed] = value;
    }
    if (order.isEmpty())
        return fail(QStringLiteral("%1: no result rows after the header").arg(csv));

    ExperimentCurves out;
    out.file = csv;
    out.title = experimentTitle(QFileInfo(csv));
    out.metric = metric;
    for (const QString &model : order) {
        ExperimentCurve c;
        c.model = model;
        QSet<QString> seeds;
        for (const auto &[epoch, bySeed] : values[model]) {
            double sum = 0;
            for (const auto &[seed, v] : bySeed) {
                sum += v;
                seeds.insert(seed);
            }
            const int n = int(bySeed.size());
            const double mean = sum / n;
            double ss = 0;
            for (const auto &[seed, v] : bySeed)
                ss += (v - mean) * (v - mean);
            c.epochs << epoch;
            c.mean << mean;
            c.std << (n > 1 ? std::sqrt(ss / (n - 1)) : 0.0);
            c.seeds << n;
        }
        c.seedCount = int(seeds.size());
        out.models << c;
    }
    *curves = out;
    return true;
}

void plotExperimentCurves(QCustomPlot *plot, const ExperimentCurves &curves)
{
    QFont base = plot->font();
    base.setPointSizeF(10.5);
    QFont labelFont = base;
    labelFont.setPointSizeF(11.5);
    QFont titleFont = base;
    titleFont.setPointSizeF(15);
    titleFont.setBold(true);
    QFont noteFont = base;
    noteFont.setPointSizeF(10);

    plot->setBackground(Qt::white);
    plot->setAntialiasedElements(QCP::aePlottables | QCP::aeFills | QCP::aeScatters
                                 | QCP::aeLegendItems);

    // Bands first (drawn under every line), then the mean lines.
    const int models = int(curves.models.size());
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    double first = lo, last = -lo;
    int maxEpochs = 0, maxSeeds = 0;
    std::map<int, int> seedCounts;
    for (const ExperimentCurve &c : curves.models) {
        maxEpochs = std::max(maxEpochs, int(c.epochs.size()));
        maxSeeds = std::max(maxSeeds, c.seedCount);
        ++seedCounts[c.seedCount];
    }
    // One epoch only (a --tiny run): points with whiskers, nudged apart so equal ones all show.
    const bool points = maxEpochs == 1;
    for (int i = 0; i < models; ++i) {
        const ExperimentCurve &c = curves.models[i];
        QVector<double> upper(c.mean.size()), lower(c.mean.size());
        for (int k = 0; k < c.mean.size(); ++k) {
            upper[k] = c.mean[k] + c.std[k];
            lower[k] = c.mean[k] - c.std[k];
            if (std::isfinite(upper[k]) && std::isfinite(lower[k])) {
                lo = std::min(lo, lower[k]);
                hi = std::max(hi, upper[k]);
            }
        }
        if (!c.epochs.isEmpty()) {
            first = std::min(first, c.epochs.front());
            last = std::max(last, c.epochs.back());
        }
        QColor fill = modelColour(i);
        fill.setAlpha(48);
        QCPGraph *low = plot->addGraph();
        low->setData(c.epochs, lower, true);
        low->setPen(Qt::NoPen);
        low->removeFromLegend();
        QCPGraph *up = plot->addGraph();
        up->setData(c.epochs, upper, true);
        up->setPen(Qt::NoPen);
        up->setBrush(fill);
        up->setChannelFillGraph(low);
        up->removeFromLegend();
    }
    const bool sameSeeds = seedCounts.size() == 1;
    for (int i = 0; i < models; ++i) {
        const ExperimentCurve &c = curves.models[i];
        QCPGraph *line = plot->addGraph();
        QVector<double> x = c.epochs;
        if (points && models > 1)
            for (double &e : x)
                e += 0.3 * (i - 0.5 * (models - 1)) / (models - 1);
        line->setData(x, c.mean, true);
        line->setPen(modelPen(i));
        const QString name = c.model.isEmpty() ? QStringLiteral("(unnamed)") : c.model;
        line->setName(sameSeeds ? name
                                : QStringLiteral("%1 (%2 seed%3)")
                                      .arg(name)
                                      .arg(c.seedCount)
                                      .arg(c.seedCount == 1 ? "" : "s"));
        if (maxEpochs <= 30)
            line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, modelColour(i),
                                                  points ? modelColour(i) : QColor(Qt::white),
                                                  points ? 10 : 6));
        if (c.epochs.size() == 1 && c.seedCount > 1) { // no band to see: whiskers instead
            auto *bars = new QCPErrorBars(plot->xAxis, plot->yAxis);
            bars->removeFromLegend();
            bars->setDataPlottable(line);
            bars->setData(c.std);
            bars->setPen(QPen(modelColour(i), 1.5));
        }
    }

    // Axes: integer epochs with a little room; accuracies stay within [0, 1].
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot->xAxis->setTicker(ticker);
    plot->xAxis->setSubTicks(false); // epochs are whole numbers
    if (!std::isfinite(first)) {
        first = 1;
        last = 1;
    }
    const double xPad = last > first ? std::max(0.15, 0.02 * (last - first)) : 1.0;
    plot->xAxis->setRange(first - xPad, last + xPad);
    if (!std::isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    if (isAccuracy(curves.metric)) {
        lo = std::max(0.0, lo);
        hi = std::min(1.0, hi);
    }
    if (hi - lo < 1e-9) {
        const double d = std::max(0.05, 0.05 * std::abs(hi));
        lo -= d;
        hi += d;
    }
    const double yPad = 0.05 * (hi - lo);
    plot->yAxis->setRange(lo - yPad, hi + yPad);

    const QString label = experimentMetricLabel(curves.metric);
    plot->xAxis->setLabel(QStringLiteral("epoch"));
    plot->yAxis->setLabel(label);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        axis->setLabelFont(labelFont);
        axis->setTickLabelFont(base);
        axis->setBasePen(QPen(QColor(90, 90, 90), 1));
        axis->setTickPen(QPen(QColor(90, 90, 90), 1));
        axis->setSubTickPen(QPen(QColor(140, 140, 140), 1));
        axis->grid()->setPen(QPen(QColor(225, 225, 225), 1));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    plot->xAxis2->setVisible(true);
    plot->yAxis2->setVisible(true);
    for (QCPAxis *axis : {plot->xAxis2, plot->yAxis2}) {
        axis->setTicks(false);
        axis->setTickLabels(false);
        axis->setBasePen(QPen(QColor(90, 90, 90), 1));
    }
    QObject::connect(plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), plot->xAxis2,
                     qOverload<const QCPRange &>(&QCPAxis::setRange));
    QObject::connect(plot->yAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), plot->yAxis2,
                     qOverload<const QCPRange &>(&QCPAxis::setRange));
    plot->xAxis2->setRange(plot->xAxis->range());
    plot->yAxis2->setRange(plot->yAxis->range());

    // Above the data: title, a note on what the lines and bands are, and the legend.
    QString seeds;
    if (sameSeeds) {
        const int n = seedCounts.begin()->first;
        seeds = QStringLiteral(" over %1 seed%2").arg(n).arg(n == 1 ? "" : "s");
    } else {
        seeds = QStringLiteral(" over seeds");
    }
    const QString what = points ? QStringLiteral("points") : QStringLiteral("line");
    const QString note = maxSeeds <= 1
        ? QStringLiteral("%1 vs epoch, one seed per model (no spread to show)").arg(label)
        : QStringLiteral("%1 vs epoch: %2 = mean%3, %4 = \u00b1 sample std")
              .arg(label, what, seeds, points ? QStringLiteral("bars") : QStringLiteral("band"));
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, curves.title, titleFont));
    plot->plotLayout()->insertRow(1);
    auto *noteElement = new QCPTextElement(plot, note, noteFont);
    noteElement->setTextColor(QColor(80, 80, 80));
    plot->plotLayout()->addElement(1, 0, noteElement);

    // The legend sits centred in its own row (spacers either side), never over the data.
    plot->legend->setVisible(true);
    plot->legend->setFont(base);
    plot->axisRect()->insetLayout()->take(plot->legend);
    // The wrap only takes effect on items already in the legend through setFillOrder's
    // rearrangement, so it is set first: more than five models go into two rows.
    plot->legend->setWrap(models <= 5 ? std::max(1, models) : std::min(5, (models + 1) / 2));
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setBrush(Qt::NoBrush);
    plot->legend->setIconSize(28, 12);
    plot->legend->setColumnSpacing(24);
    plot->legend->setRowSpacing(2);
    plot->legend->setMargins(QMargins(6, 2, 6, 4));
    for (int i = 0; i < plot->legend->itemCount(); ++i) // room for '_' and descenders
        plot->legend->item(i)->setMargins(QMargins(0, 0, 0, 4));
    auto *legendRow = new QCPLayoutGrid;
    plot->plotLayout()->insertRow(2);
    plot->plotLayout()->addElement(2, 0, legendRow);
    legendRow->addElement(0, 0, new QCPLayoutElement(plot));
    legendRow->addElement(0, 1, plot->legend);
    legendRow->addElement(0, 2, new QCPLayoutElement(plot));
    legendRow->setColumnStretchFactors({1.0, 0.001, 1.0});
    legendRow->setMargins(QMargins(0, 0, 0, 0));
    for (int row = 0; row < 3; ++row)
        plot->plotLayout()->setRowStretchFactor(row, 0.001);
    plot->plotLayout()->setRowSpacing(2);
    plot->plotLayout()->setMargins(QMargins(8, 10, 22, 8));
}

bool writeExperimentPlot(const ExperimentCurves &curves, const QString &file, QString *error,
                         int width, int height)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(file, why);
        return false;
    };
    const QFileInfo info(file);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));
    QCustomPlot plot;
    plot.resize(width, height);
    plotExperimentCurves(&plot, curves);
    const QString suffix = info.suffix().toLower();
    bool ok = false;
    if (suffix == QStringLiteral("pdf")) {
        ok = plot.savePdf(file, width, height, QCP::epNoCosmetic, QString(), curves.title);
    } else if (suffix == QStringLiteral("svg")) {
        QSvgGenerator svg;
        svg.setFileName(file);
        svg.setSize(QSize(width, height));
        svg.setViewBox(QRect(0, 0, width, height));
        svg.setTitle(curves.title);
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            plot.toPainter(&painter, width, height);
            ok = painter.end();
        }
        ok = ok && QFileInfo(file).size() > 0;
    } else {
        ok = plot.savePng(file, width, height, 1.0);
    }
    return ok ? true : fail(QStringLiteral("cannot write the image"));
}

bool renderExperimentPlot(const QString &csv, const QString &png, const QString &metric,
                          QString *error)
{
    ExperimentCurves curves;
    return readExperimentCurves(csv, metric, &curves, error)
        && writeExperimentPlot(curves, png, error);
}

} // namespace sqsnn::lab

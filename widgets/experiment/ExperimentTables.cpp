#include "experiment/ExperimentTables.hpp"

#include <QHeaderView>
#include <QTableWidget>

namespace sqsnn::lab {

namespace {

QTableWidgetItem *item(const QString &text, bool number = false)
{
    auto *it = new QTableWidgetItem(text);
    it->setFlags(it->flags() & ~Qt::ItemIsEditable);
    if (number)
        it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return it;
}

QStringList resultHeader()
{
    return {QObject::tr("Model"), QObject::tr("Method"), QObject::tr("Parameters"),
            QObject::tr("Seeds"), QObject::tr("Epochs"), QObject::tr("Final test accuracy"),
            QObject::tr("± std"), QObject::tr("Final train accuracy"), QObject::tr("Wall time (s)")};
}

QStringList resultCells(const ExperimentSummaryRow &s)
{
    return {QString::fromStdString(s.model), QString::fromStdString(s.method),
            QString::number(s.parameters), QString::number(s.finalTest.size()),
            QString::number(s.epochs), QString::number(s.testMean, 'f', 4),
            QString::number(s.testStd, 'f', 4), QString::number(s.trainMean, 'f', 4),
            QString::number(s.seconds, 'f', 1)};
}

QString csvField(QString s)
{
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n'))
        s = u'"' + s.replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
    return s;
}

} // namespace

void fillCellTable(QTableWidget *table, const Experiment &e,
                   const std::vector<ExperimentCell> &cells,
                   const std::map<std::string, CellProgress> &progress)
{
    const QStringList header = {QObject::tr("Model"), QObject::tr("Method"), QObject::tr("Seed"),
                                QObject::tr("Parameters"), QObject::tr("Epochs"),
                                QObject::tr("Progress"), QObject::tr("Test accuracy"),
                                QObject::tr("State")};
    if (table->columnCount() != header.size()) {
        table->setColumnCount(int(header.size()));
        table->setHorizontalHeaderLabels(header);
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        table->horizontalHeader()->setStretchLastSection(true);
    }
    table->setRowCount(int(cells.size()));
    for (int r = 0; r < int(cells.size()); ++r) {
        const ExperimentCell &c = cells[std::size_t(r)];
        const auto it = progress.find(c.checkpoint);
        const CellProgress p = it != progress.end() ? it->second : CellProgress{};
        const int epochs = p.epochs;
        double fraction = epochs > 0 ? double(p.epochsDone) / epochs : 0.0;
        if (p.running && p.samples > 0 && epochs > 0 && p.epoch == p.epochsDone + 1)
            fraction += double(p.sample) / p.samples / epochs;
        const QString state = p.finished  ? QObject::tr("done")
                              : p.running ? QObject::tr("running epoch %1, sample %2/%3")
                                                .arg(p.epoch)
                                                .arg(p.sample)
                                                .arg(p.samples)
                              : p.epochsDone > 0 ? QObject::tr("stopped (resumable)")
                                                 : QObject::tr("waiting");
        auto *name = item(QString::fromStdString(e.models[c.model].name));
        name->setData(kCheckpointRole, QString::fromStdString(c.checkpoint));
        name->setToolTip(QObject::tr("Double-click to open this run's project: %1")
                             .arg(QString::fromStdString(c.checkpoint)));
        table->setItem(r, 0, name);
        table->setItem(r, 1, item(QString::fromStdString(c.method)));
        table->setItem(r, 2, item(QString::number(c.seed), true));
        table->setItem(r, 3, item(p.parameters ? QString::number(p.parameters) : QString(), true));
        table->setItem(r, 4, item(QStringLiteral("%1/%2").arg(p.epochsDone).arg(epochs), true));
        table->setItem(r, 5, item(QStringLiteral("%1%").arg(100 * fraction, 0, 'f', 0), true));
        table->setItem(r, 6, item(p.lastTestAccuracy >= 0 ? QString::number(p.lastTestAccuracy, 'f', 4)
                                                          : QString(),
                                  true));
        table->setItem(r, 7, item(state));
    }
}

void fillResultTable(QTableWidget *table, const std::vector<ExperimentRow> &rows)
{
    const auto summary = summarizeExperimentRows(rows);
    const QStringList header = resultHeader();
    table->setColumnCount(int(header.size()));
    table->setHorizontalHeaderLabels(header);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setRowCount(int(summary.size()));
    for (int r = 0; r < int(summary.size()); ++r) {
        const QStringList cells = resultCells(summary[std::size_t(r)]);
        for (int c = 0; c < cells.size(); ++c)
            table->setItem(r, c, item(cells[c], c >= 2));
    }
}

QString resultsTableCsv(const std::vector<ExperimentRow> &rows)
{
    QStringList lines;
    QStringList header;
    for (const QString &h : resultHeader())
        header << csvField(h);
    lines << header.join(u',');
    for (const auto &s : summarizeExperimentRows(rows)) {
        QStringList cells;
        for (const QString &c : resultCells(s))
            cells << csvField(c);
        lines << cells.join(u',');
    }
    return lines.join(u'\n') + u'\n';
}

QString resultsTableMarkdown(const std::vector<ExperimentRow> &rows)
{
    const QStringList header = resultHeader();
    QString out = QStringLiteral("| ") + header.join(QStringLiteral(" | ")) + QStringLiteral(" |\n|");
    for (int i = 0; i < header.size(); ++i)
        out += QStringLiteral("---|");
    out += u'\n';
    for (const auto &s : summarizeExperimentRows(rows)) {
        QStringList cells = resultCells(s);
        for (QString &c : cells)
            c.replace(u'|', QStringLiteral("\\|"));
        out += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |\n");
    }
    return out;
}

} // namespace sqsnn::lab

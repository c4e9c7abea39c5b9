#pragma once
// The Experiment window's two tables: the cells of the grid (model x method x seed, its
// progress and final accuracy; a double click opens that run's trained project) and the results
// per model (parameters, mean +- std final test accuracy, train accuracy, wall time), with the
// results' CSV and Markdown exports.
#include "experiment/ExperimentRunner.hpp"
#include "training/Experiment.hpp"

#include <QString>

class QTableWidget;

namespace sqsnn::lab {

// Checkpoint path of a cell row (Qt::UserRole of column 0).
constexpr int kCheckpointRole = Qt::UserRole + 1;

void fillCellTable(QTableWidget *table, const Experiment &e,
                   const std::vector<ExperimentCell> &cells,
                   const std::map<std::string, CellProgress> &progress);
void fillResultTable(QTableWidget *table, const std::vector<ExperimentRow> &rows);

// The results table as CSV (RFC 4180 quoting) or a Markdown table.
QString resultsTableCsv(const std::vector<ExperimentRow> &rows);
QString resultsTableMarkdown(const std::vector<ExperimentRow> &rows);

} // namespace sqsnn::lab

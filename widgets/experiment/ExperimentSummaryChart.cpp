#include "experiment/ExperimentSummaryChart.hpp"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QFileInfo>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QValueAxis>

#include <algorithm>

namespace sqsnn::lab {

namespace {
constexpr double kCap = 0.08; // half-width of an error bar's caps, in category units
}

ExperimentSummaryChart::ExperimentSummaryChart(QWidget *parent)
    : QChartView(parent)
{
    setObjectName(QStringLiteral("experimentSummaryChart"));
    setRenderHint(QPainter::Antialiasing);
    auto *chart = new QChart;
    chart->legend()->setAlignment(Qt::AlignBottom);
    setChart(chart);
    setMinimumSize(320, 220);
    m_dark = qApp->property("sqsnnTheme").toString() == QLatin1String("dark");
    setRows({}, QString());
}

void ExperimentSummaryChart::setRows(const std::vector<ExperimentRow> &rows, const QString &title)
{
    QChart *c = chart();
    c->removeAllSeries();
    for (QAbstractAxis *a : c->axes())
        c->removeAxis(a), delete a;
    m_errors.clear();
    const auto summary = summarizeExperimentRows(rows);
    m_bars = new QBarSeries;
    auto *set = new QBarSet(tr("mean final test accuracy"));
    m_seeds = new QScatterSeries;
    m_seeds->setName(tr("seeds"));
    m_seeds->setMarkerSize(7);
    QStringList cats;
    double top = 0;
    for (int i = 0; i < int(summary.size()); ++i) {
        const auto &s = summary[std::size_t(i)];
        cats << QString::fromStdString(s.method.empty() ? s.model : s.model + " [" + s.method + "]");
        *set << s.testMean;
        auto *err = new QLineSeries;
        const double lo = s.testMean - s.testStd, hi = s.testMean + s.testStd;
        // Caps and the bar as one polyline: (i-cap, lo) (i+cap, lo) (i, lo) (i, hi) (i-cap, hi) (i+cap, hi).
        err->append({QPointF(i - kCap, lo), QPointF(i + kCap, lo), QPointF(i, lo), QPointF(i, hi),
                     QPointF(i - kCap, hi), QPointF(i + kCap, hi)});
        err->setName(tr("+- std over seeds"));
        m_errors << err;
        for (double v : s.finalTest)
            m_seeds->append(i + 0.18, v);
        top = std::max({top, hi, *std::max_element(s.finalTest.begin(), s.finalTest.end())});
    }
    m_bars->append(set);
    m_bars->setBarWidth(0.55);
    c->addSeries(m_bars);
    m_axisX = new QBarCategoryAxis;
    m_axisX->append(cats.isEmpty() ? QStringList{tr("(no results yet)")} : cats);
    m_axisY = new QValueAxis;
    m_axisY->setRange(0, std::max(1.0, top));
    m_axisY->setTitleText(tr("final test accuracy"));
    m_axisY->setLabelFormat(QStringLiteral("%.2f"));
    c->addAxis(m_axisX, Qt::AlignBottom);
    c->addAxis(m_axisY, Qt::AlignLeft);
    m_bars->attachAxis(m_axisX);
    m_bars->attachAxis(m_axisY);
    for (QLineSeries *err : m_errors) {
        c->addSeries(err);
        err->attachAxis(m_axisX);
        err->attachAxis(m_axisY);
    }
    c->addSeries(m_seeds);
    m_seeds->attachAxis(m_axisX);
    m_seeds->attachAxis(m_axisY);
    // One legend entry for all error bars.
    for (int i = 1; i < m_errors.size(); ++i)
        for (QLegendMarker *m : c->legend()->markers(m_errors[i]))
            m->setVisible(false);
    c->setTitle(title.isEmpty() ? tr("Final test accuracy per model (mean +- std over seeds)")
                                : title);
    applyTheme(m_dark ? QStringLiteral("dark") : QStringLiteral("light"));
}

void ExperimentSummaryChart::applyTheme(const QString &theme)
{
    const QString t = theme.isEmpty() ? qApp->property("sqsnnTheme").toString() : theme;
    m_dark = t == QLatin1String("dark");
    QChart *c = chart();
    c->setTheme(m_dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    const QColor bg = m_dark ? QColor(0x1f, 0x21, 0x24) : QColor(Qt::white);
    const QColor fg = m_dark ? QColor(0xe6, 0xe6, 0xe6) : QColor(0x20, 0x20, 0x20);
    c->setBackgroundBrush(bg);
    c->setTitleBrush(fg);
    c->legend()->setLabelColor(fg);
    setBackgroundBrush(bg);
    for (QAbstractAxis *a : c->axes()) {
        a->setLabelsColor(fg);
        a->setTitleBrush(fg);
        a->setGridLineColor(m_dark ? QColor(0x44, 0x47, 0x4d) : QColor(0xdd, 0xdd, 0xdd));
    }
    if (m_bars && !m_bars->barSets().isEmpty())
        m_bars->barSets()[0]->setColor(QColor(0x4E, 0x79, 0xA7));
    for (QLineSeries *err : m_errors) {
        QPen pen(fg, 2);
        err->setPen(pen);
    }
    if (m_seeds) {
        m_seeds->setColor(QColor(0xF2, 0x8E, 0x2B));
        m_seeds->setBorderColor(bg);
    }
}

QStringList ExperimentSummaryChart::categories() const
{
    return m_errors.isEmpty() ? QStringList() : m_axisX->categories();
}

QVector<double> ExperimentSummaryChart::means() const
{
    QVector<double> out;
    if (m_bars && !m_bars->barSets().isEmpty())
        for (int i = 0; i < m_bars->barSets()[0]->count(); ++i)
            out << m_bars->barSets()[0]->at(i);
    return out;
}

QVector<double> ExperimentSummaryChart::spreads() const
{
    QVector<double> out;
    for (const QLineSeries *err : m_errors)
        out << (err->at(3).y() - err->at(2).y()) / 2;
    return out;
}

bool ExperimentSummaryChart::exportTo(const QString &file, QString *error, QSize size)
{
    const QSize old = this->size();
    resize(size);
    bool ok = true;
    if (QFileInfo(file).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator svg;
        svg.setFileName(file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(), size));
        svg.setTitle(chart()->title());
        QPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            render(&painter);
            painter.end();
        }
    } else {
        ok = grab().save(file, "PNG");
    }
    resize(old);
    if (!ok && error)
        *error = tr("%1: cannot write the chart").arg(file);
    return ok;
}

} // namespace sqsnn::lab

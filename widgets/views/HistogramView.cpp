#include "views/HistogramView.hpp"

#include "views/PlotExport.hpp"
#include "views/PlotInclude.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace sqsnn::lab {

HistogramView::HistogramView(QWidget *parent)
    : QWidget(parent), m_selector(new QComboBox), m_summary(new QLabel), m_plot(new QCustomPlot),
      m_bars(nullptr)
{
    setObjectName(QStringLiteral("histogramView"));
    m_selector->setObjectName(QStringLiteral("histogramGroup"));
    m_selector->setToolTip(tr("Which trained values: all weights, all circuit angles, or one "
                              "projection or population"));
    m_selector->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_selector->setMinimumContentsLength(16);
    m_summary->setObjectName(QStringLiteral("histogramSummary"));
    m_plot->setObjectName(QStringLiteral("histogram"));
    m_plot->setToolTip(tr("How many trained values of the chosen group fall in each bin "
                          "(angles wrapped to [0, 2π)); right-click to export"));
    attachExportMenu(m_plot, QStringLiteral("histogram"), [this] {
        DataTable t;
        t.columns = QStringList{QStringLiteral("bin_centre"), QStringLiteral("count")};
        for (auto it = m_bars->data()->constBegin(); it != m_bars->data()->constEnd(); ++it)
            t.rows << QStringList{csvNumber(it->key), csvNumber(it->value)};
        return t;
    });
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setPen(QPen(QColor(44, 160, 44).darker(130), 0.8));
    m_bars->setBrush(QColor(44, 160, 44, 170));
    m_bars->setWidthType(QCPBars::wtPlotCoords);
    m_plot->yAxis->setLabel(tr("count"));
    m_plot->yAxis->ticker()->setTickCount(4);
    m_plot->xAxis->ticker()->setTickCount(5);
    m_plot->setNotAntialiasedElements(QCP::aePlottables);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(new QLabel(tr("Histogram")));
    top->addWidget(m_selector);
    top->addWidget(m_summary, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    connect(m_selector, &QComboBox::currentIndexChanged, this, [this] { showCurrent(); });
}

const ParameterHistogram *HistogramView::current() const
{
    const int i = m_selector->currentIndex();
    if (!m_histograms || i < 0 || i >= int(m_histograms->size()))
        return nullptr;
    return &(*m_histograms)[std::size_t(i)];
}

void HistogramView::showHistograms(const HistogramsPtr &histograms)
{
    if (!histograms || histograms == m_histograms)
        return;
    // The same groups as before: keep the combo; otherwise rebuild it, keeping the choice by name.
    bool same = m_histograms && m_histograms->size() == histograms->size();
    for (std::size_t i = 0; same && i < histograms->size(); ++i)
        same = (*m_histograms)[i].name == (*histograms)[i].name;
    m_histograms = histograms;
    if (!same) {
        const QString chosen = m_selector->currentText();
        const QSignalBlocker block(m_selector);
        m_selector->clear();
        for (const auto &h : *histograms)
            m_selector->addItem(QString::fromStdString(h.name));
        m_selector->setCurrentIndex(std::max(0, m_selector->findText(chosen)));
    }
    showCurrent();
}

void HistogramView::showCurrent()
{
    const ParameterHistogram *h = current();
    QVector<double> keys, values;
    if (h) {
        const double w = h->binWidth();
        double top = 1;
        for (std::size_t i = 0; i < h->counts.size(); ++i) {
            keys << h->lo + (double(i) + 0.5) * w;
            values << double(h->counts[i]);
            top = std::max(top, double(h->counts[i]));
        }
        m_bars->setWidth(w);
        m_plot->xAxis->setRange(h->lo, h->hi);
        m_plot->yAxis->setRange(0, top * 1.08);
        const int kind = int(h->kind);
        if (kind != m_shownKind) { // angles get multiples of pi on their axis
            m_shownKind = kind;
            if (h->kind == ParameterHistogram::Kind::Angles) {
                auto pi = QSharedPointer<QCPAxisTickerPi>::create();
                pi->setPiSymbol(QStringLiteral("π"));
                pi->setFractionStyle(QCPAxisTickerPi::fsUnicodeFractions);
                pi->setTickCount(4);
                m_plot->xAxis->setTicker(pi);
                m_plot->xAxis->setLabel(tr("angle (rad, wrapped to [0, 2π))"));
            } else {
                m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
                m_plot->xAxis->ticker()->setTickCount(5);
                m_plot->xAxis->setLabel(h->kind == ParameterHistogram::Kind::Weights
                                            ? tr("weight") : tr("parameter value"));
            }
        }
        m_summary->setText(tr("%1 values").arg(h->total())
                           + (h->nonFinite ? tr(", %1 not finite").arg(h->nonFinite) : QString()));
    } else {
        m_summary->clear();
    }
    m_bars->setData(keys, values, true);
    m_dirty = true;
}

void HistogramView::replotIfDirty()
{
    if (!m_dirty || !m_plot->isVisible())
        return;
    m_dirty = false;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace sqsnn::lab

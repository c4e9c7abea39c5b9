#include "views/ActivityView.hpp"

#include "training/RunCost.hpp"
#include "views/PlotInclude.hpp"
#include "views/PlotStyle.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sqsnn::lab {

namespace {
constexpr double kWindow = 120; // time steps in the scrolling raster
constexpr int kBand = 20;       // raster rows per population (lines are spread over its band)
constexpr int kMaxBounds = 32;  // sample boundaries drawn at most (more: too dense to help)
}

QColor ActivityView::populationColour(int index)
{
    static const QColor colours[] = {QColor(110, 110, 120), QColor(214, 39, 40),
                                     QColor(31, 119, 180), QColor(44, 160, 44),
                                     QColor(148, 103, 189), QColor(255, 127, 14),
                                     QColor(23, 190, 207), QColor(140, 86, 75)};
    return colours[index % 8];
}

ActivityView::ActivityView(QWidget *parent)
    : QWidget(parent), m_raster(new QCustomPlot), m_readout(new QCustomPlot), m_image(new QLabel),
      m_caption(new QLabel), m_replot(new QTimer(this)), m_scrub(new QSlider(Qt::Horizontal)),
      m_shots(new QSpinBox)
{
    setObjectName(QStringLiteral("activityView"));
    m_raster->setObjectName(QStringLiteral("raster"));
    m_raster->xAxis->setLabel(tr("time step"));
    stepTicks(m_raster->xAxis);
    m_raster->yAxis->setTickLength(0, 0);
    m_raster->yAxis->setSubTickLength(0, 0);
    m_raster->yAxis->grid()->setVisible(false);
    m_raster->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Thousands of markers per replot: no antialiasing (cheap to draw while training).
    m_raster->setNotAntialiasedElements(QCP::aeScatters | QCP::aePlottables);
    m_raster->axisRect()->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    m_raster->setMinimumHeight(150);

    m_readout->setObjectName(QStringLiteral("readoutPlot"));
    m_readout->yAxis->setRange(0, 1);
    m_readout->yAxis->setLabel(tr("p(spike)"));
    m_readout->xAxis->setLabel(tr("readout neuron (class)"));
    m_bars = new QCPBars(m_readout->xAxis, m_readout->yAxis);
    m_bars->setBrush(QColor(31, 119, 180, 180));
    m_bars->setPen(QPen(QColor(31, 119, 180)));
    m_readout->setMinimumSize(160, 100); // with the image, the dock fits a 1280 x 800 window
    // Exact probabilities, or what S shots of a device would estimate (core/training/RunCost:
    // k ~ Binomial(S, p) drawn from a generator seeded by the step, p^ = k/S, error bars
    // +- sqrt(p^(1 - p^)/S)).
    m_errors = new QCPErrorBars(m_readout->xAxis, m_readout->yAxis);
    m_errors->setDataPlottable(m_bars);
    m_errors->setPen(QPen(QColor(235, 120, 20), 1.8)); // orange: readable on the bars in both themes
    m_errors->setVisible(false);
    m_shots->setObjectName(QStringLiteral("readoutShots"));
    m_shots->setRange(0, 100000);
    m_shots->setSingleStep(100);
    m_shots->setSpecialValueText(tr("readout exact"));
    m_shots->setPrefix(tr("readout "));
    m_shots->setSuffix(tr(" shots"));
    // No wider than the readout plot's minimum: the dock (and the window) keep their minimum.
    m_shots->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_shots->setMinimumWidth(60);
    m_shots->setToolTip(tr("Readout probabilities exact (a simulator), or as a device would "
                           "estimate them from S shots: the fraction of shots that spiked, with "
                           "error bars of one binomial standard error sqrt(p(1-p)/S)"));
    connect(m_shots, &QSpinBox::valueChanged, this, [this] {
        showReadout(m_probabilities, m_readoutStep);
        m_dirty = true;
    });
    m_readout->setToolTip(tr("Spike probability of every readout neuron (one per class) at the "
                             "latest time step; the class whose neuron spikes most is predicted"));

    m_image->setObjectName(QStringLiteral("sampleImage"));
    m_image->setMinimumSize(80, 80);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setToolTip(tr("The last sample as the network saw it: input spikes summed over its time steps"));
    m_caption->setAlignment(Qt::AlignCenter);
    m_caption->setObjectName(QStringLiteral("sampleCaption"));

    auto *side = new QWidget;
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_shots);
    sideLayout->addWidget(m_readout, 2);
    sideLayout->addWidget(m_image, 2);
    sideLayout->addWidget(m_caption);
    // Sample boundaries and the selected step on the raster.
    for (int i = 0; i < kMaxBounds; ++i) {
        auto *line = new QCPItemStraightLine(m_raster);
        line->setPen(QPen(QColor(128, 128, 128, 140), 1, Qt::DashLine));
        line->setVisible(false);
        line->setSelectable(false);
        m_bounds.push_back(line);
    }
    m_marker = new QCPItemRect(m_raster);
    m_marker->setPen(Qt::NoPen);
    m_marker->setBrush(QColor(255, 200, 0, 70));
    m_marker->setVisible(false);
    m_marker->setSelectable(false);
    m_scrub->setObjectName(QStringLiteral("stepScrubber"));
    m_scrub->setToolTip(tr("The recorded steps of this sample: drag to go back and forth (the "
                           "Neuron panel and the readout bars follow)"));
    m_scrub->setEnabled(false);
    connect(m_scrub, &QSlider::valueChanged, this, [this](int v) {
        if (!m_scrubbing)
            selectStep(m_sampleStart + v);
    });
    auto *rasterBox = new QWidget;
    auto *rasterLayout = new QVBoxLayout(rasterBox);
    rasterLayout->setContentsMargins(0, 0, 0, 0);
    rasterLayout->setSpacing(0);
    rasterLayout->addWidget(m_raster, 1);
    rasterLayout->addWidget(m_scrub);
    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(rasterBox);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);

    connect(m_raster, &QCustomPlot::mousePress, this, [this](QMouseEvent *e) {
        if (e->button() == Qt::LeftButton && m_raster->axisRect()->rect().contains(e->pos()))
            selectStep(qint64(std::llround(m_raster->xAxis->pixelToCoord(e->pos().x()))));
    });
    m_raster->setToolTip(tr("Spikes of every population. Click a step to see the watched neuron's "
                            "state at that step; wheel to zoom, drag to pan."));
    m_replot->setInterval(40);
    connect(m_replot, &QTimer::timeout, this, [this] {
        if (m_dirty && isVisible()) {
            m_raster->replot(QCustomPlot::rpQueuedReplot);
            m_readout->replot(QCustomPlot::rpQueuedReplot);
        }
        m_dirty = false;
    });
    m_replot->start();
    attachExportMenu(m_raster, QStringLiteral("spike-raster"), [this] { return rasterTable(); });
    attachExportMenu(m_readout, QStringLiteral("readout"), [this] { return readoutTable(); });
    attachExportMenu(m_image, QStringLiteral("sample"));
}

DataTable ActivityView::rasterTable() const
{
    DataTable t;
    t.columns = QStringList{QStringLiteral("step"), QStringLiteral("population"), QStringLiteral("line")};
    std::vector<RasterSpike> spikes(m_spikes.begin(), m_spikes.end());
    std::stable_sort(spikes.begin(), spikes.end(), [](const RasterSpike &a, const RasterSpike &b) {
        return a.step != b.step ? a.step < b.step : a.pop != b.pop ? a.pop < b.pop : a.line < b.line;
    });
    for (const RasterSpike &k : spikes)
        t.rows << QStringList{QString::number(k.step),
                              k.pop < int(m_pops.size()) ? QString::fromStdString(m_pops[k.pop]) : QString::number(k.pop),
                              QString::number(k.line)};
    return t;
}

DataTable ActivityView::readoutTable() const
{
    DataTable t;
    t.columns = QStringList{QStringLiteral("class"), QStringLiteral("name"), QStringLiteral("p_spike")};
    const bool shots = m_estimate.p.size() == m_probabilities.size() && !m_estimate.p.empty();
    if (shots) // the S-shot estimate shown, beside the exact p
        t.columns << QStringLiteral("shots") << QStringLiteral("p_estimate") << QStringLiteral("standard_error");
    for (int i = 0; i < int(m_probabilities.size()); ++i) {
        QStringList row{QString::number(i),
                        i < int(m_classNames.size()) ? QString::fromStdString(m_classNames[i]) : QString::number(i),
                        csvNumber(m_probabilities[i])};
        if (shots)
            row << QString::number(m_estimate.shots) << csvNumber(m_estimate.p[std::size_t(i)])
                << csvNumber(m_estimate.error[std::size_t(i)]);
        t.rows << row;
    }
    return t;
}

void ActivityView::selectStep(qint64 step)
{
    m_selected = step;
    // The readout bars of that step, when it was recorded.
    const auto it = std::find_if(m_readoutSteps.begin(), m_readoutSteps.end(),
                                 [step](const ReadoutStep &r) { return r.step == step; });
    if (it != m_readoutSteps.end())
        showReadout(it->p, step);
    if (m_perSample && step > m_sampleStart && step <= m_sampleStart + m_stepsPerSample) {
        m_scrubbing = true;
        m_scrub->setValue(int(step - m_sampleStart));
        m_scrubbing = false;
    }
    placeMarkers();
    m_dirty = true;
    Q_EMIT stepClicked(step);
}

void ActivityView::placeMarkers()
{
    const QCPRange x = m_raster->xAxis->range();
    const QCPRange y = m_raster->yAxis->range();
    // Boundaries between samples: every run starts at step 0 and a sample has T steps.
    const int T = m_stepsPerSample;
    const bool few = T > 0 && x.size() / T <= 12; // more would read as a grid
    std::size_t used = 0;
    if (few)
        for (qint64 k = qint64(std::floor(x.lower / T)); k * T <= x.upper && used < m_bounds.size(); ++k) {
            QCPItemStraightLine *line = m_bounds[used++];
            line->point1->setCoords(k * T + 0.5, 0);
            line->point2->setCoords(k * T + 0.5, 1);
            line->setVisible(true);
        }
    for (; used < m_bounds.size(); ++used)
        m_bounds[used]->setVisible(false);
    m_marker->setVisible(m_selected > 0);
    m_marker->topLeft->setCoords(m_selected - 0.5, y.upper);
    m_marker->bottomRight->setCoords(m_selected + 0.5, y.lower);
}

void ActivityView::showReadout(const std::vector<double> &p, qint64 step)
{
    const int n = int(p.size());
    QVector<double> keys(n), values(n), errors(n, 0.0);
    m_estimate = ShotEstimate{};
    if (m_shots->value() > 0 && n > 0) {
        try {
            m_estimate = estimateFromShots(p, m_shots->value(), shotSeed(step));
        } catch (const std::exception &) { // not a probability: shown exact (never happens)
            m_estimate = ShotEstimate{};
        }
    }
    const bool shots = !m_estimate.p.empty();
    // Class names under their bars while they fit; shortened ("Sneak…") when they do not,
    // the class number when not even three letters fit. No slanted labels: they would eat
    // the bars' height. The tooltip names them all.
    const QFontMetrics fm(m_readout->xAxis->tickLabelFont());
    const int room = n > 0 ? std::max(8, m_readout->axisRect()->width() / n - 6) : 0;
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    QStringList names;
    for (int i = 0; i < n; ++i) {
        keys[i] = i;
        values[i] = shots ? m_estimate.p[std::size_t(i)] : p[i];
        if (shots)
            errors[i] = m_estimate.error[std::size_t(i)];
        const QString name = i < int(m_classNames.size()) ? QString::fromStdString(m_classNames[i])
                                                          : QString::number(i);
        names << QStringLiteral("%1 = %2").arg(i).arg(name);
        QString shown = fm.horizontalAdvance(name) <= room ? name : fm.elidedText(name, Qt::ElideRight, room);
        if (shown.size() < 4 && shown != name)
            shown = QString::number(i);
        ticks->addTick(i, shown);
    }
    m_probabilities = p;
    m_readoutStep = step;
    m_bars->setData(keys, values, true);
    m_errors->setData(errors);
    m_errors->setVisible(shots);
    m_readout->yAxis->setLabel(shots ? tr("p̂ ± se") : tr("p(spike)"));
    m_readout->xAxis->setTicker(ticks);
    m_readout->xAxis->setTickLabelRotation(0);
    m_readout->setToolTip(tr("Spike probability of every readout neuron (one per class) at the "
                             "shown time step; the class whose neuron spikes most is predicted. "
                             "Classes: %1").arg(names.join(QStringLiteral(", "))));
    m_readout->xAxis->setRange(-0.6, std::max(1, n) - 0.4);
}

std::uint64_t ActivityView::shotSeed(qint64 step)
{
    // One stream per global step: the same step shows the same estimate, every time.
    return 0x5107'5eedULL ^ (std::uint64_t(step) * 0x9e3779b97f4a7c15ULL);
}

void ActivityView::clear()
{
    m_readoutSteps.clear();
    m_selected = -1;
    m_perSample = false;
    m_stepsPerSample = 0;
    m_sampleStart = 0;
    m_scrub->setEnabled(false);
    setupPopulations({}, {});
    m_lastStep = 0;
    m_probabilities.clear();
    m_classNames.clear();
    m_bars->data()->clear();
    m_errors->data()->clear();
    m_errors->setVisible(false);
    m_estimate = ShotEstimate{};
    m_readout->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText));
    m_raster->xAxis->setRange(0.5, kWindow + 0.5);
    m_image->clear();
    m_caption->clear();
    m_dirty = true;
}

void ActivityView::showNetwork(const std::vector<std::string> &populations, const std::vector<int> &lines)
{
    clear();
    if (populations.size() == lines.size())
        setupPopulations(populations, lines);
}

void ActivityView::setupPopulations(const std::vector<std::string> &populations, const std::vector<int> &lines)
{
    m_raster->clearGraphs();
    m_spikes.clear();
    m_pops = populations;
    m_offset.assign(populations.size(), 0);
    m_lines = lines;
    int row = 0;
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    // Readout on top: populations are stacked from the last (top) to the first (bottom).
    for (int p = 0; p < int(populations.size()); ++p) {
        m_offset[p] = row;
        QCPGraph *g = m_raster->addGraph();
        g->setName(QStringLiteral("%1 (%2)").arg(QString::fromStdString(populations[p])).arg(lines[p]));
        g->setLineStyle(QCPGraph::lsNone);
        const QColor c = populationColour(p);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, c, c, lines[p] > 64 ? 2.5 : 5));
        ticks->addTick(row + kBand / 2.0, QStringLiteral("%1 (%2)").arg(QString::fromStdString(populations[p])).arg(lines[p]));
        row += kBand + 1;
    }
    m_raster->yAxis->setTicker(ticks);
    m_raster->yAxis->setRange(-0.5, std::max(row, kBand) - 0.5);
}

void ActivityView::showSnapshot(const SnapshotPtr &s)
{
    if (!s || s->populations.empty())
        return;
    if (s->populations != m_pops || s->lines != m_lines || s->globalStep < m_lastStep)
        setupPopulations(s->populations, s->lines);
    m_lastStep = s->globalStep;
    for (const RasterSpike &k : s->spikes)
        if (k.pop < m_raster->graphCount()) {
            m_raster->graph(k.pop)->addData(double(k.step), m_offset[k.pop] + (k.line + 0.5) * kBand / std::max(1, m_lines[k.pop]));
            m_spikes.push_back(k);
        }
    const double x = double(s->globalStep);
    for (int g = 0; g < m_raster->graphCount(); ++g)
        m_raster->graph(g)->data()->removeBefore(x - 4 * kWindow);
    while (!m_spikes.empty() && double(m_spikes.front().step) < x - 4 * kWindow)
        m_spikes.pop_front();
    m_classNames = s->classNames;
    for (const ReadoutStep &r : s->readoutSteps)
        m_readoutSteps.push_back(r);
    while (m_readoutSteps.size() > 4096)
        m_readoutSteps.pop_front();
    m_stepsPerSample = s->stepsPerSample;
    fitStepTicks(m_raster->xAxis);
    m_perSample = s->detailed && s->stepsPerSample > 0;
    if (m_perSample) {
        // The sample in flight (or the one just done), step by step.
        m_sampleStart = sampleStart(*s);
        const double lo = double(m_sampleStart) + 0.5;
        m_raster->xAxis->setRange(lo, lo + s->stepsPerSample);
        const int recorded = int(std::min<std::int64_t>(s->globalStep - m_sampleStart, s->stepsPerSample));
        m_scrubbing = true;
        m_scrub->setRange(1, std::max(1, recorded));
        m_scrub->setValue(recorded);
        m_scrubbing = false;
        m_scrub->setEnabled(recorded > 1);
        m_selected = s->globalStep > 0 ? s->globalStep : -1;
    } else {
        m_raster->xAxis->setRange(std::max(0.0, x - kWindow) + 0.5, std::max(kWindow, x) + 0.5);
        m_scrub->setEnabled(false);
        m_selected = -1;
    }
    placeMarkers();
    showReadout(s->readoutProbabilities, s->globalStep);

    // The last sample.
    if (s->imageWidth > 0 && s->imageHeight > 0
        && int(s->image.size()) >= s->imageWidth * s->imageHeight) {
        float top = 0;
        for (float v : s->image)
            top = std::max(top, v);
        QImage img(s->imageWidth, s->imageHeight, QImage::Format_Grayscale8);
        for (int y = 0; y < s->imageHeight; ++y) {
            uchar *line = img.scanLine(y);
            for (int xx = 0; xx < s->imageWidth; ++xx)
                line[xx] = uchar(255 * (top > 0 ? s->image[std::size_t(y) * s->imageWidth + xx] / top : 0));
        }
        const int side = std::max(64, std::min(m_image->width(), m_image->height()) - 4);
        m_image->setPixmap(QPixmap::fromImage(img.scaled(side, side, Qt::KeepAspectRatio, Qt::FastTransformation)));
        auto name = [&](int c) {
            return c >= 0 && c < int(s->classNames.size()) ? QString::fromStdString(s->classNames[c])
                                                           : QString::number(c);
        };
        if (s->label >= 0)
            m_caption->setText(tr("label <b>%1</b> — predicted <b><font color=\"%3\">%2</font></b>")
                                   .arg(name(s->label), name(s->prediction),
                                        s->label == s->prediction ? "#2ca02c" : "#d62728"));
    }
    m_dirty = true;
}

} // namespace sqsnn::lab

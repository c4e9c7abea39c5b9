#include "views/NeuronView.hpp"

#include "model/ProjectModel.hpp"
#include "training/TrainingController.hpp"
#include "views/BlochSphereWidget.hpp"
#include "views/CircuitWidget.hpp"
#include "views/DensityMatrixWidget.hpp"
#include "views/NoiseComparePanel.hpp"
#include "views/PlotStyle.hpp"
#include "views/WhatIfPanel.hpp"

#include "views/PlotInclude.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace sqsnn::lab {

namespace {
constexpr double kWindow = 200; // time steps shown in the traces
}

NeuronView::NeuronView(ProjectModel *model, TrainingController *controller, QWidget *parent)
    : QWidget(parent), m_model(model), m_controller(controller), m_pop(new QComboBox),
      m_neuron(new QSpinBox), m_info(new QLabel), m_sphereBox(new QWidget),
      m_sphereLayout(new QHBoxLayout(m_sphereBox)), m_matrix(new DensityMatrixWidget),
      m_circuit(new CircuitWidget),
      m_plot(new QCustomPlot), m_replot(new QTimer(this)), m_whatIfButton(new QPushButton),
      m_whatIf(new WhatIfPanel), m_compareButton(new QPushButton),
      m_compare(new NoiseComparePanel(model))
{
    setObjectName(QStringLiteral("neuronView"));
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Watch")));
    top->addWidget(m_pop, 1);
    top->addWidget(new QLabel(tr("neuron")));
    top->addWidget(m_neuron);
    top->addWidget(m_whatIfButton); // in the Watch row: the dock gets no taller for it
    m_pop->setObjectName(QStringLiteral("watchPopulation"));
    m_neuron->setObjectName(QStringLiteral("watchNeuron"));
    m_info->setObjectName(QStringLiteral("neuronInfo"));
    m_pop->setToolTip(tr("The SQS population whose neuron is watched (clicking a population on "
                         "the canvas selects it too)"));
    m_neuron->setToolTip(tr("The watched neuron within the population (0 = first; in a readout, "
                            "neuron k stands for class k)"));
    m_plot->setToolTip(tr("Over the last time steps: the watched neuron's spike probability "
                          "p(spike), its memory's purity Tr sigma^2 (1 = pure) and von Neumann "
                          "entropy in bits, and the whole register's purity Tr rho^2, just before "
                          "each measurement. The register stays pure (1) on ideal circuits; with "
                          "noise (T1, T2, gate errors) it falls as the state decoheres"));
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setWordWrap(true); // long lines wrap rather than widen the dock
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_sphereLayout->setContentsMargins(0, 0, 0, 0);

    m_plot->setMinimumHeight(100); // the window fits 1280x800 with the Neuron and Activity docks
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    m_plot->xAxis->setLabel(tr("time step"));
    stepTicks(m_plot->xAxis);
    m_plot->yAxis->setRange(0, 1.05);
    m_plot->yAxis->ticker()->setTickCount(3); // readable in a short plot (and at presentation size)
    const struct { QString name; QColor colour; } series[] = {
        {tr("p(spike)"), QColor(200, 50, 40)},
        // Short names: the legend row sets the dock's minimum width (the tooltip says "memory").
        {tr("purity"), QColor(40, 110, 200)},
        {tr("entropy (bits)"), QColor(40, 160, 80)},
        // Tr rho^2 of the whole register: 1 on the ideal path, falls when noise mixes it.
        {tr("register purity"), QColor(140, 70, 180)}};
    for (const auto &s : series) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(s.name);
        g->setPen(QPen(s.colour, 1.6));
    }
    m_plot->graph(0)->setLineStyle(QCPGraph::lsStepLeft);
    m_plot->graph(3)->setPen(QPen(QColor(140, 70, 180), 1.6, Qt::DashLine));
    // Shown for noisy populations only (ideal circuits keep it at 1, and the legend row sets
    // the dock's minimum width): updateCompareButton.
    m_plot->graph(3)->setVisible(false);
    m_plot->graph(3)->removeFromLegend();
    legendOnTop(m_plot);
    m_plot->legend->setWrap(3); // one row; a noisy population's four entries take two rows of two

    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_matrix);
    bottom->addWidget(m_plot);
    bottom->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    auto *circuitScroll = m_circuitScroll = new QScrollArea;
    circuitScroll->setWidget(m_circuit);
    circuitScroll->setWidgetResizable(true);
    circuitScroll->setFrameShape(QFrame::NoFrame);
    circuitScroll->setMaximumHeight(m_circuit->sizeHint().height() + 24);
    circuitScroll->setMinimumHeight(90);
    m_circuit->setObjectName(QStringLiteral("circuit"));
    layout->addWidget(circuitScroll, 2); // grows up to the whole circuit when the dock has room
    layout->addWidget(m_sphereBox, 2);
    auto *infoRow = new QHBoxLayout; // the info line (it wraps) and, for noisy populations, Ideal | noisy
    infoRow->addWidget(m_info, 1);
    infoRow->addWidget(m_compareButton, 0, Qt::AlignTop);
    layout->addLayout(infoRow);
    layout->addWidget(bottom, 3); // the traces get the larger share (readable at presentation size)

    m_whatIfButton->setObjectName(QStringLiteral("whatIfButton"));
    m_whatIfButton->setText(tr("What if…"));
    // A tool window beside the lab: the comparison never squeezes the dock or grows the window.
    m_whatIf->setParent(this, Qt::Tool);
    m_whatIf->hide();
    connect(m_whatIfButton, &QPushButton::clicked, this, &NeuronView::showWhatIf);
    connect(m_controller, &TrainingController::stateChanged, this, [this](RunState state) {
        m_runState = state;
        if (state != RunState::Paused)
            m_whatIf->hide(); // the comparison belongs to the paused step
        updateWhatIfButton();
    });
    m_compareButton->setObjectName(QStringLiteral("noiseCompareButton"));
    m_compareButton->setText(tr("Ideal | noisy"));
    m_compare->setParent(this, Qt::Tool); // a tool window beside the lab, like the what-if
    m_compare->hide();
    connect(m_compareButton, &QPushButton::clicked, this, &NeuronView::showNoiseCompare);
    updateWhatIfButton();

    connect(m_pop, &QComboBox::currentIndexChanged, this, &NeuronView::selectionChanged);
    connect(m_neuron, &QSpinBox::valueChanged, this, &NeuronView::selectionChanged);
    connect(m_model, &ProjectModel::projectReset, this, &NeuronView::fillPopulations);
    connect(m_model, &ProjectModel::changed, this, &NeuronView::fillPopulations);
    connect(m_controller, &TrainingController::snapshot, this, &NeuronView::showSnapshot);
    connect(m_controller, &TrainingController::cleared, this, &NeuronView::clearView);
    m_replot->setInterval(40);
    connect(m_replot, &QTimer::timeout, this, [this] {
        if (m_dirty && isVisible())
            m_plot->replot(QCustomPlot::rpQueuedReplot);
        m_dirty = false;
    });
    m_replot->start();
    attachExportMenu(m_plot, QStringLiteral("neuron-traces"), [this] { return traceTable(); });
    attachExportMenu(m_circuit, QStringLiteral("circuit"));
    attachExportMenu(m_matrix, QStringLiteral("memory-density-matrix"), [this] { return memoryTable(); });
    fillPopulations();
}

DataTable NeuronView::traceTable() const
{
    DataTable t;
    t.columns = QStringList{QStringLiteral("step"), QStringLiteral("firing_probability"),
                            QStringLiteral("outcome"), QStringLiteral("memory_purity"),
                            QStringLiteral("memory_entropy_bits"), QStringLiteral("register_purity")};
    for (const NeuronStep &n : m_history)
        t.rows << QStringList{QString::number(n.step), csvNumber(n.firingProbability),
                              QString::number(n.outcome), csvNumber(n.purity), csvNumber(n.entropy),
                              csvNumber(n.registerPurity)};
    return t;
}

DataTable NeuronView::blochTable(int qubit) const
{
    DataTable t;
    t.columns = QStringList{QStringLiteral("step"), QStringLiteral("x"), QStringLiteral("y"),
                            QStringLiteral("z"), QStringLiteral("length")};
    for (const NeuronStep &n : m_history)
        if (qubit >= 0 && qubit < int(n.bloch.size())) {
            const Eigen::Vector3d &v = n.bloch[std::size_t(qubit)];
            t.rows << QStringList{QString::number(n.step), csvNumber(v.x()), csvNumber(v.y()),
                                  csvNumber(v.z()), csvNumber(v.norm())};
        }
    return t;
}

DataTable NeuronView::memoryTable() const
{
    DataTable t;
    t.columns = QStringList{QStringLiteral("row"), QStringLiteral("column"), QStringLiteral("real"),
                            QStringLiteral("imag"), QStringLiteral("magnitude"), QStringLiteral("phase")};
    const Eigen::MatrixXcd &rho = m_matrix->matrix();
    for (Eigen::Index r = 0; r < rho.rows(); ++r)
        for (Eigen::Index c = 0; c < rho.cols(); ++c) {
            const std::complex<double> v = rho(r, c);
            t.rows << QStringList{QString::number(r), QString::number(c), csvNumber(v.real()),
                                  csvNumber(v.imag()), csvNumber(std::abs(v)), csvNumber(std::arg(v))};
        }
    return t;
}

int NeuronView::watchedPopulation() const { return m_pop->currentData().isValid() ? m_pop->currentData().toInt() : -1; }
int NeuronView::watchedNeuron() const { return m_neuron->value(); }

void NeuronView::fillPopulations()
{
    const int keep = watchedPopulation();
    QSignalBlocker block(m_pop);
    m_pop->clear();
    const auto &pops = m_model->project().network.populations;
    int select = -1;
    for (int i = 0; i < int(pops.size()); ++i) {
        if (pops[i].kind != "sqs")
            continue;
        m_pop->addItem(QString::fromStdString(pops[i].name), i);
        if (i == keep || select < 0)
            select = m_pop->count() - 1;
    }
    if (m_pop->count() == 0)
        m_pop->addItem(tr("(no SQS population)"));
    m_pop->setCurrentIndex(std::max(0, select));
    block.unblock();
    selectionChanged();
}

void NeuronView::watch(int pop, int neuron)
{
    const int idx = m_pop->findData(pop);
    if (idx < 0)
        return;
    QSignalBlocker b1(m_pop), b2(m_neuron);
    m_pop->setCurrentIndex(idx);
    b1.unblock();
    b2.unblock();
    selectionChanged();
    m_neuron->setValue(neuron);
}

void NeuronView::selectionChanged()
{
    const int pop = watchedPopulation();
    const auto &pops = m_model->project().network.populations;
    int size = 1;
    if (pop >= 0 && pop < int(pops.size())) {
        size = std::max(1, pops[pop].size);
        ensureSpheres(pops[pop].ioQubits, pops[pop].memoryQubits);
    } else {
        ensureSpheres(0, 0);
    }
    {
        QSignalBlocker b(m_neuron);
        m_neuron->setRange(0, size - 1);
    }
    m_controller->setWatched(pop, m_neuron->value());
    m_compare->setWatched(pop, m_neuron->value());
    updateCompareButton();
    if (!m_controller->isActive())
        showIdleInfo();
}

void NeuronView::showIdleInfo()
{
    const int pop = watchedPopulation();
    const auto &pops = m_model->project().network.populations;
    QString text;
    if (pop < 0 || pop >= int(pops.size()))
        text = tr("No SQS population to watch: add one from the palette.");
    else
        text = tr("Watching %1, neuron %2: its circuit and state appear at the first step "
                  "(Step Time Step or Train).")
                   .arg(QString::fromStdString(pops[pop].name))
                   .arg(m_neuron->value());
    m_circuit->setPlaceholder(text); // said once, where the circuit will be
    if (m_history.empty())
        m_info->clear();
}

void NeuronView::clearView()
{
    clearTraces();
    m_circuit->setCircuit(Circuit{}, {}, 0);
    m_shownPop = m_shownNeuron = -2;
    m_shown = NeuronStep{};
    m_shownCircuit = Circuit{};
    m_whatIf->hide();
    updateWhatIfButton();
    showIdleInfo();
}

void NeuronView::ensureSpheres(int io, int memory)
{
    if (io == m_io && memory == m_memory && int(m_spheres.size()) == io + memory)
        return;
    for (auto *s : m_spheres)
        delete s;
    m_spheres.clear();
    m_io = io;
    m_memory = memory;
    for (int q = 0; q < io + memory; ++q) {
        auto *s = new BlochSphereWidget;
        s->setObjectName(QStringLiteral("bloch%1").arg(q));
        s->setTitle(q < io ? tr("I/O qubit %1").arg(q) : tr("memory qubit %1").arg(q - io));
        attachExportMenu(s, q < io ? QStringLiteral("bloch-io-%1").arg(q)
                                   : QStringLiteral("bloch-memory-%1").arg(q - io),
                         [this, q] { return blochTable(q); });
        m_sphereLayout->addWidget(s);
        m_spheres.push_back(s);
    }
    clearTraces();
}

void NeuronView::clearTraces()
{
    for (auto *s : m_spheres)
        s->clear();
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    m_matrix->setMatrix({});
    m_history.clear();
    m_dirty = true;
}

void NeuronView::updateCompareButton()
{
    const int pop = watchedPopulation();
    const auto &pops = m_model->project().network.populations;
    const bool noisy = pop >= 0 && pop < int(pops.size()) && pops[std::size_t(pop)].noise.enabled();
    m_compareButton->setEnabled(noisy);
    // Only where there is something to compare: an ideal project's dock stays as narrow as it was.
    m_compareButton->setVisible(noisy);
    QCPGraph *reg = m_plot->graph(3);
    if (reg->visible() != noisy) {
        reg->setVisible(noisy);
        if (noisy)
            reg->addToLegend();
        else
            reg->removeFromLegend();
        m_plot->legend->setWrap(noisy ? 2 : 3); // no wider than the three entries of one row
        m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst, true); // re-flow the entries
        m_dirty = true;
    }
    m_compareButton->setToolTip(
        noisy ? tr("Replay one test sample with the same seed through this project and through "
                   "the same project without noise, side by side for the watched neuron")
              : tr("Ideal | noisy compares a noisy population with its ideal circuits: give the "
                   "watched population noise (T1/T2, a preset) in the inspector first"));
}

bool NeuronView::showNoiseCompare()
{
    const bool place = m_compare->isHidden();
    m_compare->show();
    if (place) {
        QPoint at = mapToGlobal(QPoint(-m_compare->width() - 8, 0));
        if (const QScreen *screen = this->screen()) {
            const QRect area = screen->availableGeometry();
            at.setX(std::clamp(at.x(), area.left(), std::max(area.left(), area.right() - m_compare->width())));
            at.setY(std::clamp(at.y(), area.top(), std::max(area.top(), area.bottom() - m_compare->height())));
        }
        m_compare->move(at);
    }
    m_compare->raise();
    return m_compare->replay(watchedPopulation(), watchedNeuron(), m_compare->sampleBox()->value());
}

void NeuronView::updateWhatIfButton()
{
    const bool can = m_runState == RunState::Paused
                     && WhatIfPanel::canReplay(m_shown, m_shownCircuit, m_io, m_memory);
    m_whatIfButton->setEnabled(can);
    m_whatIfButton->setToolTip(
        can ? tr("Force the other outcome (spike <-> no spike) of this neuron at step %1 and compare "
                 "the memory and the next step's p with the real run; the run stays unchanged")
                  .arg(m_shown.step)
            : m_shown.mixed
                  ? tr("The what-if replays ideal circuits only: this population has noise (use "
                       "Ideal | noisy to compare with its ideal circuits)")
                  : tr("What if the measurement had given the other outcome? Pause at a step "
                       "(Step Time Step, Ctrl+T) to compare the two branches"));
}

bool NeuronView::showWhatIf()
{
    if (m_runState != RunState::Paused)
        return false;
    const bool ok = m_whatIf->showBranches(m_shown, m_shownCircuit, m_io, m_memory);
    const bool place = m_whatIf->isHidden();
    m_whatIf->show(); // says why when the step cannot be replayed
    if (place) { // beside the dock, over the canvas, on the screen
        QPoint at = mapToGlobal(QPoint(-m_whatIf->width() - 8, 0));
        if (const QScreen *screen = this->screen()) {
            const QRect area = screen->availableGeometry();
            at.setX(std::clamp(at.x(), area.left(), std::max(area.left(), area.right() - m_whatIf->width())));
            at.setY(std::clamp(at.y(), area.top(), std::max(area.top(), area.bottom() - m_whatIf->height())));
        }
        m_whatIf->move(at);
    }
    m_whatIf->raise();
    return ok;
}

void NeuronView::showState(const NeuronStep &n, bool fromHistory)
{
    m_shown = n;
    if (!m_whatIf->isHidden())
        m_whatIf->showBranches(m_shown, m_shownCircuit, m_io, m_memory); // follows a recalled step
    updateWhatIfButton();
    m_matrix->setMatrix(n.memory);
    // Three decimals as shown: a rounding residue of -1e-17 bits reads 0.000, not -0.000.
    auto fixed3 = [](double v) { return QString::number(std::abs(v) < 5e-4 ? 0.0 : v, 'f', 3); };
    QString values = tr("p(spike) %1   outcome %2   purity %3   entropy %4 bits")
                         .arg(fixed3(n.firingProbability))
                         .arg(n.outcome)
                         .arg(fixed3(n.purity), fixed3(n.entropy));
    if (n.mixed) // the density path: say how mixed the whole register is
        values += tr("   register purity %1 (noisy)").arg(fixed3(n.registerPurity));
    // A recalled step says so in the same words every time, without changing the line's length
    // much (the dock does not resize with it).
    m_info->setText(fromHistory ? tr("recalled step %1:   %2").arg(n.step).arg(values)
                                : tr("step %1:   %2").arg(n.step).arg(values));
}

bool NeuronView::showStep(qint64 step)
{
    const auto it = std::upper_bound(m_history.begin(), m_history.end(), step,
                                     [](qint64 s, const NeuronStep &n) { return s < n.step; });
    if (it == m_history.begin())
        return false;
    const NeuronStep &n = *std::prev(it);
    for (int q = 0; q < int(m_spheres.size()) && q < int(n.bloch.size()); ++q) {
        m_spheres[q]->clear();
        m_spheres[q]->addState(n.bloch[q], q < m_io ? (n.outcome >> (m_io - 1 - q)) & 1 : -1);
    }
    showState(n, true);
    return true;
}

void NeuronView::showSnapshot(const SnapshotPtr &s)
{
    if (!s)
        return;
    if (s->watchedPop != m_shownPop || s->watchedNeuron != m_shownNeuron) {
        m_shownPop = s->watchedPop;
        m_shownNeuron = s->watchedNeuron;
        if (s->ioQubits + s->memoryQubits > 0)
            ensureSpheres(s->ioQubits, s->memoryQubits);
        clearTraces();
    }
    m_runState = s->state;
    if (!s->circuit.gates.empty()) {
        m_shownCircuit = s->circuit;
        m_circuit->setCircuit(s->circuit, s->circuitParameters, s->ioQubits);
        const int h = m_circuit->sizeHint().height() + 24;
        m_circuitScroll->setMaximumHeight(h);
        m_circuitScroll->setMinimumHeight(std::min(h, 90)); // taller circuits scroll (1280 x 800)
    }
    if (s->neuron.empty())
        return;
    const std::size_t first = s->neuron.size() > 64 ? s->neuron.size() - 64 : 0;
    for (std::size_t i = first; i < s->neuron.size(); ++i) {
        const NeuronStep &n = s->neuron[i];
        for (int q = 0; q < int(m_spheres.size()) && q < int(n.bloch.size()); ++q) {
            const int bit = q < m_io ? (n.outcome >> (m_io - 1 - q)) & 1 : -1;
            m_spheres[q]->addState(n.bloch[q], bit);
        }
    }
    for (const NeuronStep &n : s->neuron) {
        if (m_history.empty() || n.step > m_history.back().step)
            m_history.push_back(n);
        const double x = double(n.step);
        m_plot->graph(0)->addData(x, n.firingProbability);
        m_plot->graph(1)->addData(x, n.purity);
        m_plot->graph(2)->addData(x, n.entropy);
        m_plot->graph(3)->addData(x, n.registerPurity);
    }
    const NeuronStep &last = s->neuron.back();
    const double x = double(last.step);
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->removeBefore(x - kWindow);
    fitStepTicks(m_plot->xAxis);
    if (s->detailed && s->stepsPerSample > 0) { // per-sample view: the sample's T steps
        const double lo = double(sampleStart(*s)) + 0.5;
        m_plot->xAxis->setRange(lo, lo + s->stepsPerSample);
    } else {
        m_plot->xAxis->setRange(std::max(0.0, x - kWindow), std::max(kWindow, x) + 1);
    }
    m_plot->yAxis->setRange(0, std::max(1.05, 0.05 + last.entropy));
    while (m_history.size() > kHistory)
        m_history.pop_front();
    showState(last, false);
    m_dirty = true;
}

} // namespace sqsnn::lab

#include "views/NoiseComparePanel.hpp"

#include "model/ProjectModel.hpp"
#include "training/Trainer.hpp"
#include "views/BlochSphereWidget.hpp"
#include "views/PlotStyle.hpp"

#include "views/PlotInclude.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace sqsnn::lab {

namespace {
struct Replays
{
    std::vector<WatchedStep> ideal, noisy;
    std::string error;
};

std::vector<WatchedStep> replayOne(const Project &p, int pop, int neuron, int sample)
{
    Trainer t(p, TrainerOptions{1}); // results do not depend on the thread count
    return replayWatched(t, t.data().test, std::size_t(sample), pop, neuron);
}
} // namespace

NoiseComparePanel::NoiseComparePanel(ProjectModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_title(new QLabel), m_status(new QLabel),
      m_sample(new QSpinBox), m_replay(new QPushButton), m_plot(new QCustomPlot)
{
    setObjectName(QStringLiteral("noiseComparePanel"));
    setWindowTitle(tr("Ideal | noisy \u2014 one sample both ways"));
    resize(640, 560);
    m_title->setObjectName(QStringLiteral("noiseCompareTitle"));
    m_status->setObjectName(QStringLiteral("noiseCompareStatus"));
    m_sample->setObjectName(QStringLiteral("noiseCompareSample"));
    m_replay->setObjectName(QStringLiteral("noiseCompareReplay"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_sample->setRange(0, 1000000);
    m_sample->setPrefix(tr("test sample "));
    m_sample->setToolTip(tr("Which sample of the test split to replay (its seed is the one the "
                            "test evaluation uses)"));
    m_replay->setText(tr("Replay both ways"));
    m_replay->setToolTip(tr("Run the sample through the project with its noise and through the "
                            "same project with the noise removed, with the same seed, using the "
                            "current parameters; the run is not touched"));
    connect(m_replay, &QPushButton::clicked, this, [this] { replay(m_pop, m_neuron, m_sample->value()); });

    auto *close = new QPushButton(tr("Close"));
    close->setObjectName(QStringLiteral("noiseCompareClose"));
    close->setToolTip(tr("Close the comparison (the run was never touched)"));
    connect(close, &QPushButton::clicked, this, &QWidget::hide);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_sample);
    controls->addWidget(m_replay);
    controls->addStretch(1);
    controls->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->addWidget(m_title);
    layout->addLayout(controls);
    for (int side = 0; side < 2; ++side) {
        auto *label = new QLabel(side ? tr("noisy (the project's noise)") : tr("ideal (noise removed)"));
        label->setObjectName(side ? QStringLiteral("noisyLabel") : QStringLiteral("idealLabel"));
        layout->addWidget(label);
        m_rows[side] = new QHBoxLayout;
        layout->addLayout(m_rows[side], 2);
    }
    m_plot->setObjectName(QStringLiteral("noiseComparePlot"));
    m_plot->setMinimumHeight(150);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(QFont(font().family(), 8));
    m_plot->xAxis->setLabel(tr("time step of the sample"));
    stepTicks(m_plot->xAxis);
    m_plot->yAxis->setRange(0, 1.05);
    const struct { QString name; QColor colour; bool noisy; } series[] = {
        {tr("p ideal"), QColor(200, 50, 40), false},        {tr("p noisy"), QColor(200, 50, 40), true},
        {tr("purity ideal"), QColor(40, 110, 200), false},  {tr("purity noisy"), QColor(40, 110, 200), true},
        {tr("register ideal"), QColor(140, 70, 180), false}, {tr("register noisy"), QColor(140, 70, 180), true}};
    for (const auto &s : series) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(s.name);
        g->setPen(QPen(s.colour, s.noisy ? 1.8 : 1.4, s.noisy ? Qt::SolidLine : Qt::DashLine));
    }
    m_plot->setToolTip(tr("Over the replayed sample: p(spike) of I/O qubit 0, the memory's purity "
                          "Tr sigma^2 and the register's purity Tr rho^2, ideal (dashed) and noisy "
                          "(solid). The ideal register stays pure; noise lowers its purity step by "
                          "step"));
    legendOnTop(m_plot);
    layout->addWidget(m_plot, 3);
    layout->addWidget(m_status);
    setWatched(-1, 0);
}

void NoiseComparePanel::setWatched(int pop, int neuron)
{
    m_pop = pop;
    m_neuron = neuron;
    const auto &pops = m_model->project().network.populations;
    if (pop < 0 || pop >= int(pops.size()) || pops[std::size_t(pop)].kind != "sqs") {
        m_title->setText(tr("No SQS population watched"));
        m_replay->setEnabled(false);
        return;
    }
    const PopulationSpec &p = pops[std::size_t(pop)];
    ensureSpheres(p.ioQubits, p.memoryQubits);
    const bool noisy = p.noise.enabled();
    m_title->setText(noisy ? tr("%1, neuron %2: the same sample, ideal and noisy")
                                 .arg(QString::fromStdString(p.name)).arg(neuron)
                           : tr("%1 has no noise: set T1/T2 or a preset in its inspector's noise "
                                "row to compare").arg(QString::fromStdString(p.name)));
    m_replay->setEnabled(noisy && !m_busy);
}

void NoiseComparePanel::ensureSpheres(int io, int memory)
{
    for (int side = 0; side < 2; ++side) {
        if (int(m_spheres[side].size()) == io + memory)
            continue;
        for (auto *s : m_spheres[side])
            delete s;
        m_spheres[side].clear();
        for (int q = 0; q < io + memory; ++q) {
            auto *s = new BlochSphereWidget;
            s->setObjectName(QStringLiteral("%1Bloch%2").arg(side ? u"noisy" : u"ideal").arg(q));
            s->setTitle(q < io ? tr("I/O %1").arg(q) : tr("memory %1").arg(q - io));
            s->setMinimumSize(90, 110);
            m_rows[side]->addWidget(s);
            m_spheres[side].push_back(s);
        }
    }
}

bool NoiseComparePanel::replay(int pop, int neuron, int sample)
{
    if (m_busy)
        return false;
    setWatched(pop, neuron);
    const Project project = m_model->project();
    if (pop < 0 || pop >= int(project.network.populations.size())
        || !project.network.populations[std::size_t(pop)].noise.enabled()) {
        m_status->setText(tr("Nothing to compare: the watched population has no noise."));
        return false;
    }
    m_busy = true;
    m_replay->setEnabled(false);
    m_status->setText(tr("Replaying test sample %1 both ways…").arg(sample));
    auto result = std::make_shared<Replays>();
    QThread *thread = QThread::create([project, pop, neuron, sample, result] {
        try {
            result->noisy = replayOne(project, pop, neuron, sample);
            result->ideal = replayOne(idealCopy(project), pop, neuron, sample);
        } catch (const std::exception &e) {
            result->error = e.what();
        }
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, result, sample] {
        m_busy = false;
        setWatched(m_pop, m_neuron);
        if (!result->error.empty()) {
            m_status->setText(tr("Cannot replay: %1").arg(QString::fromStdString(result->error)));
            Q_EMIT replayed(false);
            return;
        }
        showReplays(std::move(result->ideal), std::move(result->noisy));
        const WatchedStep &a = m_ideal.back(), &b = m_noisy.back();
        m_status->setText(tr("Test sample %1, step %2 of %2: register purity %3 ideal, %4 noisy; "
                             "memory purity %5 ideal, %6 noisy.")
                              .arg(sample).arg(m_noisy.size())
                              .arg(a.state.registerPurity, 0, 'f', 3).arg(b.state.registerPurity, 0, 'f', 3)
                              .arg(a.state.memoryPurity, 0, 'f', 3).arg(b.state.memoryPurity, 0, 'f', 3));
        Q_EMIT replayed(true);
    });
    thread->start();
    return true;
}

void NoiseComparePanel::showReplays(std::vector<WatchedStep> ideal, std::vector<WatchedStep> noisy)
{
    m_ideal = std::move(ideal);
    m_noisy = std::move(noisy);
    for (int g = 0; g < m_plot->graphCount(); ++g)
        m_plot->graph(g)->data()->clear();
    const std::vector<WatchedStep> *sides[2] = {&m_ideal, &m_noisy};
    for (int side = 0; side < 2; ++side) {
        for (auto *s : m_spheres[side])
            s->clear();
        const int io = m_spheres[side].empty() ? 0 : int(sides[side]->front().currents.size());
        for (const WatchedStep &w : *sides[side]) {
            const double x = w.t + 1;
            m_plot->graph(side)->addData(x, w.firingProbability);
            m_plot->graph(2 + side)->addData(x, w.state.memoryPurity);
            m_plot->graph(4 + side)->addData(x, w.state.registerPurity);
            for (int q = 0; q < int(m_spheres[side].size()) && q < int(w.state.bloch.size()); ++q)
                m_spheres[side][q]->addState(w.state.bloch[q], q < io ? (w.outcome >> (io - 1 - q)) & 1 : -1);
        }
    }
    m_plot->xAxis->setRange(0.5, double(m_noisy.size()) + 0.5);
    fitStepTicks(m_plot->xAxis);
    m_plot->replot();
}

} // namespace sqsnn::lab

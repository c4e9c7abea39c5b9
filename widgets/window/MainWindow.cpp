#include "window/MainWindow.hpp"

#include "editor/GraphScene.hpp"
#include "editor/GraphView.hpp"
#include "model/CoreBridge.hpp"
#include "model/ProjectModel.hpp"
#include "panels/InspectorWidget.hpp"
#include "panels/LessonPanel.hpp"
#include "panels/LogWidget.hpp"
#include "panels/PaletteWidget.hpp"
#include "window/Autosave.hpp"
#include "window/ExampleDialog.hpp"
#include "window/ExportController.hpp"
#include "window/FileController.hpp"
#include "window/LabActions.hpp"
#include "window/Prompter.hpp"
#include "window/Resources.hpp"
#include "window/Theme.hpp"
// --- live training (issue 6) ---
#include "editor/NodeItem.hpp"
#include "training/TrainingController.hpp"
#include "views/ActivityView.hpp"
#include "views/NeuronView.hpp"
#include "views/PlotStyle.hpp"
#include "views/TrainingView.hpp"

#include <QApplication>
#include <QScreen>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QUndoView>

namespace sqsnn::lab {

MainWindow::MainWindow(Prompter *prompter, QWidget *parent)
    : QMainWindow(parent), m_ownPrompter(prompter ? nullptr : std::make_unique<Prompter>()),
      m_prompter(prompter ? prompter : m_ownPrompter.get()), m_model(new ProjectModel(this)),
      m_scene(new GraphScene(m_model, this)), m_view(new GraphView(m_scene)),
      m_palette(new PaletteWidget), m_inspector(new InspectorWidget(m_model, m_scene)),
      m_log(new LogWidget), m_files(new FileController(m_model, m_prompter, this)),
      m_autosave(new Autosave(m_model, this)), m_exports(new ExportController(this))
{
    initResources();
    Prompter::install(this, m_prompter); // the views' export menus ask through it
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    setCentralWidget(m_view);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    addDock(m_palette, tr("Palette"), QStringLiteral("paletteDock"), Qt::LeftDockWidgetArea);
    addDock(m_inspector, tr("Inspector"), QStringLiteral("inspectorDock"), Qt::RightDockWidgetArea);
    addDock(m_log, tr("Log"), QStringLiteral("logDock"), Qt::BottomDockWidgetArea);
    auto *history = new QUndoView(m_model->undoStack());
    history->setEmptyLabel(tr("<opened project>"));
    addDock(history, tr("History"), QStringLiteral("historyDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(findChild<QDockWidget *>(QStringLiteral("logDock")),
                     findChild<QDockWidget *>(QStringLiteral("historyDock")));
    findChild<QDockWidget *>(QStringLiteral("logDock"))->raise();
    resizeDocks({findChild<QDockWidget *>(QStringLiteral("paletteDock")),
                 findChild<QDockWidget *>(QStringLiteral("inspectorDock"))},
                {260, 380}, Qt::Horizontal);
    resizeDocks({findChild<QDockWidget *>(QStringLiteral("logDock"))}, {150}, Qt::Vertical);
    createTrainingDocks(); // live training (issue 6)
    createTeachingDock();  // lessons (issue 7)
    m_actions = new LabActions(this);
    resize(1440, 900);
    m_defaultState = saveState();

    connect(m_palette, &PaletteWidget::activatedType, this, [this](const QString &type) {
        m_scene->addNode(type, m_view->mapToScene(m_view->viewport()->rect().center()) - QPointF(98, 46));
    });
    connect(m_model, &ProjectModel::message, m_log, &LogWidget::append);
    connect(m_model, &ProjectModel::message, this, [this](int level, const QString &text) {
        if (level == ProjectModel::Error)
            statusBar()->showMessage(text, 10000);
    });
    connect(m_model, &ProjectModel::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_model, &ProjectModel::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_model, &ProjectModel::changed, this, [this] { reportIssues(false); });
    connect(m_model, &ProjectModel::projectReset, this, [this] {
        reportIssues(true);
        QTimer::singleShot(0, m_view, &GraphView::fitToView);
    });
    auto *params = new QLabel;
    params->setObjectName(QStringLiteral("statusParameters"));
    statusBar()->addPermanentWidget(params);
    connect(m_model, &ProjectModel::changed, this, &MainWindow::updateStatus);
    connect(m_model, &ProjectModel::projectReset, this, &MainWindow::updateStatus);
    connect(m_training, &TrainingController::activeChanged, this, &MainWindow::setEditingLocked);

    QSettings settings;
    setTheme(settings.value(QStringLiteral("view/theme"), QStringLiteral("light")).toString());
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        fitDefaultSizeToScreen();
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Children die in creation order (the model first): silence the views' inputs before.
    m_model->blockSignals(true);
    m_scene->blockSignals(true);
}

QDockWidget *MainWindow::addDock(QWidget *content, const QString &title, const QString &id,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(id);
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    return dock;
}

bool MainWindow::start(const QString &path, bool offerRecovery)
{
    if (offerRecovery && m_autosave->offerRestore(m_prompter, this))
        return true;
    if (!path.isEmpty())
        return m_files->openFile(path, false);
    const QString quickstart = QDir(ExampleDialog::defaultFolder()).filePath(QStringLiteral("quickstart.sqsnn.json"));
    if (QFileInfo::exists(quickstart) && m_files->openFile(quickstart, false))
        return true;
    m_files->newProject();
    return true;
}

void MainWindow::setTheme(const QString &theme)
{
    applyTheme(theme);
    QSettings().setValue(QStringLiteral("view/theme"), theme);
    m_scene->update();
    m_actions->setTheme(theme);
    applyPlotPaletteToAll(this, QApplication::palette()); // plots follow the theme too
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    if (auto *lesson = findChild<QDockWidget *>(QStringLiteral("lessonDock")))
        lesson->setVisible(m_lessonPanel->hasLesson());
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_model->displayName() + QStringLiteral("[*] — SQSNN Lab"));
    setWindowModified(m_model->isModified());
}

void MainWindow::updateStatus()
{
    const std::int64_t n = m_model->parameterCount();
    const QString count = n >= 0 ? QLocale().toString(qlonglong(n)) : QStringLiteral("?");
    auto *label = findChild<QLabel *>(QStringLiteral("statusParameters"));
    const int problems = int(m_model->issues().size());
    label->setText(tr("%1 populations · %2 projections · %3 parameters · %4")
                       .arg(m_model->project().network.populations.size())
                       .arg(m_model->project().network.projections.size())
                       .arg(count, problems == 0 ? tr("valid")
                                                 : problems == 1 ? tr("1 problem")
                                                                 : tr("%1 problems").arg(problems)));
}

void MainWindow::reportIssues(bool all)
{
    QStringList now;
    for (const auto &issue : m_model->issues())
        now << QString::fromStdString(issue.message);
    for (const QString &msg : now)
        if (all || !m_reported.contains(msg))
            m_log->append(ProjectModel::Warning, msg);
    m_reported = now;
}

// --- live training (issue 6) ---
void MainWindow::createTrainingDocks()
{
    m_training = new TrainingController(m_model, this); // every core, as `sqsnn train`
    m_neuronView = new NeuronView(m_model, m_training);
    m_activityView = new ActivityView;
    m_trainingView = new TrainingView(m_model, m_training);
    QDockWidget *neuron = addDock(m_neuronView, tr("Neuron"), QStringLiteral("neuronDock"), Qt::RightDockWidgetArea);
    QDockWidget *activity = addDock(m_activityView, tr("Activity"), QStringLiteral("activityDock"), Qt::BottomDockWidgetArea);
    QDockWidget *training = addDock(m_trainingView, tr("Training"), QStringLiteral("trainingDock"), Qt::BottomDockWidgetArea);
    // The neuron view shares the inspector's place (editing is locked during a run anyway) and
    // comes to the front when a run starts.
    tabifyDockWidget(findChild<QDockWidget *>(QStringLiteral("inspectorDock")), neuron);
    findChild<QDockWidget *>(QStringLiteral("inspectorDock"))->raise();
    connect(m_training, &TrainingController::activeChanged, neuron, [neuron](bool active) {
        if (active)
            neuron->raise();
    });
    splitDockWidget(activity, training, Qt::Horizontal);
    tabifyDockWidget(training, findChild<QDockWidget *>(QStringLiteral("logDock")));
    tabifyDockWidget(training, findChild<QDockWidget *>(QStringLiteral("historyDock")));
    training->raise();
    resizeDocks({activity}, {330}, Qt::Vertical);
    // The raster gets the larger share of the bottom row once the window is laid out (unless a
    // remembered layout says otherwise).
    if (QSettings().value(QStringLiteral("window/state")).toByteArray().isEmpty())
        QTimer::singleShot(0, this, [this, activity, training] {
            resizeDocks({activity, training}, {width() * 55 / 100, width() * 45 / 100}, Qt::Horizontal);
        });
    connect(m_training, &TrainingController::snapshot, m_activityView, &ActivityView::showSnapshot);
    connect(m_training, &TrainingController::message, m_log, &LogWidget::append);
    connect(m_activityView, &ActivityView::stepClicked, m_neuronView, &NeuronView::showStep);
    // The run status and learning health are permanent widgets: a temporary message (a menu's
    // or action's status tip, an error) takes the bar's left part and never hides them.
    auto *runStatus = new QLabel;
    runStatus->setObjectName(QStringLiteral("statusTraining"));
    statusBar()->addPermanentWidget(runStatus);
    auto *health = new QLabel;
    health->setObjectName(QStringLiteral("statusHealth"));
    statusBar()->addPermanentWidget(health);
    auto *cost = new QLabel;
    cost->setObjectName(QStringLiteral("statusCost"));
    statusBar()->addPermanentWidget(cost);
    // Every view clears and re-labels when a project opens or a run starts or is reset.
    connect(m_training, &TrainingController::cleared, this, [this, runStatus, health, cost] {
        runStatus->clear();
        health->clear();
        cost->clear();
        m_activityView->showNetwork(populationNames(), populationLines());
    });
    connect(m_training, &TrainingController::snapshot, this, [this, runStatus, health, cost](const SnapshotPtr &s) {
        const int planned = m_model->project().training.epochs;
        if (allEpochsDone(*s, planned))
            runStatus->setText(tr("%1 of %2 epochs done").arg(s->epochsDone).arg(runTarget(*s, planned)));
        else
            runStatus->setText(tr("epoch %1 of %2 · sample %3/%4 · %5 samples/s")
                                   .arg(s->epoch).arg(runTarget(*s, planned))
                                   .arg(s->sample).arg(s->samplesPerEpoch)
                                   .arg(s->samplesPerSecond, 0, 'f', s->samplesPerSecond < 10 ? 1 : 0));
        cost->setText(costText(*s));
        cost->setToolTip(
            s->costSimulatorOnly
                ? tr("What this run would have cost on a quantum device so far: every sample runs "
                     "the network as one circuit with one shot (mid-circuit measurements). The "
                     "gradient of this estimator needs the exact state (a simulator), so only "
                     "the forward circuits are counted; the shift estimator with shots > 0 runs "
                     "on hardware (sqsnn info shows the per-sample counts)")
                : tr("What this run would have cost on a quantum device so far: per training "
                     "sample the forward circuit plus the shift estimator's fresh circuits, each "
                     "with the project's shots; per test sample the forward circuit (sqsnn info "
                     "shows the per-sample counts)"));
        health->setText(TrainingView::healthText(s->health, false));
        health->setToolTip(QString::fromStdString(s->health.hint));
        health->setStyleSheet(s->health.ok() ? QString() : QStringLiteral("QLabel { color: #d62728; font-weight: bold; }"));
        // Nodes glow with their population's firing rate.
        for (NodeItem *n : m_scene->nodes()) {
            const auto it = std::find(s->populations.begin(), s->populations.end(), n->name().toStdString());
            if (it != s->populations.end())
                n->setActivity(s->firingRates[std::size_t(it - s->populations.begin())]);
        }
    });
    // Selecting a population on the canvas watches its neuron 0 in the neuron view.
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        const auto selected = m_scene->selectedItems();
        if (selected.size() != 1 || selected.front()->type() != NodeItem::Type)
            return;
        const std::string name = static_cast<NodeItem *>(selected.front())->name().toStdString();
        const auto &pops = m_model->project().network.populations;
        for (int i = 0; i < int(pops.size()); ++i)
            if (pops[i].name == name && pops[i].kind == "sqs")
                m_neuronView->watch(i, 0);
    });
    connect(m_training, &TrainingController::activeChanged, this, [this](bool active) {
        if (!active)
            for (NodeItem *n : m_scene->nodes())
                n->setActivity(-1);
    });
}

QString MainWindow::costText(const Snapshot &s)
{
    auto grouped = [](std::int64_t v) { // thin spaces between thousands: 1 234 567
        QString t = QString::number(qlonglong(v));
        for (qsizetype i = t.size() - 3; i > (v < 0 ? 1 : 0); i -= 3)
            t.insert(i, QChar(0x2009));
        return t;
    };
    return tr("device: %1 circuits · %2 shots%3")
        .arg(grouped(s.circuitExecutions), grouped(s.shotsSpent),
             s.costSimulatorOnly ? tr(" (forward only)") : QString());
}

std::vector<std::string> MainWindow::populationNames() const
{
    std::vector<std::string> names;
    for (const PopulationSpec &p : m_model->project().network.populations)
        names.push_back(p.name);
    return names;
}

// Spike lines per population as the raster lays them out before a run (the first snapshot
// relabels if the network reports otherwise): inputs of size 0 take the data's lines, SQS
// neurons have one line per I/O qubit.
std::vector<int> MainWindow::populationLines() const
{
    std::vector<int> lines;
    for (const PopulationSpec &p : m_model->project().network.populations) {
        int n = p.size;
        if (p.kind == "input" && n <= 0)
            n = m_model->inputLines();
        if (p.readout && n <= 0)
            n = numClasses(m_model->project().data);
        if (p.kind == "sqs")
            n *= std::max(1, p.ioQubits);
        lines.push_back(std::max(0, n));
    }
    return lines;
}

void MainWindow::setEditingLocked(bool locked)
{
    m_files->setLocked(locked); // New/Open/Recent/Lessons/Next lesson: one rule
    if (QPushButton *next = m_lessonPanel->nextButton()) {
        if (locked && next->isEnabled())
            next->setProperty("unlockedTip", next->toolTip());
        next->setEnabled(!locked);
        next->setToolTip(locked ? tr("Stop the run first (Run > Stop) to open the next lesson")
                                : next->property("unlockedTip").toString());
    }
    m_view->setInteractive(!locked);
    m_inspector->setEnabled(!locked);
    m_palette->setEnabled(!locked);
    for (const char *id : {"new", "open", "openExample", "copy", "cut", "paste", "duplicate",
                           "delete", "selectAll", "autoLayout"})
        if (QAction *a = m_actions->action(id))
            a->setEnabled(!locked);
    auto *banner = findChild<QLabel *>(QStringLiteral("editLockBanner"));
    if (!banner) {
        // Short, so the status bar keeps room for messages at 1280 px; the tooltip says more.
        banner = new QLabel(tr("  Editing locked: Stop to edit  "));
        banner->setToolTip(tr("A run is active (running or paused): the network is locked for "
                              "editing. Stop the run (Run > Stop) to edit it."));
        banner->setObjectName(QStringLiteral("editLockBanner"));
        banner->setStyleSheet(QStringLiteral("QLabel { background: #e8a33d; color: black; font-weight: bold; border-radius: 3px; }"));
        statusBar()->addPermanentWidget(banner);
    }
    banner->setVisible(locked);
    // During a run the network cannot change: its counts give the status bar's room to messages
    // and the run status (the Inspector still shows the parameter count).
    if (auto *params = findChild<QLabel *>(QStringLiteral("statusParameters")))
        params->setVisible(!locked);
    m_view->setToolTip(locked ? tr("Editing is locked while a run is active (Stop to edit)") : QString());
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    QTimer::singleShot(0, this, &MainWindow::balanceCanvas); // once the docks are laid out
}

void MainWindow::balanceCanvas()
{
    const int want = int(width() * kCanvasShare);
    const int deficit = want - m_view->width();
    if (deficit <= 0)
        return;
    // One dock per side column (tabbed docks share their column's width): the widest visible.
    QList<QDockWidget *> docks;
    QList<int> sizes;
    int room = 0;
    for (const Qt::DockWidgetArea area : {Qt::LeftDockWidgetArea, Qt::RightDockWidgetArea}) {
        QDockWidget *column = nullptr;
        for (QDockWidget *d : findChildren<QDockWidget *>())
            if (d->isVisible() && !d->isFloating() && dockWidgetArea(d) == area
                && (!column || d->width() > column->width()))
                column = d;
        if (!column)
            continue;
        docks << column;
        sizes << column->width();
        room += std::max(0, column->width() - column->minimumSizeHint().width());
    }
    if (docks.isEmpty() || room <= 0)
        return;
    const double give = std::min(1.0, double(deficit) / room);
    for (int i = 0; i < docks.size(); ++i)
        sizes[i] -= int(std::lround(give * std::max(0, sizes[i] - docks[i]->minimumSizeHint().width())));
    resizeDocks(docks, sizes, Qt::Horizontal);
    if (m_view->autoFit())
        m_view->fitToView();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (m_removeRecoveryOnClose)
        m_autosave->discard();
    event->accept();
}

// First start (no saved geometry): the default 1440x900, but never larger than the free area of
// the screen the window opens on, so a 1280x800 laptop or projector shows the whole window,
// docks and status bar included (the window's minimum size still wins where it is larger).
void MainWindow::fitDefaultSizeToScreen()
{
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QSize room = screen->availableGeometry().size();
    resize(std::min(1440, room.width()), std::min(900, room.height()));
}

} // namespace sqsnn::lab

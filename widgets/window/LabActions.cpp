#include "window/LabActions.hpp"

#include "editor/GraphScene.hpp"
#include "editor/GraphView.hpp"
#include "editor/NodeItem.hpp"
#include "experiment/ExperimentWindow.hpp"
#include "model/ProjectModel.hpp"
#include "window/ExportController.hpp"
#include "panels/LessonPanel.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"
#include "window/PresentationMode.hpp"
#include "training/TrainingController.hpp" // live training (issue 6)

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QToolBar>

namespace sqsnn::lab {

LabActions::LabActions(MainWindow *window) : QObject(window), m_window(window)
{
    buildFile();
    buildEdit();
    buildView();
    buildRun();
    buildHelp();
    buildToolbar();
}

QAction *LabActions::make(const QString &id, const QString &text, const QString &icon,
                          const QList<QKeySequence> &keys, bool canvasOnly)
{
    auto *a = new QAction(text, m_window);
    a->setObjectName(id);
    if (!icon.isEmpty()) {
        a->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
        a->setProperty("iconName", icon);
    }
    a->setShortcuts(keys);
    if (!keys.isEmpty())
        a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove('&'),
                                                     keys.first().toString(QKeySequence::NativeText)));
    if (canvasOnly) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_window->view()->addAction(a);
    }
    m_actions.insert(id, a);
    return a;
}

void LabActions::buildFile()
{
    FileController *files = m_window->files();
    QMenu *menu = m_window->menuBar()->addMenu(tr("&File"));
    menu->addAction(make("new", tr("&New"), "new", {QKeySequence::New}));
    menu->addAction(make("open", tr("&Open..."), "open", {QKeySequence::Open}));
    menu->addAction(make("openExample", tr("Open &Example..."), "example", {QKeySequence(tr("Ctrl+Shift+O"))}));
    m_recent = menu->addMenu(tr("Open &Recent"));
    connect(m_recent, &QMenu::aboutToShow, this, &LabActions::fillRecent);
    menu->addSeparator();
    menu->addAction(make("save", tr("&Save"), "save", {QKeySequence::Save}));
    menu->addAction(make("saveAs", tr("Save &As..."), {}, {QKeySequence(tr("Ctrl+Shift+S"))}));
    menu->addSeparator();
    // --- exports (issue 7) ---
    menu->addAction(make("exportReport", tr("Export Run &Report..."), {}, {QKeySequence(tr("Ctrl+Shift+E"))}));
    menu->addAction(make("exportQasm", tr("Export Neuron Circuit as Open&QASM 3...")));
    action("exportReport")->setStatusTip(tr("Write a folder with the project, metrics.csv, the figures and a summary"));
    action("exportQasm")->setStatusTip(tr("The watched neuron's circuit for one test sample, with mid-circuit measurement and reset"));
    connect(action("exportReport"), &QAction::triggered, m_window->exports(), &ExportController::exportRunReport);
    connect(action("exportQasm"), &QAction::triggered, m_window->exports(), &ExportController::exportNeuronQasm);
    menu->addSeparator();
    menu->addAction(make("quit", tr("&Quit"), {}, {QKeySequence::Quit}));
    connect(action("new"), &QAction::triggered, files, &FileController::newProject);
    connect(action("open"), &QAction::triggered, files, &FileController::open);
    connect(action("openExample"), &QAction::triggered, files, &FileController::openExample);
    connect(action("save"), &QAction::triggered, files, &FileController::save);
    connect(action("saveAs"), &QAction::triggered, files, &FileController::saveAs);
    connect(action("quit"), &QAction::triggered, m_window, &QWidget::close);
}

void LabActions::fillRecent()
{
    m_recent->clear();
    const QStringList files = m_window->files()->recentFiles();
    for (const QString &path : files)
        m_recent->addAction(QFileInfo(path).fileName(), this, [this, path] {
            m_window->files()->openFile(path);
        })->setToolTip(path);
    if (files.isEmpty())
        m_recent->addAction(tr("(none)"))->setEnabled(false);
    m_recent->addSeparator();
    m_recent->addAction(tr("Clear List"), m_window->files(), &FileController::clearRecentFiles);
}

void LabActions::buildEdit()
{
    GraphScene *scene = m_window->scene();
    QUndoStack *undo = m_window->model()->undoStack();
    QMenu *menu = m_window->menuBar()->addMenu(tr("&Edit"));
    QAction *u = undo->createUndoAction(m_window, tr("&Undo"));
    QAction *r = undo->createRedoAction(m_window, tr("&Redo"));
    u->setObjectName("undo");
    r->setObjectName("redo");
    u->setProperty("iconName", QStringLiteral("undo"));
    r->setProperty("iconName", QStringLiteral("redo"));
    u->setShortcuts(QKeySequence::Undo);
    r->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    m_actions.insert("undo", u);
    m_actions.insert("redo", r);
    menu->addAction(u);
    menu->addAction(r);
    menu->addSeparator();
    menu->addAction(make("cut", tr("Cu&t"), {}, {QKeySequence::Cut}, true));
    menu->addAction(make("copy", tr("&Copy"), "copy", {QKeySequence::Copy}, true));
    menu->addAction(make("paste", tr("&Paste"), "paste", {QKeySequence::Paste}, true));
    menu->addAction(make("copyNetwork", tr("Copy &Network as JSON")));
    action("cut")->setStatusTip(tr("Remove the selected nodes and put them on the clipboard as JSON"));
    action("copy")->setStatusTip(tr("Put the selected nodes and the projections among them on the clipboard as JSON"));
    action("paste")->setStatusTip(tr("Paste nodes copied in any lab window, or a network or project JSON"));
    action("copyNetwork")->setStatusTip(tr("Put the whole network on the clipboard as JSON"));
    menu->addAction(make("duplicate", tr("D&uplicate"), {}, {QKeySequence(tr("Ctrl+D"))}, true));
    menu->addAction(make("delete", tr("&Delete"), "delete",
                         {QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)}, true));
    menu->addAction(make("selectAll", tr("Select &All"), {}, {QKeySequence::SelectAll}, true));
    menu->addSeparator();
    menu->addAction(make("autoLayout", tr("Auto-&layout"), "layout", {QKeySequence(tr("Ctrl+L"))}));
    connect(action("copy"), &QAction::triggered, scene, &GraphScene::copySelection);
    connect(action("cut"), &QAction::triggered, scene, &GraphScene::cutSelection);
    connect(action("paste"), &QAction::triggered, scene, &GraphScene::paste);
    connect(action("copyNetwork"), &QAction::triggered, scene, &GraphScene::copyNetwork);
    connect(action("duplicate"), &QAction::triggered, scene, &GraphScene::duplicateSelection);
    connect(action("delete"), &QAction::triggered, scene, &GraphScene::deleteSelection);
    connect(action("selectAll"), &QAction::triggered, scene, [scene] {
        for (NodeItem *n : scene->nodes())
            n->setSelected(true);
    });
    connect(action("autoLayout"), &QAction::triggered, this, [this] {
        m_window->model()->autoLayout();
        m_window->view()->fitToView();
    });
}

void LabActions::buildView()
{
    GraphView *view = m_window->view();
    QMenu *menu = m_window->menuBar()->addMenu(tr("&View"));
    menu->addAction(make("zoomIn", tr("Zoom &In"), "zoom-in",
                         {QKeySequence(tr("Ctrl+=")), QKeySequence::ZoomIn}));
    menu->addAction(make("zoomOut", tr("Zoom &Out"), "zoom-out", {QKeySequence(tr("Ctrl+-"))}));
    menu->addAction(make("resetZoom", tr("Actual &Size"), {}, {QKeySequence(tr("Ctrl+0"))}));
    // F fits from anywhere in the window (text fields keep their letters: they take the key
    // before a shortcut sees it).
    menu->addAction(make("fit", tr("&Fit to View"), "fit", {QKeySequence(Qt::Key_F)}));
    connect(action("zoomIn"), &QAction::triggered, view, &GraphView::zoomIn);
    connect(action("zoomOut"), &QAction::triggered, view, &GraphView::zoomOut);
    connect(action("resetZoom"), &QAction::triggered, view, &GraphView::resetZoom);
    connect(action("fit"), &QAction::triggered, view, &GraphView::fitToView);
    menu->addSeparator();
    // Presentation mode (F5; Escape leaves it too): large text, canvas + neuron + raster.
    auto *presentation = new PresentationMode(m_window);
    QAction *present = make("presentation", tr("&Presentation Mode"), {}, {QKeySequence(Qt::Key_F5)});
    present->setCheckable(true);
    present->setStatusTip(tr("Large fonts and lines, canvas, Neuron and Activity panels only: for a projector"));
    menu->addAction(present);
    connect(present, &QAction::toggled, presentation, &PresentationMode::setOn);
    connect(presentation, &PresentationMode::toggled, present, &QAction::setChecked);
    auto *leave = new QAction(m_window);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    leave->setEnabled(false); // Escape is only taken while presenting
    m_window->addAction(leave);
    connect(leave, &QAction::triggered, presentation, [presentation] { presentation->setOn(false); });
    connect(presentation, &PresentationMode::toggled, leave, &QAction::setEnabled);
    QMenu *docks = menu->addMenu(tr("&Panels"));
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
        docks->addAction(dock->toggleViewAction());
    menu->addAction(make("resetLayout", tr("&Reset Layout")));
    connect(action("resetLayout"), &QAction::triggered, m_window, &MainWindow::resetLayout);
    QMenu *themes = menu->addMenu(tr("&Theme"));
    auto *group = new QActionGroup(this);
    for (const auto &[id, label] : {std::pair{"light", tr("&Light")}, std::pair{"dark", tr("&Dark")}}) {
        QAction *a = make(QStringLiteral("theme.") + id, label);
        a->setCheckable(true);
        group->addAction(a);
        themes->addAction(a);
        connect(a, &QAction::triggered, m_window, [this, t = QString(id)] { m_window->setTheme(t); });
    }
}

// The style's generated disabled icon hardly differs from a light glyph on a dark toolbar:
// disabled icons are drawn at 30 % opacity instead, in both themes.
QIcon LabActions::withDisabledMode(const QIcon &icon)
{
    QIcon out;
    for (int side : {16, 22, 24, 32, 44}) {
        const QPixmap normal = icon.pixmap(side, side);
        if (normal.isNull())
            continue;
        out.addPixmap(normal, QIcon::Normal);
        QPixmap faded(normal.size());
        faded.setDevicePixelRatio(normal.devicePixelRatio());
        faded.fill(Qt::transparent);
        QPainter painter(&faded);
        painter.setOpacity(0.3);
        painter.drawPixmap(0, 0, normal);
        painter.end();
        out.addPixmap(faded, QIcon::Disabled);
    }
    return out.isNull() ? icon : out;
}

void LabActions::setTheme(const QString &theme)
{
    // Outline glyphs have a light variant for the dark theme; coloured ones serve both.
    for (QAction *a : std::as_const(m_actions)) {
        const QString name = a->property("iconName").toString();
        if (name.isEmpty())
            continue;
        const QString dark = QStringLiteral(":/icons/dark/%1.svg").arg(name);
        a->setIcon(withDisabledMode(QIcon(theme == QLatin1String("dark") && QFile::exists(dark)
                                              ? dark : QStringLiteral(":/icons/%1.svg").arg(name))));
    }
    if (QAction *a = action(QStringLiteral("theme.") + theme))
        a->setChecked(true);
}

// --- live training (issue 6): the Run menu drives the TrainingController ---
void LabActions::buildRun()
{
    TrainingController *run = m_window->training();
    QMenu *menu = m_window->menuBar()->addMenu(tr("&Run"));
    const struct { const char *id; QString text; const char *icon; QKeySequence key; QString tip; } runs[] = {
        {"train", tr("&Train"), "train", QKeySequence(tr("Ctrl+R")), tr("Train the network (or resume a paused run)")},
        {"pause", tr("&Pause"), "pause", QKeySequence(Qt::Key_Space), tr("Pause or resume the run")},
        {"stepTime", tr("Step &Time Step"), "step", QKeySequence(tr("Ctrl+T")), tr("Run exactly one time step, then pause")},
        {"stepSample", tr("Step &Sample"), {}, QKeySequence(tr("Ctrl+Shift+T")), tr("Finish the current sample (with its update), then pause")},
        {"stepEpoch", tr("Step &Epoch"), {}, QKeySequence(tr("Ctrl+E")), tr("Finish the current epoch (and its test), then pause")},
        {"stop", tr("&Stop"), "stop", QKeySequence(tr("Ctrl+.")), tr("End the run; trained parameters go into the project")},
        {"resetRun", tr("&Reset"), "reset", QKeySequence(), tr("Back to the parameters and history the last run started from")},
        {"evaluate", tr("E&valuate on Test Split"), {}, QKeySequence(), tr("Loss and accuracy on the test split")},
    };
    for (const auto &r : runs) {
        QAction *a = make(r.id, r.text, r.icon ? QString(r.icon) : QString(),
                          r.key.isEmpty() ? QList<QKeySequence>{} : QList<QKeySequence>{r.key});
        a->setStatusTip(r.tip);
        if (r.key.isEmpty())
            a->setToolTip(r.tip);
        menu->addAction(a);
        if (QString(r.id) == "stop")
            menu->addSeparator();
    }
    connect(action("train"), &QAction::triggered, run, &TrainingController::train);
    connect(action("pause"), &QAction::triggered, run, &TrainingController::togglePause);
    connect(action("stepTime"), &QAction::triggered, run, &TrainingController::stepTime);
    connect(action("stepSample"), &QAction::triggered, run, &TrainingController::stepSample);
    connect(action("stepEpoch"), &QAction::triggered, run, &TrainingController::stepEpoch);
    connect(action("stop"), &QAction::triggered, run, &TrainingController::stop);
    connect(action("resetRun"), &QAction::triggered, run, &TrainingController::reset);
    connect(action("evaluate"), &QAction::triggered, run, &TrainingController::evaluate);
    // Experiments (issue 15): the grid of models x seeds in its own window, over the open project.
    menu->addSeparator();
    QAction *experiment = make("experiment", tr("E&xperiment…"));
    experiment->setStatusTip(tr("Design, run and read an equal-budget comparison of models"));
    menu->addAction(experiment);
    connect(experiment, &QAction::triggered, this, [this] {
        auto *w = m_window->findChild<ExperimentWindow *>();
        if (!w) {
            w = new ExperimentWindow(m_window);
            w->setWindowFlag(Qt::Window);
            const QString open = m_window->model()->filePath();
            if (!open.isEmpty())
                w->newExperiment(open);
            connect(w, &ExperimentWindow::openProject, m_window->files(),
                    [files = m_window->files()](const QString &path) { files->openFile(path); });
        }
        w->show();
        w->raise();
        w->activateWindow();
    });
    auto update = [this, run] {
        const bool valid = m_window->model()->issues().empty();
        const bool active = run->isActive(), busy = run->isBusy();
        const bool running = active && run->state() == RunState::Running;
        const bool paused = active && run->state() == RunState::Paused;
        action("train")->setEnabled(valid && !running && !(busy && !active));
        action("train")->setText(paused ? tr("Resume &Training") : tr("&Train"));
        action("pause")->setEnabled(active);
        action("pause")->setText(paused ? tr("Resume") : tr("&Pause"));
        for (const char *id : {"stepTime", "stepSample", "stepEpoch"})
            action(id)->setEnabled(valid && (!busy || paused));
        action("stop")->setEnabled(active);
        // Reset also from a paused run (it stops it first), and after Stop or a finished run.
        action("resetRun")->setEnabled(run->canReset() && (!busy || paused));
        action("evaluate")->setEnabled(valid && (!active || paused));
        // Exports read the project, which a run updates only when it pauses or stops.
        action("exportQasm")->setEnabled(valid && !busy);
        action("exportReport")->setEnabled(!busy);
        const QString stopFirst = tr(" (stop the run first)");
        action("exportQasm")->setToolTip(action("exportQasm")->statusTip() + (busy ? stopFirst : QString()));
        action("exportReport")->setToolTip(action("exportReport")->statusTip() + (busy ? stopFirst : QString()));
    };
    connect(run, &TrainingController::stateChanged, this, update);
    connect(run, &TrainingController::activeChanged, this, update);
    connect(m_window->model(), &ProjectModel::changed, this, update);
    connect(m_window->model(), &ProjectModel::projectReset, this, update);
    update();
}

void LabActions::buildHelp()
{
    QMenu *menu = m_window->menuBar()->addMenu(tr("&Help"));
    menu->setObjectName(QStringLiteral("helpMenu"));
    menu->addAction(make("userGuide", tr("&User Guide"), {}, {QKeySequence::HelpContents}));
    menu->addAction(make("help", tr("&Getting Started")));
    m_lessons = menu->addMenu(tr("&Lessons"));
    m_lessons->setObjectName(QStringLiteral("lessonsMenu"));
    connect(m_lessons, &QMenu::aboutToShow, this, &LabActions::fillLessons);
    fillLessons();
    menu->addAction(make("tour", tr("Guided &Tour")));
    menu->addSeparator();
    menu->addAction(make("about", tr("&About SQSNN Lab")));
    connect(action("userGuide"), &QAction::triggered, this,
            [this] { m_window->showHelp(QStringLiteral("user-guide.html")); });
    connect(action("help"), &QAction::triggered, this,
            [this] { m_window->showHelp(QStringLiteral("getting-started.html")); });
    connect(action("tour"), &QAction::triggered, this, [this] { m_window->startTour(); });
    connect(action("about"), &QAction::triggered, this, [this] {
        QMessageBox::about(m_window, tr("About SQSNN Lab"),
                           tr("<b>SQSNN Lab</b><br>A visual lab for stochastic quantum spiking "
                              "neural networks: build, train and compare networks of neurons "
                              "that are small quantum circuits with memory."));
    });
}

// Help > Lessons: one entry per projects/lessons/*.sqsnn.json, by file name, with its title.
void LabActions::fillLessons()
{
    m_lessons->clear();
    const QFileInfoList files = LessonPanel::lessonFiles();
    for (const QFileInfo &file : files) {
        const QString path = file.absoluteFilePath();
        QAction *a = m_lessons->addAction(LessonPanel::titleOf(file), this, [this, path] {
            m_window->files()->openFile(path);
        });
        a->setData(path);
        a->setToolTip(path);
    }
    if (files.isEmpty())
        m_lessons->addAction(tr("(no lessons found in %1)").arg(LessonPanel::lessonsFolder()))
            ->setEnabled(false);
}

void LabActions::buildToolbar()
{
    QToolBar *bar = m_window->addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolbar"));
    bar->setIconSize(QSize(22, 22));
    for (const char *id : {"new", "open", "save", "|", "undo", "redo", "|", "zoomIn", "zoomOut",
                           "fit", "autoLayout", "|", "train", "pause", "stepTime", "stop"}) {
        if (QString(id) == "|")
            bar->addSeparator();
        else
            bar->addAction(action(id));
    }
}

} // namespace sqsnn::lab

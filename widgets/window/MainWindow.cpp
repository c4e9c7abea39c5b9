#include "window/MainWindow.hpp"

#include "editor/GraphScene.hpp"
#include "editor/GraphView.hpp"
#include "model/ProjectModel.hpp"
#include "panels/InspectorWidget.hpp"
#include "panels/LogWidget.hpp"
#include "panels/PaletteWidget.hpp"
#include "window/Autosave.hpp"
#include "window/ExampleDialog.hpp"
#include "window/FileController.hpp"
#include "window/LabActions.hpp"
#include "window/Prompter.hpp"
#include "window/Resources.hpp"
#include "window/Theme.hpp"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
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
      m_autosave(new Autosave(m_model, this))
{
    initResources();
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
    m_actions = new LabActions(this);
    resize(1440, 900);
    m_defaultState = saveState();

    connect(m_palette, &PaletteWidget::activatedType, this, [this](const QString &type) {
        m_scene->addNode(type, m_view->mapToScene(m_view->viewport()->rect().center()) - QPointF(98, 46));
    });
    connect(m_model, &ProjectModel::message, m_log, &LogWidget::append);
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

    QSettings settings;
    setTheme(settings.value(QStringLiteral("view/theme"), QStringLiteral("light")).toString());
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
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
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
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

} // namespace sqsnn::lab

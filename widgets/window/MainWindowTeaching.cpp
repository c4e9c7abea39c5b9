// The teaching parts of the lab window (issue 7): the Lesson dock, the guided tour and the
// help window. Kept apart from MainWindow.cpp, which only calls createTeachingDock().
#include "window/MainWindow.hpp"

#include "panels/LessonPanel.hpp"
#include "window/BringToFront.hpp"
#include "window/FileController.hpp"
#include "window/GuidedTour.hpp"
#include "window/HelpDialog.hpp"

#include <QDockWidget>
#include <QTimer>

namespace sqsnn::lab {

void MainWindow::createTeachingDock()
{
    m_lessonPanel = new LessonPanel(m_model, m_training);
    m_lessonPanel->setMinimumWidth(300);
    QDockWidget *dock = addDock(m_lessonPanel, tr("Lesson"), QStringLiteral("lessonDock"),
                                Qt::LeftDockWidgetArea);
    // The lesson shares the palette's place and comes to the front when a lesson opens; a
    // project without a lesson hides it.
    tabifyDockWidget(findChild<QDockWidget *>(QStringLiteral("paletteDock")), dock);
    dock->hide();
    connect(m_lessonPanel, &LessonPanel::lessonChanged, this, [this, dock](bool has) {
        if (!has) {
            dock->hide();
            return;
        }
        bringToFront(dock);
        // A dock shown again rejoins its tab group only once the layout has run (unless a
        // project without a lesson came in the meantime).
        QTimer::singleShot(0, dock, [this, dock] {
            if (m_lessonPanel->hasLesson())
                bringToFront(dock);
        });
    });
    connect(m_lessonPanel, &LessonPanel::openRequested, this,
            [this](const QString &path) { m_files->openFile(path); });
}

GuidedTour *MainWindow::tour()
{
    if (!m_tour)
        m_tour = new GuidedTour(this);
    return m_tour;
}

HelpDialog *MainWindow::help()
{
    if (!m_help)
        m_help = new HelpDialog(this);
    return m_help;
}

void MainWindow::startTour(int stop)
{
    tour()->start(stop);
}

bool MainWindow::showTourOnce()
{
    if (GuidedTour::wasShown())
        return false;
    startTour();
    return true;
}

void MainWindow::showHelp(const QString &page, const QString &anchor)
{
    help()->showPage(page, anchor);
    help()->show();
    help()->raise();
    help()->activateWindow();
}

} // namespace sqsnn::lab

#pragma once
// The lab window. It only creates and connects the parts: canvas (centre), palette, inspector,
// log and history docks, actions/menus (LabActions), file handling (FileController) and
// autosave. The layout and theme are remembered in QSettings.
#include <QMainWindow>

#include <memory>
#include <string>
#include <vector>

namespace sqsnn::lab {

struct Snapshot;
class Autosave;
class ExportController;
class FileController;
class GraphScene;
class GraphView;
class InspectorWidget;
class LabActions;
class LogWidget;
class PaletteWidget;
class ProjectModel;
class Prompter;
// --- live training (issue 6) ---
class TrainingController;
class NeuronView;
class ActivityView;
class TrainingView;
// --- teaching (issue 7) ---
class GuidedTour;
class HelpDialog;
class LessonPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The status bar's device counter for a snapshot: "device: N circuits · M shots".
    static QString costText(const Snapshot &s);
    // prompter: who answers questions (nullptr = message boxes). Not owned.
    explicit MainWindow(Prompter *prompter = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Offers to restore a recovery file (unless `offerRecovery` is false), then opens `path`
    // (empty = projects/quickstart.sqsnn.json when present, else an empty project).
    // Returns false when `path` was given and could not be opened.
    bool start(const QString &path, bool offerRecovery = true);

    ProjectModel *model() const { return m_model; }
    GraphScene *scene() const { return m_scene; }
    GraphView *view() const { return m_view; }
    InspectorWidget *inspector() const { return m_inspector; }
    LogWidget *log() const { return m_log; }
    PaletteWidget *palette() const { return m_palette; }
    FileController *files() const { return m_files; }
    Autosave *autosave() const { return m_autosave; }
    LabActions *actions() const { return m_actions; }
    Prompter *prompter() const { return m_prompter; }
    ExportController *exports() const { return m_exports; }
    // --- live training (issue 6) ---
    TrainingController *training() const { return m_training; }
    NeuronView *neuronView() const { return m_neuronView; }
    ActivityView *activityView() const { return m_activityView; }
    TrainingView *trainingView() const { return m_trainingView; }

    // --- teaching (issue 7; MainWindowTeaching.cpp) ---
    LessonPanel *lessonPanel() const { return m_lessonPanel; }
    GuidedTour *tour();  // created on first use
    HelpDialog *help();  // created on first use
    void startTour(int stop = 0);
    // The first-start tour: starts it unless it was shown before (QSettings help/tourShown);
    // returns whether it started.
    bool showTourOnce();
    // Shows resources/help/<page> in the help window (non-modal).
    void showHelp(const QString &page, const QString &anchor = {});

    void setTheme(const QString &theme);
    void resetLayout();
    // A clean close removes the recovery file; tests turn this off to simulate a crash.
    void setRemoveRecoveryOnClose(bool on) { m_removeRecoveryOnClose = on; }

    // A small window (1280 x 800) leaves the canvas at least kCanvasShare of its width: the
    // side dock columns give way, proportionally, down to their minimum widths.
    static constexpr double kCanvasShare = 0.45;
    void balanceCanvas();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitDefaultSizeToScreen();
    QDockWidget *addDock(QWidget *content, const QString &title, const QString &id,
                         Qt::DockWidgetArea area);
    void updateTitle();
    void reportIssues(bool all);
    void updateStatus();
    // --- live training (issue 6) ---
    void createTrainingDocks();
    void setEditingLocked(bool locked);
    std::vector<std::string> populationNames() const;
    std::vector<int> populationLines() const;
    // --- teaching (issue 7) ---
    void createTeachingDock();

    std::unique_ptr<Prompter> m_ownPrompter;
    Prompter *m_prompter;
    ProjectModel *m_model;
    GraphScene *m_scene;
    GraphView *m_view;
    PaletteWidget *m_palette;
    InspectorWidget *m_inspector;
    LogWidget *m_log;
    FileController *m_files;
    Autosave *m_autosave;
    ExportController *m_exports;
    LabActions *m_actions;
    // --- live training (issue 6) ---
    TrainingController *m_training = nullptr;
    NeuronView *m_neuronView = nullptr;
    ActivityView *m_activityView = nullptr;
    TrainingView *m_trainingView = nullptr;
    // --- teaching (issue 7) ---
    LessonPanel *m_lessonPanel = nullptr;
    GuidedTour *m_tour = nullptr;
    HelpDialog *m_help = nullptr;
    QByteArray m_defaultState;
    QStringList m_reported;
    bool m_removeRecoveryOnClose = true;
};

} // namespace sqsnn::lab

#pragma once
// Every action of the lab window, its shortcut and icon, and the menus and toolbar built from
// them. Canvas-only shortcuts (copy, paste, delete...) are bound to the canvas so they never
// steal keys from the inspector's text fields. F (Fit) works from anywhere: text fields take a
// typed letter before any shortcut sees it.
#include <QHash>
#include <QObject>

class QAction;
class QIcon;
class QMenu;

namespace sqsnn::lab {

class MainWindow;

class LabActions : public QObject
{
    Q_OBJECT
public:
    explicit LabActions(MainWindow *window);
    QAction *action(const QString &id) const { return m_actions.value(id); }
    void setTheme(const QString &theme);
    // The icon with an explicit disabled mode (30 % opacity).
    static QIcon withDisabledMode(const QIcon &icon);

private:
    QAction *make(const QString &id, const QString &text, const QString &icon = {},
                  const QList<QKeySequence> &keys = {}, bool canvasOnly = false);
    void buildFile();
    void buildEdit();
    void buildView();
    void buildRun();
    void buildHelp();
    void buildToolbar();
    void fillRecent();
    void fillLessons();

    MainWindow *m_window;
    QHash<QString, QAction *> m_actions;
    QMenu *m_recent = nullptr;
    QMenu *m_lessons = nullptr;
};

} // namespace sqsnn::lab

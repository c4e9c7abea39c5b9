#pragma once
// The guided tour: a few callouts over the real window (canvas, palette, inspector, run
// controls, neuron, activity and training views, help), each highlighting its part while the
// rest of the window is dimmed, with Back, Next and Skip (Esc). The window shows it once at the
// first start (QSettings "help/tourShown"); Help > Guided Tour shows it again. While it is open
// it covers the window, so clicks go to the callout only.
#include <QWidget>

class QLabel;
class QPushButton;

namespace sqsnn::lab {

class MainWindow;

class GuidedTour : public QWidget
{
    Q_OBJECT
public:
    struct Stop
    {
        QString target; // object name of a dock or toolbar, or "canvas" / "menubar" / "helpMenu"
        QString title;
        QString text;
    };

    explicit GuidedTour(MainWindow *window);

    static QList<Stop> stops();
    int count() const { return int(m_stops.size()); }
    int current() const { return m_current; }
    bool isRunning() const { return m_running; }
    // The highlighted part of the window (in the window's coordinates) and the callout.
    QRect targetRect() const { return m_target; }
    QWidget *callout() const { return m_callout; }

    // Whether the first-start tour has been shown (or skipped) already.
    static bool wasShown();
    static void setShown(bool shown);

public Q_SLOTS:
    void start(int stop = 0);
    void next();
    void back();
    void skip();

Q_SIGNALS:
    void finished(bool completed); // completed: the last stop's Done rather than Skip

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showStop(int stop);
    void place();
    void finish(bool completed);
    QWidget *targetWidget(const QString &name) const;

    MainWindow *m_window;
    QList<Stop> m_stops;
    int m_current = 0;
    bool m_running = false;
    QRect m_target;
    QWidget *m_callout;
    QLabel *m_title, *m_text, *m_counter;
    QPushButton *m_back, *m_next, *m_skip;
    QList<QWidget *> m_raisedBefore; // docks on top when the tour started
};

} // namespace sqsnn::lab

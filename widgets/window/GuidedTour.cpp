#include "window/GuidedTour.hpp"

#include "window/BringToFront.hpp"
#include "window/MainWindow.hpp"

#include <QDockWidget>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace sqsnn::lab {

namespace {
const auto kShownKey = QStringLiteral("help/tourShown");
constexpr int kCalloutWidth = 380;
constexpr int kGap = 14;
} // namespace

QList<GuidedTour::Stop> GuidedTour::stops()
{
    return {
        {QStringLiteral("canvas"), tr("The canvas: your network"),
         tr("Nodes are populations of neurons (data input, SQS, QLIF, GLM, LIF; one is the "
            "readout), edges are projections (weights). Drag from a node's output port to "
            "another node to connect them. Every edit can be undone (Ctrl+Z). While a run is "
            "active the network is locked and the nodes glow with their firing rate.")},
        {QStringLiteral("paletteDock"), tr("The palette"),
         tr("Node types with a short description. Drag one onto the canvas, or double-click "
            "it.")},
        {QStringLiteral("inspectorDock"), tr("The inspector"),
         tr("Edits the selected node or edge; with nothing selected, the project: data set, "
            "encoder, training settings and seed. Values are checked as you type, and the "
            "parameter count of the whole network is always shown.")},
        {QStringLiteral("mainToolbar"), tr("Run controls"),
         tr("Train (Ctrl+R), Pause (Space), Step one time step (Ctrl+T) and Stop. The Run menu "
            "also steps a whole sample (Ctrl+Shift+T) or epoch (Ctrl+E), resets a run and "
            "evaluates on the test split.")},
        {QStringLiteral("neuronDock"), tr("The neuron view"),
         tr("The watched SQS neuron (click a population to watch it): its circuit, a Bloch "
            "sphere per qubit just before measurement (an arrow shorter than the radius means "
            "the qubit is entangled with the others), the memory's density matrix, and "
            "p(spike), purity and entropy over time.")},
        {QStringLiteral("activityDock"), tr("Activity"),
         tr("The spike raster of every population (click a step to see the neuron's state at "
            "that step), the readout neurons' spike probabilities, and the last sample with its "
            "label and the network's prediction.")},
        {QStringLiteral("trainingDock"), tr("Training"),
         tr("Loss and accuracy per epoch for the training and test splits, the learning signal "
            "l_t of every time step, the run speed (slow motion for teaching) and the learning "
            "rate.")},
        {QStringLiteral("helpMenu"), tr("Learn more"),
         tr("Help > Lessons opens six short lessons, from one neuron's Born rule to learning "
            "and memory; each shows its text in a Lesson panel. Help > User Guide (F1) explains "
            "everything, and Help > Guided Tour shows this tour again.")},
    };
}

GuidedTour::GuidedTour(MainWindow *window)
    : QWidget(window), m_window(window), m_stops(stops()), m_callout(new QFrame(this)),
      m_title(new QLabel), m_text(new QLabel), m_counter(new QLabel),
      m_back(new QPushButton(tr("Back"))), m_next(new QPushButton(tr("Next"))),
      m_skip(new QPushButton(tr("Skip tour")))
{
    setObjectName(QStringLiteral("guidedTour"));
    setFocusPolicy(Qt::StrongFocus);
    m_callout->setObjectName(QStringLiteral("tourCallout"));
    m_callout->setAutoFillBackground(true);
    static_cast<QFrame *>(m_callout)->setFrameShape(QFrame::StyledPanel);
    m_callout->setFixedWidth(kCalloutWidth);
    m_title->setObjectName(QStringLiteral("tourTitle"));
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    m_text->setObjectName(QStringLiteral("tourText"));
    m_text->setWordWrap(true);
    m_counter->setObjectName(QStringLiteral("tourCounter"));
    m_back->setObjectName(QStringLiteral("tourBack"));
    m_next->setObjectName(QStringLiteral("tourNext"));
    m_skip->setObjectName(QStringLiteral("tourSkip"));
    m_back->setToolTip(tr("The previous stop of the tour"));
    m_next->setToolTip(tr("The next stop of the tour"));
    m_skip->setToolTip(tr("End the tour (Esc); Help > Guided Tour shows it again"));
    m_next->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_counter);
    buttons->addStretch(1);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto *layout = new QVBoxLayout(m_callout);
    layout->setContentsMargins(14, 12, 14, 10);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addSpacing(4);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &GuidedTour::back);
    connect(m_next, &QPushButton::clicked, this, &GuidedTour::next);
    connect(m_skip, &QPushButton::clicked, this, &GuidedTour::skip);
    window->installEventFilter(this);
    hide();
}

bool GuidedTour::wasShown() { return QSettings().value(kShownKey, false).toBool(); }

void GuidedTour::setShown(bool shown) { QSettings().setValue(kShownKey, shown); }

QWidget *GuidedTour::targetWidget(const QString &name) const
{
    if (name == QLatin1String("canvas"))
        return m_window->centralWidget();
    if (name == QLatin1String("menubar") || name == QLatin1String("helpMenu"))
        return m_window->menuBar();
    return m_window->findChild<QWidget *>(name);
}

void GuidedTour::start(int stop)
{
    if (!m_running) {
        m_raisedBefore.clear();
        for (QDockWidget *d : m_window->findChildren<QDockWidget *>())
            if (d->isVisible())
                m_raisedBefore << d;
    }
    m_running = true;
    setGeometry(m_window->rect());
    QWidget::show();
    raise();
    setFocus();
    showStop(std::clamp(stop, 0, count() - 1));
}

void GuidedTour::showStop(int stop)
{
    m_current = stop;
    const Stop &s = m_stops[stop];
    QWidget *target = targetWidget(s.target);
    if (auto *dock = qobject_cast<QDockWidget *>(target))
        bringToFront(dock);
    raise(); // above the dock just raised
    m_title->setText(s.title);
    m_text->setText(s.text);
    m_counter->setText(tr("%1 of %2").arg(stop + 1).arg(count()));
    m_back->setEnabled(stop > 0);
    m_next->setText(stop + 1 < count() ? tr("Next") : tr("Done"));
    place();
}

void GuidedTour::place()
{
    const Stop &s = m_stops[m_current];
    QWidget *target = targetWidget(s.target);
    m_target = target && target->isVisible()
                   ? QRect(target->mapTo(m_window, QPoint(0, 0)), target->size())
                   : QRect();
    if (s.target == QLatin1String("helpMenu"))
        if (auto *help = m_window->menuBar()->findChild<QMenu *>(QStringLiteral("helpMenu")))
            m_target = m_window->menuBar()->actionGeometry(help->menuAction())
                           .translated(m_target.topLeft());
    // The wrapped text's height at the callout's fixed width.
    QLayout *layout = m_callout->layout();
    layout->activate();
    const int height = layout->hasHeightForWidth() ? layout->totalHeightForWidth(kCalloutWidth)
                                                   : m_callout->sizeHint().height();
    const QSize c(kCalloutWidth, height);
    const QRect area = rect().adjusted(8, 8, -8, -8);
    QPoint at;
    const QRect t = m_target.isNull() ? QRect(area.center(), QSize(1, 1)) : m_target;
    if (t.right() + kGap + c.width() <= area.right())
        at = QPoint(t.right() + kGap, t.top() + 20);
    else if (t.left() - kGap - c.width() >= area.left())
        at = QPoint(t.left() - kGap - c.width(), t.top() + 20);
    else if (t.bottom() + kGap + c.height() <= area.bottom())
        at = QPoint(t.left() + 20, t.bottom() + kGap);
    else if (t.top() - kGap - c.height() >= area.top())
        at = QPoint(t.left() + 20, t.top() - kGap - c.height());
    else
        at = t.center() - QPoint(c.width() / 2, c.height() / 2);
    at.setX(std::clamp(at.x(), area.left(), std::max(area.left(), area.right() - c.width())));
    at.setY(std::clamp(at.y(), area.top(), std::max(area.top(), area.bottom() - c.height())));
    m_callout->setGeometry(QRect(at, c));
    m_callout->raise();
    update();
}

void GuidedTour::next()
{
    if (m_current + 1 < count())
        showStop(m_current + 1);
    else
        finish(true);
}

void GuidedTour::back()
{
    if (m_current > 0)
        showStop(m_current - 1);
}

void GuidedTour::skip() { finish(false); }

void GuidedTour::finish(bool completed)
{
    if (!m_running)
        return;
    m_running = false;
    hide();
    for (QWidget *d : std::as_const(m_raisedBefore))
        if (auto *dock = qobject_cast<QDockWidget *>(d))
            bringToFront(dock);
    setShown(true);
    Q_EMIT finished(completed);
}

void GuidedTour::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    QPainterPath dim;
    dim.addRect(rect());
    if (!m_target.isNull()) {
        QPainterPath hole;
        hole.addRoundedRect(m_target.adjusted(-4, -4, 4, 4), 6, 6);
        dim = dim.subtracted(hole);
    }
    p.fillPath(dim, QColor(0, 0, 0, 120));
    if (!m_target.isNull()) {
        p.setPen(QPen(QColor(232, 163, 61), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(m_target.adjusted(-4, -4, 4, 4), 6, 6);
    }
}

void GuidedTour::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        skip();
        break;
    case Qt::Key_Right:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        next();
        break;
    case Qt::Key_Left:
        back();
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

bool GuidedTour::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && m_running
        && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest)) {
        setGeometry(m_window->rect());
        place();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sqsnn::lab

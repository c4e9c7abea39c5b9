// Every control and plot of the lab window says what it shows in a tooltip: buttons, sliders,
// spin boxes, combo boxes, the inspector's fields, the plots and the custom views, including
// the inspector pages that are not on screen and the help window.
//
// Exempt (documented here): Qt's own parts of composite widgets (object names starting with
// "qt_": dock float/close buttons, the toolbar extension button), the insides of spin boxes and
// combo boxes, the scroll buttons of tab bars, scroll bars, and the canvas (its nodes and edges carry their own
// tooltips; one for the whole view would cover them).
#include "TestSupport.hpp"

#include "editor/GraphView.hpp"
#include "panels/FieldEdit.hpp"
#include "panels/LessonPanel.hpp"
#include "views/BlochSphereWidget.hpp"
#include "views/CircuitWidget.hpp"
#include "views/DensityMatrixWidget.hpp"
#include "views/PlotInclude.hpp"
#include "window/FileController.hpp"
#include "window/HelpDialog.hpp"
#include "window/MainWindow.hpp"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QChartView>
#include <QComboBox>
#include <QScrollBar>
#include <QTabBar>
#include <QTextBrowser>

namespace sqsnn::lab::test {

namespace {

bool isChecked(const QWidget *w)
{
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QAbstractSpinBox *>(w)
           || qobject_cast<const QComboBox *>(w) || qobject_cast<const QCustomPlot *>(w)
           || qobject_cast<const QChartView *>(w) || qobject_cast<const FieldEdit *>(w)
           || qobject_cast<const BlochSphereWidget *>(w) || qobject_cast<const CircuitWidget *>(w)
           || qobject_cast<const DensityMatrixWidget *>(w) || qobject_cast<const QTextBrowser *>(w)
           || (qobject_cast<const QAbstractSlider *>(w) && !qobject_cast<const QScrollBar *>(w));
}

bool isExempt(const QWidget *w)
{
    if (qobject_cast<const GraphView *>(w) || w->objectName().startsWith(QLatin1String("qt_")))
        return true;
    for (const QObject *o = w->parent(); o; o = o->parent())
        if (qobject_cast<const QTabBar *>(o) || qobject_cast<const QAbstractSpinBox *>(o)
            || qobject_cast<const QComboBox *>(o))
            return true;
    return false;
}

QString describe(const QWidget *w)
{
    QStringList chain;
    for (const QObject *o = w; o; o = o->parent())
        chain << QStringLiteral("%1(%2)").arg(QString::fromLatin1(o->metaObject()->className()),
                                              o->objectName());
    return chain.join(QStringLiteral(" < "));
}

} // namespace

TEST(Tooltips, EveryControlAndPlotOfTheWindowHasOne)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.resize(1440, 900);
    window.show();
    // A lesson with memory qubits: the lesson panel and every sphere of the neuron view exist.
    const QFileInfoList lessons = LessonPanel::lessonFiles();
    ASSERT_GE(lessons.size(), 3);
    ASSERT_TRUE(window.files()->openFile(lessons[2].absoluteFilePath(), false));
    window.help(); // the help window is a child too
    QCoreApplication::processEvents();

    int checked = 0;
    QStringList missing;
    for (QWidget *w : window.findChildren<QWidget *>()) {
        if (!isChecked(w) || isExempt(w))
            continue;
        ++checked;
        if (w->toolTip().trimmed().isEmpty())
            missing << describe(w);
    }
    EXPECT_TRUE(missing.isEmpty()) << missing.size() << " without a tooltip:\n"
                                   << missing.join('\n').toStdString();
    EXPECT_GT(checked, 40) << "the walk found the window's controls";
    std::printf("[ info ] %d controls and plots checked\n", checked);
}

} // namespace sqsnn::lab::test

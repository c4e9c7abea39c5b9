// Issue 14, readability: the canvas opens at a readable zoom and F fits from anywhere; the
// dark theme darkens the plots and fades disabled icons; axes show whole epochs and full step
// numbers; validation flags NaN while typing and names fields by their labels; the Inspector
// offers the training method. Real windows offscreen.
#include "TestSupport.hpp"

#include "editor/GraphScene.hpp"
#include "editor/GraphView.hpp"
#include "editor/NodeItem.hpp"
#include "model/ProjectModel.hpp"
#include "panels/InspectorPage.hpp"
#include "panels/InspectorWidget.hpp"
#include "views/ActivityView.hpp"
#include "views/PlotExport.hpp"
#include "views/PlotInclude.hpp"
#include "views/TrainingView.hpp"
#include "window/FileController.hpp"
#include "window/LabActions.hpp"
#include "window/MainWindow.hpp"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QMenu>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>

namespace sqsnn::lab::test {

namespace {

QString example(const char *name) { return QStringLiteral(SQSNN_SOURCE_DIR "/projects/") + name; }

double meanAlpha(const QPixmap &pm)
{
    const QImage img = pm.toImage().convertToFormat(QImage::Format_ARGB32);
    double sum = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            sum += qAlpha(img.pixel(x, y));
    return img.isNull() ? 0 : sum / (img.width() * img.height());
}

// The colour the plot paints its top-left corner with (its background).
QColor corner(QCustomPlot *plot)
{
    const QImage img = plot->toPixmap(80, 60, 1.0).toImage();
    EXPECT_FALSE(img.isNull());
    return img.isNull() ? QColor() : img.pixelColor(1, 1);
}

} // namespace

// Item 13: at 1280x800 and 1920x1080 the graph opens fitted, centred and readable.
TEST(Readability, CanvasOpensReadableAndCentred)
{
    for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)}) {
        SCOPED_TRACE(size.width());
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        window.setRemoveRecoveryOnClose(false);
        window.resize(size);
        window.show();
        ASSERT_TRUE(window.files()->openFile(example("fmnist-10class.sqsnn.json"), false));
        QCoreApplication::processEvents();
        QTest::qWait(50);
        GraphView *view = window.view();
        EXPECT_GE(view->captionPixels(), GraphView::kMinTextPixels - 1e-9);
        QRectF bounds;
        for (NodeItem *n : window.scene()->nodes())
            bounds = bounds.united(n->sceneBoundingRect());
        const QPointF centre = view->mapFromScene(bounds.center());
        EXPECT_NEAR(centre.x(), view->viewport()->width() / 2.0, 3.0) << "centred, not in a corner";
        EXPECT_NEAR(centre.y(), view->viewport()->height() / 2.0, 3.0);
        // The window grows: the fit follows until the user zooms.
        window.resize(size + QSize(200, 100));
        QCoreApplication::processEvents();
        const QPointF after = view->mapFromScene(bounds.center());
        EXPECT_NEAR(after.x(), view->viewport()->width() / 2.0, 3.0);
        window.close();
    }
}

TEST(Readability, FFitsFromAnywhereButTextFieldsKeepTheLetter)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(window.files()->openFile(example("quickstart.sqsnn.json"), false));
    QCoreApplication::processEvents();
    window.view()->zoomIn();
    window.view()->zoomIn();
    const double zoomed = window.view()->zoom();
    QComboBox *speed = window.trainingView()->speed();
    speed->setFocus();
    QApplication::setActiveWindow(&window);
    QCoreApplication::processEvents();
    QTest::keyClick(speed, Qt::Key_F);
    QCoreApplication::processEvents();
    EXPECT_NE(window.view()->zoom(), zoomed) << "F with the focus in the Training dock";
    EXPECT_TRUE(window.view()->autoFit());
    // In a text field F is a letter.
    window.view()->zoomIn();
    QLineEdit *title = window.inspector()->findChild<QLineEdit *>("project.title.edit");
    ASSERT_NE(title, nullptr);
    title->setFocus();
    title->clear();
    QTest::keyClicks(title, "Fff");
    EXPECT_EQ(title->text(), "Fff");
    EXPECT_FALSE(window.view()->autoFit());
    window.close();
}

// Item 14: the dark theme reaches the plots, and disabled icons look disabled.
TEST(Readability, DarkThemeDarkensPlotsAndFadesDisabledIcons)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.setTheme(QStringLiteral("dark"));
    for (QCustomPlot *plot : window.findChildren<QCustomPlot *>()) {
        SCOPED_TRACE(plot->objectName().toStdString());
        EXPECT_LT(corner(plot).lightness(), 80) << "a white plot in the dark theme";
        EXPECT_GT(plot->xAxis->tickLabelColor().lightness(), 150);
    }
    QAction *undo = window.actions()->action("undo");
    ASSERT_FALSE(undo->isEnabled());
    const double normal = meanAlpha(undo->icon().pixmap(22, 22, QIcon::Normal));
    const double disabled = meanAlpha(undo->icon().pixmap(22, 22, QIcon::Disabled));
    EXPECT_GT(normal, 0);
    EXPECT_LT(disabled, 0.5 * normal);
    window.setTheme(QStringLiteral("light"));
    EXPECT_GT(corner(window.activityView()->raster()).lightness(), 200);
    window.close();
}

// Item 15: whole epochs on the epoch axis; full step numbers.
TEST(Readability, AxesShowWholeEpochsAndFullStepNumbers)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.resize(1280, 800);
    window.show();
    QCustomPlot *curves = window.trainingView()->curves();
    curves->xAxis->setRange(0.5, 3.5);
    curves->replot();
    for (double t : curves->xAxis->tickVector())
        EXPECT_EQ(t, std::round(t)) << "tick at " << t;
    QCustomPlot *raster = window.activityView()->raster();
    raster->xAxis->setRange(1303700, 1303820);
    raster->replot();
    ASSERT_FALSE(raster->xAxis->tickVectorLabels().isEmpty());
    for (const QString &label : raster->xAxis->tickVectorLabels())
        EXPECT_FALSE(label.contains('e')) << label.toStdString();
    EXPECT_LE(raster->xAxis->tickVector().size(), 4);
    window.close();
}

// Item 18: NaN while typing; a core refusal names the field, not its JSON pointer; 0 = all.
TEST(Readability, ValidationSpeaksTheFieldsLanguage)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.show();
    ASSERT_TRUE(window.files()->openFile(example("quickstart.sqsnn.json"), false));
    window.scene()->clearSelection();
    QCoreApplication::processEvents();
    auto *rate = qobject_cast<FieldEdit *>(window.inspector()->findChild<FieldEdit *>("project.learningRate"));
    ASSERT_NE(rate, nullptr);
    rate->lineEdit()->selectAll();
    QTest::keyClicks(rate->lineEdit(), "nan");
    EXPECT_TRUE(rate->error().contains("finite")) << "flagged before Enter: " << rate->error().toStdString();
    EXPECT_EQ(InspectorPage::withoutPointer("/training/learning_rate: must be > 0", "Learning rate η"),
              "Learning rate η: must be > 0");
    EXPECT_EQ(InspectorPage::withoutPointer("the network has no readout", "X"), "the network has no readout");
    auto *train = window.inspector()->findChild<FieldEdit *>("project.trainSamples");
    ASSERT_NE(train, nullptr);
    const QStringList units = [&] {
        QStringList u;
        for (QLabel *l : train->findChildren<QLabel *>("unit"))
            u << l->text();
        return u;
    }();
    EXPECT_TRUE(units.join(' ').contains("0 = all")) << units.join(' ').toStdString();
    // The training method (and, for bptt, its surrogate) is offered.
    auto *method = window.inspector()->findChild<QComboBox *>("project.method");
    ASSERT_NE(method, nullptr);
    method->setCurrentText("bptt");
    EXPECT_EQ(window.model()->project().training.method, "bptt");
    auto *surrogate = window.inspector()->findChild<QComboBox *>("project.surrogate");
    ASSERT_NE(surrogate, nullptr);
    surrogate->setCurrentText("straight-through");
    EXPECT_EQ(window.model()->project().training.surrogate, "straight-through");
    window.close();
}

} // namespace sqsnn::lab::test

namespace sqsnn::lab::test {

// Item 6: presentation mode, one key, and back exactly.
TEST(Readability, PresentationModeEnlargesAndRestores)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.resize(1280, 800);
    window.show();
    ASSERT_TRUE(window.files()->openFile(example("quickstart.sqsnn.json"), false));
    QCoreApplication::processEvents();
    const double font = QApplication::font().pointSizeF();
    const double caption = window.view()->captionPixels();
    const QFont tick = window.activityView()->raster()->xAxis->tickLabelFont();
    QAction *present = window.actions()->action("presentation");
    ASSERT_NE(present, nullptr);
    EXPECT_EQ(present->shortcut(), QKeySequence(Qt::Key_F5));
    present->trigger();
    QCoreApplication::processEvents();
    EXPECT_NEAR(QApplication::font().pointSizeF(), font * 1.5, 1e-9);
    EXPECT_GT(window.view()->captionPixels(), caption);
    EXPECT_GT(window.activityView()->raster()->xAxis->tickLabelFont().pointSizeF(), tick.pointSizeF());
    for (QDockWidget *d : window.findChildren<QDockWidget *>())
        EXPECT_EQ(d->isVisible(), d->objectName() == "neuronDock" || d->objectName() == "activityDock")
            << d->objectName().toStdString();
    present->trigger();
    QCoreApplication::processEvents();
    EXPECT_NEAR(QApplication::font().pointSizeF(), font, 1e-9);
    EXPECT_EQ(window.activityView()->raster()->xAxis->tickLabelFont(), tick);
    EXPECT_TRUE(window.findChild<QDockWidget *>("inspectorDock")->isVisibleTo(&window) ||
                window.findChild<QDockWidget *>("neuronDock")->isVisibleTo(&window));
    window.close();
}

// Item 20: PNG at twice the screen size (and any width) for slides and papers.
TEST(Readability, PngExportAtScale)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.resize(1280, 800);
    window.show();
    QCoreApplication::processEvents();
    QWidget *raster = window.activityView()->raster();
    QImage one, two;
    ASSERT_TRUE(one.loadFromData(renderPng(raster)));
    ASSERT_TRUE(two.loadFromData(renderPng(raster, {}, 2.0)));
    EXPECT_EQ(two.size(), one.size() * 2);
    QImage sphere1, sphere2; // a QPainter view too
    QWidget *matrix = window.findChild<QWidget *>("neuronView");
    ASSERT_TRUE(sphere1.loadFromData(renderPng(matrix)));
    ASSERT_TRUE(sphere2.loadFromData(renderPng(matrix, {}, 2.0)));
    EXPECT_EQ(sphere2.size(), sphere1.size() * 2);
    std::unique_ptr<QMenu> menu(createExportMenu(raster));
    ASSERT_TRUE(menu);
    EXPECT_NE(menu->findChild<QAction *>("exportPng2x"), nullptr);
    EXPECT_NE(menu->findChild<QAction *>("exportPngWidth"), nullptr);
    window.close();
}

} // namespace sqsnn::lab::test

namespace sqsnn::lab::test {

namespace {
QStringList g_warnings;
void recordWarning(QtMsgType type, const QMessageLogContext &, const QString &msg)
{
    if (type == QtWarningMsg)
        g_warnings << msg;
}
} // namespace

// Item 22: starting the lab paints nothing into a null pixmap.
TEST(Readability, StartsWithoutPainterWarnings)
{
    g_warnings.clear();
    const QtMessageHandler previous = qInstallMessageHandler(recordWarning);
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        window.setRemoveRecoveryOnClose(false);
        window.resize(1280, 800);
        window.show();
        for (int i = 0; i < 5; ++i) {
            QCoreApplication::processEvents();
            QTest::qWait(20);
        }
        window.close();
    }
    qInstallMessageHandler(previous);
    EXPECT_TRUE(g_warnings.filter("QPainter").isEmpty()) << g_warnings.join('\n').toStdString();
    EXPECT_TRUE(g_warnings.filter("paint buffer").isEmpty()) << g_warnings.join('\n').toStdString();
}

} // namespace sqsnn::lab::test

namespace sqsnn::lab::test {

// Item 17: as tabs, only the current page of the Training dock is visible.
TEST(Readability, TrainingTabsShowOnlyTheCurrentPage)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    window.setRemoveRecoveryOnClose(false);
    window.resize(1280, 800);
    window.show();
    QCoreApplication::processEvents();
    TrainingView *tv = window.trainingView();
    tv->resize(700, 330); // narrow: tabs
    QCoreApplication::processEvents();
    ASSERT_FALSE(tv->isWide());
    auto *tabs = tv->findChild<QTabWidget *>("trainingPages");
    ASSERT_NE(tabs, nullptr);
    for (int current = 0; current < tabs->count(); ++current) {
        tabs->setCurrentIndex(current);
        QCoreApplication::processEvents();
        for (int i = 0; i < tabs->count(); ++i)
            EXPECT_EQ(tabs->widget(i)->isVisible(), i == current) << "tab " << current << " page " << i;
    }
    window.close();
}

} // namespace sqsnn::lab::test

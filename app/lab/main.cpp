// sqsnn-lab [PROJECT] [--no-tour] [--screenshot FILE.png [--tour-step N]]
// Opens PROJECT (default: projects/quickstart.sqsnn.json when present, else an empty project).
// The guided tour starts at the first start (until it was shown once); --no-tour suppresses it.
// With --screenshot, renders the window after loading and layout, writes the PNG and exits
// (0 on success, 2 when the project cannot be loaded, 1 when the image cannot be written); the
// tour never starts by itself then, --tour-step N puts its stop N (1-based) in the image.
// Without a display (no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM) --screenshot and
// --plot-results draw offscreen; opening the window says so in one line and exits with 2
// instead of Qt's abort.
// sqsnn-lab --plot-results RESULTS.csv --out FILE.png [--metric test_accuracy]
// Draws an experiment's learning curves (plots/ExperimentPlot.hpp) to FILE (.png, .svg or .pdf)
// without opening a window, and exits (0 on success, 2 on bad input, 1 when it cannot write).
#include "plots/ExperimentPlot.hpp"
#include "window/GuidedTour.hpp"
#include "window/MainWindow.hpp"
#include "window/Prompter.hpp"
#include "editor/GraphView.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    // --plot-results never shows a window: draw offscreen (no display needed, same fonts and
    // sizes everywhere) unless the user chose a platform. --screenshot needs no display either.
    const bool platformChosen = !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    const bool haveDisplay = !qEnvironmentVariableIsEmpty("DISPLAY")
                             || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    bool headless = false, help = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--plot-results", 14) == 0 && !platformChosen)
            qputenv("QT_QPA_PLATFORM", "offscreen");
        if (std::strncmp(argv[i], "--plot-results", 14) == 0
            || std::strncmp(argv[i], "--screenshot", 12) == 0)
            headless = true;
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0
            || std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0)
            help = true;
    }
    if (!platformChosen && !haveDisplay) {
        if (headless || help) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        } else {
            std::fprintf(stderr, "sqsnn-lab: no display found (neither DISPLAY nor WAYLAND_DISPLAY "
                                 "is set); train headless with `sqsnn train PROJECT`, or render "
                                 "the window with `sqsnn-lab PROJECT --screenshot FILE.png`\n");
            return 2;
        }
    }
    QApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SQSNN"));
    QApplication::setApplicationName(QStringLiteral("SQSNN Lab"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Visual lab for stochastic quantum spiking neural networks"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project file (*.sqsnn.json) to open"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window to FILE.png and exit"),
                                        QStringLiteral("FILE.png"));
    parser.addOption(screenshot);
    const QCommandLineOption noTour(QStringLiteral("no-tour"),
                                    QStringLiteral("Do not start the first-start guided tour"));
    const QCommandLineOption tourStep(
        QStringLiteral("tour-step"),
        QStringLiteral("With --screenshot: show stop N (1-based) of the guided tour in the image"),
        QStringLiteral("N"));
    parser.addOptions({noTour, tourStep});
    const QCommandLineOption plotResults(
        QStringLiteral("plot-results"),
        QStringLiteral("Plot an experiment's results.csv to --out and exit"),
        QStringLiteral("RESULTS.csv"));
    const QCommandLineOption plotOut(
        QStringLiteral("out"), QStringLiteral("Image written by --plot-results (.png, .svg, .pdf)"),
        QStringLiteral("FILE.png"));
    const QCommandLineOption plotMetric(
        QStringLiteral("metric"),
        QStringLiteral("Column plotted by --plot-results (default: test_accuracy)"),
        QStringLiteral("METRIC"), QStringLiteral("test_accuracy"));
    parser.addOptions({plotResults, plotOut, plotMetric});
    parser.process(app);
    const QString project = parser.positionalArguments().value(0);

    if (parser.isSet(plotResults)) { // headless: no main window
        if (!parser.isSet(plotOut)) {
            std::fprintf(stderr, "--plot-results needs --out FILE.png\n");
            return 2;
        }
        sqsnn::lab::ExperimentCurves curves;
        QString error;
        if (!sqsnn::lab::readExperimentCurves(parser.value(plotResults), parser.value(plotMetric),
                                              &curves, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        const QString file = parser.value(plotOut);
        if (!sqsnn::lab::writeExperimentPlot(curves, file, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("%s\n", qPrintable(file));
        return 0;
    }

    if (parser.isSet(screenshot)) {
        sqsnn::lab::QuietPrompter quiet;
        sqsnn::lab::MainWindow window(&quiet);
        window.setRemoveRecoveryOnClose(false);
        window.resize(1440, 900);
        if (!window.start(project, false))
            return 2;
        window.show();
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        window.view()->fitToView();
        QApplication::processEvents();
        if (parser.isSet(tourStep)) {
            bool ok = false;
            const int stop = parser.value(tourStep).toInt(&ok);
            if (!ok || stop < 1 || stop > window.tour()->count()) {
                std::fprintf(stderr, "--tour-step: expected 1..%d, got '%s'\n",
                             window.tour()->count(), qPrintable(parser.value(tourStep)));
                return 2;
            }
            window.startTour(stop - 1);
            for (int i = 0; i < 5; ++i)
                QApplication::processEvents();
        }
        const QString file = parser.value(screenshot);
        if (!window.grab().save(file, "PNG")) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file));
            return 1;
        }
        std::printf("%s %dx%d\n", qPrintable(file), window.width(), window.height());
        return 0;
    }

    sqsnn::lab::MainWindow window;
    window.show();
    QTimer::singleShot(0, &window, [&] {
        window.start(project);
        if (!parser.isSet(noTour))
            window.showTourOnce();
    });
    return app.exec();
}

// sqsnn-lab [PROJECT] [--screenshot FILE.png]
// Opens PROJECT (default: projects/quickstart.sqsnn.json when present, else an empty project).
// With --screenshot, renders the window after loading and layout, writes the PNG and exits
// (0 on success, 2 when the project cannot be loaded, 1 when the image cannot be written).
#include "window/MainWindow.hpp"
#include "window/Prompter.hpp"
#include "editor/GraphView.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
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
    parser.process(app);
    const QString project = parser.positionalArguments().value(0);

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
    QTimer::singleShot(0, &window, [&] { window.start(project); });
    return app.exec();
}

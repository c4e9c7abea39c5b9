#pragma once
// Presentation mode (View > Presentation Mode, F5): for a projector at 1280x800. Fonts 1.5x
// (node captions, axes, legends, labels), plot lines twice as thick, only the canvas, the
// Neuron panel and the Activity panel (raster, readout, sample) shown, the canvas fitted. F5
// again (or Escape) restores the layout and sizes exactly as they were.
#include <QByteArray>
#include <QFont>
#include <QObject>

class QCustomPlot;

namespace sqsnn::lab {

class MainWindow;

class PresentationMode : public QObject
{
    Q_OBJECT
public:
    static constexpr double kScale = 1.5;     // fonts
    static constexpr double kLineScale = 2.0; // plot lines
    explicit PresentationMode(MainWindow *window);
    bool isOn() const { return m_on; }
    void setOn(bool on);
    void toggle() { setOn(!m_on); }

Q_SIGNALS:
    void toggled(bool on);

private:
    void scalePlots(double font, double line);

    MainWindow *m_window;
    bool m_on = false;
    QByteArray m_state;
    QFont m_font;
};

} // namespace sqsnn::lab

#pragma once
// "Ideal | noisy" (issue 16): one test sample replayed twice with the same seed, through the
// project as it is (its populations' noise) and through its ideal copy (the same project with
// the noise removed, core/training/WatchedNeuron idealCopy), side by side for the watched
// neuron: a row of Bloch spheres per side (the trail over the sample), and one plot with both
// sides' p(spike), memory purity and register purity over the sample's steps (ideal dashed).
// The replays run on a thread of their own (the window never freezes) and never touch the
// run; the numbers come from core replayWatched, the panel only shows them.
#include "training/WatchedNeuron.hpp"

#include <QWidget>

#include <memory>

class QCustomPlot;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace sqsnn::lab {

class BlochSphereWidget;
class ProjectModel;

class NoiseComparePanel : public QWidget
{
    Q_OBJECT
public:
    explicit NoiseComparePanel(ProjectModel *model, QWidget *parent = nullptr);

    // Replays test sample `sample` of the model's project for neuron `neuron` of population
    // `pop`, both ways (asynchronously: replayed() follows). False (and the reason shown) when
    // the population has no noise or a replay is already running.
    bool replay(int pop, int neuron, int sample);
    void setWatched(int pop, int neuron);
    bool isBusy() const { return m_busy; }

    // For tests and exports: the two replays shown (empty before the first).
    const std::vector<WatchedStep> &ideal() const { return m_ideal; }
    const std::vector<WatchedStep> &noisy() const { return m_noisy; }
    QSpinBox *sampleBox() const { return m_sample; }
    QPushButton *replayButton() const { return m_replay; }
    QLabel *status() const { return m_status; }
    QCustomPlot *plot() const { return m_plot; }
    const std::vector<BlochSphereWidget *> &spheres(bool noisy) const { return m_spheres[noisy ? 1 : 0]; }

Q_SIGNALS:
    void replayed(bool ok);

private:
    void showReplays(std::vector<WatchedStep> ideal, std::vector<WatchedStep> noisy);
    void ensureSpheres(int io, int memory);

    ProjectModel *m_model;
    int m_pop = -1, m_neuron = 0;
    bool m_busy = false;
    QLabel *m_title, *m_status;
    QSpinBox *m_sample;
    QPushButton *m_replay;
    QHBoxLayout *m_rows[2];
    std::vector<BlochSphereWidget *> m_spheres[2];
    QCustomPlot *m_plot;
    std::vector<WatchedStep> m_ideal, m_noisy;
};

} // namespace sqsnn::lab

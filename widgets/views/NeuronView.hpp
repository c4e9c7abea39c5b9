#pragma once
// The Neuron dock: the watched SQS neuron (chosen here or by clicking a population on the
// canvas): a Bloch sphere per qubit (I/O first, then memory) just before measurement, the
// memory's reduced density matrix as a heat map, and purity, entropy and firing probability
// over time. Fed only from snapshots; plots replot at most every 40 ms.
#include "training/Snapshot.hpp"
#include "views/PlotExport.hpp"

#include <QWidget>

#include <deque>

class QComboBox;
class QCustomPlot;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QTimer;

namespace sqsnn::lab {

class BlochSphereWidget;
class CircuitWidget;
class DensityMatrixWidget;
class NoiseComparePanel;
class ProjectModel;
class TrainingController;
class WhatIfPanel;

class NeuronView : public QWidget
{
    Q_OBJECT
public:
    NeuronView(ProjectModel *model, TrainingController *controller, QWidget *parent = nullptr);

    // Watches neuron `neuron` of population `pop` (index into the network's populations).
    void watch(int pop, int neuron);
    int watchedPopulation() const;
    int watchedNeuron() const;
    const std::vector<BlochSphereWidget *> &spheres() const { return m_spheres; }
    DensityMatrixWidget *matrix() const { return m_matrix; }
    CircuitWidget *circuit() const { return m_circuit; }
    QCustomPlot *plot() const { return m_plot; }
    // What-if at a paused step (WhatIfPanel): the button is enabled while the run is paused and
    // the shown step was recorded with its inputs.
    QPushButton *whatIfButton() const { return m_whatIfButton; }
    WhatIfPanel *whatIf() const { return m_whatIf; }
    // Shows the what-if of the step on display; false when it cannot be replayed.
    bool showWhatIf();
    // "Ideal | noisy": shows the comparison window and replays its sample both ways (false
    // when the watched population has no noise or a replay is running).
    QPushButton *noiseCompareButton() const { return m_compareButton; }
    NoiseComparePanel *noiseCompare() const { return m_compare; }
    bool showNoiseCompare();

    // The recorded steps of the watched neuron (the last kHistory; every step when stepping or
    // in slow motion, ~30 per second at full speed).
    static constexpr std::size_t kHistory = 10000;
    const std::deque<NeuronStep> &history() const { return m_history; }
    // The data behind the views (docs/exports.md), from the recorded history: per step the
    // firing probability, outcome, memory purity and entropy; one qubit's Bloch vectors; and
    // the memory density matrix shown (one row per entry).
    DataTable traceTable() const;
    DataTable blochTable(int qubit) const;
    DataTable memoryTable() const;

public Q_SLOTS:
    void showSnapshot(const sqsnn::lab::SnapshotPtr &s);
    // Shows the recorded state at global step `step` (or the nearest earlier one recorded).
    // Returns false when the history holds nothing at or before it.
    bool showStep(qint64 step);
    // Drops traces, spheres, matrix and circuit (a project opens, a run starts or is reset).
    void clearView();

private:
    void fillPopulations();
    void selectionChanged();
    void ensureSpheres(int io, int memory);
    void clearTraces();
    void showState(const NeuronStep &n, bool fromHistory);
    void showIdleInfo();
    void updateWhatIfButton();
    void updateCompareButton();

    ProjectModel *m_model;
    TrainingController *m_controller;
    QComboBox *m_pop;
    QSpinBox *m_neuron;
    QLabel *m_info;
    QWidget *m_sphereBox;
    QHBoxLayout *m_sphereLayout;
    std::vector<BlochSphereWidget *> m_spheres;
    int m_io = 0, m_memory = 0;
    DensityMatrixWidget *m_matrix;
    CircuitWidget *m_circuit;
    QScrollArea *m_circuitScroll = nullptr; // as tall as the circuit (it grows with the qubits)
    QCustomPlot *m_plot;
    QTimer *m_replot;
    bool m_dirty = false;
    int m_shownPop = -2, m_shownNeuron = -2;
    std::deque<NeuronStep> m_history;
    // The step on display (latest or recalled) and the circuit it ran, for the what-if.
    NeuronStep m_shown;
    Circuit m_shownCircuit;
    RunState m_runState = RunState::Idle;
    QPushButton *m_whatIfButton;
    WhatIfPanel *m_whatIf;
    QPushButton *m_compareButton;
    NoiseComparePanel *m_compare;
};

} // namespace sqsnn::lab

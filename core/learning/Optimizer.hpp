#pragma once
// Parameter updates (model.md section 4): psi <- psi - eta_group * clip(g, +-c_group), once per
// sample or mini-batch (g averaged over the batch); angles wrapped to [0, 2 pi). Groups:
// readout weights, readout neuron parameters, hidden weights, hidden neuron parameters; hidden
// groups learn at hiddenScale * eta. Adam (Kingma & Ba) is an option; it updates the rows a
// batch touched ("lazy" Adam, as sparse-gradient Adam implementations do), so its cost scales
// with the spikes like SGD's.
#include "learning/Gradients.hpp"
#include "learning/LocalRule.hpp"
#include "project/Project.hpp"

namespace sqsnn {

class Optimizer : public RowSink
{
public:
    Optimizer(const Network &net, const TrainingSpec &spec);
    // Applies grads (averaged over grads.samples) to the network, then clears grads.
    void apply(Network &net, Gradients &grads);
    // Learning rates may change between samples (e.g. while a run is paused).
    void setLearningRate(double eta, double hiddenScale);

    // Adam's state for a checkpoint: {"optimizer": "adam", "step": t, "moments": {"<owner key>":
    // {"m": [...], "v": [...]}}} with the owner keys of Project.hpp's ParameterSet; null for SGD
    // or before the first update. importState restores it (InputError naming the key when it
    // does not fit the network); a null state leaves the optimizer fresh.
    nlohmann::json exportState(const Network &net) const;
    void importState(const Network &net, const nlohmann::json &state);

    // RowSink: with SGD and one sample per update, weight rows are applied as they are made.
    void setPerSampleRows(bool on) { m_rows = on && !m_adam; }
    bool acceptsRows(const Network &, int) const override { return m_rows; }
    void applyRow(Network &net, int projection, std::size_t first, const double *g, int cb,
                  int ce) override;

private:
    struct Group
    {
        double lr, clip;
    };
    Group group(const Network &net, bool readout, bool neuronParams) const;
    double step(std::vector<double> &m, std::vector<double> &v, std::size_t j, double g,
                const Group &grp);

    TrainingSpec m_spec;
    bool m_adam;
    bool m_rows = false;
    long m_t = 0;
    double m_biasFix1 = 1, m_biasFix2 = 1; // Adam: 1 / (1 - beta1^t), 1 / (1 - beta2^t)
    std::vector<std::vector<double>> m_popM, m_popV, m_projM, m_projV;
};

} // namespace sqsnn

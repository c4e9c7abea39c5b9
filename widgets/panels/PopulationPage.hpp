#pragma once
// Inspector page for one population: name, kind, size, readout flag, qubits N and N_M,
// ansatz generator and layers, device noise (SQS), and the kind-specific neuron parameters.
#include "panels/InspectorPage.hpp"

namespace sqsnn::lab {

class PopulationPage : public InspectorPage
{
    Q_OBJECT
public:
    explicit PopulationPage(ProjectModel *model, QWidget *parent = nullptr);
    void setPopulation(int index);
    int population() const { return m_index; }
    void reload() override;

private:
    const PopulationSpec *spec() const;
    void apply(const QString &what, const std::function<void(PopulationSpec &)> &change);
    QString checkQubits(int io, int memory) const;
    // The noise section (PopulationNoise.cpp).
    void addNoiseRows();
    void reloadNoise(const PopulationSpec &p, bool sqs);

    int m_index = -1;
};

} // namespace sqsnn::lab

#include "model/NodeRegistry.hpp"

#include <QObject>

namespace sqsnn::lab {

namespace {

PopulationSpec pop(const char *kind, int size, bool readout = false)
{
    PopulationSpec p;
    p.kind = kind;
    p.size = size;
    p.readout = readout;
    return p;
}

} // namespace

NodeRegistry::NodeRegistry()
{
    m_types = {
        {"input", QObject::tr("Data input"),
         QObject::tr("The data set through its encoder (rate code or event frames). "
                     "Size 0 takes one line per pixel from the data set."),
         ":/icons/node-input.svg", "input", QColor(0x3b, 0x82, 0xf6), pop("input", 0)},
        {"sqs", QObject::tr("SQS population"),
         QObject::tr("Stochastic quantum spiking neurons: N I/O qubits + N_M memory qubits each, "
                     "a trainable circuit, one measured spike per I/O qubit and step."),
         ":/icons/node-sqs.svg", "hidden", QColor(0x8b, 0x5c, 0xf6), pop("sqs", 4)},
        {"qlif", QObject::tr("QLIF population"),
         QObject::tr("Quantum leaky integrate-and-fire neurons (one qubit each, Brand & "
                     "Petruccione 2024): the quantum baseline."),
         ":/icons/node-qlif.svg", "qlif", QColor(0x06, 0xb6, 0xd4), pop("qlif", 4)},
        {"glm", QObject::tr("GLM population"),
         QObject::tr("Classical stochastic spiking neurons (sigmoid GLM with synaptic and "
                     "feedback traces), trained with the same local rule."),
         ":/icons/node-glm.svg", "glm", QColor(0x10, 0xb9, 0x81), pop("glm", 4)},
        {"lif", QObject::tr("LIF population"),
         QObject::tr("Deterministic leaky integrate-and-fire neurons with a surrogate "
                     "gradient: the everyday SNN."),
         ":/icons/node-lif.svg", "lif", QColor(0xf5, 0x9e, 0x0b), pop("lif", 4)},
        {"readout", QObject::tr("Readout"),
         QObject::tr("The output population: one SQS neuron per class; the class with the "
                     "most spikes over T wins."),
         ":/icons/node-readout.svg", "readout", QColor(0xef, 0x44, 0x44), pop("sqs", 2, true)},
    };
}

const NodeRegistry &NodeRegistry::instance()
{
    static const NodeRegistry registry;
    return registry;
}

const NodeType *NodeRegistry::find(const QString &id) const
{
    for (const auto &t : m_types)
        if (t.id == id)
            return &t;
    return nullptr;
}

const NodeType &NodeRegistry::typeOf(const PopulationSpec &p) const
{
    if (p.readout)
        return *find("readout");
    if (const NodeType *t = find(QString::fromStdString(p.kind)))
        return *t;
    return *find("sqs");
}

} // namespace sqsnn::lab

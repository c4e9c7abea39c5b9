#pragma once
// Node types the editor offers, by id (QtNodes-style registry): each makes a PopulationSpec
// with sensible defaults and carries the label, description, icon and colour the palette and
// the canvas show.
#include "network/NetworkSpec.hpp"

#include <QColor>
#include <QString>
#include <vector>

namespace sqsnn::lab {

struct NodeType
{
    QString id;          // "input", "sqs", "qlif", "glm", "lif", "readout"
    QString label;       // "SQS population"
    QString description; // one or two sentences for the palette
    QString icon;        // resource path
    QString namePrefix;  // new nodes are named prefix, prefix2, ...
    QColor colour;
    PopulationSpec prototype;
};

class NodeRegistry
{
public:
    static const NodeRegistry &instance();
    const std::vector<NodeType> &types() const { return m_types; }
    const NodeType *find(const QString &id) const;
    // The type that best describes an existing population (readout wins over kind).
    const NodeType &typeOf(const PopulationSpec &p) const;
    QColor colourOf(const PopulationSpec &p) const { return typeOf(p).colour; }

private:
    NodeRegistry();
    std::vector<NodeType> m_types;
};

// The drag-and-drop MIME type of a palette entry (payload: the type id).
inline constexpr const char *kNodeMimeType = "application/x-sqsnn-node-type";

} // namespace sqsnn::lab

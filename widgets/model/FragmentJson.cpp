#include "model/FragmentJson.hpp"

#include "common/Error.hpp"
#include "project/ProjectIo.hpp"

namespace sqsnn::lab {

namespace {

[[noreturn]] void refuse(const std::string &source, const std::string &what)
{
    throw InputError(source + ": " + what);
}

// Positions from {"name": {"x": .., "y": ..}}; entries that are not numbers are ignored (the
// node is then placed in a row with the others).
Positions positionsFrom(const nlohmann::json &nodes, const NetworkSpec &net)
{
    Positions out;
    for (std::size_t i = 0; i < net.populations.size(); ++i) {
        const std::string &name = net.populations[i].name;
        QPointF pos(240.0 * double(i), 0);
        if (nodes.is_object() && nodes.contains(name)) {
            const auto &n = nodes[name];
            if (n.is_object() && n.contains("x") && n.contains("y") && n["x"].is_number()
                && n["y"].is_number())
                pos = QPointF(n["x"].get<double>(), n["y"].get<double>());
        }
        out[name] = pos;
    }
    return out;
}

} // namespace

nlohmann::json fragmentToJson(const Fragment &fragment)
{
    NetworkSpec net;
    net.populations = fragment.populations;
    net.projections = fragment.projections;
    nlohmann::json positions = nlohmann::json::object();
    for (const auto &[name, pos] : fragment.positions)
        positions[name] = {{"x", pos.x()}, {"y", pos.y()}};
    return {{kFragmentKey, kFragmentVersion},
            {"network", networkToJson(net)},
            {"positions", std::move(positions)}};
}

Fragment fragmentFromText(const std::string &text, const std::string &source)
{
    const nlohmann::json doc = parseProjectText(text, source);
    if (!doc.is_object())
        refuse(source, "expected a JSON object with \"" + std::string(kFragmentKey)
                           + "\", a project or a network, got " + std::string(doc.type_name()));
    Fragment f;
    NetworkSpec net;
    nlohmann::json nodes;
    if (doc.contains(kFragmentKey)) {
        const auto &v = doc[kFragmentKey];
        if (!v.is_number_integer() || v.get<long long>() < 1)
            refuse(source, "/" + std::string(kFragmentKey) + ": must be a version number (1), got "
                               + v.dump());
        if (v.get<long long>() > kFragmentVersion)
            refuse(source, "/" + std::string(kFragmentKey) + ": version " + v.dump()
                               + " is newer than this lab reads (" + std::to_string(kFragmentVersion)
                               + "); update SQSNN Lab");
        for (auto it = doc.begin(); it != doc.end(); ++it)
            if (it.key() != kFragmentKey && it.key() != "network" && it.key() != "positions")
                refuse(source, "/" + it.key() + ": unknown key in a copied fragment");
        if (!doc.contains("network"))
            refuse(source, "has no \"network\"; a copied fragment holds its populations there");
        net = networkFromJson(doc["network"], "/network", source);
        if (doc.contains("positions"))
            nodes = doc["positions"];
    } else if (doc.contains("format_version")) {
        const Project p = projectFromJson(doc, source);
        net = p.network;
        if (p.ui.is_object() && p.ui.contains("nodes"))
            nodes = p.ui["nodes"];
    } else if (doc.contains("populations")) {
        net = networkFromJson(doc, "", source);
    } else {
        refuse(source, "not an SQSNN network: expected \"" + std::string(kFragmentKey)
                           + "\" (copied nodes), \"format_version\" (a project file) or "
                             "\"populations\" (a network)");
    }
    if (net.populations.empty())
        refuse(source, "the network has no populations to paste");
    f.populations = net.populations;
    f.projections = net.projections;
    f.positions = positionsFrom(nodes, net);
    return f;
}

} // namespace sqsnn::lab

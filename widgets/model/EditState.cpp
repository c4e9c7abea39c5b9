#include "model/EditState.hpp"

namespace sqsnn::lab {

EditState EditState::of(const Project &p)
{
    return {p.title, p.description, p.network, p.data, p.training, p.seed, p.ui,
            std::make_shared<const ParameterSet>(p.parameters)};
}

void EditState::applyTo(Project &p) const
{
    p.title = title;
    p.description = description;
    p.network = network;
    p.data = data;
    p.training = training;
    p.seed = seed;
    p.ui = ui;
    p.parameters = *parameters;
}

int EditState::populationIndex(const std::string &name) const
{
    for (int i = 0; i < int(network.populations.size()); ++i)
        if (network.populations[i].name == name)
            return i;
    return -1;
}

bool EditState::hasPosition(const std::string &name) const
{
    return ui.is_object() && ui.contains("nodes") && ui["nodes"].is_object()
           && ui["nodes"].contains(name) && ui["nodes"][name].is_object();
}

QPointF EditState::position(const std::string &name) const
{
    if (!hasPosition(name))
        return {};
    const auto &n = ui["nodes"][name];
    return {n.value("x", 0.0), n.value("y", 0.0)};
}

void EditState::setPosition(const std::string &name, QPointF pos)
{
    if (!ui.is_object())
        ui = nlohmann::json::object();
    ui["nodes"][name] = {{"x", pos.x()}, {"y", pos.y()}};
}

void EditState::removePosition(const std::string &name)
{
    if (ui.is_object() && ui.contains("nodes") && ui["nodes"].is_object())
        ui["nodes"].erase(name);
}

std::string EditState::uniqueName(const std::string &prefix) const
{
    if (populationIndex(prefix) < 0)
        return prefix;
    for (int k = 2;; ++k) {
        const std::string name = prefix + std::to_string(k);
        if (populationIndex(name) < 0)
            return name;
    }
}

void EditState::followRename(const std::string &from, const std::string &to)
{
    for (auto &e : network.projections) {
        if (e.from == from)
            e.from = to;
        if (e.to == from)
            e.to = to;
    }
    if (hasPosition(from)) {
        const QPointF pos = position(from);
        removePosition(from);
        setPosition(to, pos);
    }
    bool touched = false;
    for (const auto &entry : *parameters)
        touched = touched || entry.first == "population/" + from
                  || (entry.first.starts_with("projection/") && entry.first.find(from) != std::string::npos);
    if (!touched)
        return;
    ParameterSet renamed;
    for (auto [key, values] : *parameters) {
        std::string k = key;
        if (k == "population/" + from)
            k = "population/" + to;
        else if (k.starts_with("projection/")) {
            const auto arrow = k.find("->");
            if (arrow != std::string::npos) {
                std::string a = k.substr(11, arrow - 11), b = k.substr(arrow + 2);
                k = "projection/" + (a == from ? to : a) + "->" + (b == from ? to : b);
            }
        }
        renamed[k] = std::move(values);
    }
    parameters = std::make_shared<const ParameterSet>(std::move(renamed));
}

void EditState::keepParametersValid(const EditState &before)
{
    auto samePopulation = [&](const std::string &name) {
        const int i = populationIndex(name), j = before.populationIndex(name);
        return i >= 0 && j >= 0 && network.populations[i] == before.network.populations[j];
    };
    auto findEdge = [](const NetworkSpec &n, const std::string &a, const std::string &b) {
        for (const auto &e : n.projections)
            if (e.from == a && e.to == b)
                return &e;
        return static_cast<const ProjectionSpec *>(nullptr);
    };
    std::vector<std::string> drop;
    for (const auto &entry : *parameters) {
        const std::string &k = entry.first;
        bool keep = false;
        if (k.starts_with("population/")) {
            keep = samePopulation(k.substr(11));
        } else if (const auto arrow = k.find("->"); k.starts_with("projection/") && arrow != std::string::npos) {
            const std::string a = k.substr(11, arrow - 11), b = k.substr(arrow + 2);
            const ProjectionSpec *now = findEdge(network, a, b), *then = findEdge(before.network, a, b);
            keep = now && then && *now == *then && samePopulation(a) && samePopulation(b);
        }
        if (!keep)
            drop.push_back(k);
    }
    if (drop.empty())
        return;
    auto kept = std::make_shared<ParameterSet>(*parameters);
    for (const auto &k : drop)
        kept->erase(k);
    parameters = std::move(kept);
}

bool EditState::sameAs(const EditState &o) const
{
    return title == o.title && description == o.description && network == o.network
           && data == o.data && training == o.training && seed == o.seed && ui == o.ui
           && (parameters == o.parameters || *parameters == *o.parameters);
}

} // namespace sqsnn::lab

#include "model/ProjectModel.hpp"

#include "common/Error.hpp"
#include "model/AutoLayout.hpp"
#include "model/CoreBridge.hpp"
#include "model/EditCommand.hpp"
#include "model/NodeRegistry.hpp"

#include <QFileInfo>

#include <functional>
#include <set>

namespace sqsnn::lab {

ProjectModel::ProjectModel(QObject *parent)
    : QObject(parent), m_parameters(std::make_shared<const ParameterSet>())
{
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
    recompute();
}

QString ProjectModel::displayName() const
{
    return m_path.isEmpty() ? tr("untitled.sqsnn.json") : QFileInfo(m_path).fileName();
}

void ProjectModel::resetProject(Project project, const QString &path, bool modified)
{
    EditState s = EditState::of(project);
    bool missing = false;
    for (const auto &p : s.network.populations)
        missing = missing || !s.hasPosition(p.name);
    if (missing)
        for (const auto &[name, pos] : lab::autoLayout(s))
            if (!s.hasPosition(name))
                s.setPosition(name, pos);
    project.ui = s.ui;
    m_project = std::move(project);
    m_parameters = s.parameters; // the one shared copy of the trained values
    m_path = path;
    m_undo.clear();
    m_undo.setClean();
    if (modified)
        m_undo.resetClean();
    recompute();
    Q_EMIT projectReset();
    Q_EMIT filePathChanged(m_path);
    Q_EMIT modifiedChanged(isModified());
}

EditState ProjectModel::state() const
{
    return {m_project.title, m_project.description, m_project.network, m_project.data,
            m_project.training, m_project.seed, m_project.ui, m_parameters};
}

void ProjectModel::markSaved(const QString &path)
{
    const bool renamed = path != m_path;
    m_path = path;
    m_undo.setClean();
    if (renamed)
        Q_EMIT filePathChanged(m_path);
    Q_EMIT modifiedChanged(false);
}

std::int64_t ProjectModel::populationParameters(int index) const
{
    try {
        return lab::populationParameters(m_project, index);
    } catch (const std::exception &) {
        return -1;
    }
}

void ProjectModel::recompute()
{
    m_inputLines = lab::inputLines(m_project.data);
    try {
        m_issues = lab::validate(m_project);
    } catch (const std::exception &e) {
        m_issues = {{-1, -1, e.what()}};
    }
    try {
        m_parameterCount = lab::parameterCount(m_project);
    } catch (const std::exception &) {
        m_parameterCount = -1;
    }
}

void ProjectModel::applyTrainingResult(const EditState &state, const nlohmann::json &history)
{
    m_project.history = history;
    applyState(state, false);
}

void ProjectModel::applyState(const EditState &state, bool moveOnly)
{
    const auto old = m_project.network.populations;
    m_project.title = state.title;
    m_project.description = state.description;
    m_project.network = state.network;
    m_project.data = state.data;
    m_project.training = state.training;
    m_project.seed = state.seed;
    m_project.ui = state.ui;
    if (state.parameters != m_parameters) {
        m_project.parameters = *state.parameters;
        m_parameters = state.parameters;
    }
    if (moveOnly) {
        Q_EMIT nodesMoved();
        return;
    }
    const auto &now = m_project.network.populations;
    if (old.size() == now.size())
        for (size_t i = 0; i < now.size(); ++i)
            if (old[i].name != now[i].name)
                Q_EMIT populationRenamed(QString::fromStdString(old[i].name),
                                         QString::fromStdString(now[i].name));
    recompute();
    Q_EMIT changed();
}

void ProjectModel::push(const QString &text, EditState after, bool move, int dragId)
{
    m_undo.push(new EditCommand(this, text, state(), std::move(after),
                                move ? EditCommand::Move : EditCommand::Edit, dragId));
}

bool ProjectModel::edit(const QString &text, const std::function<void(EditState &)> &change)
{
    EditState s = state();
    change(s);
    // Renames carry their edges, positions and trained parameters along.
    EditState before = state();
    const auto &old = m_project.network.populations;
    if (old.size() == s.network.populations.size())
        for (size_t i = 0; i < old.size(); ++i) {
            const std::string from = old[i].name, to = s.network.populations[i].name;
            if (from == to)
                continue;
            s.followRename(from, to);
            before.network.populations[i].name = to;
            before.followRename(from, to);
        }
    s.keepParametersValid(before);
    if (s.sameAs(state()))
        return false;
    if (const std::string problem = checkFields(s.network, s.data, s.training); !problem.empty()) {
        m_lastRefusal = QString::fromStdString(problem);
        Q_EMIT message(Warning, tr("%1 refused: %2").arg(text, m_lastRefusal));
        Q_EMIT editRefused(m_lastRefusal);
        return false;
    }
    push(text, std::move(s));
    return true;
}

QString ProjectModel::addNode(const QString &typeId, QPointF pos)
{
    const NodeType *type = NodeRegistry::instance().find(typeId);
    if (!type)
        return {};
    EditState s = state();
    PopulationSpec p = type->prototype;
    p.name = s.uniqueName(type->namePrefix.toStdString());
    if (p.readout) {
        if (const int classes = numClasses(s.data); classes > 0)
            p.size = classes;
        for (auto &other : s.network.populations)
            other.readout = false; // exactly one readout: the new one takes over
    }
    s.network.populations.push_back(p);
    s.setPosition(p.name, pos);
    s.keepParametersValid(state());
    push(tr("Add %1").arg(type->label), std::move(s));
    return QString::fromStdString(p.name);
}

bool ProjectModel::connectNodes(const QString &fromQ, const QString &toQ, QString *why)
{
    const std::string from = fromQ.toStdString(), to = toQ.toStdString();
    EditState s = state();
    const int f = s.populationIndex(from), t = s.populationIndex(to);
    auto refuse = [&](const QString &reason) {
        if (why)
            *why = reason;
        Q_EMIT message(Warning, reason);
        return false;
    };
    if (f < 0 || t < 0)
        return refuse(tr("cannot connect: unknown population"));
    if (s.network.populations[t].kind == "input")
        return refuse(tr("cannot connect %1 -> %2: a data input receives no projection")
                          .arg(fromQ, toQ));
    for (const auto &e : s.network.projections)
        if (e.from == from && e.to == to)
            return refuse(tr("%1 -> %2 is already connected").arg(fromQ, toQ));
    // A projection closing a loop is recurrent: it needs a delay of at least one step.
    std::function<bool(const std::string &, std::set<std::string> &)> reaches =
        [&](const std::string &a, std::set<std::string> &seen) {
            if (a == from)
                return true;
            if (!seen.insert(a).second)
                return false;
            for (const auto &e : s.network.projections)
                if (e.from == a && e.delay == 0 && reaches(e.to, seen))
                    return true;
            return false;
        };
    std::set<std::string> seen;
    ProjectionSpec e;
    e.from = from;
    e.to = to;
    e.delay = reaches(to, seen) ? 1 : 0;
    s.network.projections.push_back(e);
    push(tr("Connect %1 -> %2").arg(fromQ, toQ), std::move(s));
    return true;
}

void ProjectModel::removeItems(const QStringList &nodes, const QList<int> &projections)
{
    EditState s = state();
    std::set<std::string> gone;
    for (const auto &n : nodes)
        gone.insert(n.toStdString());
    std::vector<ProjectionSpec> keep;
    for (int k = 0; k < int(s.network.projections.size()); ++k) {
        const auto &e = s.network.projections[k];
        if (!projections.contains(k) && !gone.count(e.from) && !gone.count(e.to))
            keep.push_back(e);
    }
    std::erase_if(s.network.populations, [&](const auto &p) { return gone.count(p.name) > 0; });
    for (const auto &n : gone)
        s.removePosition(n);
    if (keep.size() == s.network.projections.size() && gone.empty())
        return;
    s.network.projections = std::move(keep);
    s.keepParametersValid(state());
    push(tr("Delete"), std::move(s));
}

void ProjectModel::moveNodes(const Positions &positions, int dragId, const QString &text)
{
    EditState s = state();
    bool any = false;
    for (const auto &[name, pos] : positions)
        if (s.populationIndex(name) >= 0 && s.position(name) != pos) {
            s.setPosition(name, pos);
            any = true;
        }
    if (any)
        push(text.isEmpty() ? tr("Move") : text, std::move(s), true, dragId);
}

void ProjectModel::autoLayout()
{
    moveNodes(lab::autoLayout(state()), -1, tr("Auto-layout"));
}

Fragment ProjectModel::copy(const QStringList &nodes) const
{
    Fragment f;
    const EditState s = state();
    std::set<std::string> names;
    for (const auto &p : s.network.populations)
        if (nodes.contains(QString::fromStdString(p.name))) {
            f.populations.push_back(p);
            f.positions[p.name] = s.position(p.name);
            names.insert(p.name);
        }
    for (const auto &e : s.network.projections)
        if (names.count(e.from) && names.count(e.to))
            f.projections.push_back(e);
    return f;
}

QStringList ProjectModel::paste(const Fragment &fragment, QPointF offset)
{
    if (fragment.empty())
        return {};
    EditState s = state();
    std::map<std::string, std::string> renamed;
    QStringList added;
    bool hasReadout = false;
    for (const auto &p : s.network.populations)
        hasReadout = hasReadout || p.readout;
    for (auto p : fragment.populations) {
        const std::string original = p.name, name = s.uniqueName(p.name);
        renamed[original] = name;
        p.name = name;
        p.readout = p.readout && !hasReadout; // a copy never steals the readout role
        hasReadout = hasReadout || p.readout;
        s.network.populations.push_back(p);
        auto it = fragment.positions.find(original);
        s.setPosition(name, (it != fragment.positions.end() ? it->second : QPointF()) + offset);
        added << QString::fromStdString(name);
    }
    for (auto e : fragment.projections) {
        e.from = renamed[e.from];
        e.to = renamed[e.to];
        s.network.projections.push_back(e);
    }
    push(tr("Paste"), std::move(s));
    return added;
}

} // namespace sqsnn::lab

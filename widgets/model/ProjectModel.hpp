#pragma once
// The project being edited: holds the core Project (the truth), its file path and the undo
// stack. Every edit goes through an EditCommand; views (scene, inspector) listen to the change
// signals and read the project back. No widget code here, so tests can drive it headless.
#include "model/EditState.hpp"
#include "network/NetworkCheck.hpp"

#include <QObject>
#include <QUndoStack>

#include <functional>

namespace sqsnn::lab {

// A copied piece of the network: populations, the projections among them, and positions.
struct Fragment
{
    std::vector<PopulationSpec> populations;
    std::vector<ProjectionSpec> projections;
    Positions positions;
    bool empty() const { return populations.empty(); }
};

class ProjectModel : public QObject
{
    Q_OBJECT
public:
    enum Level { Info, Warning, Error };
    explicit ProjectModel(QObject *parent = nullptr);

    const Project &project() const { return m_project; }
    EditState state() const;
    QString filePath() const { return m_path; }
    QString displayName() const;
    QUndoStack *undoStack() { return &m_undo; }
    bool isModified() const { return !m_undo.isClean(); }

    // Replaces the whole project (new/open/restore): clears undo history. Nodes without a
    // position are laid out. `modified` marks a restored project as unsaved.
    void resetProject(Project project, const QString &path, bool modified = false);
    void markSaved(const QString &path);

    // Derived, recomputed after every edit.
    const std::vector<NetworkIssue> &issues() const { return m_issues; }
    std::int64_t parameterCount() const { return m_parameterCount; }
    std::int64_t populationParameters(int index) const;
    int inputLines() const { return m_inputLines; }

    // Edits; each is one undo step. They return false (and say why) when refused.
    bool edit(const QString &text, const std::function<void(EditState &)> &change);
    QString lastRefusal() const { return m_lastRefusal; }
    QString addNode(const QString &typeId, QPointF pos);
    bool connectNodes(const QString &from, const QString &to, QString *why = nullptr);
    void removeItems(const QStringList &nodes, const QList<int> &projections);
    void moveNodes(const Positions &positions, int dragId = -1, const QString &text = {});
    QStringList paste(const Fragment &fragment, QPointF offset);
    void autoLayout();
    Fragment copy(const QStringList &nodes) const;

    // Called by EditCommand only.
    void applyState(const EditState &state, bool moveOnly);
    // A training run's result: the state's edit (parameters, settings) plus the history, which
    // EditState leaves out; announced as one change. Used by undo commands only.
    void applyTrainingResult(const EditState &state, const nlohmann::json &history);

Q_SIGNALS:
    void projectReset();
    void changed();
    void nodesMoved();
    void populationRenamed(const QString &from, const QString &to);
    void modifiedChanged(bool modified);
    void filePathChanged(const QString &path);
    void message(int level, const QString &text);
    void editRefused(const QString &reason);

private:
    void recompute();
    void push(const QString &text, EditState after, bool move = false, int dragId = -1);

    Project m_project;
    QString m_path;
    QUndoStack m_undo;
    std::vector<NetworkIssue> m_issues;
    std::int64_t m_parameterCount = 0;
    int m_inputLines = 0;
    QString m_lastRefusal;
    std::shared_ptr<const ParameterSet> m_parameters; // shared with the undo states
};

} // namespace sqsnn::lab

#pragma once
// The experiment's settings as an editor over its JSON document (the CLI's *.experiment.json
// format, core/training/Experiment.hpp): title, base project, budget, hidden population,
// tolerance, seeds, epochs, data subset, the methods axis, and the models with their overrides
// (kind, N / N_M, estimator, learning rate; any other override in the file is kept as is).
// Every edit re-validates the document with the core's parseExperiment, so the messages are the
// CLI's, and shows each model's parameter count after budget matching and its matched hidden
// size (computed by the core).
#include "training/Experiment.hpp"

#include <QWidget>

#include <nlohmann/json.hpp>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace sqsnn::lab {

class ExperimentSetup : public QWidget
{
    Q_OBJECT
public:
    explicit ExperimentSetup(QWidget *parent = nullptr);

    // `path` names the document in messages and locates its relative "base".
    void setDocument(const nlohmann::json &doc, const QString &path);
    const nlohmann::json &document() const { return m_doc; }
    QString path() const { return m_path; }
    void setPath(const QString &path);
    // The validated experiment, or empty with error() set to the core's message.
    const std::optional<Experiment> &experiment() const { return m_experiment; }
    QString error() const { return m_error; }

    // Adds a model that keeps the base project as it is (name made unique).
    void addModel(const QString &name, const QString &kind = QString());
    // Adds a model made from a project file (ExperimentModelImport.hpp: the merge patch from the
    // base to its network and training), named after the file. Returns false and sets error()
    // when the file cannot be read or the experiment is not valid yet (no base to patch); the
    // note says what of the project was not taken.
    bool addModelFromProject(const QString &path, QString *note = nullptr);
    QTableWidget *modelTable() const { return m_models; }

Q_SIGNALS:
    void changed();

private:
    void loadFields();
    void storeFields();
    void storeFieldsInto(nlohmann::json &doc);
    void validate();
    void refreshCounts();

    nlohmann::json m_doc = nlohmann::json::object();
    QString m_path;
    std::optional<Experiment> m_experiment;
    QString m_error;
    bool m_loading = false;

    QLineEdit *m_title, *m_base, *m_hidden, *m_seeds;
    QSpinBox *m_budget, *m_epochs, *m_train, *m_test;
    QDoubleSpinBox *m_tolerance;
    QComboBox *m_methods;
    QTableWidget *m_models;
    QLabel *m_status;
};

} // namespace sqsnn::lab

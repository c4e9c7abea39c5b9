#include "experiment/ExperimentSetup.hpp"
#include "experiment/ExperimentModelImport.hpp"
#include "window/ExampleDialog.hpp"

#include "common/Error.hpp"
#include "data/DataLoader.hpp"
#include "network/NetworkCheck.hpp"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QMenu>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sqsnn::lab {

namespace {

enum Column { Name, Kind, Io, Memory, Estimator, Rate, Params, Hidden, Columns };

QString text(const nlohmann::json &j, const char *key)
{
    if (!j.is_object() || !j.contains(key))
        return {};
    const auto &v = j[key];
    return v.is_string() ? QString::fromStdString(v.get<std::string>())
                         : QString::fromStdString(v.dump());
}

// A cell's text as JSON: blank = absent, a number when it reads as one, else a string.
std::optional<nlohmann::json> cellValue(const QTableWidget *t, int row, int col)
{
    const QTableWidgetItem *item = t->item(row, col);
    const QString s = item ? item->text().trimmed() : QString();
    if (s.isEmpty())
        return std::nullopt;
    bool isInt = false, isNum = false;
    const long long i = s.toLongLong(&isInt);
    if (isInt)
        return nlohmann::json(i);
    const double d = s.toDouble(&isNum);
    if (isNum)
        return nlohmann::json(d);
    return nlohmann::json(s.toStdString());
}

void setOrErase(nlohmann::json &obj, const char *key, const std::optional<nlohmann::json> &v)
{
    if (v)
        obj[key] = *v;
    else if (obj.is_object())
        obj.erase(key);
}

} // namespace

ExperimentSetup::ExperimentSetup(QWidget *parent)
    : QWidget(parent)
{
    auto *form = new QFormLayout;
    m_title = new QLineEdit;
    m_base = new QLineEdit;
    auto *browse = new QPushButton(tr("…"));
    browse->setToolTip(tr("Choose the base project"));
    auto *baseRow = new QHBoxLayout;
    baseRow->addWidget(m_base, 1);
    baseRow->addWidget(browse);
    m_budget = new QSpinBox;
    m_budget->setRange(0, 1'000'000'000);
    m_budget->setSpecialValueText(tr("as is (no matching)"));
    m_hidden = new QLineEdit;
    m_tolerance = new QDoubleSpinBox;
    m_tolerance->setRange(0, 1);
    m_tolerance->setDecimals(3);
    m_tolerance->setSingleStep(0.01);
    m_seeds = new QLineEdit;
    m_seeds->setPlaceholderText(tr("e.g. 1, 2, 3"));
    m_epochs = new QSpinBox;
    m_epochs->setRange(-1, 100000);
    m_epochs->setSpecialValueText(tr("the base's"));
    m_train = new QSpinBox;
    m_train->setRange(0, 1'000'000);
    m_train->setSpecialValueText(tr("the base's"));
    m_test = new QSpinBox;
    m_test->setRange(0, 1'000'000);
    m_test->setSpecialValueText(tr("the base's"));
    m_methods = new QComboBox;
    m_methods->addItem(tr("the projects' own (no axis)"), QString());
    m_methods->addItem(QStringLiteral("local"), QStringLiteral("local"));
    m_methods->addItem(QStringLiteral("bptt"), QStringLiteral("bptt"));
    m_methods->addItem(tr("local and bptt"), QStringLiteral("local,bptt"));
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Base project"), baseRow);
    form->addRow(tr("Parameter budget"), m_budget);
    form->addRow(tr("Matched population"), m_hidden);
    form->addRow(tr("Tolerance"), m_tolerance);
    form->addRow(tr("Seeds"), m_seeds);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Train samples"), m_train);
    form->addRow(tr("Test samples"), m_test);
    form->addRow(tr("Methods"), m_methods);

    m_models = new QTableWidget(0, Columns);
    m_models->setObjectName(QStringLiteral("experimentModels"));
    m_models->setHorizontalHeaderLabels({tr("Model"), tr("Kind"), tr("N"), tr("N_M"),
                                         tr("Estimator"), tr("Learning rate"), tr("Parameters"),
                                         tr("Hidden size")});
    m_models->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_models->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_models->verticalHeader()->hide();
    m_models->setToolTip(tr("Blank cells keep the base project's value. Kind: sqs, qlif, glm or "
                            "lif. Parameters and hidden size are after budget matching."));
    auto *add = new QPushButton(tr("Add model"));
    add->setObjectName(QStringLiteral("experimentAddModel"));
    add->setToolTip(tr("A model keeping the base project as it is, or made from an example or a "
                       "project file (its network and training, as overrides of the base)"));
    auto *addMenu = new QMenu(add);
    addMenu->setObjectName(QStringLiteral("experimentAddModelMenu"));
    add->setMenu(addMenu);
    auto *remove = new QPushButton(tr("Remove model"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("experimentSetupStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Models")));
    layout->addWidget(m_models, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    auto edited = [this] {
        if (m_loading)
            return;
        storeFields();
        validate();
    };
    for (QLineEdit *e : {m_title, m_base, m_hidden, m_seeds})
        connect(e, &QLineEdit::editingFinished, this, edited);
    for (QSpinBox *s : {m_budget, m_epochs, m_train, m_test})
        connect(s, &QSpinBox::valueChanged, this, edited);
    connect(m_tolerance, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_methods, &QComboBox::currentIndexChanged, this, edited);
    connect(m_models, &QTableWidget::itemChanged, this, edited);
    connect(browse, &QPushButton::clicked, this, [this, edited] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Base project"), QString(),
                                                       tr("SQSNN projects (*.sqsnn.json)"));
        if (f.isEmpty())
            return;
        const QDir dir = QFileInfo(m_path).dir();
        m_base->setText(m_path.isEmpty() ? f : dir.relativeFilePath(f));
        edited();
    });
    addMenu->addAction(tr("Base Project as It Is"), this, [this] { addModel(tr("model")); });
    auto fromFile = [this](const QString &f) {
        if (f.isEmpty())
            return;
        QString note;
        if (!addModelFromProject(f, &note)) {
            m_status->setText(m_error);
            m_status->setStyleSheet(QStringLiteral("color: #d9534f;"));
        } else if (!note.isEmpty()) {
            m_status->setText(m_status->text() + QLatin1Char('\n') + note);
        }
    };
    addMenu->addAction(tr("From Example…"), this, [this, fromFile] {
        ExampleDialog dialog(ExampleDialog::defaultFolder(), this);
        if (dialog.exec() == QDialog::Accepted)
            fromFile(dialog.selectedPath());
    });
    addMenu->addAction(tr("From File…"), this, [this, fromFile] {
        fromFile(QFileDialog::getOpenFileName(this, tr("Model from a project file"), QString(),
                                              tr("SQSNN projects (*.sqsnn.json)")));
    });
    connect(remove, &QPushButton::clicked, this, [this, edited] {
        const int row = m_models->currentRow();
        if (row < 0 || !m_doc.contains("models") || row >= int(m_doc["models"].size()))
            return;
        m_doc["models"].erase(std::size_t(row));
        loadFields();
        validate();
    });
}

void ExperimentSetup::setPath(const QString &path)
{
    m_path = path;
    validate();
}

void ExperimentSetup::setDocument(const nlohmann::json &doc, const QString &path)
{
    m_doc = doc.is_object() ? doc : nlohmann::json::object();
    m_path = path;
    loadFields();
    validate();
}

void ExperimentSetup::addModel(const QString &name, const QString &kind)
{
    storeFields();
    QString unique = name;
    for (int k = 2;; ++k) {
        bool taken = false;
        for (const auto &m : m_doc.value("models", nlohmann::json::array()))
            taken |= text(m, "name") == unique;
        if (!taken)
            break;
        unique = name + QStringLiteral(" %1").arg(k);
    }
    nlohmann::json m = {{"name", unique.toStdString()}};
    if (!kind.isEmpty())
        m["kind"] = kind.toStdString();
    m_doc["models"].push_back(m);
    loadFields();
    validate();
}

bool ExperimentSetup::addModelFromProject(const QString &path, QString *note)
{
    storeFields();
    validate();
    if (!m_experiment) {
        m_error = tr("Fix the experiment first (a model from a file is a change of the base "
                     "project): %1").arg(m_error);
        return false;
    }
    QString stem = QFileInfo(path).fileName();
    stem.remove(QRegularExpression(QStringLiteral("\\.sqsnn\\.json$")));
    QString name = stem;
    for (int k = 2;; ++k) { // unique, as addModel
        bool taken = false;
        for (const auto &m : m_doc.value("models", nlohmann::json::array()))
            taken |= text(m, "name") == name;
        if (!taken)
            break;
        name = stem + QStringLiteral("-%1").arg(k);
    }
    ImportedModel imported;
    try {
        imported = modelFromProject(*m_experiment, path, name);
    } catch (const std::exception &e) {
        m_error = QString::fromStdString(e.what());
        return false;
    }
    m_doc["models"].push_back(imported.model);
    loadFields();
    validate();
    if (note)
        *note = imported.note;
    return true;
}

void ExperimentSetup::loadFields()
{
    m_loading = true;
    const nlohmann::json &d = m_doc;
    m_title->setText(text(d, "title"));
    m_base->setText(text(d, "base"));
    m_budget->setValue(d.value("budget", 0));
    m_hidden->setText(d.contains("hidden") ? text(d, "hidden") : QStringLiteral("hidden"));
    m_tolerance->setValue(d.value("tolerance", 0.02));
    QStringList seeds;
    for (const auto &s : d.value("seeds", nlohmann::json::array()))
        seeds << QString::fromStdString(s.dump());
    m_seeds->setText(seeds.join(QStringLiteral(", ")));
    m_epochs->setValue(d.value("epochs", -1));
    const nlohmann::json data = d.value("overrides", nlohmann::json::object()).value("data", nlohmann::json::object());
    m_train->setValue(data.value("train_samples", 0));
    m_test->setValue(data.value("test_samples", 0));
    QStringList methods;
    for (const auto &m : d.value("methods", nlohmann::json::array()))
        methods << QString::fromStdString(m.is_string() ? m.get<std::string>() : m.dump());
    const int mi = m_methods->findData(methods.join(u','));
    m_methods->setCurrentIndex(mi >= 0 ? mi : 0);

    const nlohmann::json models = d.value("models", nlohmann::json::array());
    m_models->setRowCount(int(models.size()));
    for (int r = 0; r < int(models.size()); ++r) {
        const nlohmann::json &m = models[std::size_t(r)];
        const nlohmann::json training = m.value("overrides", nlohmann::json::object())
                                            .value("training", nlohmann::json::object());
        const QString cells[Columns] = {text(m, "name"), text(m, "kind"), text(m, "io_qubits"),
                                        text(m, "memory_qubits"), text(training, "estimator"),
                                        text(training, "learning_rate"), QString(), QString()};
        for (int c = 0; c < Columns; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c >= Params)
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            m_models->setItem(r, c, item);
        }
    }
    m_loading = false;
}

void ExperimentSetup::storeFields()
{
    // A document with the wrong shapes (from a bad file) stays as it is: the core names the fault.
    try {
        storeFieldsInto(m_doc);
    } catch (const nlohmann::json::exception &) {
    }
}

void ExperimentSetup::storeFieldsInto(nlohmann::json &d)
{
    auto setText = [&](const char *key, const QString &v) {
        if (v.trimmed().isEmpty())
            d.erase(key);
        else
            d[key] = v.trimmed().toStdString();
    };
    setText("title", m_title->text());
    setText("base", m_base->text());
    if (m_budget->value() > 0 || d.contains("budget"))
        d["budget"] = m_budget->value();
    setText("hidden", m_hidden->text());
    if (m_tolerance->value() != 0.02 || d.contains("tolerance"))
        d["tolerance"] = m_tolerance->value();
    // Seeds as written: each a JSON value, so "x" is refused by the core with its message.
    nlohmann::json seeds = nlohmann::json::array();
    for (const QString &s : m_seeds->text().split(u',', Qt::SkipEmptyParts)) {
        const std::string v = s.trimmed().toStdString();
        const auto parsed = nlohmann::json::parse(v, nullptr, false);
        seeds.push_back(parsed.is_discarded() ? nlohmann::json(v) : parsed);
    }
    d["seeds"] = seeds;
    if (m_epochs->value() >= 0)
        d["epochs"] = m_epochs->value();
    else
        d.erase("epochs");
    nlohmann::json &data = d["overrides"]["data"];
    setOrErase(data, "train_samples",
               m_train->value() > 0 ? std::optional(nlohmann::json(m_train->value())) : std::nullopt);
    setOrErase(data, "test_samples",
               m_test->value() > 0 ? std::optional(nlohmann::json(m_test->value())) : std::nullopt);
    if (data.empty())
        d["overrides"].erase("data");
    if (d["overrides"].empty())
        d.erase("overrides");
    const QString methods = m_methods->currentData().toString();
    if (methods.isEmpty())
        d.erase("methods");
    else {
        d["methods"] = nlohmann::json::array();
        for (const QString &m : methods.split(u','))
            d["methods"].push_back(m.toStdString());
    }
    nlohmann::json &models = d["models"];
    if (!models.is_array())
        models = nlohmann::json::array();
    for (int r = 0; r < m_models->rowCount() && r < int(models.size()); ++r) {
        nlohmann::json &m = models[std::size_t(r)];
        const auto name = cellValue(m_models, r, Name);
        m["name"] = name ? (name->is_string() ? *name : nlohmann::json(name->dump())) : "";
        setOrErase(m, "kind", cellValue(m_models, r, Kind));
        setOrErase(m, "io_qubits", cellValue(m_models, r, Io));
        setOrErase(m, "memory_qubits", cellValue(m_models, r, Memory));
        nlohmann::json &training = m["overrides"]["training"];
        setOrErase(training, "estimator", cellValue(m_models, r, Estimator));
        setOrErase(training, "learning_rate", cellValue(m_models, r, Rate));
        if (training.empty())
            m["overrides"].erase("training");
        if (m["overrides"].empty())
            m.erase("overrides");
    }
}

void ExperimentSetup::validate()
{
    const QString source = m_path.isEmpty() ? QStringLiteral("untitled.experiment.json") : m_path;
    try {
        m_experiment = parseExperiment(m_doc, source.toStdString());
        m_error.clear();
    } catch (const std::exception &e) {
        m_experiment.reset();
        m_error = QString::fromStdString(e.what());
    }
    refreshCounts();
    if (m_experiment) {
        const Experiment &e = *m_experiment;
        const std::size_t methods = std::max<std::size_t>(1, e.methods.size());
        m_status->setText(tr("%1 models x %2 x %3 seeds = %4 runs")
                              .arg(e.models.size())
                              .arg(e.methods.empty() ? tr("1 method") : tr("%1 methods").arg(methods))
                              .arg(e.seeds.size())
                              .arg(e.models.size() * methods * e.seeds.size()));
        m_status->setStyleSheet(QString());
    } else {
        m_status->setText(m_error);
        m_status->setStyleSheet(QStringLiteral("color: #d9534f;"));
    }
    Q_EMIT changed();
}

void ExperimentSetup::refreshCounts()
{
    m_loading = true;
    for (int r = 0; r < m_models->rowCount(); ++r) {
        QString params = QStringLiteral("—"), hidden = QStringLiteral("—");
        if (m_experiment && r < int(m_experiment->models.size())) {
            const Experiment &e = *m_experiment;
            try {
                const Project p = experimentRunProject(
                    e, e.models[std::size_t(r)], e.seeds.front(),
                    e.methods.empty() ? std::string() : e.methods.front());
                params = QString::number(parameterCount(p.network, inputLinesFor(p.data)));
                for (const auto &pop : p.network.populations)
                    if (pop.name == e.hidden)
                        hidden = QString::number(pop.size);
            } catch (const std::exception &) {
            }
        }
        m_models->item(r, Params)->setText(params);
        m_models->item(r, Hidden)->setText(hidden);
    }
    m_loading = false;
}

} // namespace sqsnn::lab

#include "panels/ProjectPage.hpp"

#include <QComboBox>
#include <QLabel>

namespace sqsnn::lab {

ProjectPage::ProjectPage(ProjectModel *model, QWidget *parent)
    : InspectorPage(model, tr("Project"), parent)
{
    using S = EditState;
    const auto any = [](const QString &) { return QString(); };
    text("project.title", tr("Title"), any, {}, tr("Shown in the example list"),
         [](S &s, const QString &t) { s.title = t.toStdString(); });
    text("project.description", tr("Description"), any, {}, tr("What to watch in this project"),
         [](S &s, const QString &t) { s.description = t.toStdString(); });
    combo("project.dataset", tr("Data set"),
          {"fashion-mnist", "mnist", "kmnist", "idx", "events-emulated", "nmnist", "events-csv",
           "temporal-order", "intensity"},
          tr("Where samples come from (default fashion-mnist)"),
          [](S &s, const QString &t) { s.data.dataset = t.toStdString(); });
    text("project.classes", tr("Classes"), intList(tr("classes"), 0, 1000), {},
         tr("Class subset, e.g. 1, 7 (empty = all classes)"), [](S &s, const QString &t) {
             s.data.classes.clear();
             for (const QString &c : t.split(',', Qt::SkipEmptyParts))
                 s.data.classes.push_back(c.trimmed().toInt());
         });
    text("project.imageSize", tr("Image size"), intRange(tr("image size"), 0, 1024), tr("px (0 = native)"),
         tr("Resize images to this side (0 = native, default)"),
         [](S &s, const QString &t) { s.data.imageSize = t.toInt(); });
    text("project.trainSamples", tr("Training samples"), intRange(tr("training samples"), 0, 10000000),
         tr("(0 = all)"), tr("0 = the whole split (default)"), [](S &s, const QString &t) { s.data.trainSamples = t.toInt(); });
    text("project.testSamples", tr("Test samples"), intRange(tr("test samples"), 0, 10000000), tr("(0 = all)"),
         tr("0 = the whole split (default)"), [](S &s, const QString &t) { s.data.testSamples = t.toInt(); });
    combo("project.encoder", tr("Encoder"), {"rate", "repeat", "events"},
          tr("rate: Bernoulli rate code (default); repeat: analogue (QLIF); events: event frames"),
          [](S &s, const QString &t) { s.data.encoder = t.toStdString(); });
    text("project.pMax", tr("p_max"), doubleRange(tr("p_max"), 0, 1, true), {},
         tr("Rate code: spike probability = min(pixel, p_max) (default 0.5)"),
         [](S &s, const QString &t) { s.data.pMax = t.toDouble(); });
    text("project.timeSteps", tr("Time steps T"), intRange(tr("T"), 1, 100000), tr("steps"),
         tr("Steps per sample (default 5)"), [](S &s, const QString &t) { s.data.timeSteps = t.toInt(); });
    combo("project.method", tr("Method"), {"local", "bptt"},
          tr("local: the local three-factor rule (default); bptt: surrogate-gradient "
             "backpropagation through time (docs/model.md section 4b)"),
          [](S &s, const QString &t) { s.training.method = t.toStdString(); });
    combo("project.surrogate", tr("Surrogate"), {"sigmoid", "straight-through"},
          tr("bptt only: the spike's surrogate derivative ds/dp, sigmoid = p(1 - p) (default), "
             "straight-through = 1"),
          [](S &s, const QString &t) { s.training.surrogate = t.toStdString(); });
    combo("project.estimator", tr("Estimator"), {"exact", "exact-memory", "shift", "seed-compat"},
          tr("How d log P is obtained (default exact)"),
          [](S &s, const QString &t) { s.training.estimator = t.toStdString(); });
    combo("project.optimizer", tr("Optimizer"), {"sgd", "adam"}, tr("Default sgd"),
          [](S &s, const QString &t) { s.training.optimizer = t.toStdString(); });
    text("project.learningRate", tr("Learning rate η"), doubleRange(tr("learning rate"), 0, 10, true),
         {}, tr("Readout learning rate (default 0.02); hidden groups use 0.5 η"),
         [](S &s, const QString &t) { s.training.learningRate = t.toDouble(); });
    text("project.epochs", tr("Epochs"), intRange(tr("epochs"), 1, 100000), {}, tr("Default 1"),
         [](S &s, const QString &t) { s.training.epochs = t.toInt(); });
    text("project.batch", tr("Batch size"), intRange(tr("batch size"), 1, 100000), tr("samples"),
         tr("Samples per update (default 1)"), [](S &s, const QString &t) { s.training.batchSize = t.toInt(); });
    text("project.seed", tr("Seed"), [](const QString &t) {
             bool ok = false;
             t.toULongLong(&ok);
             return ok ? QString() : tr("seed must be a non-negative integer");
         },
         {}, tr("One seed makes a run repeatable (default 1)"),
         [](S &s, const QString &t) { s.seed = t.toULongLong(); });
}

void ProjectPage::text(const char *key, const QString &label, FieldEdit::Validator v,
                       const QString &unit, const QString &tip,
                       std::function<void(EditState &, const QString &)> set)
{
    auto *field = addField(key, label, std::move(v), unit, tip);
    connect(field, &FieldEdit::committed, this, [this, label, set](const QString &t) {
        apply(label, [&](EditState &s) { set(s, t); });
    });
}

void ProjectPage::combo(const char *key, const QString &label, const QStringList &items,
                        const QString &tip, std::function<void(EditState &, const QString &)> set)
{
    auto *box = addCombo(key, label, items, tip);
    connect(box, &QComboBox::currentTextChanged, this, [this, label, set](const QString &t) {
        apply(label, [&](EditState &s) { set(s, t); });
    });
}

void ProjectPage::apply(const QString &what, const std::function<void(EditState &)> &change)
{
    m_model->edit(tr("Set %1").arg(what.toLower()), change);
}

void ProjectPage::reload()
{
    const Project &p = m_model->project();
    auto field = [this](const char *key, const QString &v) {
        static_cast<FieldEdit *>(editor(key))->setValue(v);
    };
    auto box = [this](const char *key, const std::string &v) {
        setCombo(static_cast<QComboBox *>(editor(key)), QString::fromStdString(v));
    };
    m_heading->setText(tr("Project"));
    QString info = p.description.empty() ? QString()
                                         : QString::fromStdString(p.description).toHtmlEscaped() + "<br><br>";
    info += tr("<i>%1 input lines from the data set. Select a node or an edge to edit it.</i>")
                .arg(m_model->inputLines());
    m_info->setText(info);
    field("project.title", QString::fromStdString(p.title));
    field("project.description", QString::fromStdString(p.description));
    box("project.dataset", p.data.dataset);
    QStringList classes;
    for (int c : p.data.classes)
        classes << QString::number(c);
    field("project.classes", classes.join(QStringLiteral(", ")));
    field("project.imageSize", QString::number(p.data.imageSize));
    field("project.trainSamples", QString::number(p.data.trainSamples));
    field("project.testSamples", QString::number(p.data.testSamples));
    box("project.encoder", p.data.encoder);
    field("project.pMax", QString::number(p.data.pMax));
    field("project.timeSteps", QString::number(p.data.timeSteps));
    box("project.method", p.training.method);
    box("project.surrogate", p.training.surrogate);
    setVisibleRow(QStringLiteral("project.surrogate"), p.training.method == "bptt");
    box("project.estimator", p.training.estimator);
    box("project.optimizer", p.training.optimizer);
    field("project.learningRate", QString::number(p.training.learningRate));
    field("project.epochs", QString::number(p.training.epochs));
    field("project.batch", QString::number(p.training.batchSize));
    field("project.seed", QString::number(p.seed));
}

} // namespace sqsnn::lab

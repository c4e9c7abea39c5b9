// The population page's noise section: presets, custom values through the core's validation
// (one line naming what is wrong, never applied), back to none; the project keeps it.
#include "TestSupport.hpp"

#include "editor/GraphScene.hpp"
#include "model/ProjectModel.hpp"
#include "panels/InspectorWidget.hpp"
#include "window/FileController.hpp"
#include "window/MainWindow.hpp"

#include <QComboBox>

namespace sqsnn::lab::test {

TEST(NoiseInspector, PresetsCustomValuesAndValidation)
{
    ScriptedPrompter prompter;
    MainWindow window{&prompter};
    window.setRemoveRecoveryOnClose(false);
    window.files()->newProject();
    ProjectModel *model = window.model();
    GraphScene *scene = window.scene();
    InspectorWidget *inspector = window.inspector();
    ASSERT_EQ(scene->addNode("sqs", {0, 0}), "hidden");
    scene->selectNodes({"hidden"});
    auto pop = [&]() -> const PopulationSpec & { return model->project().network.populations[0]; };
    auto *combo = static_cast<QComboBox *>(inspector->editor("population.noise"));
    ASSERT_NE(combo, nullptr);
    EXPECT_EQ(combo->currentText(), "none");
    EXPECT_FALSE(pop().noise.enabled());

    combo->setCurrentText("superconducting");
    EXPECT_EQ(pop().noise, noisePreset("superconducting"));
    auto *t2 = qobject_cast<FieldEdit *>(inspector->editor("population.noise.t2"));
    ASSERT_NE(t2, nullptr);
    typeInto(t2, "50"); // T1 is 16 us: T2 <= 32 us
    EXPECT_TRUE(t2->error().contains("at most 2 * t1_us = 32")) << t2->error().toStdString();
    EXPECT_EQ(pop().noise.t2Us, 20) << "an invalid value is never applied";

    typeInto(inspector->editor("population.noise.t1"), "40");
    typeInto(t2, "50");
    EXPECT_EQ(pop().noise.t1Us, 40);
    EXPECT_EQ(pop().noise.t2Us, 50);
    EXPECT_EQ(pop().noise.preset, "") << "an edited preset is a custom model";
    EXPECT_EQ(combo->currentText(), "custom");
    auto *p10 = qobject_cast<FieldEdit *>(inspector->editor("population.noise.p10"));
    typeInto(p10, "1.5");
    EXPECT_TRUE(p10->error().contains("must be a probability in [0, 1]"))
        << p10->error().toStdString();

    combo->setCurrentText("none");
    EXPECT_FALSE(pop().noise.enabled());
    EXPECT_EQ(pop().noise, NoiseModel{});
}

} // namespace sqsnn::lab::test

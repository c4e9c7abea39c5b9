// bptt in the lab: stepping samples runs each forward pass, the parameters change only when the
// mini-batch is complete, and the Training dock says where in the batch the run is.
#include "TestSupport.hpp"

#include "model/ProjectModel.hpp"
#include "training/TrainingController.hpp"
#include "views/TrainingView.hpp"

#include "training/Trainer.hpp"

#include <QLabel>

namespace sqsnn::lab::test {

TEST(BpttLab, StepsShowTheBatchAndUpdateOnlyAtItsEnd)
{
    Project p = quickstart(40, 10, 1);
    p.training.method = "bptt";
    p.training.optimizer = "adam";
    p.training.learningRate = 5e-3;
    p.training.batchSize = 3;
    p.training.clipReadout = p.training.clipHiddenWeights = p.training.clipHiddenAngles = 0;
    ProjectModel model;
    model.resetProject(p, QString());
    TrainingController controller{&model, nullptr, 1};
    TrainingView view{&model, &controller};
    view.resize(1400, 420);
    view.show();
    const auto *status = view.findChild<QLabel *>(QStringLiteral("runStatus"));
    ASSERT_NE(status, nullptr);
    auto stepOne = [&](int k) {
        controller.stepSample();
        ASSERT_TRUE(QTest::qWaitFor([&] { return controller.samplesTaken() == k; }, 20000));
        const bool shown = QTest::qWaitFor(
            [&] { return status->text().contains(QStringLiteral("batch sample %1 / 3").arg(k)); },
            5000);
        EXPECT_TRUE(shown) << status->text().toStdString();
        QTest::qWait(200); // the parameters come back to the project when the step pauses
    };
    const ParameterSet start = Trainer(p, TrainerOptions{1}).result().parameters; // initial draw
    auto current = [&] {
        // A pause that changed nothing leaves the project's (empty) parameters as they were.
        return model.project().parameters.empty() ? start : model.project().parameters;
    };
    stepOne(1);
    EXPECT_EQ(current(), start) << "no update within the batch";
    EXPECT_TRUE(status->text().contains(QStringLiteral("bptt"))) << status->text().toStdString();
    stepOne(2);
    EXPECT_EQ(current(), start) << "no update within the batch";
    stepOne(3);
    EXPECT_NE(current(), start) << "the update at the end of the batch";
    EXPECT_TRUE(status->text().contains(QStringLiteral("last batch loss")))
        << status->text().toStdString();
    controller.stop();
    (void)QTest::qWaitFor([&] { return !controller.isBusy(); }, 10000);
}

} // namespace sqsnn::lab::test

// The `data` and `training` objects of a project file.
#include "project/ProjectIo.hpp"
#include "project/ProjectRanges.hpp"
#include "project/ProjectValidation.hpp"

#include <climits>
#include <set>

namespace sqsnn {

using namespace ranges; // every range: ProjectRanges.hpp

DataSpec dataFromJson(const nlohmann::json &value, const std::string &path,
                      const std::string &source)
{
    const ObjectReader r(value, path, source,
                         {"dataset", "path", "classes", "image_size", "train_samples",
                          "test_samples", "encoder", "p_max", "time_steps", "bin_ms", "crop",
                          "merge_polarities"},
                         "the data settings");
    DataSpec d;
    d.dataset = r.choice("dataset", d.dataset,
                         {"fashion-mnist", "mnist", "kmnist", "idx", "events-emulated", "nmnist",
                          "events-csv", "temporal-order", "intensity"});
    d.path = r.text("path", d.path);
    if (const auto *classes = r.find("classes")) {
        if (!classes->is_array())
            r.fail("classes", "must be an array of class indices", *classes);
        std::set<int> seen;
        for (std::size_t i = 0; i < classes->size(); ++i) {
            const std::string at = jsonPointerAppend(r.pathOf("classes"), i);
            const int c = int(readInteger((*classes)[i], 0, kMaxClass, source, at));
            if (!seen.insert(c).second)
                throwAt(source, at, "must not repeat a class", (*classes)[i]);
            d.classes.push_back(c);
        }
    }
    d.imageSize = int(r.integer("image_size", d.imageSize, 0, kMaxImageSize));
    d.trainSamples = int(r.integer("train_samples", d.trainSamples, 0, INT_MAX));
    d.testSamples = int(r.integer("test_samples", d.testSamples, 0, INT_MAX));
    d.encoder = r.choice("encoder", d.encoder, {"rate", "repeat", "events"});
    d.pMax = r.number("p_max", d.pMax, {0, 1, true, false});
    d.timeSteps = int(r.integer("time_steps", d.timeSteps, 1, kMaxTimeSteps));
    d.binMs = r.number("bin_ms", d.binMs, {0, kMaxBinMs, true, false});
    d.crop = int(r.integer("crop", d.crop, 0, kMaxCrop));
    d.mergePolarities = r.flag("merge_polarities", d.mergePolarities);
    return d;
}

nlohmann::json dataToJson(const DataSpec &d)
{
    return {{"dataset", d.dataset},        {"path", d.path},
            {"classes", d.classes},        {"image_size", d.imageSize},
            {"train_samples", d.trainSamples}, {"test_samples", d.testSamples},
            {"encoder", d.encoder},        {"p_max", d.pMax},
            {"time_steps", d.timeSteps},   {"bin_ms", d.binMs},
            {"crop", d.crop},              {"merge_polarities", d.mergePolarities}};
}

TrainingSpec trainingFromJson(const nlohmann::json &value, const std::string &path,
                              const std::string &source)
{
    const ObjectReader r(value, path, source,
                         {"method", "estimator", "optimizer", "epochs", "batch_size", "learning_rate",
                          "hidden_learning_rate_scale", "clip_readout", "clip_hidden_weights",
                          "clip_hidden_angles", "shots", "shift_weights", "spsa_directions",
                          "spsa_epsilon", "signal_smoothing", "eligibility_smoothing",
                          "baseline", "clamp_readout", "readout_target_weight",
                          "surrogate", "clip_norm", "sparsity", "angle_init", "readout_loss",
                          "hidden_signal", "dead_zone_surrogate"},
                         "the training settings");
    const auto clip = NumberRange::closed(0, kMaxClip);
    const NumberRange smoothing{0, 1, false, true};
    TrainingSpec t;
    t.method = r.choice("method", t.method, {"local", "bptt"});
    if (t.method == "bptt") { // the recipe's defaults (model.md 4b) for keys the file omits
        t.optimizer = "adam";
        t.learningRate = 5e-4;
        t.batchSize = 256;
        t.hiddenLearningRateScale = 1.0;
        t.clipReadout = t.clipHiddenWeights = t.clipHiddenAngles = 0.0;
    }
    t.estimator = r.choice("estimator", t.estimator, {"exact", "exact-memory", "shift", "seed-compat"});
    t.optimizer = r.choice("optimizer", t.optimizer, {"sgd", "adam"});
    t.epochs = int(r.integer("epochs", t.epochs, 0, kMaxEpochs));
    t.batchSize = int(r.integer("batch_size", t.batchSize, 1, kMaxBatch));
    t.learningRate = r.number("learning_rate", t.learningRate, {0, kMaxLearningRate, true, false});
    t.hiddenLearningRateScale =
        r.number("hidden_learning_rate_scale", t.hiddenLearningRateScale,
                 NumberRange::closed(0, kMaxRateScale));
    t.clipReadout = r.number("clip_readout", t.clipReadout, clip);
    t.clipHiddenWeights = r.number("clip_hidden_weights", t.clipHiddenWeights, clip);
    t.clipHiddenAngles = r.number("clip_hidden_angles", t.clipHiddenAngles, clip);
    t.shots = int(r.integer("shots", t.shots, 0, kMaxShots));
    t.shiftWeights = r.choice("shift_weights", t.shiftWeights, {"spsa"});
    t.spsaDirections = int(r.integer("spsa_directions", t.spsaDirections, 1, kMaxSpsaDirections));
    t.spsaEpsilon = r.number("spsa_epsilon", t.spsaEpsilon, {0, kMaxSpsaEpsilon, true, false});
    t.signalSmoothing = r.number("signal_smoothing", t.signalSmoothing, smoothing);
    t.eligibilitySmoothing = r.number("eligibility_smoothing", t.eligibilitySmoothing, smoothing);
    t.baseline = r.flag("baseline", t.baseline);
    t.clampReadout = r.flag("clamp_readout", t.clampReadout);
    t.readoutTargetWeight =
        r.number("readout_target_weight", t.readoutTargetWeight,
                 {0, kMaxReadoutTargetWeight, true, false});
    t.surrogate = r.choice("surrogate", t.surrogate, {"sigmoid", "straight-through"});
    t.clipNorm = r.number("clip_norm", t.clipNorm, clip);
    t.sparsity = r.number("sparsity", t.sparsity, NumberRange::closed(0, kMaxSparsity));
    t.angleInit = r.choice("angle_init", t.angleInit, {"auto", "local", "normal"});
    t.readoutLoss = r.choice("readout_loss", t.readoutLoss, {"bce", "ce"});
    t.hiddenSignal = r.choice("hidden_signal", t.hiddenSignal, {"scalar", "dfa"});
    t.deadZoneSurrogate = r.number("dead_zone_surrogate", t.deadZoneSurrogate,
                                     NumberRange::closed(0, kMaxDeadZoneWidth));
    return t;
}

nlohmann::json trainingToJson(const TrainingSpec &t)
{
    return {{"method", t.method},
            {"estimator", t.estimator},
            {"optimizer", t.optimizer},
            {"epochs", t.epochs},
            {"batch_size", t.batchSize},
            {"learning_rate", t.learningRate},
            {"hidden_learning_rate_scale", t.hiddenLearningRateScale},
            {"clip_readout", t.clipReadout},
            {"clip_hidden_weights", t.clipHiddenWeights},
            {"clip_hidden_angles", t.clipHiddenAngles},
            {"shots", t.shots},
            {"shift_weights", t.shiftWeights},
            {"spsa_directions", t.spsaDirections},
            {"spsa_epsilon", t.spsaEpsilon},
            {"signal_smoothing", t.signalSmoothing},
            {"eligibility_smoothing", t.eligibilitySmoothing},
            {"baseline", t.baseline},
            {"clamp_readout", t.clampReadout},
            {"readout_target_weight", t.readoutTargetWeight},
            {"surrogate", t.surrogate},
            {"clip_norm", t.clipNorm},
            {"sparsity", t.sparsity},
            {"angle_init", t.angleInit},
            {"readout_loss", t.readoutLoss},
            {"hidden_signal", t.hiddenSignal},
            {"dead_zone_surrogate", t.deadZoneSurrogate}};
}

} // namespace sqsnn

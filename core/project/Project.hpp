#pragma once
// The project: one JSON document that holds everything a run needs and produced
// (docs/project-format.md documents it field by field). This is a plain value type; loading,
// validation, upgrading and atomic saving live in ProjectIo.hpp.
#include "network/NetworkSpec.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sqsnn {

inline constexpr int kProjectFormatVersion = 1;

struct DataSpec
{
    std::string dataset = "fashion-mnist"; // "fashion-mnist" | "mnist" | "kmnist" | "idx"
                                           // | "events-emulated" | "nmnist" | "events-csv"
                                           // | "temporal-order" | "intensity"
    std::string path;                      // directory or file; empty = the default location
    std::vector<int> classes;              // class subset (empty = all)
    int imageSize = 0;                     // resize images to imageSize x imageSize (0 = native)
    int trainSamples = 0;                  // subsample the training split (0 = all)
    int testSamples = 0;                   // subsample the test split (0 = all)
    std::string encoder = "rate";          // "rate" (Bernoulli) | "repeat" (analogue, QLIF)
                                           // | "events" (event frames)
    double pMax = 0.5;                     // rate code: spike probability = min(pixel, pMax)
    int timeSteps = 5;                     // T
    // event data
    double binMs = 25.0;                   // frame width dt in ms
    int crop = 0;                          // centre crop side in pixels (0 = none)
    bool mergePolarities = true;

    bool operator==(const DataSpec &) const = default;
};

struct TrainingSpec
{
    // How the network learns: "local" (model.md section 4, the rule below) or "bptt"
    // (surrogate-gradient backpropagation through time, section 4b). When a file names "bptt"
    // and omits them, optimizer, learning_rate, batch_size, hidden_learning_rate_scale and the
    // three clips default to adam, 5e-4, 256, 1 and 0 (off).
    std::string method = "local";
    std::string estimator = "exact"; // "exact" | "exact-memory" | "shift" | "seed-compat"
    std::string optimizer = "sgd";   // "sgd" | "adam"
    int epochs = 1;
    int batchSize = 1;
    double learningRate = 0.02;      // eta for the readout
    double hiddenLearningRateScale = 0.5; // hidden groups use this * eta
    double clipReadout = 0.05;       // clip c for readout parameters (0 = no clipping)
    double clipHiddenWeights = 0.025;
    double clipHiddenAngles = 0.02;
    int shots = 0;                   // shift estimator: shots S (0 = exact probabilities)
    std::string shiftWeights = "spsa"; // weights in the shift estimator: "spsa"
    int spsaDirections = 5;          // K
    double spsaEpsilon = 0.03;       // epsilon
    double signalSmoothing = 0.0;    // kappa for l <- k l + (1-k) l_t (0 = off)
    double eligibilitySmoothing = 0.0; // kappa for e <- k e + (1-k) dlogP (0 = off)
    bool baseline = false;           // per-parameter baseline b = E[e^2 l] / E[e^2]
    bool clampReadout = false;       // teacher forcing: the readout's outcomes = targets
    double readoutTargetWeight = 1.0; // weight of the target neuron's readout term (C-1 balances)
    // Local rule, issue 13 (all off by default):
    std::string readoutLoss = "bce";  // "bce" per step and neuron | "ce" over spike counts
    std::string hiddenSignal = "scalar"; // "scalar" l_t | "dfa" fixed random feedback of the error
    double deadZoneSurrogate = 0.0;   // width w of the z <= 0 surrogate pi e^(z/w) (0 = off)
    // bptt
    std::string surrogate = "sigmoid"; // spike surrogate ds/dp: "sigmoid" p(1-p) | "straight-through" 1
    double clipNorm = 0.0;           // global-norm gradient clipping per update (0 = off)
    double sparsity = 0.0;           // lambda of the Hoyer sparsity term (events recipe: 5e-10)
    // Initial circuit angles: "auto" (the method's own: local -> the authors' local-rule values,
    // bptt -> N(0, 0.1^2)), "local" or "normal".
    std::string angleInit = "auto";

    bool operator==(const TrainingSpec &) const = default;
};

// Trained parameters, keyed by owner: "population/<name>" holds a population's own parameters
// neuron by neuron (SQS: the circuit angles; GLM: bias then self-feedback weight);
// "projection/<from>-><to>" holds its weights source-major ([source line][target channel] for
// dense, [source neuron][target neuron][bit] for channel-matched) followed by one bias per
// target channel when enabled. A missing key means "not trained yet": initial values are drawn.
using ParameterSet = std::map<std::string, std::vector<double>>;

struct Project
{
    int formatVersion = kProjectFormatVersion;
    std::string title;
    std::string description;
    std::string lesson; // Markdown shown beside the canvas (lessons: what to watch and try)
    NetworkSpec network;
    DataSpec data;
    TrainingSpec training;
    std::uint64_t seed = 1;
    ParameterSet parameters;
    nlohmann::json history = nlohmann::json::array(); // one object per epoch (metrics)
    // The optimizer's state at the checkpoint (Adam: step count and moments per parameter
    // owner), so a resumed run continues exactly; null = none (SGD, or not trained).
    nlohmann::json optimizerState = nullptr;
    nlohmann::json ui = nlohmann::json::object();     // owned by the GUI (node positions...)

    bool operator==(const Project &) const = default;
};

} // namespace sqsnn

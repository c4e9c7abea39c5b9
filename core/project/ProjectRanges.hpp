#pragma once
// The accepted range of every numeric key of a project file, in one place, named by its JSON
// key (docs/project-format.md lists the same ranges; tests check both agree). The loader
// (ProjectSettingsJson, ProjectNetworkJson, ProjectJson) refuses anything outside them, so
// what passes `info`/`eval` can be trained. Upper bounds keep the arithmetic finite: a rate,
// scale or clip at the edge of the double range makes an update of 1e308 and the next one
// infinite; the bounds here are orders of magnitude above any useful value, and far from that.
#include <climits>

namespace sqsnn::ranges {

// data
inline constexpr long long kMaxClass = 1'000'000;      // data.classes[i]: 0..
inline constexpr long long kMaxImageSize = 256;        // data.image_size: 0..  (0 = native)
inline constexpr long long kMaxCrop = 4096;            // data.crop: 0..
inline constexpr long long kMaxTimeSteps = 10'000;     // data.time_steps: 1..
inline constexpr double kMaxBinMs = 1e6;               // data.bin_ms: (0, ]
// data.p_max: [0, 1]; data.train_samples, data.test_samples: 0..INT_MAX (0 = all)

// training
inline constexpr long long kMaxEpochs = 100'000;       // training.epochs: 0..
inline constexpr long long kMaxBatch = 100'000;        // training.batch_size: 1..
inline constexpr double kMaxLearningRate = 10;         // training.learning_rate: (0, ]
inline constexpr double kMaxRateScale = 1000;          // training.hidden_learning_rate_scale: [0, ]
inline constexpr double kMaxClip = 1e6;                // training.clip_readout, clip_hidden_weights,
                                                       // clip_hidden_angles, clip_norm: [0, ]
inline constexpr long long kMaxShots = 1'000'000;      // training.shots: 0..
inline constexpr long long kMaxSpsaDirections = 10'000; // training.spsa_directions: 1..
inline constexpr double kMaxSpsaEpsilon = 10;          // training.spsa_epsilon: (0, ]
inline constexpr double kMaxReadoutTargetWeight = 1000; // training.readout_target_weight: (0, ]
inline constexpr double kMaxSparsity = 1000;           // training.sparsity: [0, ]
inline constexpr double kMaxDeadZoneWidth = 1000;      // training.dead_zone_surrogate: [0, ]
// training.signal_smoothing, eligibility_smoothing: [0, 1)

// network
inline constexpr long long kMaxPopulationSize = 1'000'000; // populations[].size: 1.. (input: 0..)
inline constexpr long long kMaxQubitsPerRegister = 10;     // io_qubits 1.., memory_qubits 0..
inline constexpr long long kMaxQubitsPerNeuron = 12;       // io_qubits + memory_qubits
inline constexpr long long kMaxDelay = 1000;               // projections[].delay: 0..
inline constexpr double kMaxQlifT1 = 1e9;                  // qlif_t1: (0, ]
inline constexpr double kMaxLifThreshold = 1e6;            // lif_threshold: (0, ]
// qlif_threshold, synaptic_decay, feedback_decay, membrane_decay: [0, 1]

// parameters: every trainable value (angle or weight) of a saved network
inline constexpr double kMaxParameter = 1e6;               // parameters.*[i]: [-, ]

} // namespace sqsnn::ranges

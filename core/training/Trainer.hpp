#pragma once
// The trainer: epochs over the training split (per-sample updates or mini-batches), evaluation
// on the test split, metrics per epoch, and an observer for the CLI's progress bar and the GUI.
// Deterministic: the same project and seed give bit-identical metrics, whatever the thread
// count — every random draw comes from a stream derived from (seed, epoch, sample index,
// neuron index), never from scheduling.
//
// Resuming: a project's history holds the epochs already trained and its parameters the
// trained values, so training a checkpoint continues where it stopped (epoch k draws the same
// shuffle and spikes whether or not the run was interrupted before it, and Adam continues from
// the moments stored in the checkpoint's optimizer_state).
#include "data/DataLoader.hpp"
#include "data/Encoder.hpp"
#include "learning/Bptt.hpp"
#include "learning/LocalRule.hpp"
#include "learning/Estimators.hpp"
#include "learning/Optimizer.hpp"
#include "training/Metrics.hpp"
#include "training/SampleRate.hpp"

#include <atomic>
#include <functional>
#include <memory>

namespace sqsnn {

class TrainingObserver
{
public:
    virtual ~TrainingObserver() = default;
    // After every training sample (index within the epoch, of `total`).
    virtual void onSample(int /*epoch*/, int /*index*/, int /*total*/, const SampleResult &) {}
    // The end-of-epoch evaluation on the test split: its start, then every test sample.
    virtual void onTestStart(int /*epoch*/, int /*total*/) {}
    virtual void onTestSample(int /*epoch*/, int /*index*/, int /*total*/, const SampleResult &) {}
    virtual void onEpoch(const EpochMetrics &) {}
};

struct TrainerOptions
{
    int threads = 0; // 0 = every core
};

class Trainer
{
public:
    // Loads the data, validates the network against it and builds the engine. InputError for
    // anything wrong with the project or its data.
    explicit Trainer(Project project, TrainerOptions options = {});
    ~Trainer();

    const Project &project() const { return m_project; }
    const DataSplit &data() const { return m_data; }
    Network &network() { return *m_net; }
    const Network &network() const { return *m_net; }
    int epochsDone() const { return int(m_history.size()); }
    const std::vector<EpochMetrics> &history() const { return m_history; }

    // Trains one epoch (then evaluates on the test split), records and returns its metrics.
    // The stop flag is checked after every time step, of training and of the evaluation. If it
    // is raised mid-epoch, the complete batches so far keep their updates, the batch in flight
    // is dropped (none of its samples' gradients are applied; the sample in flight stops at that
    // step; a sample whose last step has run completes), and the epoch is not recorded
    // (complete = false) — also when the
    // flag interrupts the end-of-epoch evaluation, whose partial metrics are dropped. Training the project again starts that epoch over,
    // with the same shuffle and spikes. The step observer (setStepObserver) sees the steps of
    // the evaluation too.
    EpochMetrics trainEpoch(TrainingObserver *observer = nullptr);
    // Trains until `epochs` epochs are done in total (the project's setting when < 0).
    // `stop` (optional) is checked between samples.
    void run(int epochs = -1, TrainingObserver *observer = nullptr,
             const std::atomic<bool> *stop = nullptr);
    // Loss and accuracy on a split (no learning; neither the stop flag nor the observers).
    std::pair<double, double> evaluate(const Dataset &split);
    // One sample of a split without learning, as evaluate() runs it (same seeds).
    SampleResult evaluateSample(const Dataset &split, std::size_t index,
                                StepObserver *steps = nullptr);
    // One training sample by its index in the training split. With the stop flag raised
    // part-way it returns complete = false and applies nothing of the sample.
    SampleResult trainSample(int epoch, std::size_t index, StepObserver *steps = nullptr);
    void setStepObserver(StepObserver *steps) { m_steps = steps; }
    // Checked after every time step by trainSample and trainEpoch (and between epochs by run);
    // may be raised from another thread.
    void setStopFlag(const std::atomic<bool> *stop) { m_stop = stop; }
    // Learning rates may change between samples (e.g. while a run is paused).
    void setLearningRate(double eta, double hiddenScale);

    // The project with the trained parameters and the history written back.
    Project result() const;

    // The epoch's samples per second so far (metrics.csv's definition, SampleRate.hpp); an
    // observer that pauses the run tells it how long (excludePause).
    SampleRate &sampleRate() { return m_rate; }
    const SampleRate &sampleRate() const { return m_rate; }

private:
    void encode(const Dataset &split, std::size_t index, std::uint64_t seed);
    void applyUpdate(int epoch);                // the optimizer step; InputError names the epoch
    void checkParametersFinite(int epoch) const; // InputError naming the first non-finite one
    std::uint64_t sampleSeed(int epoch, std::size_t index, int split) const;
    // The end-of-epoch evaluation; false when the stop flag interrupted it.
    bool evaluateEpoch(EpochMetrics &m, TrainingObserver *observer);
    // Loss and accuracy over a split without learning, as (loss, accuracy) in `result`; false
    // (result untouched) when `stop` interrupted it. evaluate() and evaluateEpoch() share it.
    bool runSplit(const Dataset &split, TrainingObserver *observer, StepObserver *steps,
                  int epoch, const std::atomic<bool> *stop, std::pair<double, double> &result);

    Project m_project;
    DataSplit m_data;
    std::unique_ptr<Encoder> m_encoder;
    std::unique_ptr<Network> m_net;
    std::unique_ptr<LearningMethod> m_rule; // LocalRule or Bptt (training.method)
    std::unique_ptr<Optimizer> m_opt;
    std::unique_ptr<Gradients> m_grads;
    std::vector<EpochMetrics> m_history;
    SpikeTrain m_train;
    std::vector<Activity> m_input;
    StepObserver *m_steps = nullptr;
    const std::atomic<bool> *m_stop = nullptr;
    SampleRate m_rate;
};


} // namespace sqsnn

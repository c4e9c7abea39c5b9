#pragma once
#include <cmath>
// The training loop on the worker thread: one core Trainer, driven exactly as `sqsnn train`
// drives it (trainEpoch until the target epoch), with observers that only observe and, when
// told, block. Commands arrive from the GUI thread through a mutex-guarded mode and atomics;
// the loop checks them after every time step (StepObserver) and every sample
// (TrainingObserver), of training and of the end-of-epoch evaluation alike, so pause and stop
// take effect within one time step. A pause blocks inside the step, and resuming continues the
// sample (or the evaluation) where it was; a stop ends the sample in flight at that step and
// drops its update (core Trainer: a stopped epoch is not recorded, also when the stop
// interrupts its evaluation). Nothing here waits for the GUI: events leave through `post`
// (which must not block; the controller queues them under its own mutex) and snapshots through
// a slot the GUI empties (newest wins; spikes accumulate until taken). The worker never calls
// Qt.
//
// Modes: Run (free running, optionally throttled to N time steps per second), Paused, and the
// single steps StepTime / StepSample / StepEpoch, which run until the next time step / the end
// of the next sample (after its update; during the evaluation, the next test sample) / the end
// of the epoch (after its evaluation) and then pause.
#include "training/Snapshot.hpp"
#include "training/Trainer.hpp"
#include "training/RunCost.hpp"
#include "training/WatchedNeuron.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

namespace sqsnn::lab {

struct WorkerEvent
{
    enum Kind { State, Result, Error, Evaluated, Stopped, Snapshot /* a new one is in the slot */ };
    Kind kind = State;
    RunState state = RunState::Idle;
    std::shared_ptr<const Project> project; // Result: trained parameters and history
    std::string message;                    // Error; Evaluated: why it failed (else empty)
    double loss = 0, accuracy = 0;          // Evaluated
    bool discarded = false;                 // Stopped: without a result
};

class TrainingWorker : public TrainingObserver, public StepObserver
{
public:
    enum class Mode { Run, Paused, StepTime, StepSample, StepEpoch };

    // `post` is called on the worker thread for every event and must not block.
    TrainingWorker(std::function<void(WorkerEvent)> post, std::function<void()> snapshotReady,
                   int threads);
    ~TrainingWorker() override;

    // The thread body; returns after quit().
    void loop();

    // ---- commands (any thread) ----
    // Starts a run of `project` until `targetEpochs` epochs are done, in `mode`.
    void start(const Project &project, int targetEpochs, Mode mode);
    void setMode(Mode mode);
    // Ends the run at the next time step (the sample in flight is dropped with its update),
    // then the result is posted (unless `discard`) and Stopped follows.
    void stop(bool discard);
    void quit();
    void evaluate(const Project &idleProject);
    void setSpeed(double stepsPerSecond) { m_speed.store(stepsPerSecond); }
    void setWatched(int pop, int neuron);
    void setLearningRate(double eta, double hiddenScale);

    // ---- observation (any thread) ----
    SnapshotPtr takeSnapshot();
    std::int64_t stepsTaken() const { return m_globalStepAtomic.load(); }
    std::int64_t samplesTaken() const { return m_samplesAtomic.load(); }

    // Observers (worker thread only).
    void onStep(const Network &net, int t, double learningSignal) override;
    void onSample(int epoch, int index, int total, const SampleResult &r) override;
    void onTestStart(int epoch, int total) override;
    void onTestSample(int epoch, int index, int total, const SampleResult &r) override;

private:
    enum class Point { Step, Sample };
    void gate(Point p);
    void enterPause(std::unique_lock<std::mutex> &lk);
    void finishRun(std::unique_lock<std::mutex> &lk, RunState end);
    void runEvaluation(std::unique_lock<std::mutex> &lk);
    void applyPendingRate();
    void publish(bool force);
    void recordNeuron(const Network &net, int t, bool full);
    // The full record of neuron `neuron` of population `pop` at the current step, from its
    // memory before the step; false when that population is not SQS.
    bool recordAt(const Network &net, int pop, int neuron, const NeuronMemory &before,
                  NeuronStep &out) const;
    // The watched neuron changed while paused: record the new one's current step at once
    // (from the saved pre-step memories), then publish. Called with m_mx held.
    void rewatch(std::unique_lock<std::mutex> &lk);
    void saveMemories(const Network &net, int t);
    void resetRunCounters();
    void sampleDone(const SampleResult &r);
    void emitState(RunState s);

    std::function<void(WorkerEvent)> m_post;
    std::function<void()> m_snapshotReady;
    int m_threads;

    // Guarded by m_mx.
    std::mutex m_mx;
    std::condition_variable m_cv;
    Mode m_mode = Mode::Paused;
    bool m_active = false, m_quit = false, m_stopPending = false, m_discard = false;
    bool m_evalPending = false, m_ratePending = false, m_watchPending = false;
    std::unique_ptr<Project> m_startProject, m_evalProject;
    int m_target = 0;
    double m_eta = 0, m_hiddenScale = 0;
    int m_watchPop = -1, m_watchNeuron = 0;

    std::atomic<int> m_modeAtomic{int(Mode::Paused)};
    std::atomic<bool> m_stopFlag{false};
    std::atomic<double> m_speed{0};
    std::atomic<std::int64_t> m_globalStepAtomic{0}, m_samplesAtomic{0};

    // Worker thread only.
    std::unique_ptr<Trainer> m_trainer;
    RunState m_state = RunState::Idle;
    std::chrono::steady_clock::time_point m_lastPublish, m_nextStepDue, m_rateTime, m_lastHistograms;
    std::shared_ptr<const std::vector<ParameterHistogram>> m_histograms;
    bool m_testing = false;
    int m_testSample = 0, m_testSamples = 0;
    std::int64_t m_rateSamples = 0;
    double m_rate = 0;
    int m_epoch = 0, m_sample = 0, m_samplesPerEpoch = 0, m_step = -1, m_steps = 0;
    std::int64_t m_globalStep = 0, m_samplesDone = 0;
    std::int64_t m_evaluationsDone = 0; // test samples evaluated since the run started
    HardwareReport m_hardware;          // of the trainer's project (training/RunCost.hpp)
    // Mini-batches: the losses of the batch in flight and the mean of the last complete one.
    double m_batchLossSum = 0, m_lastBatchLoss = std::nan("");
    std::vector<RasterSpike> m_spikes, m_spikesOld; // newest block, the block before it
    std::int64_t m_spikesFirstStep = 0;
    std::vector<double> m_signal;
    std::int64_t m_signalFirst = 0;
    std::vector<double> m_spikeCount;
    std::int64_t m_rateSteps = 0;
    std::vector<float> m_imageAcc, m_image;
    int m_label = -1, m_prediction = -1;
    std::vector<NeuronStep> m_neuron;
    NeuronMemory m_prevMemory; // a state vector, or a density matrix on the noisy path
    int m_curWatchPop = -1, m_curWatchNeuron = 0;
    std::vector<double> m_readout;
    const Network *m_net = nullptr;
    int m_runTarget = 0;
    // Every SQS population's memories before / after the current step (saved while stepping
    // or in slow motion only, so a watch change while paused can show the step at once).
    std::vector<std::vector<NeuronMemory>> m_memBefore, m_memAfter;
    std::int64_t m_memStep = -1, m_memAfterStep = -1; // steps they belong to (-1: none)
    // At full speed the watched neuron's steps of the sample in flight, and of the last
    // complete sample (published whole, so the traces are never empty after a fast run).
    struct RawStep
    {
        NeuronStep step;        // step, firingProbability, outcome
        Eigen::VectorXcd joint; // the joint state before measurement (ideal path; on the
                                // noisy path, step.mixed, `step` is complete and joint empty)
        int qubits = 0, memoryQubits = 0;
    };
    std::vector<RawStep> m_sampleSteps, m_lastSampleSteps;
    bool m_lastSampleFresh = false;
    // The readout's p summed over the sample in flight, and its mean over the last sample.
    std::vector<double> m_readoutSum, m_readoutMean;
    int m_readoutSteps = 0;
    std::vector<double> m_classFrequencies;
    bool m_detailed = false;
    std::vector<ReadoutStep> m_readoutHistory; // detailed: every step's readout p
    int m_classes = 0, m_testCount = 0;
    std::chrono::steady_clock::time_point m_pauseStart;

    // The slot the GUI empties (guarded by m_slotMx).
    std::mutex m_slotMx;
    SnapshotPtr m_slot;
    std::atomic<bool> m_inFlight{false};
};

} // namespace sqsnn::lab

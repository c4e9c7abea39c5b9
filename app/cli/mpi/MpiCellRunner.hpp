#pragma once
// One experiment cell trained on a thread of its own, so that the rank's main thread stays free
// for MPI (heartbeats, messages). No MPI here. start() only when !busy() && !finished();
// collect() once finished() returns the outcome and frees the runner for the next cell.
#include "training/Experiment.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace sqsnn::cli {

class CellRunner
{
public:
    struct Outcome
    {
        int cell = -1;
        int status = 0; // 0 ok, 2 bad input (InputError), 1 anything else
        std::string error; // the one-line message when status != 0
    };

    CellRunner(const Experiment &e, const std::vector<ExperimentCell> &cells,
               const ExperimentOptions &options, std::function<void(const std::string &)> say);
    ~CellRunner();
    CellRunner(const CellRunner &) = delete;
    CellRunner &operator=(const CellRunner &) = delete;

    void start(int cell);
    bool busy() const { return m_cell >= 0 && !m_finished; }
    bool finished() const { return m_finished; }
    int cell() const { return m_cell; }
    Outcome collect();

private:
    const Experiment &m_experiment;
    const std::vector<ExperimentCell> &m_cells;
    ExperimentOptions m_options;
    std::function<void(const std::string &)> m_say;
    std::thread m_thread;
    int m_cell = -1;
    std::atomic<bool> m_finished {false};
    Outcome m_outcome; // written by the thread before m_finished is set
};

} // namespace sqsnn::cli

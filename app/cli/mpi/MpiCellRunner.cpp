#include "mpi/MpiCellRunner.hpp"

#include "common/Error.hpp"

#include <exception>

namespace sqsnn::cli {

CellRunner::CellRunner(const Experiment &e, const std::vector<ExperimentCell> &cells,
                       const ExperimentOptions &options,
                       std::function<void(const std::string &)> say)
    : m_experiment(e)
    , m_cells(cells)
    , m_options(options)
    , m_say(std::move(say))
{
}

CellRunner::~CellRunner()
{
    if (m_thread.joinable())
        m_thread.join();
}

void CellRunner::start(int cell)
{
    if (m_thread.joinable())
        m_thread.join();
    m_cell = cell;
    m_finished = false;
    m_thread = std::thread([this, cell] {
        Outcome o;
        o.cell = cell;
        try {
            ExperimentProgress lines(m_experiment, m_say);
            runExperimentCell(m_experiment, m_cells[std::size_t(cell)], m_options.tiny,
                              m_options.threads, &lines, nullptr);
        } catch (const InputError &err) {
            o.status = 2;
            o.error = err.what();
        } catch (const std::exception &err) {
            o.status = 1;
            o.error = std::string("internal error: ") + err.what();
        } catch (...) {
            o.status = 1;
            o.error = "internal error";
        }
        m_outcome = std::move(o);
        m_finished = true;
    });
}

CellRunner::Outcome CellRunner::collect()
{
    if (m_thread.joinable())
        m_thread.join();
    Outcome o = std::move(m_outcome);
    m_cell = -1;
    m_finished = false;
    return o;
}

} // namespace sqsnn::cli

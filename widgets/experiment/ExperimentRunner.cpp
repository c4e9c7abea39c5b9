#include "experiment/ExperimentRunner.hpp"

#include "common/Error.hpp"

#include <QMetaObject>

namespace sqsnn::lab {

namespace {

struct Observer : ExperimentObserver
{
    void onCellStart(const ExperimentCell &c, std::int64_t params, int done, int epochs) override
    {
        std::lock_guard lock(*mutex);
        CellProgress &p = (*progress)[c.checkpoint];
        p.parameters = params;
        p.epochsDone = done;
        p.epochs = epochs;
        p.running = done < epochs;
        p.finished = done >= epochs;
    }
    void onCellSample(const ExperimentCell &c, int epoch, int index, int total) override
    {
        std::lock_guard lock(*mutex);
        CellProgress &p = (*progress)[c.checkpoint];
        p.epoch = epoch;
        p.sample = index + 1;
        p.samples = total;
    }
    void onCellEpoch(const ExperimentCell &c, const EpochMetrics &m) override
    {
        {
            std::lock_guard lock(*mutex);
            CellProgress &p = (*progress)[c.checkpoint];
            p.epochsDone = m.epoch;
            p.lastTestAccuracy = m.testAccuracy;
        }
        if (*pause)
            *stop = true;
        const QString path = QString::fromStdString(c.checkpoint);
        QMetaObject::invokeMethod(runner, [r = runner, path] { Q_EMIT r->cellEpoch(path); },
                                  Qt::QueuedConnection);
    }
    void onCellEnd(const ExperimentCell &c, bool finished) override
    {
        {
            std::lock_guard lock(*mutex);
            CellProgress &p = (*progress)[c.checkpoint];
            p.running = false;
            p.finished = finished;
        }
        const QString path = QString::fromStdString(c.checkpoint);
        QMetaObject::invokeMethod(
            runner, [r = runner, path, finished] { Q_EMIT r->cellEnded(path, finished); },
            Qt::QueuedConnection);
    }
    ExperimentRunner *runner = nullptr;
    std::mutex *mutex = nullptr;
    std::atomic<bool> *pause = nullptr, *stop = nullptr;
    std::map<std::string, CellProgress> *progress = nullptr;
};

} // namespace

ExperimentRunner::ExperimentRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<sqsnn::ExperimentCalibration>();
}

ExperimentRunner::~ExperimentRunner()
{
    stop();
    wait();
}

void ExperimentRunner::launch(std::function<void()> job)
{
    wait();
    m_stop = false;
    m_pause = false;
    m_running = true;
    m_thread = std::thread([this, job = std::move(job)] {
        job();
        m_running = false;
    });
}

bool ExperimentRunner::start(const Experiment &e, const QString &outDir, int jobs, bool tiny,
                             const QString &command)
{
    if (m_running)
        return false;
    {
        std::lock_guard lock(m_mutex);
        m_progress.clear();
    }
    auto observer = std::make_unique<Observer>();
    observer->runner = this;
    observer->mutex = &m_mutex;
    observer->progress = &m_progress;
    observer->pause = &m_pause;
    observer->stop = &m_stop;
    wait();
    m_observer = std::move(observer);
    ExperimentOptions opt;
    opt.jobs = jobs;
    opt.tiny = tiny;
    opt.stop = &m_stop;
    opt.observer = m_observer.get();
    launch([this, e, out = outDir.toStdString(), opt, cmd = command.toStdString()] {
        bool complete = false;
        QString error;
        try {
            runExperiment(e, out, opt, cmd, {});
            complete = !m_stop;
        } catch (const std::exception &err) {
            error = QString::fromStdString(err.what());
        }
        QMetaObject::invokeMethod(
            this, [this, complete, error] { Q_EMIT finished(complete, error); },
            Qt::QueuedConnection);
    });
    return true;
}

bool ExperimentRunner::calibrate(const Experiment &e, const QString &outDir, int jobs, bool tiny)
{
    if (m_running)
        return false;
    launch([this, e, out = outDir.toStdString(), jobs, tiny] {
        ExperimentCalibration cal;
        QString error;
        try {
            ExperimentOptions opt;
            opt.jobs = jobs;
            opt.tiny = tiny;
            cal = calibrateExperiment(e, experimentCells(e, out, tiny), opt);
        } catch (const std::exception &err) {
            error = QString::fromStdString(err.what());
        }
        QMetaObject::invokeMethod(
            this, [this, cal, error] { Q_EMIT calibrated(cal, error); }, Qt::QueuedConnection);
    });
    return true;
}

void ExperimentRunner::stop()
{
    m_stop = true;
}

void ExperimentRunner::pauseAtEpochEnd()
{
    m_pause = true;
}

void ExperimentRunner::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

std::map<std::string, CellProgress> ExperimentRunner::cellProgress() const
{
    std::lock_guard lock(m_mutex);
    return m_progress;
}

} // namespace sqsnn::lab

#pragma once
// `sqsnn experiment` under an MPI launcher (Open MPI's mpirun/mpiexec, or Slurm's srun): the
// grid's cells (model x seed) are handed out dynamically. Compiled only when CMake found MPI
// (SQSNN_HAVE_MPI); the core never sees MPI.
//
// Contract:
// - Rank 0 owns the grid. It hands one cell at a time to whichever rank is free (cells differ
//   in cost by 10x, so a static split would idle ranks) and also trains cells itself on a thread
//   of its own; -np K therefore trains K cells at once. Each rank trains with --threads threads.
// - Every rank reads the experiment file and writes its cell's checkpoint itself, after every
//   epoch, into DIR/runs/: DIR must be one shared file system seen under the same path by all
//   ranks. Rank 0 checks every finished cell's checkpoint; a rank whose checkpoint it cannot
//   see is named in one line and gets no more cells, and its cell is trained again.
// - A busy rank sends a heartbeat every rankTimeout/10 seconds from its main thread (training
//   runs on another thread). A rank silent for rankTimeout seconds is presumed dead: its cell
//   goes back to the front of the queue and the next free rank resumes it from its last
//   checkpointed epoch (training is deterministic, so the results are the same). A rank
//   presumed dead that reports its cell finished after all is taken back. Open MPI keeps a job
//   alive after a rank dies only with `mpirun --enable-recovery`; without it mpirun ends the
//   whole job, and rerunning the same command resumes (finished cells are not recomputed).
// - Rank 0 writes results.csv and summary.md exactly as the single-process run does; only
//   rank 0 returns `root` = true, so only it draws the plots. MPI is finalized on return.
// - Test hook: SQSNN_MPI_TEST_KILL="R:N" makes rank R (R > 0) kill itself with SIGKILL right
//   after saving the first epoch's checkpoint of the N-th cell it was given, if that cell
//   started fresh: it dies mid-cell, at a known point, in a multi-epoch grid.
#include "training/Experiment.hpp"

#include <string>

namespace sqsnn::cli {

// True when an MPI launcher started this process (Open MPI, PMIx or PMI environment).
bool launchedByMpi();

struct MpiExperimentResult
{
    bool distributed = false; // false: a single rank; the caller runs the ordinary path
    bool root = false; // rank 0 (wrote results.csv and summary.md)
    int exitCode = 0; // a worker's exit code (bad input: 2, printed by rank 0 only)
};

MpiExperimentResult runMpiExperiment(const std::string &path, const std::string &out,
                                     const ExperimentOptions &options, double rankTimeout,
                                     const std::string &command);

} // namespace sqsnn::cli

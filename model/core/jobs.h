/* The thread pool and the parallel loop.
 *
 * Writers that share no state, run beside the caller: each job is a function
 * with its own GError; the caller waits for all of them before it commits or
 * aborts the output folder, so nothing is written after a failure is
 * reported and no thread outlives the folder it writes into. */
#pragma once
#include <glib.h>

typedef gboolean (*dxi_job_func) (gpointer data, GError **error);
typedef struct dxi_jobs dxi_jobs;

/* Up to THREADS jobs run at once on threads beside the caller's; a job pushed
 * while they are all busy (or with THREADS 0) runs in dxi_jobs_push itself. */
dxi_jobs *dxi_jobs_new (guint threads);
/* Run FUNC (DATA, error); FREE_DATA (may be NULL) frees DATA in
 * dxi_jobs_finish, after every job has ended. */
void dxi_jobs_push (dxi_jobs *jobs, dxi_job_func func, gpointer data, GDestroyNotify free_data);
/* Wait for every job, free JOBS and give what the jobs freed back to the
 * system.  FALSE with ERROR set to the failure of
 * the first job pushed that failed; the other jobs' errors are dropped. */
gboolean dxi_jobs_finish (dxi_jobs *jobs, GError **error);
/* Threads beside the caller's worth having on this machine: one fewer than
 * the processors. */
guint dxi_jobs_spare_threads (void);

/* Run FN over [0, N) in THREADS contiguous chunks, the calling thread taking
 * the first, and return when all are done.  For work whose result for each
 * item depends only on the item (no locks, no errors). */
void dxi_parallel_for (guint n, guint threads, void (*fn) (gpointer ctx, guint start, guint end),
                       gpointer ctx);

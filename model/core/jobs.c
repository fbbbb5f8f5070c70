#include "core/jobs.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/error.h"

typedef struct
{
  dxi_job_func func;
  gpointer data;
  GDestroyNotify free_data;
  gboolean ok;
  GError *error;
  GThread *thread; /* NULL: ran in the caller */
} job;

struct dxi_jobs
{
  guint threads;   /* at most this many at once beside the caller */
  GPtrArray *jobs; /* job *, in the order pushed */
};

static gpointer
run_job (gpointer data)
{
  job *j = data;
  j->ok = j->func (j->data, &j->error);
  /* A function that fails without saying why still fails. */
  if (!j->ok && j->error == NULL)
    g_set_error_literal (&j->error, DXI_ERROR, DXI_ERROR_FAILED, "a writer failed");
  return NULL;
}

static void
job_free (job *j)
{
  if (j->free_data)
    j->free_data (j->data);
  g_clear_error (&j->error);
  g_free (j);
}

dxi_jobs *
dxi_jobs_new (guint threads)
{
  dxi_jobs *jobs = g_new0 (dxi_jobs, 1);
  jobs->threads = threads;
  jobs->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  return jobs;
}

static guint
running (const dxi_jobs *jobs)
{
  guint n = 0;
  for (guint i = 0; i < jobs->jobs->len; i++)
    n += ((job *) jobs->jobs->pdata[i])->thread != NULL;
  return n;
}

void
dxi_jobs_push (dxi_jobs *jobs, dxi_job_func func, gpointer data, GDestroyNotify free_data)
{
  job *j = g_new0 (job, 1);
  j->func = func;
  j->data = data;
  j->free_data = free_data;
  /* A thread while one is free (and can be had), else the caller's. */
  if (running (jobs) < jobs->threads)
    j->thread = g_thread_try_new ("dxi-writer", run_job, j, NULL);
  g_ptr_array_add (jobs->jobs, j);
  if (j->thread == NULL)
    run_job (j);
}

gboolean
dxi_jobs_finish (dxi_jobs *jobs, GError **error)
{
  for (guint i = 0; i < jobs->jobs->len; i++)
    {
      job *j = jobs->jobs->pdata[i];
      if (j->thread)
        g_thread_join (j->thread);
    }
  gboolean ok = TRUE;
  for (guint i = 0; i < jobs->jobs->len && ok; i++)
    {
      job *j = jobs->jobs->pdata[i];
      if (!j->ok)
        {
          g_propagate_error (error, g_steal_pointer (&j->error));
          ok = FALSE;
        }
    }
  g_ptr_array_unref (jobs->jobs);
  g_free (jobs);
#ifdef __GLIBC__
  /* What the jobs freed stays in their threads' malloc arenas unless given
   * back: the writers after them would add to it. */
  malloc_trim (0);
#endif
  return ok;
}

guint
dxi_jobs_spare_threads (void)
{
  guint n = g_get_num_processors ();
  return n > 1 ? n - 1 : 0;
}

typedef struct
{
  void (*fn) (gpointer ctx, guint start, guint end);
  gpointer ctx;
  guint start, end;
} chunk;

static gpointer
chunk_run (gpointer data)
{
  chunk *c = data;
  c->fn (c->ctx, c->start, c->end);
  return NULL;
}

void
dxi_parallel_for (guint n, guint threads, void (*fn) (gpointer ctx, guint start, guint end),
                  gpointer ctx)
{
  threads = CLAMP (threads, 1, MAX (n, 1));
  g_autofree chunk *chunks = g_new (chunk, threads);
  g_autofree GThread **workers = g_new0 (GThread *, threads);
  for (guint t = 0; t < threads; t++)
    chunks[t] = (chunk){ fn, ctx, (guint) ((guint64) n * t / threads),
                         (guint) ((guint64) n * (t + 1) / threads) };
  for (guint t = 1; t < threads; t++)
    workers[t] = g_thread_new ("dxi-worker", chunk_run, &chunks[t]);
  chunk_run (&chunks[0]);
  for (guint t = 1; t < threads; t++)
    g_thread_join (workers[t]);
}

/* The run, stage by stage: study -> area table -> index -> appraisal ->
 * outputs.  The one place that knows the order; `dxi run`, `dxi index` and
 * `dxi check` call it, and so do the tests.  Nothing here prints: progress
 * goes to the caller's GDALProgressFunc, and what the run found (the table,
 * coverage, warnings, the appraisal's summary, the files written) is in its
 * result for the caller to show. */
#pragma once
#include <cpl_progress.h>
#include <glib.h>

#include "core/frame.h"

typedef struct dxi_run_options
{
  gint64 seed;       /* -1: from the files */
  gint64 draws;      /* -1: from the files */
  double resolution; /* metres per cell of the rasters; 0: the study's output.resolution */
  gboolean force;    /* replace an output folder dxi did not write */
  guint formats;     /* the outputs to write, DXI_FORMAT_* (writers/formats.h); 0: every one */
  gboolean appraise; /* dxi_run_files: appraise the scenarios (else the index only) */
  /* May be NULL: called when another run is writing the output folder and
   * this one waits for it (writers/outdir.h). */
  void (*waiting) (const char *folder, gpointer waiting_data);
  gpointer waiting_data;
  GDALProgressFunc progress; /* may be NULL: told as each raster is written */
  void *progress_data;
} dxi_run_options;

/* What a run found and wrote, filled in stage by stage (all borrowed from the
 * run, valid until dxi_run_free). */
typedef struct dxi_run_result
{
  const char *study_path;
  const char *title;      /* the study's */
  const char *preset;     /* the index's preset name ("deri") */
  const dxi_frame *table; /* per area: inputs, index and scenarios' figures; NULL before inputs */
  const char *coverage;   /* coverage.txt */
  const char *appraisal_summary; /* the scenarios' summaries ("" without) */
  int price_base_year;           /* of the first scenario; 0 without */
  const char *folder;            /* where the outputs went; NULL before dxi_run_write */
  const GPtrArray *outputs;  /* char *: the files written, sorted, as manifest.json lists them */
  const GPtrArray *warnings; /* char *: of the inputs, index, appraisal and output folder */
} dxi_run_result;

typedef struct dxi_run dxi_run;

/* Load FILES: one study.yaml, or scenario files that all name the same study. */
dxi_run *dxi_run_new (char **files, const dxi_run_options *options, GError **error);
void dxi_run_free (dxi_run *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_run, dxi_run_free)

/* Read every table, join to the areas, build the area table and coverage. */
gboolean dxi_run_inputs (dxi_run *run, GError **error);
gboolean dxi_run_index (dxi_run *run, GError **error);
gboolean dxi_run_appraise (dxi_run *run, GError **error);
/* Whether the run may write DIR (NULL: outputs/<study name>); see
 * writers/outdir.h for what it refuses. */
gboolean dxi_run_check_output (const dxi_run *run, const char *dir, GError **error);
/* Write every output and manifest.json into DIR (as check_output) atomically:
 * on failure nothing is left and the folder is as it was. */
gboolean dxi_run_write (dxi_run *run, const char *dir, GError **error);

const dxi_run_result *dxi_run_get_result (const dxi_run *run);

/* The whole run: load FILES, check the output folder DIR, the inputs, the
 * index, the appraisal when OPTIONS->appraise, the outputs; NULL with ERROR
 * (and nothing written) when any stage fails. */
dxi_run *dxi_run_files (char **files, const char *dir, const dxi_run_options *options,
                        GError **error);

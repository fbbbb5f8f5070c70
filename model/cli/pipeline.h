/* The run, stage by stage: study -> area table -> index -> appraisal -> outputs.
 * The one place that knows the order; the subcommands call it. */
#pragma once
#include <glib.h>

#include "core/frame.h"
#include "inputs/areas.h"
#include "inputs/study.h"

typedef struct dxi_pipeline_options
{
  gboolean quiet;  /* no progress or summary on stderr/stdout */
  gint64 seed;     /* -1: from the files */
  gint64 draws;    /* -1: from the files */
  double resolution; /* metres per cell of the rasters; 0: the study's output.resolution */
  gboolean force;  /* replace an output folder dxi did not write */
  guint formats;   /* the outputs to write, DXI_FORMAT_* (writers/formats.h); 0: every one */
} dxi_pipeline_options;

typedef struct dxi_pipeline dxi_pipeline;

/* Load FILES: one study.yaml, or scenario files that all name the same study. */
dxi_pipeline *dxi_pipeline_new (char **files, const dxi_pipeline_options *options, GError **error);
void dxi_pipeline_free (dxi_pipeline *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_pipeline, dxi_pipeline_free)

/* Read every table, join to the areas, build the area table and coverage. */
gboolean dxi_pipeline_inputs (dxi_pipeline *p, GError **error);
gboolean dxi_pipeline_index (dxi_pipeline *p, GError **error);
gboolean dxi_pipeline_appraise (dxi_pipeline *p, GError **error);
/* Whether the run may write DIR (NULL: outputs/<study name>); see
 * writers/outdir.h for what it refuses. */
gboolean dxi_pipeline_check_output (dxi_pipeline *p, const char *dir, GError **error);
/* Write every output into DIR atomically. */
gboolean dxi_pipeline_write (dxi_pipeline *p, const char *dir, gboolean with_appraisal, GError **error);

const char *dxi_pipeline_coverage (const dxi_pipeline *p);
const dxi_frame *dxi_pipeline_table (const dxi_pipeline *p);
/* Print the per-ward index table (and appraisal summaries) to stdout. */
void dxi_pipeline_print_summary (const dxi_pipeline *p);

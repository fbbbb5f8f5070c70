/* The state of a run, shared by the files of model/run/ only. */
#pragma once
#include <glib.h>

#include "index/index.h"
#include "index/settings.h"
#include "inputs/boundaries.h"
#include "inputs/study.h"
#include "run/run.h"
#include "writers/formats.h"
#include "writers/outdir.h"

/* Said on the map, in the run's warnings and in manifest.json when the index
 * has no broadband domain. */
#define DXI_RUN_NO_BROADBAND "Broadband domain not included: no Ofcom file given"

struct dxi_run
{
  dxi_run_result result;
  dxi_run_options options;
  dxi_study *study;
  dxi_boundaries *areas;
  dxi_frame *table;
  GString *coverage;
  GPtrArray *warnings;
  GPtrArray *timings; /* "stage=seconds" */
  GTimer *timer;
  dxi_index_settings index_settings;
  dxi_index_result *index;
  GString *diagnostics;
  GPtrArray *scenarios;  /* dxi_scenario * */
  GPtrArray *appraisals; /* dxi_appraisal * */
  GPtrArray *optima;     /* dxi_optimum *, one per appraisal */
  GString *summary;
  GPtrArray *area_columns; /* char *: the columns the appraisal added to the table, in order */
  char *folder;            /* where the outputs went */
  GPtrArray *outputs;      /* char *: what the folder holds besides manifest.json */
};

/* load.c: the scenario FILES, which must name one study (*STUDY_PATH). */
gboolean dxi_run_load_scenarios (dxi_run *run, char **files, char **study_path, GError **error);
/* Record the seconds since the last lap as STAGE's. */
void dxi_run_lap (dxi_run *run, const char *stage);
/* TRUE when no indicator of the index is in the Broadband domain. */
gboolean dxi_run_without_broadband (const dxi_study *study);
/* outputs.c: every output into OUT's temporary folder. */
gboolean dxi_run_write_outputs (dxi_run *run, dxi_outdir *out, GError **error);
/* Whether the run writes the outputs of FORMAT, a DXI_FORMAT_* (--formats). */
gboolean dxi_run_wants (const dxi_run *run, guint format);

#include "run/run.h"

#include <string.h>

#include "appraisal/appraisal.h"
#include "appraisal/optimise.h"
#include "config/scenario.h"
#include "core/error.h"
#include "core/ydoc.h"
#include "index/diagnostics.h"
#include "inputs/build.h"
#include "inputs/reference.h"
#include "run/run-private.h"

void
dxi_run_lap (dxi_run *run, const char *stage)
{
  g_ptr_array_add (run->timings,
                   g_strdup_printf ("%s=%.3f", stage, g_timer_elapsed (run->timer, NULL)));
  g_timer_start (run->timer);
}

static dxi_run *
run_alloc (const dxi_run_options *options)
{
  dxi_run *run = g_new0 (dxi_run, 1);
  run->options = *options;
  run->coverage = g_string_new (NULL);
  run->warnings = g_ptr_array_new_with_free_func (g_free);
  run->timings = g_ptr_array_new_with_free_func (g_free);
  run->timer = g_timer_new ();
  run->diagnostics = g_string_new (NULL);
  run->summary = g_string_new (NULL);
  run->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_scenario_free);
  run->appraisals = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_appraisal_free);
  run->optima = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_optimum_free);
  run->outputs = g_ptr_array_new_with_free_func (g_free);
  run->area_columns = g_ptr_array_new_with_free_func (g_free);
  return run;
}

/* The result as far as the run has come. */
static void
update_result (dxi_run *run)
{
  dxi_run_result *r = &run->result;
  r->study_path = run->study ? run->study->path : NULL;
  r->title = run->study ? run->study->title : NULL;
  r->preset = dxi_index_preset_names[run->index_settings.preset];
  r->table = run->table;
  r->coverage = run->coverage->str;
  r->appraisal_summary = run->summary->str;
  r->price_base_year = run->scenarios->len
                           ? ((const dxi_scenario *) run->scenarios->pdata[0])->price_base_year
                           : 0;
  r->folder = run->folder;
  r->outputs = run->outputs;
  r->warnings = run->warnings;
}

dxi_run *
dxi_run_new (char **files, const dxi_run_options *options, GError **error)
{
  g_return_val_if_fail (files != NULL && files[0] != NULL, NULL);
  g_autoptr (dxi_run) run = run_alloc (options);
  /* A study, or scenarios naming one. */
  g_autoptr (dxi_ydoc) first = dxi_ydoc_load (files[0], error);
  if (first == NULL)
    return NULL;
  g_autofree char *study_path = NULL;
  gboolean scenarios = dxi_ynode_get (first->root, "interventions") != NULL;
  if (scenarios && !dxi_run_load_scenarios (run, files, &study_path, error))
    return NULL;
  if (!scenarios && files[1] != NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE,
                   "a study is run on its own; '%s' is a second file", files[1]);
      return NULL;
    }
  run->study = dxi_study_load (scenarios ? study_path : files[0], error);
  if (run->study == NULL)
    return NULL;
  dxi_index_settings_copy (&run->index_settings, &run->study->index);
  if (options->seed >= 0)
    run->index_settings.seed = (guint32) options->seed;
  if (options->draws >= 0)
    run->index_settings.draws = (guint) options->draws;
  if (options->resolution > 0)
    run->study->resolution = options->resolution;
  dxi_run_lap (run, "load");
  update_result (run);
  return g_steal_pointer (&run);
}

void
dxi_run_free (dxi_run *run)
{
  if (run == NULL)
    return;
  dxi_study_free (run->study);
  dxi_boundaries_free (run->areas);
  dxi_frame_free (run->table);
  g_string_free (run->coverage, TRUE);
  g_ptr_array_unref (run->warnings);
  g_ptr_array_unref (run->timings);
  g_timer_destroy (run->timer);
  dxi_index_settings_clear (&run->index_settings);
  dxi_index_result_free (run->index);
  g_string_free (run->diagnostics, TRUE);
  g_string_free (run->summary, TRUE);
  g_ptr_array_unref (run->optima);
  g_ptr_array_unref (run->appraisals);
  g_ptr_array_unref (run->scenarios);
  g_ptr_array_unref (run->outputs);
  g_ptr_array_unref (run->area_columns);
  g_free (run->folder);
  g_free (run);
}

const dxi_run_result *
dxi_run_get_result (const dxi_run *run)
{
  return &run->result;
}

gboolean
dxi_run_without_broadband (const dxi_study *s)
{
  for (guint i = 0; i < s->indicators->len; i++)
    {
      const dxi_study_indicator *ind = s->indicators->pdata[i];
      if (g_ascii_strcasecmp (ind->domain, "broadband") == 0)
        return FALSE;
    }
  return TRUE;
}

/* What the reader of the outputs must know about the inputs, once: areas with
 * no geometry, approximate boundaries (the study's `sources: areas` says
 * "approximate", as `dxi new` writes it), no broadband domain. */
static void
input_warnings (dxi_run *run)
{
  const dxi_study *s = run->study;
  if (run->areas->table)
    {
      g_autofree char *note = g_strdup_printf (
          "no geometry: maps skipped ('%s' is a table of areas: the index, appraisal, "
          "CSVs, workbooks and reports are written, the map, layers and rasters are not)",
          s->areas_file);
      g_string_append_printf (run->coverage, "%s\n", note);
      g_ptr_array_add (run->warnings, g_steal_pointer (&note));
    }
  const dxi_study_source *areas = dxi_study_find_source (s, "areas");
  const char *source = areas ? areas->source : NULL;
  if (source && g_ascii_strncasecmp (source, "approximate", strlen ("approximate")) == 0)
    g_ptr_array_add (
        run->warnings,
        g_strdup_printf ("area boundaries are %s (sources: areas of the study); the map and "
                         "layers draw these shapes, the figures come through the lookup",
                         source));
  if (dxi_run_without_broadband (s))
    g_ptr_array_add (run->warnings, g_strdup (DXI_RUN_NO_BROADBAND
                                              " (the index has no indicator in the "
                                              "Broadband domain; README: \"Adding broadband\")"));
}

gboolean
dxi_run_inputs (dxi_run *run, GError **error)
{
  const dxi_study *s = run->study;
  run->areas
      = dxi_boundaries_read (s->areas_file, s->areas_layer, s->code_field, s->name_field, error);
  if (run->areas == NULL)
    return FALSE;
  run->table = dxi_build_study (s, run->areas, run->coverage, run->warnings, error);
  if (run->table == NULL)
    return FALSE;
  input_warnings (run);
  dxi_run_lap (run, "inputs");
  update_result (run);
  return TRUE;
}

/* The study's indicators as the index takes them: SPEC and VALUES (n x k,
 * indicator by indicator) from the table. */
static double *
index_values (const dxi_run *run, dxi_index_indicator *spec)
{
  const GPtrArray *inds = run->study->indicators;
  guint n = dxi_frame_n_rows (run->table);
  double *values = g_new (double, (gsize) n * inds->len);
  for (guint j = 0; j < inds->len; j++)
    {
      const dxi_study_indicator *ind = inds->pdata[j];
      spec[j]
          = (dxi_index_indicator){ ind->id, ind->label, ind->domain, ind->direction, ind->weight };
      gint c = dxi_frame_find_column (run->table, ind->id);
      memcpy (values + (gsize) j * n, dxi_frame_column_data (run->table, (guint) c),
              n * sizeof (double));
    }
  return values;
}

static const double *
column (const dxi_frame *table, const char *name)
{
  return dxi_frame_column_data (table, (guint) dxi_frame_find_column (table, name));
}

gboolean
dxi_run_index (dxi_run *run, GError **error)
{
  guint n = dxi_frame_n_rows (run->table), k = run->study->indicators->len;
  g_autoptr (dxi_reference) ref = NULL;
  if (run->index_settings.reference == DXI_REF_DATASET)
    {
      ref = dxi_reference_read (run->study, run->index_settings.reference_dataset, error);
      if (ref == NULL)
        return FALSE;
      g_string_append_printf (run->coverage, "index reference: %u areas of '%s' (%s)\n",
                              ref->n_areas, ref->path, ref->name);
    }
  g_autofree dxi_index_indicator *spec = g_new0 (dxi_index_indicator, k);
  g_autofree double *values = index_values (run, spec);
  run->index = dxi_index_compute (values, n, spec, k, column (run->table, "population"),
                                  column (run->table, "households"), ref ? ref->values : NULL,
                                  ref ? ref->n_areas : 0, &run->index_settings, error);
  if (run->index == NULL)
    {
      dxi_error_prefix (error, "%s: index: ", run->study->path);
      return FALSE;
    }
  if (!dxi_index_result_to_frame (run->index, run->table, error))
    return FALSE;
  dxi_index_report (run->index, run->diagnostics);
  /* The index's warnings (diagnostics.txt) among the run's. */
  g_autoptr (GPtrArray) warnings = dxi_index_warnings (run->index);
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (run->warnings,
                     g_strdup_printf ("index: %s", (const char *) warnings->pdata[i]));
  dxi_run_lap (run, "index");
  update_result (run);
  return TRUE;
}

/* Per area, for the maps and areas.csv: A's people reached and helped and
 * present value of benefits, as columns "<scenario>_reached" and so on
 * (recorded for the layers). */
static void
add_area_columns (dxi_run *run, const dxi_appraisal *a)
{
  const char *name = a->sc->name;
  const char *suffixes[] = { "reached", "helped", "pv_benefit" };
  const double *values[] = { a->area_reached, a->area_helped, a->area_pv_benefit };
  for (guint k = 0; k < G_N_ELEMENTS (suffixes); k++)
    {
      char *col_name = g_strdup_printf ("%s_%s", name, suffixes[k]);
      guint c = dxi_frame_add_column (run->table, col_name);
      for (guint r = 0; r < a->n_areas; r++)
        dxi_frame_set (run->table, r, c, values[k][r]);
      g_ptr_array_add (run->area_columns, col_name);
    }
}

gboolean
dxi_run_appraise (dxi_run *run, GError **error)
{
  /* The index's draws feed the targeting (joint index + appraisal
   * uncertainty), copied by draw; no later stage needs the index's own. */
  g_autofree guint32 *ranks = run->index && run->scenarios->len
                                  ? dxi_uncertainty_ranks_by_draw (&run->index->uncertainty)
                                  : NULL;
  if (run->index)
    dxi_uncertainty_drop_ranks (&run->index->uncertainty);
  for (guint i = 0; i < run->scenarios->len; i++)
    {
      dxi_scenario *sc = run->scenarios->pdata[i];
      if (run->options.seed >= 0)
        sc->seed = (guint32) run->options.seed;
      dxi_appraisal *a = dxi_appraise (sc, run->table, run->options.draws, error);
      if (a == NULL)
        {
          dxi_error_prefix (error, "%s: ", sc->path);
          return FALSE;
        }
      g_ptr_array_add (run->appraisals, a);
      if (ranks)
        dxi_appraise_joint (a, ranks, run->index->uncertainty.draws);
      add_area_columns (run, a);
      dxi_appraisal_summary (a, run->summary);
      dxi_appraisal_joint_summary (a, run->table, run->summary);
      dxi_optimum *o = dxi_optimise (a, run->table, error);
      if (o == NULL)
        return FALSE;
      g_ptr_array_add (run->optima, o);
      dxi_optimum_summary (o, a, run->summary);
    }
  if (run->scenarios->len)
    dxi_run_lap (run, "appraisal");
  update_result (run);
  return TRUE;
}

dxi_run *
dxi_run_files (char **files, const char *dir, const dxi_run_options *options, GError **error)
{
  g_autoptr (dxi_run) run = dxi_run_new (files, options, error);
  if (run == NULL || !dxi_run_check_output (run, dir, error) || !dxi_run_inputs (run, error)
      || !dxi_run_index (run, error) || (options->appraise && !dxi_run_appraise (run, error))
      || !dxi_run_write (run, dir, error))
    return NULL;
  return g_steal_pointer (&run);
}

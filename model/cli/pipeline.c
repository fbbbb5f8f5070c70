#include "cli/pipeline.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/ydoc.h"
#include "appraisal/engine.h"
#include "appraisal/affordability.h"
#include "appraisal/optimise.h"
#include "index/diagnostics.h"
#include "index/index.h"
#include "inputs/build.h"
#include "writers/formats.h"
#include "writers/cartography.h"
#include "writers/credits.h"
#include "writers/csv.h"
#include "writers/jobs.h"
#include "writers/layers.h"
#include "writers/raster.h"
#include "writers/results.h"
#include "writers/workbook.h"
#include "writers/manifest.h"
#include "writers/outdir.h"

/* Said on the map, in the run's warnings and in manifest.json when the index
 * has no broadband domain. */
#define DXI_PIPELINE_NO_BROADBAND "Broadband domain not included: no Ofcom file given"

struct dxi_pipeline
{
  dxi_pipeline_options options;
  dxi_study *study;
  dxi_areas *areas;
  dxi_frame *table;
  GString *coverage;
  GPtrArray *warnings;
  GPtrArray *timings; /* "stage=seconds" */
  GTimer *timer;
  dxi_index_settings index_settings;
  dxi_index_result *index;
  GString *diagnostics;
  GPtrArray *scenario_docs; /* dxi_ydoc * */
  GPtrArray *scenarios;     /* dxi_scenario * */
  GPtrArray *appraisals;    /* dxi_appraisal * */
  GPtrArray *optima;        /* dxi_optimum *, one per appraisal */
  GPtrArray *optimisers;    /* dxi_optimiser_settings *, one per scenario */
  GPtrArray *affordability; /* dxi_affordability *, one per scenario */
  GString *summary;
};

/* Scenario files name a study; load each, check they name the same one. */
static gboolean
load_scenarios (dxi_pipeline *p, char **files, char **study_path, GError **error)
{
  g_autoptr (GHashTable) libraries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dxi_ydoc_free);
  for (guint i = 0; files[i]; i++)
    {
      dxi_ydoc *doc = dxi_ydoc_load (files[i], error);
      if (doc == NULL)
        return FALSE;
      g_ptr_array_add (p->scenario_docs, doc);
      if (dxi_ynode_get (doc->root, "interventions") == NULL)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE,
                       "'%s' is not a scenario (no 'interventions'); run a study on its own or scenarios together",
                       files[i]);
          return FALSE;
        }
      g_autofree char *study = dxi_scenario_study_path (doc, error);
      g_autofree char *lib_path = study ? dxi_scenario_library_path (doc, error) : NULL;
      if (lib_path == NULL)
        return FALSE;
      g_autofree char *canon = g_canonicalize_filename (study, NULL);
      if (*study_path == NULL)
        *study_path = g_strdup (study);
      else
        {
          g_autofree char *first = g_canonicalize_filename (*study_path, NULL);
          if (!g_str_equal (first, canon))
            {
              g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE, "'%s' names study '%s', but '%s' names '%s': scenarios "
                           "compared in one run share a study", files[i], study, files[0], *study_path);
              return FALSE;
            }
        }
      dxi_ydoc *lib = g_hash_table_lookup (libraries, lib_path);
      if (lib == NULL)
        {
          lib = dxi_ydoc_load (lib_path, error);
          if (lib == NULL)
            return FALSE;
          g_hash_table_insert (libraries, g_strdup (lib_path), lib);
        }
      dxi_scenario *sc = dxi_scenario_from_yaml (doc, lib, error);
      if (sc == NULL)
        return FALSE;
      for (guint j = 0; j < p->scenarios->len; j++)
        if (g_str_equal (((dxi_scenario *) p->scenarios->pdata[j])->name, sc->name))
          {
            g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE, "two scenarios are named '%s'", sc->name);
            dxi_scenario_free (sc);
            return FALSE;
          }
      g_ptr_array_add (p->scenarios, sc);
      dxi_optimiser_settings *os = dxi_optimiser_settings_read (doc, sc, error);
      if (os == NULL)
        return FALSE;
      g_ptr_array_add (p->optimisers, os);
      dxi_affordability *af = dxi_affordability_read (doc, sc, error);
      if (af == NULL)
        return FALSE;
      g_ptr_array_add (p->affordability, af);
    }
  return TRUE;
}

static void
lap (dxi_pipeline *p, const char *stage)
{
  g_ptr_array_add (p->timings, g_strdup_printf ("%s=%.3f", stage, g_timer_elapsed (p->timer, NULL)));
  g_timer_start (p->timer);
}

dxi_pipeline *
dxi_pipeline_new (char **files, const dxi_pipeline_options *options, GError **error)
{
  g_autoptr (dxi_pipeline) p = g_new0 (dxi_pipeline, 1);
  p->options = *options;
  p->coverage = g_string_new (NULL);
  p->warnings = g_ptr_array_new_with_free_func (g_free);
  p->timings = g_ptr_array_new_with_free_func (g_free);
  p->timer = g_timer_new ();
  p->diagnostics = g_string_new (NULL);
  p->summary = g_string_new (NULL);
  p->scenario_docs = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_ydoc_free);
  p->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_scenario_free);
  p->appraisals = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_appraisal_free);
  p->optima = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_optimum_free);
  p->optimisers = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_optimiser_settings_free);
  p->affordability = g_ptr_array_new_with_free_func ((GDestroyNotify) dxi_affordability_free);
  /* A study, or scenarios naming one. */
  g_autoptr (dxi_ydoc) first = dxi_ydoc_load (files[0], error);
  if (first == NULL)
    return NULL;
  g_autofree char *study_path = NULL;
  gboolean scenarios = dxi_ynode_get (first->root, "interventions") != NULL;
  if (scenarios && !load_scenarios (p, files, &study_path, error))
    return NULL;
  if (!scenarios && files[1] != NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE, "a study is run on its own; '%s' is a second file", files[1]);
      return NULL;
    }
  p->study = dxi_study_load (scenarios ? study_path : files[0], error);
  if (p->study == NULL || !dxi_index_settings_from_yaml (p->study->index, &p->index_settings, error))
    return NULL;
  if (options->seed >= 0)
    p->index_settings.seed = (guint32) options->seed;
  if (options->draws >= 0)
    p->index_settings.draws = (guint) options->draws;
  if (options->resolution > 0)
    p->study->resolution = options->resolution;
  lap (p, "load");
  return g_steal_pointer (&p);
}

void
dxi_pipeline_free (dxi_pipeline *p)
{
  if (p == NULL)
    return;
  dxi_study_free (p->study);
  dxi_areas_free (p->areas);
  dxi_frame_free (p->table);
  g_string_free (p->coverage, TRUE);
  g_ptr_array_unref (p->warnings);
  g_ptr_array_unref (p->timings);
  g_timer_destroy (p->timer);
  dxi_index_settings_clear (&p->index_settings);
  dxi_index_result_free (p->index);
  g_string_free (p->diagnostics, TRUE);
  g_string_free (p->summary, TRUE);
  g_ptr_array_unref (p->optima);
  g_ptr_array_unref (p->optimisers);
  g_ptr_array_unref (p->affordability);
  g_ptr_array_unref (p->appraisals);
  g_ptr_array_unref (p->scenarios);
  g_ptr_array_unref (p->scenario_docs);
  g_free (p);
}

/* TRUE when no indicator of the index is in the Broadband domain (a study
 * written by `dxi new` where no Ofcom file is bundled). */
static gboolean
without_broadband (const dxi_study *s)
{
  for (guint i = 0; i < s->indicators->len; i++)
    if (g_ascii_strcasecmp (((const dxi_study_indicator *) s->indicators->pdata[i])->domain, "broadband") == 0)
      return FALSE;
  return TRUE;
}

/* What the reader of the outputs must know about the inputs, once: areas with
 * no geometry, approximate boundaries (the study's `sources: areas` says
 * "approximate", as `dxi new` writes it), no broadband domain. */
static void
input_warnings (dxi_pipeline *p)
{
  const dxi_study *s = p->study;
  if (p->areas->table)
    {
      g_autofree char *note = g_strdup_printf ("no geometry: maps skipped ('%s' is a table of areas: the index, "
                                               "appraisal, CSVs, workbooks and reports are written, the map, "
                                               "layers and rasters are not)", s->areas_file);
      g_string_append_printf (p->coverage, "%s\n", note);
      g_ptr_array_add (p->warnings, g_steal_pointer (&note));
    }
  const dxi_ynode *areas = s->sources ? dxi_ynode_get (s->sources, "areas") : NULL;
  const char *source = NULL;
  if (areas && dxi_ynode_get_string (areas, "source", FALSE, &source, NULL) && source
      && g_ascii_strncasecmp (source, "approximate", strlen ("approximate")) == 0)
    g_ptr_array_add (p->warnings, g_strdup_printf ("area boundaries are %s (sources: areas of the study); the "
                                                   "map and layers draw these shapes, the figures come through the "
                                                   "lookup", source));
  if (without_broadband (s))
    g_ptr_array_add (p->warnings, g_strdup (DXI_PIPELINE_NO_BROADBAND " (the index has no indicator in the "
                                            "Broadband domain; README: \"Adding broadband\")"));
}

gboolean
dxi_pipeline_inputs (dxi_pipeline *p, GError **error)
{
  const dxi_study *s = p->study;
  p->areas = dxi_areas_read (s->areas_file, s->areas_layer, s->code_field, s->name_field, error);
  if (p->areas == NULL)
    return FALSE;
  p->table = dxi_study_build (s, p->areas, p->coverage, p->warnings, error);
  if (p->table == NULL)
    return FALSE;
  input_warnings (p);
  lap (p, "inputs");
  return TRUE;
}

/* The reference areas of `reference: dataset`: REFERENCE_DATASET names another
 * study (relative to this one) whose areas, e.g. every LSOA of England, set
 * the minimum, maximum and ranks each indicator is normalised against.  Its
 * indicators with the same ids give the matrix (n_ref x indicators). */
static double *
reference_values (dxi_pipeline *p, guint *n_ref, GError **error)
{
  const char *name = p->index_settings.reference_dataset;
  g_autofree char *path = g_path_is_absolute (name) ? g_strdup (name) : g_build_filename (p->study->doc->dir, name, NULL);
  g_autoptr (dxi_study) ref = dxi_study_load (path, error);
  g_autoptr (dxi_areas) areas = ref ? dxi_areas_read (ref->areas_file, ref->areas_layer, ref->code_field, ref->name_field, error) : NULL;
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) coverage = g_string_new (NULL);
  g_autoptr (dxi_frame) table = areas ? dxi_study_build (ref, areas, coverage, warnings, error) : NULL;
  if (table == NULL)
    {
      dxi_error_prefix (error, "index reference study '%s': ", path);
      return NULL;
    }
  guint n = dxi_frame_n_rows (table), k = p->study->indicators->len;
  double *values = g_new (double, (gsize) n * k);
  for (guint j = 0; j < k; j++)
    {
      const char *id = ((dxi_study_indicator *) p->study->indicators->pdata[j])->id;
      gint c = dxi_frame_find_column (table, id);
      if (c < 0)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_CONFIG,
                       "index reference study '%s' has no indicator '%s': list the same indicators in both", path, id);
          g_free (values);
          return NULL;
        }
      memcpy (values + (gsize) j * n, dxi_frame_column_data (table, (guint) c), n * sizeof (double));
    }
  g_string_append_printf (p->coverage, "index reference: %u areas of '%s' (%s)\n", n, path, ref->name);
  *n_ref = n;
  return values;
}

gboolean
dxi_pipeline_index (dxi_pipeline *p, GError **error)
{
  const GPtrArray *inds = p->study->indicators;
  guint n = dxi_frame_n_rows (p->table), k = inds->len;
  g_autofree double *reference = NULL;
  guint n_ref = 0;
  if (p->index_settings.reference == DXI_REF_DATASET
      && (reference = reference_values (p, &n_ref, error)) == NULL)
    return FALSE;
  g_autofree double *values = g_new (double, (gsize) n * k);
  g_autofree dxi_index_indicator *spec = g_new0 (dxi_index_indicator, k);
  for (guint j = 0; j < k; j++)
    {
      const dxi_study_indicator *ind = inds->pdata[j];
      spec[j] = (dxi_index_indicator) { ind->id, ind->label, ind->domain, ind->direction, ind->weight };
      const double *col = dxi_frame_column_data (p->table, (guint) dxi_frame_find_column (p->table, ind->id));
      memcpy (values + (gsize) j * n, col, n * sizeof (double));
    }
  const double *pop = dxi_frame_column_data (p->table, (guint) dxi_frame_find_column (p->table, "population"));
  const double *hh = dxi_frame_column_data (p->table, (guint) dxi_frame_find_column (p->table, "households"));
  p->index = dxi_index_compute (values, n, spec, k, pop, hh, reference, n_ref, &p->index_settings, error);
  if (p->index == NULL)
    {
      dxi_error_prefix (error, "%s: index: ", p->study->path);
      return FALSE;
    }
  if (!dxi_index_result_to_frame (p->index, p->table, error))
    return FALSE;
  dxi_index_report (p->index, p->diagnostics);
  /* The index's warnings (diagnostics.txt) among the run's. */
  g_autoptr (GPtrArray) warnings = dxi_index_warnings (p->index);
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (p->warnings, g_strdup_printf ("index: %s", (const char *) warnings->pdata[i]));
  lap (p, "index");
  return TRUE;
}

gboolean
dxi_pipeline_appraise (dxi_pipeline *p, GError **error)
{
  /* The index's draws feed the targeting (joint index + appraisal
   * uncertainty), copied by draw; no later stage needs the index's own. */
  g_autofree guint32 *ranks = p->index && p->scenarios->len ? dxi_index_uncertainty_ranks_by_draw (&p->index->uncertainty)
                                                            : NULL;
  if (p->index)
    dxi_index_uncertainty_drop_ranks (&p->index->uncertainty);
  for (guint i = 0; i < p->scenarios->len; i++)
    {
      dxi_scenario *sc = p->scenarios->pdata[i];
      if (p->options.seed >= 0)
        sc->seed = (guint32) p->options.seed;
      dxi_appraisal *a = dxi_appraise (sc, p->table, p->options.draws, error);
      if (a == NULL)
        {
          dxi_error_prefix (error, "%s: ", sc->path);
          return FALSE;
        }
      g_ptr_array_add (p->appraisals, a);
      if (ranks)
        dxi_appraise_joint (a, ranks, p->index->uncertainty.draws);
      /* Per area, for the maps and areas.csv. */
      g_autofree char *reached = g_strdup_printf ("%s_reached", sc->name);
      g_autofree char *helped = g_strdup_printf ("%s_helped", sc->name);
      g_autofree char *benefit = g_strdup_printf ("%s_pv_benefit", sc->name);
      guint cr = dxi_frame_add_column (p->table, reached), ch = dxi_frame_add_column (p->table, helped);
      guint cb = dxi_frame_add_column (p->table, benefit);
      for (guint r = 0; r < a->n_areas; r++)
        {
          dxi_frame_set (p->table, r, cr, a->area_reached[r]);
          dxi_frame_set (p->table, r, ch, a->area_helped[r]);
          dxi_frame_set (p->table, r, cb, a->area_pv_benefit[r]);
        }
      dxi_appraisal_summary (a, p->summary);
      dxi_appraisal_joint_summary (a, p->table, p->summary);
      dxi_optimum *o = dxi_optimise (a, p->table, p->optimisers->pdata[i], error);
      if (o == NULL)
        return FALSE;
      g_ptr_array_add (p->optima, o);
      dxi_optimum_summary (o, a, p->summary);
    }
  if (p->scenarios->len)
    lap (p, "appraisal");
  return TRUE;
}

const char *
dxi_pipeline_coverage (const dxi_pipeline *p)
{
  return p->coverage->str;
}

const dxi_frame *
dxi_pipeline_table (const dxi_pipeline *p)
{
  return p->table;
}

/* Columns of the map layers: index first, then the totals and indicators
 * (described by their catalogue label and source; the others by fields.h). */
static GArray *
layer_columns (const dxi_pipeline *p)
{
  static const char *const first[] = { "index_score", "index_rank", "index_decile", "index_quintile", "rank_p5",
                                       "rank_median", "rank_p95",   "p_top_decile", NULL };
  static const char *const totals[] = { "population", "households", "adults", "excluded_adults", "mdls_households",
                                        NULL };
  GArray *cols = g_array_new (FALSE, TRUE, sizeof (dxi_layer_column));
  dxi_layer_column c = { 0 };
  for (guint i = 0; first[i]; i++)
    g_array_append_val (cols, ((dxi_layer_column){ .name = first[i] }));
  for (guint k = 0; k < dxi_frame_n_cols (p->table); k++)
    if (g_str_has_prefix (dxi_frame_column_name (p->table, k), "dom_"))
      g_array_append_val (cols, ((dxi_layer_column){ .name = dxi_frame_column_name (p->table, k) }));
  for (guint i = 0; totals[i]; i++)
    g_array_append_val (cols, ((dxi_layer_column){ .name = totals[i] }));
  for (guint i = 0; i < p->study->indicators->len; i++)
    {
      const dxi_study_indicator *ind = p->study->indicators->pdata[i];
      c = (dxi_layer_column){ .name = ind->id, .alias = ind->label, .description = ind->source };
      g_array_append_val (cols, c);
    }
  /* Each scenario's people reached and helped and benefits per area. */
  for (guint k = 0; k < dxi_frame_n_cols (p->table); k++)
    {
      const char *name = dxi_frame_column_name (p->table, k);
      if (g_str_has_suffix (name, "_reached") || g_str_has_suffix (name, "_helped") || g_str_has_suffix (name, "_pv_benefit"))
        g_array_append_val (cols, ((dxi_layer_column){ .name = name }));
    }
  return cols;
}

/* VALUES (one per row of the table) in the order of the map's areas (caller frees). */
static double *
per_area (const dxi_pipeline *p, const double *values)
{
  guint n = dxi_areas_len (p->areas);
  double *out = g_new (double, n);
  for (guint a = 0; a < n; a++)
    {
      gint row = dxi_frame_find_row (p->table, dxi_frame_code (p->areas->frame, a));
      out[a] = row >= 0 ? values[row] : NAN;
    }
  return out;
}

/* A column of the table in the order of the map's areas, or NULL. */
static double *
column_per_area (const dxi_pipeline *p, const char *column)
{
  gint c = dxi_frame_find_column (p->table, column);
  return c < 0 ? NULL : per_area (p, dxi_frame_column_data (p->table, (guint) c));
}

static gboolean
write_print_map (const dxi_pipeline *p, dxi_outdir *out, const dxi_classes *classes, const dxi_credits *credits,
                 GError **error)
{
  guint n = dxi_areas_len (p->areas);
  g_autofree guint *class_of_area = g_new0 (guint, n);
  g_autofree guint *counts = g_new0 (guint, classes->n);
  gint col = dxi_frame_find_column (p->table, classes->column);
  for (guint a = 0; a < n; a++)
    {
      gint row = dxi_frame_find_row (p->table, dxi_frame_code (p->areas->frame, a));
      double k = row >= 0 && col >= 0 ? dxi_frame_get (p->table, (guint) row, (guint) col) : NAN;
      class_of_area[a] = isnan (k) ? 0 : (guint) k;
      if (class_of_area[a] >= 1 && class_of_area[a] <= classes->n)
        counts[class_of_area[a] - 1]++;
    }
  g_autofree char *areas = dxi_classes_areas (classes, n);
  g_autofree char *subtitle = g_strdup_printf ("Digital exclusion risk index, %s: %ss of %s.",
                                               credits->method, classes->noun, areas);
  g_autofree char *legend_title = g_strdup_printf ("Index %s (%s in each)", classes->noun, classes->area_kind);
  g_autofree char *sources = dxi_credits_sources_text (credits);
  g_autofree char *attribution = g_strdup_printf ("Sources: %s. Produced %s with dxi " DXI_VERSION ".\n%s", sources,
                                                  credits->produced, credits->copyright);
  g_autofree char *subject = g_strdup_printf ("%s Sources: %s.", subtitle, sources);
  /* Page 2: the domains' scores and the ranks with their intervals, per area. */
  g_autoptr (GPtrArray) domain_names = g_ptr_array_new ();
  g_autoptr (GPtrArray) domain_scores = g_ptr_array_new_with_free_func (g_free);
  for (guint d = 0; d < p->index->n_dom; d++)
    {
      g_ptr_array_add (domain_names, p->index->dom_name[d]);
      g_ptr_array_add (domain_scores, per_area (p, p->index->domain_score + (gsize) d * p->index->n_areas));
    }
  g_autofree double *rank = column_per_area (p, "index_rank"), *rank_p5 = column_per_area (p, "rank_p5");
  g_autofree double *rank_median = column_per_area (p, "rank_median"), *rank_p95 = column_per_area (p, "rank_p95");
  /* The index's warnings (diagnostics.txt) under the legend. */
  g_autoptr (GPtrArray) warnings = dxi_index_warnings (p->index);
  g_ptr_array_add (warnings, NULL);
  dxi_map_spec spec = {
    .title = p->study->title,
    .subtitle = subtitle,
    .legend_title = legend_title,
    .note = "The rank intervals and their uncertainty are in areas.csv and diagnostics.txt.",
    .attribution = attribution,
    .produced = credits->produced_iso,
    .subject = subject,
    .classes = classes,
    .class_of_area = class_of_area,
    .class_counts = counts,
    .warnings = (const char *const *) warnings->pdata,
    .footnote = without_broadband (p->study) ? DXI_PIPELINE_NO_BROADBAND "." : NULL,
    .n_domains = domain_names->len,
    .domain_names = (const char *const *) domain_names->pdata,
    .domain_scores = (const double *const *) domain_scores->pdata,
    .rank = rank,
    .rank_p5 = rank_p5,
    .rank_median = rank_median,
    .rank_p95 = rank_p95,
  };
  g_autofree char *png = dxi_outdir_path (out, "map.png");
  g_autofree char *pdf = dxi_outdir_path (out, "map.pdf");
  return dxi_map_write (p->areas, &spec, png, pdf, error);
}

/* What every map output shows and says, made once for the layers, the print
 * map and the rasters. */
typedef struct
{
  dxi_classes classes;
  dxi_credits *credits;
  char **metadata; /* the credits as GDAL "KEY=VALUE" items */
} map_style;

static void
map_style_init (map_style *style, const dxi_pipeline *p)
{
  dxi_classes_init (&style->classes, dxi_areas_len (p->areas), p->study->name, p->study->geography);
  style->credits = dxi_credits_new (p->study, &p->index_settings);
  style->metadata = dxi_credits_metadata (style->credits, p->study->title);
}

static void
map_style_clear (map_style *style)
{
  dxi_classes_clear (&style->classes);
  g_clear_pointer (&style->credits, dxi_credits_free);
  g_clear_pointer (&style->metadata, g_strfreev);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (map_style, map_style_clear)

/* The print map as a job beside the other writers (jobs.h): it only reads the
 * pipeline and the style, which outlive it (dxi_jobs_finish). */
typedef struct
{
  const dxi_pipeline *p;
  dxi_outdir *out;
  const map_style *style;
} print_map_job;

static gboolean
run_print_map (gpointer data, GError **error)
{
  const print_map_job *j = data;
  return write_print_map (j->p, j->out, &j->style->classes, j->style->credits, error);
}

/* The per-year appraisal values as a table (key scenario:year). */
static dxi_frame *
appraisal_by_year (const dxi_pipeline *p)
{
  if (p->appraisals->len == 0)
    return NULL;
  dxi_frame *f = dxi_frame_new ("appraisal");
  const char *cols[] = { "year", "discount_factor", "people_reached", "people_helped", "cost_capital", "cost_revenue",
                         "cost_per_person_reached", "optimism_bias", "benefits_direct", "benefits_indirect" };
  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    dxi_frame_add_column (f, cols[c]);
  for (guint k = 0; k < p->appraisals->len; k++)
    {
      const dxi_appraisal *a = p->appraisals->pdata[k];
      guint h = a->n_years;
      for (guint t = 0; t < h; t++)
        {
          int year = a->sc->first_year + (int) t;
          g_autofree char *key = g_strdup_printf ("%s:%d", a->sc->name, year);
          guint r = dxi_frame_add_row (f, key, a->sc->name);
          double reached = 0, helped = 0, direct = 0, indirect = 0;
          for (guint i = 0; i < a->n_iv; i++)
            reached += a->reached[i * h + t], helped += a->helped[i * h + t];
          for (guint s = 0; s < a->n_streams; s++)
            *(((dxi_stream *) a->sc->streams->pdata[s])->direct ? &direct : &indirect) += a->benefit[s * h + t];
          double v[] = { year, a->df[t], reached, helped, a->cost_capital[t], a->cost_revenue[t], a->cost_variable[t],
                         a->cost_optimism[t], direct, indirect };
          for (guint c = 0; c < G_N_ELEMENTS (v); c++)
            dxi_frame_set (f, r, c, v[c]);
        }
    }
  return f;
}

/* Whether the run writes the outputs of FORMAT (--formats). */
static gboolean
wants (const dxi_pipeline *p, dxi_format format)
{
  return p->options.formats == 0 || (p->options.formats & format);
}

static gboolean
write_rasters (const dxi_pipeline *p, dxi_outdir *out, const map_style *style, GError **error)
{
  g_autoptr (GPtrArray) bands = g_ptr_array_new ();
  g_ptr_array_add (bands, (gpointer) "index_score");
  for (guint c = 0; c < dxi_frame_n_cols (p->table); c++)
    if (g_str_has_prefix (dxi_frame_column_name (p->table, c), "dom_"))
      g_ptr_array_add (bands, (gpointer) dxi_frame_column_name (p->table, c));
  g_ptr_array_add (bands, NULL);
  g_autofree char *index_tif = dxi_outdir_path (out, "index.tif");
  g_autofree char *decile_tif = dxi_outdir_path (out, "decile.tif");
  return dxi_raster_write (p->areas, p->table, (const char *const *) bands->pdata, &style->classes,
                           p->study->resolution, (const char *const *) style->metadata, index_tif, decile_tif,
                           p->options.quiet, error);
}

/* The layers; the print map goes to JOBS. */
static gboolean
write_maps (dxi_pipeline *p, dxi_outdir *out, const map_style *style, dxi_jobs *jobs, GError **error)
{
  if (!dxi_areas_transform (p->areas, "EPSG:27700", error))
    return FALSE;
  g_autoptr (GArray) cols = layer_columns (p);
  GArray *fields = dxi_layer_fields (p->table, (const dxi_layer_column *) cols->data, cols->len);
  g_autofree char *gpkg = dxi_outdir_path (out, "wards.gpkg");
  g_autoptr (dxi_frame) by_year = appraisal_by_year (p);
  const char *const *md = (const char *const *) style->metadata;
  print_map_job *map = g_new (print_map_job, 1);
  *map = (print_map_job){ .p = p, .out = out, .style = style };
  if (wants (p, DXI_FORMAT_MAP))
    dxi_jobs_push (jobs, run_print_map, map, g_free);
  else
    g_free (map);
  /* The rasters beside the print map: they are the two longest writers. */
  gboolean ok = (!wants (p, DXI_FORMAT_TIF) || write_rasters (p, out, style, error))
                && (!wants (p, DXI_FORMAT_SHP)
                 || dxi_layers_write_shapefile (p->areas, p->table, fields, &style->classes, md,
                                                dxi_outdir_tmp (out), error))
                && (!wants (p, DXI_FORMAT_GPKG) || dxi_layers_write_gpkg (p->areas, p->table, fields, &style->classes, md, by_year,
                                          "appraisal_by_year", gpkg, error));
  dxi_layer_fields_free (fields);
  return ok;
}

static gboolean
write_tables (dxi_pipeline *p, dxi_outdir *out, GError **error)
{
  g_autofree char *areas_csv = dxi_outdir_path (out, "areas.csv");
  g_autofree char *coverage_txt = dxi_outdir_path (out, "coverage.txt");
  if ((wants (p, DXI_FORMAT_CSV) && !dxi_csv_write_frame (p->table, "code", NULL, areas_csv, error))
      || !dxi_write_file (coverage_txt, p->coverage->str, p->coverage->len, error))
    return FALSE;
  if (p->index)
    {
      g_autofree char *diag = dxi_outdir_path (out, "diagnostics.txt");
      if (!dxi_write_file (diag, p->diagnostics->str, p->diagnostics->len, error))
        return FALSE;
    }
  if (p->appraisals->len && wants (p, DXI_FORMAT_CSV))
    {
      g_autofree char *app = dxi_outdir_path (out, "appraisal.csv");
      g_autofree char *cmp = dxi_outdir_path (out, "compare.csv");
      if (!dxi_write_appraisal_csv (p->appraisals, p->table, app, error) || !dxi_write_compare_csv (p->appraisals, cmp, error))
        return FALSE;
      g_autofree char *opt = dxi_outdir_path (out, "optimise.csv");
      if (!dxi_write_optimise_csv (p->appraisals, p->optima, p->table, opt, error))
        return FALSE;
    }
  if (p->appraisals->len && wants (p, DXI_FORMAT_XLSX))
    {
      for (guint i = 0; i < p->appraisals->len; i++)
        {
          const dxi_appraisal *a = p->appraisals->pdata[i];
          g_autofree char *name = p->appraisals->len == 1 ? g_strdup ("business_case.xlsx")
                                                          : g_strdup_printf ("business_case_%s.xlsx", a->sc->name);
          g_autofree char *path = dxi_outdir_path (out, name);
          if (!dxi_workbook_write (a, p->affordability->pdata[i], p->table, path, error))
            return FALSE;
        }
      if (p->appraisals->len > 1)
        {
          g_autofree char *cmpx = dxi_outdir_path (out, "compare.xlsx");
          if (!dxi_write_compare_xlsx (p->appraisals, cmpx, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The print map on a second core while this thread writes the rasters (the
 * other long writer; GDAL's small block cache keeps the two within the
 * memory the map alone took with the index's), then the layers and tables. */
static gboolean
write_outputs (dxi_pipeline *p, dxi_outdir *out, GError **error)
{
  gboolean maps = p->index != NULL && !p->areas->table; /* a table of areas has no geometry to map */
  g_auto (map_style) style = { 0 };
  if (maps)
    map_style_init (&style, p);
  dxi_jobs *jobs = dxi_jobs_new (dxi_jobs_spare_threads ());
  gboolean ok = (!maps || write_maps (p, out, &style, jobs, error)) && write_tables (p, out, error);
  /* Always wait: no writer may outlive a failure (the folder is then removed). */
  ok = dxi_jobs_finish (jobs, ok ? error : NULL) && ok;
  return ok;
}

/* The folder a run writes: DIR, or outputs/<study name>. */
static char *
output_folder (const dxi_pipeline *p, const char *dir)
{
  g_autofree char *lower = g_ascii_strdown (p->study->name, -1);
  return dir ? g_strdup (dir) : g_build_filename ("outputs", lower, NULL);
}

/* What the run reads, which its output folder must never hold. */
static GPtrArray *
run_inputs (const dxi_pipeline *p)
{
  GPtrArray *inputs = dxi_study_input_files (p->study);
  for (guint i = 0; i < p->scenario_docs->len; i++)
    g_ptr_array_add (inputs, g_strdup (((dxi_ydoc *) p->scenario_docs->pdata[i])->path));
  g_ptr_array_add (inputs, NULL);
  return inputs;
}

static dxi_outdir_options
outdir_options (const dxi_pipeline *p, GPtrArray *inputs)
{
  return (dxi_outdir_options){ .force = p->options.force,
                               .quiet = p->options.quiet,
                               .inputs = (const char *const *) inputs->pdata };
}

gboolean
dxi_pipeline_check_output (dxi_pipeline *p, const char *dir, GError **error)
{
  g_autofree char *target = output_folder (p, dir);
  g_autoptr (GPtrArray) inputs = run_inputs (p);
  dxi_outdir_options options = outdir_options (p, inputs);
  return dxi_outdir_check (target, &options, error);
}

gboolean
dxi_pipeline_write (dxi_pipeline *p, const char *dir, gboolean with_appraisal, GError **error)
{
  (void) with_appraisal;
  g_autofree char *target = output_folder (p, dir);
  g_autoptr (GPtrArray) inputs = run_inputs (p);
  dxi_outdir_options options = outdir_options (p, inputs);
  dxi_outdir *out = dxi_outdir_begin (target, &options, error);
  if (out == NULL)
    return FALSE;
  g_autoptr (dxi_manifest) manifest = dxi_manifest_new ();
  for (guint i = 0; i + 1 < inputs->len; i++)
    g_ptr_array_add (manifest->inputs, g_strdup (inputs->pdata[i]));
  g_ptr_array_add (manifest->settings, g_strdup_printf ("study=%s", p->study->path));
  if (p->index)
    {
      manifest->seed = p->index_settings.seed;
      g_ptr_array_add (manifest->settings,
                       g_strdup_printf ("index.preset=%s", dxi_index_preset_names[p->index_settings.preset]));
      g_ptr_array_add (manifest->settings,
                       g_strdup_printf ("index.normalisation=%s", dxi_normalisation_names[p->index_settings.normalisation]));
      g_ptr_array_add (manifest->settings, g_strdup_printf ("index.draws=%u", p->index_settings.draws));
      g_ptr_array_add (manifest->settings, g_strdup_printf ("index.seed=%u", p->index_settings.seed));
    }
  g_ptr_array_add (manifest->settings, g_strdup_printf ("output.resolution=%g", p->study->resolution));
  gboolean ok = write_outputs (p, out, error);
  lap (p, "write");
  /* Every warning of the inputs, index, appraisal and writers so far. */
  for (guint i = 0; i < p->warnings->len; i++)
    g_ptr_array_add (manifest->warnings, g_strdup (p->warnings->pdata[i]));
  for (guint i = 0; i < p->timings->len; i++)
    g_ptr_array_add (manifest->timings, g_strdup (p->timings->pdata[i]));
  if (ok)
    {
      /* The manifest lists what is in the folder: what marks it as dxi's. */
      g_ptr_array_unref (manifest->outputs);
      manifest->outputs = dxi_outdir_list (out);
    }
  g_autofree char *manifest_path = dxi_outdir_path (out, "manifest.json");
  ok = ok && dxi_manifest_write (manifest, manifest_path, error) && dxi_outdir_commit (out, error);
  if (!ok)
    {
      /* Name the file the user asked for, not its temporary twin. */
      const char *tmp = dxi_outdir_tmp (out);
      if (error && *error && tmp && strstr ((*error)->message, tmp))
        {
          g_auto (GStrv) parts = g_strsplit ((*error)->message, tmp, -1);
          g_free ((*error)->message);
          (*error)->message = g_strjoinv (dxi_outdir_target (out), parts);
        }
      dxi_outdir_abort (out);
      return FALSE;
    }
  if (dxi_outdir_warning (out))
    g_ptr_array_add (p->warnings, g_strdup (dxi_outdir_warning (out)));
  dxi_outdir_free (out);
  return TRUE;
}

void
dxi_pipeline_print_summary (const dxi_pipeline *p)
{
  const dxi_frame *t = p->table;
  gint pop = dxi_frame_find_column (t, "population"), excl = dxi_frame_find_column (t, "excluded_adults");
  gint score = dxi_frame_find_column (t, "index_score"), rank = dxi_frame_find_column (t, "index_rank");
  gint dec = dxi_frame_find_column (t, "index_decile");
  gint p5 = dxi_frame_find_column (t, "rank_p5"), p95 = dxi_frame_find_column (t, "rank_p95");
  printf ("%s: digital exclusion index (%s preset), rank 1 = most excluded\n", p->study->title,
          dxi_index_preset_names[p->index_settings.preset]);
  printf ("%-10s %-28s %7s %5s %6s %11s %10s %10s\n", "code", "name", "score", "rank", "decile", "rank 5-95%",
          "population", "not online");
  /* In rank order. */
  guint n = dxi_frame_n_rows (t);
  g_autofree guint *order = g_new (guint, n);
  for (guint r = 0; r < n; r++)
    order[r] = r;
  for (guint i = 1; rank >= 0 && i < n; i++)
    for (guint j = i; j > 0 && dxi_frame_get (t, order[j - 1], (guint) rank) > dxi_frame_get (t, order[j], (guint) rank); j--)
      {
        guint tmp = order[j];
        order[j] = order[j - 1];
        order[j - 1] = tmp;
      }
  for (guint i = 0; i < n && i < 60; i++)
    {
      guint r = order[i];
      g_autofree char *interval = p5 >= 0 ? g_strdup_printf ("%.0f-%.0f", dxi_frame_get (t, r, (guint) p5),
                                                             dxi_frame_get (t, r, (guint) p95))
                                          : g_strdup ("");
      printf ("%-10s %-28.28s %7.2f %5.0f %6.0f %11s %10.0f %10.0f\n", dxi_frame_code (t, r), dxi_frame_name (t, r),
              score >= 0 ? dxi_frame_get (t, r, (guint) score) : NAN, rank >= 0 ? dxi_frame_get (t, r, (guint) rank) : NAN,
              dec >= 0 ? dxi_frame_get (t, r, (guint) dec) : NAN, interval, dxi_frame_get (t, r, (guint) pop),
              dxi_frame_get (t, r, (guint) excl));
    }
  if (n > 60)
    printf ("... %u more areas in areas.csv\n", n - 60);
  if (p->summary->len)
    {
      printf ("\nAppraisal (Green Book; real %d prices)\n%s", ((dxi_scenario *) p->scenarios->pdata[0])->price_base_year,
              p->summary->str);
    }
  for (guint i = 0; i < p->warnings->len; i++)
    fprintf (stderr, "dxi: warning: %s\n", (const char *) p->warnings->pdata[i]);
}

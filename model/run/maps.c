/* The run's maps: the layers (shapefile, GeoPackage), the print map and the
 * rasters, all drawn from the area table with one style and one set of
 * credits. */
#include <math.h>

#include "appraisal/appraisal.h"
#include "index/diagnostics.h"
#include "run/maps.h"
#include "writers/map.h"
#include "writers/layer-fields.h"
#include "writers/layers.h"
#include "writers/raster.h"

void
dxi_run_map_style_init (dxi_run_map_style *style, const dxi_run *run)
{
  dxi_classes_init (&style->classes, dxi_boundaries_len (run->areas), run->study->name,
                    run->study->geography);
  style->credits = dxi_credits_new (run->study, &run->index_settings);
  style->metadata = dxi_credits_metadata (style->credits, run->study->title);
}

void
dxi_run_map_style_clear (dxi_run_map_style *style)
{
  dxi_classes_clear (&style->classes);
  g_clear_pointer (&style->credits, dxi_credits_free);
  g_clear_pointer (&style->metadata, g_strfreev);
}

/* Columns of the map layers: index first, then the totals and indicators
 * (described by their catalogue label and source; the others by fields.h). */
static GArray *
layer_columns (const dxi_run *run)
{
  static const char *const first[] = { "index_score",    "index_rank",   "index_decile",
                                       "index_quintile", "rank_p5",      "rank_median",
                                       "rank_p95",       "p_top_decile", NULL };
  static const char *const totals[]
      = { "population", "households", "adults", "excluded_adults", "mdls_households", NULL };
  const dxi_frame *t = run->table;
  GArray *cols = g_array_new (FALSE, TRUE, sizeof (dxi_layer_column));
  for (guint i = 0; first[i]; i++)
    g_array_append_val (cols, ((dxi_layer_column){ .name = first[i] }));
  for (guint k = 0; k < dxi_frame_n_cols (t); k++)
    if (g_str_has_prefix (dxi_frame_column_name (t, k), "dom_"))
      g_array_append_val (cols, ((dxi_layer_column){ .name = dxi_frame_column_name (t, k) }));
  for (guint i = 0; totals[i]; i++)
    g_array_append_val (cols, ((dxi_layer_column){ .name = totals[i] }));
  for (guint i = 0; i < run->study->indicators->len; i++)
    {
      const dxi_study_indicator *ind = run->study->indicators->pdata[i];
      dxi_layer_column c = { .name = ind->id, .alias = ind->label, .description = ind->source };
      g_array_append_val (cols, c);
    }
  /* Each scenario's people reached and helped and benefits per area. */
  for (guint k = 0; k < run->area_columns->len; k++)
    g_array_append_val (cols, ((dxi_layer_column){ .name = run->area_columns->pdata[k] }));
  return cols;
}

/* VALUES (one per row of the table) in the order of the map's areas (caller frees). */
static double *
per_area (const dxi_run *run, const double *values)
{
  guint n = dxi_boundaries_len (run->areas);
  double *out = g_new (double, n);
  for (guint a = 0; a < n; a++)
    {
      gint row = dxi_frame_find_row (run->table, dxi_frame_code (run->areas->frame, a));
      out[a] = row >= 0 ? values[row] : NAN;
    }
  return out;
}

/* A column of the table in the order of the map's areas, or NULL. */
static double *
column_per_area (const dxi_run *run, const char *column)
{
  gint c = dxi_frame_find_column (run->table, column);
  return c < 0 ? NULL : per_area (run, dxi_frame_column_data (run->table, (guint) c));
}

/* Each area's class (1..n, 0 none) in CLASS_OF_AREA and the areas in each
 * class in COUNTS. */
static void
classify (const dxi_run *run, const dxi_classes *classes, guint *class_of_area, guint *counts)
{
  guint n = dxi_boundaries_len (run->areas);
  gint col = dxi_frame_find_column (run->table, classes->column);
  for (guint a = 0; a < n; a++)
    {
      gint row = dxi_frame_find_row (run->table, dxi_frame_code (run->areas->frame, a));
      double k = row >= 0 && col >= 0 ? dxi_frame_get (run->table, (guint) row, (guint) col) : NAN;
      class_of_area[a] = isnan (k) ? 0 : (guint) k;
      if (class_of_area[a] >= 1 && class_of_area[a] <= classes->n)
        counts[class_of_area[a] - 1]++;
    }
}

/* The words of the print map, made from the study's credits. */
typedef struct
{
  char *subtitle, *legend_title, *attribution, *subject;
} map_words;

static void
map_words_init (map_words *w, const dxi_classes *classes, const dxi_credits *credits, guint n)
{
  g_autofree char *areas = dxi_classes_areas (classes, n);
  g_autofree char *sources = dxi_credits_sources_text (credits);
  w->subtitle = g_strdup_printf ("Digital exclusion risk index, %s: %ss of %s.", credits->method,
                                 classes->noun, areas);
  w->legend_title = g_strdup_printf ("Index %s (%s in each)", classes->noun, classes->area_kind);
  w->attribution = g_strdup_printf ("Sources: %s. Produced %s with dxi " DXI_VERSION ".\n%s",
                                    sources, credits->produced, credits->copyright);
  w->subject = g_strdup_printf ("%s Sources: %s.", w->subtitle, sources);
}

static void
map_words_clear (map_words *w)
{
  g_free (w->subtitle);
  g_free (w->legend_title);
  g_free (w->attribution);
  g_free (w->subject);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (map_words, map_words_clear)

/* Page 2 of the print map: each domain's name and scores per area (in
 * DOMAIN_NAMES, borrowed, and DOMAIN_SCORES, owned). */
static void
domain_pages (const dxi_run *run, GPtrArray *domain_names, GPtrArray *domain_scores)
{
  for (guint d = 0; d < run->index->n_dom; d++)
    {
      g_ptr_array_add (domain_names, run->index->dom_name[d]);
      g_ptr_array_add (domain_scores,
                       per_area (run, run->index->domain_score + (gsize) d * run->index->n_areas));
    }
}

static gboolean
write_print_map (const dxi_run *run, dxi_outdir *out, const dxi_run_map_style *style,
                 GError **error)
{
  const dxi_classes *classes = &style->classes;
  guint n = dxi_boundaries_len (run->areas);
  g_autofree guint *class_of_area = g_new0 (guint, n);
  g_autofree guint *counts = g_new0 (guint, classes->n);
  classify (run, classes, class_of_area, counts);
  g_auto (map_words) words = { 0 };
  map_words_init (&words, classes, style->credits, n);
  g_autoptr (GPtrArray) domain_names = g_ptr_array_new ();
  g_autoptr (GPtrArray) domain_scores = g_ptr_array_new_with_free_func (g_free);
  domain_pages (run, domain_names, domain_scores);
  g_autofree double *rank = column_per_area (run, "index_rank");
  g_autofree double *rank_p5 = column_per_area (run, "rank_p5");
  g_autofree double *rank_median = column_per_area (run, "rank_median");
  g_autofree double *rank_p95 = column_per_area (run, "rank_p95");
  /* The index's warnings (diagnostics.txt) under the legend. */
  g_autoptr (GPtrArray) warnings = dxi_index_warnings (run->index);
  g_ptr_array_add (warnings, NULL);
  dxi_map_spec spec = {
    .title = run->study->title,
    .subtitle = words.subtitle,
    .legend_title = words.legend_title,
    .note = "The rank intervals and their uncertainty are in areas.csv and diagnostics.txt.",
    .attribution = words.attribution,
    .produced = style->credits->produced_iso,
    .subject = words.subject,
    .classes = classes,
    .class_of_area = class_of_area,
    .class_counts = counts,
    .warnings = (const char *const *) warnings->pdata,
    .footnote = dxi_run_without_broadband (run->study) ? DXI_RUN_NO_BROADBAND "." : NULL,
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
  return dxi_map_write (run->areas, &spec, png, pdf, error);
}

/* The print map as a job beside the other writers (jobs.h): it only reads the
 * run and the style, which outlive it (dxi_jobs_finish). */
typedef struct
{
  const dxi_run *run;
  dxi_outdir *out;
  const dxi_run_map_style *style;
} print_map_job;

static gboolean
run_print_map (gpointer data, GError **error)
{
  const print_map_job *j = data;
  return write_print_map (j->run, j->out, j->style, error);
}

/* The per-year appraisal values as a table (key scenario:year). */
static dxi_frame *
appraisal_by_year (const dxi_run *run)
{
  if (run->appraisals->len == 0)
    return NULL;
  dxi_frame *f = dxi_frame_new ("appraisal");
  const char *cols[] = { "year",
                         "discount_factor",
                         "people_reached",
                         "people_helped",
                         "cost_capital",
                         "cost_revenue",
                         "cost_per_person_reached",
                         "optimism_bias",
                         "benefits_direct",
                         "benefits_indirect" };
  for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
    dxi_frame_add_column (f, cols[c]);
  for (guint k = 0; k < run->appraisals->len; k++)
    {
      const dxi_appraisal *a = run->appraisals->pdata[k];
      guint h = a->n_years;
      for (guint t = 0; t < h; t++)
        {
          int year = a->sc->first_year + (int) t;
          g_autofree char *key = g_strdup_printf ("%s:%d", a->sc->name, year);
          guint r = dxi_frame_add_row (f, key, a->sc->name);
          double v[] = { year,
                         a->df[t],
                         a->year_reached[t],
                         a->year_helped[t],
                         a->cost_capital[t],
                         a->cost_revenue[t],
                         a->cost_variable[t],
                         a->cost_optimism[t],
                         a->year_direct[t],
                         a->year_indirect[t] };
          for (guint c = 0; c < G_N_ELEMENTS (v); c++)
            dxi_frame_set (f, r, c, v[c]);
        }
    }
  return f;
}

gboolean
dxi_run_write_layers (const dxi_run *run, dxi_outdir *out, const dxi_run_map_style *style,
                      dxi_jobs *jobs, GError **error)
{
  if (!dxi_boundaries_transform (run->areas, "EPSG:27700", error))
    return FALSE;
  g_autoptr (GArray) cols = layer_columns (run);
  GArray *fields = dxi_layer_fields (run->table, (const dxi_layer_column *) cols->data, cols->len);
  g_autofree char *gpkg = dxi_outdir_path (out, "wards.gpkg");
  g_autoptr (dxi_frame) by_year = appraisal_by_year (run);
  const char *const *md = (const char *const *) style->metadata;
  print_map_job *map = g_new (print_map_job, 1);
  *map = (print_map_job){ .run = run, .out = out, .style = style };
  if (dxi_run_wants (run, DXI_FORMAT_MAP))
    dxi_jobs_push (jobs, run_print_map, map, g_free);
  else
    g_free (map);
  /* The rasters beside the print map: they are the two longest writers. */
  gboolean ok
      = (!dxi_run_wants (run, DXI_FORMAT_TIF) || dxi_run_write_rasters (run, out, style, error))
        && (!dxi_run_wants (run, DXI_FORMAT_SHP)
            || dxi_layers_write_shapefile (run->areas, run->table, fields, &style->classes, md,
                                           dxi_outdir_tmp (out), error))
        && (!dxi_run_wants (run, DXI_FORMAT_GPKG)
            || dxi_layers_write_gpkg (run->areas, run->table, fields, &style->classes, md, by_year,
                                      "appraisal_by_year", gpkg, error));
  dxi_layer_fields_free (fields);
  return ok;
}

gboolean
dxi_run_write_rasters (const dxi_run *run, dxi_outdir *out, const dxi_run_map_style *style,
                       GError **error)
{
  g_autoptr (GPtrArray) bands = g_ptr_array_new ();
  g_ptr_array_add (bands, (gpointer) "index_score");
  for (guint c = 0; c < dxi_frame_n_cols (run->table); c++)
    if (g_str_has_prefix (dxi_frame_column_name (run->table, c), "dom_"))
      g_ptr_array_add (bands, (gpointer) dxi_frame_column_name (run->table, c));
  g_ptr_array_add (bands, NULL);
  g_autofree char *index_tif = dxi_outdir_path (out, "index.tif");
  g_autofree char *decile_tif = dxi_outdir_path (out, "decile.tif");
  return dxi_raster_write (run->areas, run->table, (const char *const *) bands->pdata,
                           &style->classes, run->study->resolution,
                           (const char *const *) style->metadata, index_tif, decile_tif,
                           run->options.progress, run->options.progress_data, error);
}

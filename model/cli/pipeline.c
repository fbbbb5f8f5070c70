#include "cli/pipeline.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/ydoc.h"
#include "inputs/build.h"
#include "writers/csv.h"
#include "writers/manifest.h"
#include "writers/outdir.h"

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
};

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
  p->study = dxi_study_load (files[0], error);
  if (p->study == NULL)
    return NULL;
  if (files[1] != NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE, "a study is run on its own; '%s' is a second file", files[1]);
      return NULL;
    }
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
  g_free (p);
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
  lap (p, "inputs");
  return TRUE;
}

gboolean
dxi_pipeline_index (dxi_pipeline *p, GError **error)
{
  (void) p;
  (void) error;
  return TRUE;
}

gboolean
dxi_pipeline_appraise (dxi_pipeline *p, GError **error)
{
  (void) p;
  (void) error;
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

static gboolean
write_outputs (dxi_pipeline *p, dxi_outdir *out, dxi_manifest *manifest, GError **error)
{
  g_autofree char *areas_csv = dxi_outdir_path (out, "areas.csv");
  g_autofree char *coverage_txt = dxi_outdir_path (out, "coverage.txt");
  if (!dxi_csv_write_frame (p->table, "code", NULL, areas_csv, error)
      || !dxi_write_file (coverage_txt, p->coverage->str, p->coverage->len, error))
    return FALSE;
  g_ptr_array_add (manifest->outputs, g_strdup ("areas.csv"));
  g_ptr_array_add (manifest->outputs, g_strdup ("coverage.txt"));
  return TRUE;
}

gboolean
dxi_pipeline_write (dxi_pipeline *p, const char *dir, gboolean with_appraisal, GError **error)
{
  (void) with_appraisal;
  g_autofree char *lower = g_ascii_strdown (p->study->name, -1);
  g_autofree char *target = dir ? g_strdup (dir) : g_build_filename ("outputs", lower, NULL);
  dxi_outdir *out = dxi_outdir_begin (target, error);
  if (out == NULL)
    return FALSE;
  g_autoptr (dxi_manifest) manifest = dxi_manifest_new ();
  g_autoptr (GPtrArray) inputs = dxi_study_input_files (p->study);
  for (guint i = 0; i < inputs->len; i++)
    g_ptr_array_add (manifest->inputs, g_strdup (inputs->pdata[i]));
  for (guint i = 0; i < p->warnings->len; i++)
    g_ptr_array_add (manifest->warnings, g_strdup (p->warnings->pdata[i]));
  g_ptr_array_add (manifest->settings, g_strdup_printf ("study=%s", p->study->path));
  gboolean ok = write_outputs (p, out, manifest, error);
  lap (p, "write");
  for (guint i = 0; i < p->timings->len; i++)
    g_ptr_array_add (manifest->timings, g_strdup (p->timings->pdata[i]));
  g_autofree char *manifest_path = dxi_outdir_path (out, "manifest.json");
  ok = ok && dxi_manifest_write (manifest, manifest_path, error) && dxi_outdir_commit (out, error);
  if (!ok)
    {
      dxi_outdir_abort (out);
      return FALSE;
    }
  dxi_outdir_free (out);
  return TRUE;
}

void
dxi_pipeline_print_summary (const dxi_pipeline *p)
{
  const dxi_frame *t = p->table;
  gint pop = dxi_frame_find_column (t, "population");
  gint excl = dxi_frame_find_column (t, "excluded_adults");
  printf ("%-10s %-32s %10s %10s\n", "code", "name", "population", "not online");
  for (guint r = 0; r < dxi_frame_n_rows (t); r++)
    printf ("%-10s %-32s %10.0f %10.0f\n", dxi_frame_code (t, r), dxi_frame_name (t, r), dxi_frame_get (t, r, (guint) pop),
            dxi_frame_get (t, r, (guint) excl));
  for (guint i = 0; i < p->warnings->len; i++)
    fprintf (stderr, "dxi: warning: %s\n", (const char *) p->warnings->pdata[i]);
}

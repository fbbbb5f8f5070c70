/* Every output of a run into its temporary folder: the tables, the
 * workbooks, and the maps when there are areas to draw. */
#include "appraisal/appraisal.h"
#include "run/maps.h"
#include "run/run-private.h"
#include "writers/csv.h"
#include "writers/results.h"
#include "writers/workbook.h"

/* The scenarios' tables: appraisal, comparison and optimisation CSVs, one
 * business case per scenario, and compare.xlsx when there are several. */
static gboolean
write_appraisal_tables (const dxi_run *run, dxi_outdir *out, GError **error)
{
  GPtrArray *apps = run->appraisals;
  g_autofree char *app = dxi_outdir_path (out, "appraisal.csv");
  g_autofree char *cmp = dxi_outdir_path (out, "compare.csv");
  g_autofree char *opt = dxi_outdir_path (out, "optimise.csv");
  if (dxi_run_wants (run, DXI_FORMAT_CSV)
      && (!dxi_results_write_appraisal_csv (apps, run->table, app, error)
          || !dxi_results_write_compare_csv (apps, cmp, error)
          || !dxi_results_write_optimise_csv (apps, run->optima, run->table, opt, error)))
    return FALSE;
  if (!dxi_run_wants (run, DXI_FORMAT_XLSX))
    return TRUE;
  for (guint i = 0; i < apps->len; i++)
    {
      const dxi_appraisal *a = apps->pdata[i];
      g_autofree char *name = apps->len == 1
                                  ? g_strdup ("business_case.xlsx")
                                  : g_strdup_printf ("business_case_%s.xlsx", a->sc->name);
      g_autofree char *path = dxi_outdir_path (out, name);
      if (!dxi_workbook_write (a, a->sc->affordability, run->table, path, error))
        return FALSE;
    }
  g_autofree char *cmpx = dxi_outdir_path (out, "compare.xlsx");
  return apps->len < 2 || dxi_results_write_compare_xlsx (apps, cmpx, error);
}

static gboolean
write_tables (const dxi_run *run, dxi_outdir *out, GError **error)
{
  g_autofree char *areas_csv = dxi_outdir_path (out, "areas.csv");
  g_autofree char *coverage_txt = dxi_outdir_path (out, "coverage.txt");
  if ((dxi_run_wants (run, DXI_FORMAT_CSV)
       && !dxi_csv_write_frame (run->table, "code", NULL, areas_csv, error))
      || !dxi_write_file (coverage_txt, run->coverage->str, run->coverage->len, error))
    return FALSE;
  g_autofree char *diag = dxi_outdir_path (out, "diagnostics.txt");
  if (run->index && !dxi_write_file (diag, run->diagnostics->str, run->diagnostics->len, error))
    return FALSE;
  return run->appraisals->len == 0 || write_appraisal_tables (run, out, error);
}

gboolean
dxi_run_wants (const dxi_run *run, guint format)
{
  return run->options.formats == 0 || (run->options.formats & format);
}

/* The print map on a second core while this thread writes the rasters (the
 * other long writer; GDAL's small block cache keeps the two within the
 * memory the map alone took with the index's), then the layers and tables. */
gboolean
dxi_run_write_outputs (dxi_run *run, dxi_outdir *out, GError **error)
{
  gboolean maps = run->index != NULL && !run->areas->table; /* a table of areas has no geometry */
  g_auto (dxi_run_map_style) style = { 0 };
  if (maps)
    dxi_run_map_style_init (&style, run);
  dxi_jobs *jobs = dxi_jobs_new (dxi_jobs_spare_threads ());
  gboolean ok = (!maps || dxi_run_write_layers (run, out, &style, jobs, error))
                && write_tables (run, out, error);
  /* Always wait: no writer may outlive a failure (the folder is then removed). */
  return dxi_jobs_finish (jobs, ok ? error : NULL) && ok;
}

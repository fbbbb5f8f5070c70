/* The run's output folder and its manifest. */
#include <glib.h>

#include "config/scenario.h"
#include "run/run-private.h"
#include "writers/manifest.h"
#include "writers/outdir.h"

/* The folder a run writes: DIR, or outputs/<study name>. */
static char *
output_folder (const dxi_run *run, const char *dir)
{
  g_autofree char *lower = g_ascii_strdown (run->study->name, -1);
  return dir ? g_strdup (dir) : g_build_filename ("outputs", lower, NULL);
}

/* What the run reads, which its output folder must never hold (NULL-terminated). */
static GPtrArray *
run_inputs (const dxi_run *run)
{
  GPtrArray *inputs = dxi_study_input_files (run->study);
  for (guint i = 0; i < run->scenarios->len; i++)
    g_ptr_array_add (inputs, g_strdup (((dxi_scenario *) run->scenarios->pdata[i])->path));
  g_ptr_array_add (inputs, NULL);
  return inputs;
}

static dxi_outdir_options
outdir_options (const dxi_run *run, GPtrArray *inputs)
{
  return (dxi_outdir_options){ .force = run->options.force,
                               .waiting = run->options.waiting,
                               .waiting_data = run->options.waiting_data,
                               .inputs = (const char *const *) inputs->pdata };
}

gboolean
dxi_run_check_output (const dxi_run *run, const char *dir, GError **error)
{
  g_autofree char *target = output_folder (run, dir);
  g_autoptr (GPtrArray) inputs = run_inputs (run);
  dxi_outdir_options options = outdir_options (run, inputs);
  return dxi_outdir_check (target, &options, error);
}

/* The manifest's inputs (INPUTS, NULL-terminated) and settings. */
static dxi_manifest *
manifest_new (const dxi_run *run, const GPtrArray *inputs)
{
  dxi_manifest *m = dxi_manifest_new ();
  for (guint i = 0; i + 1 < inputs->len; i++)
    g_ptr_array_add (m->inputs, g_strdup (inputs->pdata[i]));
  g_ptr_array_add (m->settings, g_strdup_printf ("study=%s", run->study->path));
  if (run->index)
    {
      const dxi_index_settings *s = &run->index_settings;
      m->seed = s->seed;
      g_ptr_array_add (m->settings,
                       g_strdup_printf ("index.preset=%s", dxi_index_preset_names[s->preset]));
      g_ptr_array_add (m->settings, g_strdup_printf ("index.normalisation=%s",
                                                     dxi_normalisation_names[s->normalisation]));
      g_ptr_array_add (m->settings, g_strdup_printf ("index.draws=%u", s->draws));
      g_ptr_array_add (m->settings, g_strdup_printf ("index.seed=%u", s->seed));
    }
  g_ptr_array_add (m->settings, g_strdup_printf ("output.resolution=%g", run->study->resolution));
  return m;
}

static void
copy_strings (GPtrArray *to, const GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (from->pdata[i]));
}

/* Every output, then manifest.json listing them: the files the temporary
 * folder holds once the writers are done, which is what marks the folder as
 * dxi's (outdir.h). */
static gboolean
write_all (dxi_run *run, dxi_outdir *out, dxi_manifest *manifest, GError **error)
{
  gboolean ok = dxi_run_write_outputs (run, out, error);
  dxi_run_lap (run, "write");
  /* Every warning of the inputs, index, appraisal and writers so far. */
  copy_strings (manifest->warnings, run->warnings);
  copy_strings (manifest->timings, run->timings);
  if (!ok)
    return FALSE;
  g_ptr_array_unref (manifest->outputs);
  manifest->outputs = dxi_outdir_list (out);
  g_autofree char *manifest_path = dxi_outdir_path (out, "manifest.json");
  return dxi_manifest_write (manifest, manifest_path, error);
}

gboolean
dxi_run_write (dxi_run *run, const char *dir, GError **error)
{
  g_autofree char *target = output_folder (run, dir);
  g_autoptr (GPtrArray) inputs = run_inputs (run);
  dxi_outdir_options options = outdir_options (run, inputs);
  dxi_outdir *out = dxi_outdir_begin (target, &options, error);
  if (out == NULL)
    return FALSE;
  g_autoptr (dxi_manifest) manifest = manifest_new (run, inputs);
  if (!write_all (run, out, manifest, error))
    {
      dxi_outdir_explain_failure (out, error);
      dxi_outdir_abort (out);
      return FALSE;
    }
  if (!dxi_outdir_commit (out, error))
    {
      dxi_outdir_abort (out);
      return FALSE;
    }
  if (dxi_outdir_warning (out))
    g_ptr_array_add (run->warnings, g_strdup (dxi_outdir_warning (out)));
  dxi_outdir_free (out);
  g_ptr_array_set_size (run->outputs, 0);
  copy_strings (run->outputs, manifest->outputs);
  run->folder = g_strdup (target);
  run->result.folder = run->folder;
  return TRUE;
}

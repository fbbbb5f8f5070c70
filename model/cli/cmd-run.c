/* dxi run and dxi index: the whole run, or the index only. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/pipeline.h"
#include "core/error.h"

int
dxi_cli_run (int argc, char **argv, const char *name, const char *params, const char *summary, gboolean appraise)
{
  gboolean quiet = FALSE, force = FALSE;
  char *out = NULL;
  gint64 seed = -1, draws = -1;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "output folder (default outputs/<study name>)", "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "random seed (overrides the files)", "N" },
    { "draws", 0, 0, G_OPTION_ARG_INT64, &draws, "Monte Carlo draws (overrides the files)", "N" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "no progress or summary", NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      "replace the output folder even though dxi did not write it (never one holding the run's inputs)", NULL },
    { NULL },
  };
  if (!dxi_cli_parse (name, params, summary, entries, &argc, &argv))
    return DXI_EXIT_USAGE;
  g_autofree char *dir = out;
  if (argc < 2)
    {
      fprintf (stderr, "dxi %s: name %s\ntry 'dxi help %s'\n", name, params, name);
      return DXI_EXIT_USAGE;
    }
  dxi_pipeline_options options = { .quiet = quiet, .seed = seed, .draws = draws, .force = force };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_pipeline) p = dxi_pipeline_new (argv + 1, &options, &error);
  if (p == NULL || !dxi_pipeline_check_output (p, dir, &error) || !dxi_pipeline_inputs (p, &error)
      || !dxi_pipeline_index (p, &error) || (appraise && !dxi_pipeline_appraise (p, &error)) || !dxi_pipeline_write (p, dir, appraise, &error))
    return dxi_cli_fail (error);
  if (!quiet)
    dxi_pipeline_print_summary (p);
  return DXI_EXIT_OK;
}

int
dxi_cmd_run (int argc, char **argv)
{
  return dxi_cli_run (argc, argv, "run", "STUDY.yaml | SCENARIO.yaml...",
                      "Run a study (the index) or scenarios that name one study (index and appraisal, compared "
                      "side by side) and write every output to the folder, atomically.",
                      TRUE);
}

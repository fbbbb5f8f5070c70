/* dxi check: validate configuration and data, report every join; no outputs. */
#include <stdio.h>

#include "cli/cli.h"
#include "core/error.h"

int
dxi_cmd_check (int argc, char **argv)
{
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "print only problems", NULL },
    { NULL },
  };
  if (!dxi_cli_parse ("check", "STUDY.yaml | SCENARIO.yaml...",
                      "Check a study or scenarios: read every file, join every table to the areas "
                      "and print the "
                      "coverage report. Writes nothing.",
                      entries, &argc, &argv))
    return DXI_EXIT_USAGE;
  if (argc < 2)
    {
      fprintf (stderr, "dxi check: name a study or scenario file\ntry 'dxi help check'\n");
      return DXI_EXIT_USAGE;
    }
  dxi_run_options options = { .seed = -1, .draws = -1 };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_run) p = dxi_run_new (argv + 1, &options, &error);
  if (p == NULL || !dxi_run_inputs (p, &error))
    return dxi_cli_fail (error);
  if (!quiet)
    fputs (dxi_run_get_result (p)->coverage, stdout);
  return DXI_EXIT_OK;
}

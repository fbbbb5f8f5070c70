/* dxi run and dxi index: the whole run, or the index only. */
#include <stdio.h>

#include "config/scenario.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/progress.h"
#include "index/settings.h"
#include "inputs/study.h"
#include "writers/formats.h"

/* TEXT of option --OPTION (NULL: not given, *OUT kept) as a whole number from
 * 0 to MAX; FALSE after printing a usage error saying the range. */
static gboolean
parse_bounded (const char *cmd, const char *option, const char *text, guint64 max, gint64 *out)
{
  guint64 v;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &v, NULL))
    {
      fprintf (stderr,
               "dxi %s: --%s must be a whole number from 0 to %" G_GUINT64_FORMAT
               ", found '%s'\ntry 'dxi help %s'\n",
               cmd, option, max, text, cmd);
      return FALSE;
    }
  *out = (gint64) v;
  return TRUE;
}

/* TEXT of --resolution (NULL: not given, *OUT kept) as metres per cell from
 * DXI_RESOLUTION_MIN to DXI_RESOLUTION_MAX; FALSE after printing a usage
 * error saying the range. */
static gboolean
parse_resolution (const char *cmd, const char *text, double *out)
{
  if (text == NULL)
    return TRUE;
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(v >= DXI_RESOLUTION_MIN && v <= DXI_RESOLUTION_MAX))
    {
      fprintf (stderr,
               "dxi %s: --resolution must be a number of metres from %g to %g, found '%s'\ntry "
               "'dxi help %s'\n",
               cmd, DXI_RESOLUTION_MIN, DXI_RESOLUTION_MAX, text, cmd);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static void
say_waiting (const char *folder, gpointer data)
{
  (void) data;
  fprintf (stderr, "dxi: another dxi run is writing '%s'; waiting for it to finish\n", folder);
}

/* The whole run into DIR, its progress on stderr unless QUIET; then what it
 * found on stdout and its warnings on stderr. */
static int
run_and_print (char **files, const char *dir, dxi_run_options *options, gboolean quiet)
{
  dxi_progress_bar bar;
  dxi_progress_bar_init (&bar, stderr);
  if (!quiet)
    {
      options->progress = dxi_progress_bar_update, options->progress_data = &bar;
      options->waiting = say_waiting;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_run) run = dxi_run_files (files, dir, options, &error);
  if (run == NULL)
    return dxi_cli_fail (error);
  if (!quiet)
    {
      dxi_cli_print_summary (dxi_run_get_result (run));
      dxi_cli_print_warnings (dxi_run_get_result (run));
    }
  return DXI_EXIT_OK;
}

int
dxi_cli_run (int argc, char **argv, const char *name, const char *params, const char *summary,
             gboolean appraise)
{
  gboolean quiet = FALSE, force = FALSE;
  char *out = NULL;
  gint64 seed = -1, draws = -1;
  char *seed_text = NULL, *draws_text = NULL, *resolution_text = NULL, *formats_text = NULL;
  double resolution = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "output folder (default outputs/<study name>)",
      "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, "random seed (overrides the files)", "N" },
    { "draws", 0, 0, G_OPTION_ARG_STRING, &draws_text, "Monte Carlo draws (overrides the files)",
      "N" },
    { "resolution", 0, 0, G_OPTION_ARG_STRING, &resolution_text,
      "metres per cell of index.tif and decile.tif, 1 to 10000 (overrides the study's "
      "output.resolution)",
      "M" },
    { "formats", 0, 0, G_OPTION_ARG_STRING, &formats_text,
      "write only these outputs, separated by commas: " DXI_FORMAT_NAMES " (default: all)",
      "LIST" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "no progress or summary", NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      "replace the output folder even though dxi did not write it (never one holding the run's "
      "inputs)",
      NULL },
    { NULL },
  };
  if (!dxi_cli_parse (name, params, summary, entries, &argc, &argv))
    return DXI_EXIT_USAGE;
  g_autofree char *dir = out;
  g_autofree char *seed_owned = seed_text, *draws_owned = draws_text,
                  *resolution_owned = resolution_text;
  g_autofree char *formats_owned = formats_text;
  guint formats = 0;
  g_autoptr (GError) formats_error = NULL;
  if (formats_text && !dxi_formats_parse (formats_text, &formats, &formats_error))
    {
      fprintf (stderr, "dxi %s: %s\ntry 'dxi help %s'\n", name, formats_error->message, name);
      return DXI_EXIT_USAGE;
    }
  /* They override the index's uncertainty settings and every scenario's
   * monte_carlo, so the limits of both apply. */
  if (!parse_bounded (name, "seed", seed_text, MIN (DXI_INDEX_SEED_MAX, DXI_SCENARIO_SEED_MAX),
                      &seed)
      || !parse_bounded (name, "draws", draws_text,
                         MIN (DXI_INDEX_DRAWS_MAX, DXI_SCENARIO_DRAWS_MAX), &draws)
      || !parse_resolution (name, resolution_text, &resolution))
    return DXI_EXIT_USAGE;
  if (argc < 2)
    {
      fprintf (stderr, "dxi %s: name %s\ntry 'dxi help %s'\n", name, params, name);
      return DXI_EXIT_USAGE;
    }
  dxi_run_options options = { .seed = seed,
                              .draws = draws,
                              .resolution = resolution,
                              .force = force,
                              .formats = formats,
                              .appraise = appraise };
  return run_and_print (argv + 1, dir, &options, quiet);
}

int
dxi_cmd_run (int argc, char **argv)
{
  return dxi_cli_run (
      argc, argv, "run", "STUDY.yaml | SCENARIO.yaml...",
      "Run a study (the index) or scenarios that name one study (index and appraisal, compared "
      "side by side) and write every output to the folder, atomically.",
      TRUE);
}

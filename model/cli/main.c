/* dxi: where residents are most at risk of digital exclusion, and what an
 * inclusion programme would return.  `dxi help` lists the commands. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "core/suggest.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} command;

static const command commands[] = {
  { "new", dxi_cmd_new,
    "write a ready study for any council of England and Wales from the bundled data" },
  { "check", dxi_cmd_check, "validate a study or scenarios and report every join; writes nothing" },
  { "index", dxi_cmd_index, "compute the digital exclusion index of a study into a folder" },
  { "run", dxi_cmd_run, "index, appraise scenarios and write maps, tables and the business case" },
};

static void
usage (FILE *out)
{
  fprintf (out,
           "usage: dxi COMMAND [OPTIONS] FILE...\n\n"
           "Digital exclusion index per ward and a Green Book appraisal of inclusion spending.\n\n"
           "commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-7s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "  help    show help for a command: dxi help run\n\n"
                "options:\n  -h, --help     show this help\n  -V, --version  show the version\n\n"
                "exit status: 0 success, 1 a problem in the data or the run, 2 a usage error\n");
}

int
dxi_cli_fail (const GError *error)
{
  fprintf (stderr, "dxi: %s\n", error->message);
  if (error->domain == DXI_ERROR && error->code == DXI_ERROR_USAGE)
    return DXI_EXIT_USAGE;
  return DXI_EXIT_FAILURE;
}

gboolean
dxi_cli_parse (const char *name, const char *params, const char *summary,
               const GOptionEntry *entries, int *argc, char ***argv)
{
  g_autofree char *prgname = g_strdup_printf ("dxi %s", name);
  g_set_prgname (prgname);
  g_autoptr (GOptionContext) ctx = g_option_context_new (params);
  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_autoptr (GError) error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      fprintf (stderr, "dxi %s: %s\ntry 'dxi help %s'\n", name, error->message, name);
      return FALSE;
    }
  return TRUE;
}

static const command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* Past a file size limit, fail the write (EFBIG) and clean up rather than
   * die with the output half written. */
  signal (SIGXFSZ, SIG_IGN);
  setlocale (LC_NUMERIC, "C");
  if (argc < 2)
    {
      usage (stderr);
      return DXI_EXIT_USAGE;
    }
  const char *name = argv[1];
  if (g_str_equal (name, "-h") || g_str_equal (name, "--help"))
    {
      usage (stdout);
      return DXI_EXIT_OK;
    }
  if (g_str_equal (name, "-V") || g_str_equal (name, "--version"))
    {
      printf ("dxi %s\n", DXI_VERSION);
      return DXI_EXIT_OK;
    }
  if (g_str_equal (name, "help"))
    {
      if (argc < 3)
        {
          usage (stdout);
          return DXI_EXIT_OK;
        }
      const command *cmd = find_command (argv[2]);
      if (cmd == NULL)
        {
          fprintf (stderr, "dxi: unknown command '%s'\n", argv[2]);
          return DXI_EXIT_USAGE;
        }
      char *help_argv[] = { argv[0], (char *) cmd->name, (char *) "--help", NULL };
      return cmd->run (3, help_argv);
    }
  const command *cmd = find_command (name);
  if (cmd == NULL)
    {
      static const char *const names[] = { "check", "index", "run", "help", NULL };
      const char *near = dxi_suggest (name, names);
      fprintf (stderr, "dxi: unknown command '%s'%s%s%s\n", name, near ? " (did you mean '" : "",
               near ? near : "", near ? "'?)" : "");
      usage (stderr);
      return DXI_EXIT_USAGE;
    }
  return cmd->run (argc - 1, argv + 1);
}

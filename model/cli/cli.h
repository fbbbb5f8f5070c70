/* The dxi command line: one file per subcommand, each parsing its options and
 * calling the library (run/run.h) and printing what it returns: argv,
 * printing and exit codes only.  Each returns a DXI_EXIT_* code. */
#pragma once
#include <glib.h>

#include "run/run.h"

int dxi_cmd_check (int argc, char **argv);
int dxi_cmd_index (int argc, char **argv);
int dxi_cmd_run (int argc, char **argv);
int dxi_cmd_new (int argc, char **argv);

/* dxi run / dxi index: parse options, run the pipeline (with the appraisal
 * when APPRAISE), write the outputs. */
int dxi_cli_run (int argc, char **argv, const char *name, const char *params, const char *summary,
                 gboolean appraise);

/* Print ERROR as "dxi: message" and return the exit code it maps to. */
int dxi_cli_fail (const GError *error);
/* Parse ARGV with ENTRIES for subcommand NAME; FALSE (after printing the
 * problem and a hint) on a usage error. */
gboolean dxi_cli_parse (const char *name, const char *params, const char *summary,
                        const GOptionEntry *entries, int *argc, char ***argv);

/* summary.c: the index table in rank order and the appraisal's summaries
 * on stdout; the run's warnings on stderr. */
void dxi_cli_print_summary (const dxi_run_result *result);
void dxi_cli_print_warnings (const dxi_run_result *result);

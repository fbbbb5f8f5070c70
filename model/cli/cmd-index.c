/* dxi index: the digital exclusion index of a study, written to a folder. */
#include "cli/cli.h"

int
dxi_cmd_index (int argc, char **argv)
{
  return dxi_cli_run (
      argc, argv, "index", "STUDY.yaml",
      "Compute the digital exclusion index and write areas.csv, coverage.txt, diagnostics.txt, "
      "the maps and manifest.json to the output folder, atomically.",
      FALSE);
}

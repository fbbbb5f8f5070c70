/* The study parser: the text of a study.yaml, written to a private folder
 * that links to the repository's indicators/, data/, scenarios/ and tests/,
 * so the catalogue and rates it names (indicators/catalogue.yaml, ...) load
 * and parsing goes past them into lookups, datasets, counts, indicators and
 * the index settings. */
#include <unistd.h>

#include "common.h"
#include "index/settings.h"
#include "inputs/study.h"

static void
link_source_dirs (void)
{
  static const char *const dirs[] = { "indicators", "data", "scenarios", "tests", NULL };
  for (guint i = 0; dirs[i]; i++)
    {
      g_autofree char *target = g_build_filename (DXI_SOURCE_DIR, dirs[i], NULL);
      g_autofree char *link = g_build_filename (fuzz_tmp_dir (), dirs[i], NULL);
      if (symlink (target, link) != 0)
        g_error ("fuzz-study: cannot link '%s'", link);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean linked;
  if (!linked)
    {
      link_source_dirs ();
      linked = TRUE;
    }
  const char *path = fuzz_write_file ("study.yaml", data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_study) study = dxi_study_load (path, &error);
  if (study == NULL)
    return fuzz_report ("study", error);
  dxi_index_settings settings;
  dxi_index_settings_copy (&settings, &study->index);
  dxi_index_settings_clear (&settings);
  g_ptr_array_unref (dxi_study_input_files (study));
  for (guint i = 0; i < study->datasets->len; i++)
    dxi_study_find_dataset (study, ((dxi_study_dataset *) study->datasets->pdata[i])->id);
  return fuzz_report ("study", error);
}

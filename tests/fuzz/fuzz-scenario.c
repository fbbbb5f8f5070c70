/* The scenario parser: the text of a scenario, read with the repository's
 * benefit library, or with a library of its own after a "====" line
 * (scenario, then library), so both documents are fuzzed. */
#include "config/scenario.h"
#include "core/ydoc.h"
#include "common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static dxi_ydoc *library;
  if (library == NULL)
    {
      g_autoptr (GError) error = NULL;
      library = dxi_ydoc_load (DXI_SOURCE_DIR "/scenarios/benefits.yaml", &error);
      if (library == NULL)
        g_error ("fuzz-scenario: %s", error->message);
    }
  g_autofree char *head = NULL;
  const uint8_t *body = NULL;
  size_t body_size = 0;
  gboolean split = fuzz_split (data, size, &head, &body, &body_size);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_ydoc) own_library = NULL;
  if (split)
    {
      own_library = dxi_ydoc_load_string (DXI_SOURCE_DIR "/scenarios/benefits.yaml", (const char *) body,
                                          (gssize) body_size, &error);
      if (own_library == NULL)
        return fuzz_report ("scenario", error);
    }
  g_autoptr (dxi_ydoc) doc
      = dxi_ydoc_load_string (DXI_SOURCE_DIR "/scenarios/trafford/fuzz.yaml", split ? head : (const char *) data,
                              split ? -1 : (gssize) size, &error);
  if (doc == NULL)
    return fuzz_report ("scenario", error);
  g_free (dxi_scenario_study_path (doc, NULL));
  g_free (dxi_scenario_library_path (doc, NULL));
  dxi_scenario_free (dxi_scenario_from_yaml (doc, split ? own_library : library, &error));
  return fuzz_report ("scenario", error);
}

/* Replay inputs through a fuzz target without libFuzzer: each argument is a
 * file, or a folder whose files (not README*) are each run once.  Built with
 * the normal compiler for make check; a crash or a sanitizer report fails. */
#include <stdio.h>

#include "common.h"

static int
replay_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr (GError) error = NULL;
  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return 1;
    }
  /* A copy of exactly LEN bytes, so reading past the input is caught. */
  g_autofree uint8_t *input = fuzz_copy ((const uint8_t *) data, len);
  LLVMFuzzerTestOneInput (input, len);
  printf ("replayed %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
  return 0;
}

int
main (int argc, char **argv)
{
  int failed = 0;
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE|DIR...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          failed |= replay_file (argv[i]);
          continue;
        }
      g_autoptr (GDir) dir = g_dir_open (argv[i], 0, NULL);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)) != NULL)
        if (!g_str_has_prefix (name, "README"))
          g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      for (guint j = 0; j < names->len; j++)
        failed |= replay_file (names->pdata[j]);
    }
  return failed;
}

#include "common.h"

#include <cpl_error.h>
#include <gdal.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ydoc.h"
#include "../unit/table-spec.h"

static char *tmp_dir;

static void
remove_tmp_dir (void)
{
  GDir *dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_unlink (path);
    }
  if (dir)
    g_dir_close (dir);
  g_rmdir (tmp_dir);
}

const char *
fuzz_tmp_dir (void)
{
  if (tmp_dir == NULL)
    {
      g_autoptr (GError) error = NULL;
      tmp_dir = g_dir_make_tmp ("dxi-fuzz-XXXXXX", &error);
      if (tmp_dir == NULL)
        g_error ("fuzz: %s", error->message);
      atexit (remove_tmp_dir);
    }
  return tmp_dir;
}

const char *
fuzz_write_file (const char *name, const uint8_t *data, size_t size)
{
  /* One path per name, kept for the life of the process. */
  static GHashTable *paths;
  if (paths == NULL)
    paths = g_hash_table_new (g_str_hash, g_str_equal);
  char *path = g_hash_table_lookup (paths, name);
  if (path == NULL)
    {
      path = g_build_filename (fuzz_tmp_dir (), name, NULL);
      g_hash_table_insert (paths, g_strdup (name), path);
    }
  /* Plain stdio: g_file_set_contents's write-and-rename is slower per run. */
  FILE *f = fopen (path, "wb");
  if (f == NULL || (size > 0 && fwrite (data, 1, size, f) != size) || fclose (f) != 0)
    g_error ("fuzz: cannot write '%s'", path);
  return path;
}

void
fuzz_gdal_init (void)
{
  static gboolean done;
  if (!done)
    {
      GDALAllRegister ();
      CPLSetErrorHandler (CPLQuietErrorHandler);
      done = TRUE;
    }
}

gboolean
fuzz_split (const uint8_t *data, size_t size, char **head, const uint8_t **body, size_t *body_size)
{
  static const char sep[] = "\n====\n";
  const size_t n = sizeof sep - 1;
  for (size_t i = 0; i + n <= size; i++)
    if (memcmp (data + i, sep, n) == 0)
      {
        *head = g_strndup ((const char *) data, i + 1);
        *body = data + i + n;
        *body_size = size - i - n;
        return TRUE;
      }
  return FALSE;
}

int
fuzz_report (const char *target, const GError *error)
{
  static int verbose = -1;
  if (verbose < 0)
    verbose = g_getenv ("DXI_FUZZ_VERBOSE") != NULL;
  if (verbose)
    fprintf (stderr, "%s: %s\n", target, error ? error->message : "ok");
  return 0;
}

uint8_t *
fuzz_copy (const uint8_t *data, size_t size)
{
  uint8_t *copy = g_malloc (size > 0 ? size : 1);
  if (size > 0)
    memcpy (copy, data, size);
  return copy;
}

dxi_table_spec *
fuzz_table_spec (const char *target, const uint8_t *data, size_t size, const uint8_t **body, size_t *body_size)
{
  g_autofree char *head = NULL;
  if (!fuzz_split (data, size, &head, body, body_size))
    return NULL;
  static const char *const extra[] = { "geography", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_ydoc) doc = dxi_ydoc_load_string ("fuzz/spec.yaml", head, -1, &error);
  dxi_table_spec *spec = doc ? table_spec_from_yaml (doc->root, extra, &error) : NULL;
  if (spec == NULL && error)
    fuzz_report (target, error);
  return spec;
}

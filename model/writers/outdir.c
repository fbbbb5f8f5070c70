#include "writers/outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"

#define TMP_TAG ".dxi-tmp-"
#define OLD_TAG ".dxi-old-"

gboolean
dxi_remove_tree (const char *path, GError **error)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    return TRUE;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (!dxi_remove_tree (child, error))
            return FALSE;
        }
    }
  if (g_remove (path) != 0)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot remove '%s': %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Remove leftovers ".<base>.dxi-tmp-*" / ".<base>.dxi-old-*" of killed runs. */
static void
remove_stale (const char *parent, const char *base)
{
  g_autoptr (GDir) dir = g_dir_open (parent, 0, NULL);
  g_autofree char *tmp_prefix = g_strconcat (".", base, TMP_TAG, NULL);
  g_autofree char *old_prefix = g_strconcat (".", base, OLD_TAG, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, tmp_prefix) || g_str_has_prefix (name, old_prefix))
      {
        g_autofree char *path = g_build_filename (parent, name, NULL);
        dxi_remove_tree (path, NULL);
      }
}

dxi_outdir *
dxi_outdir_begin (const char *target, GError **error)
{
  g_autofree char *trimmed = g_strdup (target);
  gsize n = strlen (trimmed);
  while (n > 1 && trimmed[n - 1] == G_DIR_SEPARATOR)
    trimmed[--n] = '\0';
  g_autofree char *parent = g_path_get_dirname (trimmed);
  g_autofree char *base = g_path_get_basename (trimmed);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot create '%s': %s", parent, g_strerror (saved));
      return NULL;
    }
  GStatBuf st;
  if (g_stat (trimmed, &st) == 0 && !S_ISDIR (st.st_mode))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write to '%s': it exists and is not a folder",
                   trimmed);
      return NULL;
    }
  remove_stale (parent, base);
  g_autofree char *templ = g_strdup_printf ("%s/.%s" TMP_TAG "XXXXXX", parent, base);
  if (g_mkdtemp (templ) == NULL)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot create a folder beside '%s': %s", trimmed,
                   g_strerror (saved));
      return NULL;
    }
  g_chmod (templ, 0755);
  dxi_outdir *out = g_new0 (dxi_outdir, 1);
  out->target = g_steal_pointer (&trimmed);
  out->tmp = g_steal_pointer (&templ);
  return out;
}

char *
dxi_outdir_path (const dxi_outdir *out, const char *name)
{
  return g_build_filename (out->tmp, name, NULL);
}

gboolean
dxi_outdir_commit (dxi_outdir *out, GError **error)
{
  GStatBuf st;
  if (g_stat (out->target, &st) != 0)
    {
      if (g_rename (out->tmp, out->target) != 0)
        {
          int saved = errno;
          g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot move results into '%s': %s", out->target,
                       g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }
  /* Exchange atomically; the old contents end up at the temporary name. */
  if (renameat2 (AT_FDCWD, out->tmp, AT_FDCWD, out->target, RENAME_EXCHANGE) != 0)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot replace '%s': %s", out->target, g_strerror (saved));
      return FALSE;
    }
  return dxi_remove_tree (out->tmp, error);
}

void
dxi_outdir_free (dxi_outdir *out)
{
  if (out == NULL)
    return;
  g_free (out->target);
  g_free (out->tmp);
  g_free (out);
}

void
dxi_outdir_abort (dxi_outdir *out)
{
  if (out == NULL)
    return;
  dxi_remove_tree (out->tmp, NULL);
  dxi_outdir_free (out);
}

#include "writers/outdir.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "core/error.h"

#define TMP_TAG ".dxi-tmp-"
#define LOCK_TAG ".dxi-lock"
#define MANIFEST "manifest.json"

struct dxi_outdir
{
  char *shown;     /* the target as the user named it, for messages */
  char *target;    /* the folder replaced: symbolic links resolved */
  char *tmp;       /* where files are written until commit */
  char *lock_path; /* ".<name>.dxi-lock" beside the target */
  int lock_fd;
  gboolean force;
  GPtrArray *created; /* parents begin created, outermost first */
  char *warning;
};

gboolean
dxi_outdir_remove_tree (const char *path, GError **error)
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
          if (!dxi_outdir_remove_tree (child, error))
            return FALSE;
        }
    }
  if (g_remove (path) != 0)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot remove '%s': %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* PATH made absolute with every symbolic link resolved, for the part of it
 * that exists (the rest is appended as written). */
static char *
resolve (const char *path)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  char buf[PATH_MAX];
  if (realpath (abs, buf) != NULL)
    return g_strdup (buf);
  g_autofree char *parent = g_path_get_dirname (abs);
  g_autofree char *base = g_path_get_basename (abs);
  if (g_str_equal (parent, abs))
    return g_steal_pointer (&abs);
  g_autofree char *real_parent = resolve (parent);
  return g_build_filename (real_parent, base, NULL);
}

/* Whether PATH is FOLDER or lies below it (both resolved). */
static gboolean
is_within (const char *path, const char *folder)
{
  if (g_str_equal (folder, "/"))
    return TRUE;
  gsize n = strlen (folder);
  return strncmp (path, folder, n) == 0 && (path[n] == '\0' || path[n] == G_DIR_SEPARATOR);
}

/* "'a', 'b', 'c' and 4 more" */
static char *
name_some (GPtrArray *names)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < names->len && i < 3; i++)
    g_string_append_printf (s, "%s'%s'", i ? ", " : "", (const char *) names->pdata[i]);
  if (names->len > 3)
    g_string_append_printf (s, " and %u more", names->len - 3);
  return g_string_free (s, FALSE);
}

static int
by_name (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
list_folder (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, by_name);
  return names;
}

/* The files a dxi manifest in FOLDER says dxi wrote, or NULL when FOLDER has
 * no manifest of dxi's. */
static GHashTable *
manifest_outputs (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, MANIFEST, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  JsonObject *obj = json_node_get_object (root);
  JsonNode *dxi = json_object_get_member (obj, "dxi");
  JsonNode *outputs = json_object_get_member (obj, "outputs");
  if (dxi == NULL || json_node_get_value_type (dxi) != G_TYPE_STRING || outputs == NULL
      || !JSON_NODE_HOLDS_ARRAY (outputs))
    return NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *list = json_node_get_array (outputs);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      const char *name = json_array_get_string_element (list, i);
      if (name != NULL)
        g_hash_table_add (set, g_strdup (name));
    }
  g_hash_table_add (set, g_strdup (MANIFEST));
  return set;
}

/* Whether the existing folder FOLDER may be replaced: empty, or written by
 * dxi and holding nothing else, or FORCE. */
static gboolean
check_replaceable (const char *folder, const char *shown, gboolean force, GError **error)
{
  g_autoptr (GPtrArray) names = list_folder (folder);
  if (names->len == 0 || force)
    return TRUE;
  g_autoptr (GHashTable) written = manifest_outputs (folder);
  if (written == NULL)
    {
      g_autofree char *some = name_some (names);
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO,
                   "'%s' already exists and was not written by dxi (it holds %s); dxi replaces "
                   "only folders it "
                   "wrote: choose a new output folder, or add --force to replace this one and "
                   "everything in it",
                   shown, some);
      return FALSE;
    }
  g_autoptr (GPtrArray) foreign = g_ptr_array_new ();
  for (guint i = 0; i < names->len; i++)
    if (!g_hash_table_contains (written, names->pdata[i]))
      g_ptr_array_add (foreign, names->pdata[i]);
  if (foreign->len)
    {
      g_autofree char *some = name_some (foreign);
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO,
                   "'%s' was written by dxi but now also holds %s, which dxi did not write; move "
                   "%s out first, or "
                   "add --force to replace the folder and everything in it",
                   shown, some, foreign->len == 1 ? "it" : "them");
      return FALSE;
    }
  return TRUE;
}

/* The folder TARGET resolves to, after the checks that hold whatever the
 * folder holds: not a file, not a dangling link, not the working folder or
 * an ancestor of it, not holding an input. */
static char *
check_target (const char *target, const dxi_outdir_options *options, GError **error)
{
  GStatBuf st;
  if (g_lstat (target, &st) == 0 && S_ISLNK (st.st_mode) && g_stat (target, &st) != 0)
    {
      g_autofree char *to = g_file_read_link (target, NULL);
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO,
                   "'%s' is a symbolic link to '%s', which does not exist; create that folder or "
                   "choose another",
                   target, to ? to : "?");
      return NULL;
    }
  if (g_stat (target, &st) == 0 && !S_ISDIR (st.st_mode))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO,
                   "cannot write to '%s': it exists and is not a folder", target);
      return NULL;
    }
  g_autofree char *real = resolve (target);
  g_autofree char *cwd = resolve (".");
  if (is_within (cwd, real))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO,
                   "'%s' is the working folder or holds it; dxi never replaces it: choose an "
                   "output folder inside it, "
                   "such as 'outputs/NAME'",
                   target);
      return NULL;
    }
  for (guint i = 0; options && options->inputs && options->inputs[i]; i++)
    {
      g_autofree char *input = resolve (options->inputs[i]);
      if (is_within (input, real))
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_IO,
                       "'%s' holds '%s', an input of this run; dxi never replaces a folder holding "
                       "its inputs: choose "
                       "another output folder",
                       target, options->inputs[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&real);
}

/* Create FOLDER and its missing parents, recording each one created. */
static gboolean
make_parents (const char *folder, GPtrArray *created, GError **error)
{
  GStatBuf st;
  if (g_stat (folder, &st) == 0)
    return TRUE;
  g_autofree char *parent = g_path_get_dirname (folder);
  if (!g_str_equal (parent, folder) && !make_parents (parent, created, error))
    return FALSE;
  if (g_mkdir (folder, 0755) != 0 && errno != EEXIST)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot create '%s': %s", folder,
                   g_strerror (saved));
      return FALSE;
    }
  g_ptr_array_add (created, g_strdup (folder));
  return TRUE;
}

/* Take the lock at PATH, waiting for another run that holds it.  The last
 * holder removes the file, so after locking, check that PATH is still the
 * file locked (else a newer file took its place: lock that one). */
static int
take_lock (const char *path, const char *shown, const dxi_outdir_options *options, GError **error)
{
  gboolean told = FALSE;
  for (;;)
    {
      int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write beside '%s' (lock '%s'): %s",
                       shown, path, g_strerror (saved));
          return -1;
        }
      int rc;
      if ((rc = flock (fd, LOCK_EX | LOCK_NB)) != 0 && errno == EWOULDBLOCK)
        {
          if (options && options->waiting && !told)
            options->waiting (shown, options->waiting_data);
          told = TRUE;
          while ((rc = flock (fd, LOCK_EX)) != 0 && errno == EINTR)
            ;
        }
      if (rc != 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot lock '%s': %s", path,
                       g_strerror (saved));
          return -1;
        }
      GStatBuf held, now;
      if (fstat (fd, &held) == 0 && g_stat (path, &now) == 0 && held.st_ino == now.st_ino
          && held.st_dev == now.st_dev)
        return fd;
      close (fd);
    }
}

static void
release_lock (dxi_outdir *out)
{
  if (out->lock_fd < 0)
    return;
  g_unlink (out->lock_path);
  close (out->lock_fd);
  out->lock_fd = -1;
}

/* Remove ".<base>.dxi-tmp-*" folders of killed runs (the lock is held, so
 * no other run is writing one). */
static void
remove_stale (const char *parent, const char *base)
{
  g_autoptr (GDir) dir = g_dir_open (parent, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", base, TMP_TAG, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (parent, name, NULL);
        dxi_outdir_remove_tree (path, NULL);
      }
}

gboolean
dxi_outdir_check (const char *target, const dxi_outdir_options *options, GError **error)
{
  g_autofree char *real = check_target (target, options, error);
  GStatBuf st;
  return real != NULL
         && (g_stat (real, &st) != 0
             || check_replaceable (real, target, options && options->force, error));
}

/* Parents, lock, the check of what the target holds, the temporary folder. */
static gboolean
prepare (dxi_outdir *out, const dxi_outdir_options *options, GError **error)
{
  g_autofree char *parent = g_path_get_dirname (out->target);
  g_autofree char *base = g_path_get_basename (out->target);
  out->lock_path = g_strdup_printf ("%s/.%s" LOCK_TAG, parent, base);
  if (!make_parents (parent, out->created, error)
      || (out->lock_fd = take_lock (out->lock_path, out->shown, options, error)) < 0)
    return FALSE;
  GStatBuf st;
  if (g_stat (out->target, &st) == 0
      && !check_replaceable (out->target, out->shown, out->force, error))
    return FALSE;
  remove_stale (parent, base);
  g_autofree char *templ = g_strdup_printf ("%s/.%s" TMP_TAG "XXXXXX", parent, base);
  if (g_mkdtemp (templ) == NULL)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot create a folder beside '%s': %s",
                   out->shown, g_strerror (saved));
      return FALSE;
    }
  g_chmod (templ, 0755);
  out->tmp = g_steal_pointer (&templ);
  return TRUE;
}

dxi_outdir *
dxi_outdir_begin (const char *target, const dxi_outdir_options *options, GError **error)
{
  g_autofree char *shown = g_strdup (target);
  gsize n = strlen (shown);
  while (n > 1 && shown[n - 1] == G_DIR_SEPARATOR)
    shown[--n] = '\0';
  char *real = check_target (shown, options, error);
  if (real == NULL)
    return NULL;
  dxi_outdir *out = g_new0 (dxi_outdir, 1);
  out->shown = g_steal_pointer (&shown);
  out->target = real;
  out->lock_fd = -1;
  out->force = options && options->force;
  out->created = g_ptr_array_new_with_free_func (g_free);
  if (!prepare (out, options, error))
    {
      dxi_outdir_abort (out);
      return NULL;
    }
  return out;
}

char *
dxi_outdir_path (const dxi_outdir *out, const char *name)
{
  return g_build_filename (out->tmp, name, NULL);
}

const char *
dxi_outdir_tmp (const dxi_outdir *out)
{
  return out->tmp;
}

/* Below this a writer's failure is most likely the disk filling up. */
#define NEARLY_FULL (1024 * 1024)

void
dxi_outdir_explain_failure (const dxi_outdir *out, GError **error)
{
  if (error == NULL || *error == NULL || !g_error_matches (*error, DXI_ERROR, DXI_ERROR_IO))
    return;
  struct statvfs fs;
  guint64 avail = statvfs (out->tmp, &fs) == 0 ? (guint64) fs.f_bavail * fs.f_frsize : G_MAXUINT64;
  g_autofree char *full
      = avail < NEARLY_FULL
            ? g_strdup_printf ("no space left on device (%" G_GUINT64_FORMAT " KiB free where it "
                               "is written; free some space or pass -o a folder on another "
                               "disk): ",
                               avail / 1024)
            : g_strdup ("");
  dxi_error_prefix (error, "output folder '%s' left as it was: %s", out->shown, full);
}

const char *
dxi_outdir_warning (const dxi_outdir *out)
{
  return out->warning;
}

GPtrArray *
dxi_outdir_list (const dxi_outdir *out)
{
  return list_folder (out->tmp);
}

gboolean
dxi_outdir_commit (dxi_outdir *out, GError **error)
{
  GStatBuf st;
  gboolean exists = g_lstat (out->target, &st) == 0;
  /* Files may have been added to the folder while the run computed. */
  if (exists && S_ISDIR (st.st_mode)
      && !check_replaceable (out->target, out->shown, out->force, error))
    return FALSE;
  if (!exists ? g_rename (out->tmp, out->target) != 0
              : renameat2 (AT_FDCWD, out->tmp, AT_FDCWD, out->target, RENAME_EXCHANGE) != 0)
    {
      int saved = errno;
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot move the results into '%s': %s",
                   out->shown, g_strerror (saved));
      return FALSE;
    }
  /* Committed: the previous contents are now at the temporary name. */
  g_autoptr (GError) cleanup = NULL;
  if (exists && !dxi_outdir_remove_tree (out->tmp, &cleanup))
    out->warning = g_strdup_printf (
        "the results are in '%s', but the previous contents were left in '%s': %s", out->shown,
        out->tmp, cleanup->message);
  g_clear_pointer (&out->tmp, g_free);
  release_lock (out);
  return TRUE;
}

void
dxi_outdir_free (dxi_outdir *out)
{
  if (out == NULL)
    return;
  release_lock (out);
  g_free (out->shown);
  g_free (out->target);
  g_free (out->tmp);
  g_free (out->lock_path);
  g_ptr_array_unref (out->created);
  g_free (out->warning);
  g_free (out);
}

void
dxi_outdir_abort (dxi_outdir *out)
{
  if (out == NULL)
    return;
  if (out->tmp)
    dxi_outdir_remove_tree (out->tmp, NULL);
  release_lock (out);
  for (guint i = out->created->len; i > 0; i--)
    g_rmdir (out->created->pdata[i - 1]);
  dxi_outdir_free (out);
}

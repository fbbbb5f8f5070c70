/* Output folders that lose nothing.
 *
 * Every file of a run goes into a hidden temporary folder beside the target,
 * which replaces the target in one atomic exchange only when the whole run
 * succeeded; a failed or killed run leaves the previous folder as it was.
 *
 * dxi replaces only a folder it wrote itself: one whose manifest.json says
 * "dxi" and lists every file the folder holds (or an empty folder).  Any
 * other folder is refused, naming what it holds; FORCE replaces it on
 * purpose, but never a folder that holds one of the run's inputs (the study,
 * scenarios, data), nor the working folder or one of its ancestors.
 *
 * A symbolic link as the target is followed: the folder it points to is
 * replaced and the link is left as it is.
 *
 * Two runs into one folder take turns: the second waits on a lock
 * (".<name>.dxi-lock" beside the target, removed by the last holder) before
 * it looks at the folder, so it never sees nor removes the first's
 * temporary folder. */
#pragma once
#include <glib.h>

typedef struct dxi_outdir dxi_outdir;

typedef struct dxi_outdir_options
{
  gboolean force;            /* replace a folder dxi did not write */
  const char *const *inputs; /* NULL-terminated paths the run reads: never replaced */
  /* May be NULL: called once, with the target as the user named it and
   * WAITING_DATA, when another run holds the folder's lock and begin waits. */
  void (*waiting) (const char *target, gpointer waiting_data);
  gpointer waiting_data;
} dxi_outdir_options;

/* The checks begin makes, without locking or creating anything: run first
 * so that a long run does not end in a refusal. */
gboolean dxi_outdir_check (const char *target, const dxi_outdir_options *options, GError **error);
/* Check TARGET may be written, take its lock (waiting for another run), and
 * create the temporary folder (and the target's missing parents). */
dxi_outdir *dxi_outdir_begin (const char *target, const dxi_outdir_options *options,
                              GError **error);
/* Path of NAME inside the temporary folder (caller frees). */
char *dxi_outdir_path (const dxi_outdir *out, const char *name);
/* The temporary folder (borrowed). */
const char *dxi_outdir_tmp (const dxi_outdir *out);
/* A writer's I/O error (*ERROR, DXI_ERROR_IO; any other is left as it is)
 * names a file in the temporary folder: prefix what it means for the
 * target, and that the disk is full when it nearly is (GDAL and SQLite
 * report a full disk as a failed tile read or tag write, never ENOSPC). */
void dxi_outdir_explain_failure (const dxi_outdir *out, GError **error);
/* Names of the files written so far, sorted (caller unrefs). */
GPtrArray *dxi_outdir_list (const dxi_outdir *out);
/* Swap the temporary folder into place (an atomic exchange when the target
 * exists, so there is never a moment without a complete folder).  Fails
 * only while the previous folder is still intact; the previous contents are
 * removed afterwards, and a failure to remove them is only a warning
 * (dxi_outdir_warning).  Releases the lock. */
gboolean dxi_outdir_commit (dxi_outdir *out, GError **error);
/* A warning left by commit, or NULL (borrowed). */
const char *dxi_outdir_warning (const dxi_outdir *out);
/* Remove the temporary folder and any parents begin created; the target
 * is untouched.  Frees OUT. */
void dxi_outdir_abort (dxi_outdir *out);
void dxi_outdir_free (dxi_outdir *out);

/* Remove PATH and everything below it (no error when absent). */
gboolean dxi_outdir_remove_tree (const char *path, GError **error);

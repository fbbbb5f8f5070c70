/* Output folders written atomically: every file goes into a hidden temporary
 * folder beside the target, which replaces the target in one rename only when
 * the whole run succeeded.  A failed or killed run leaves the previous output
 * folder as it was. */
#pragma once
#include <glib.h>

typedef struct dxi_outdir
{
  char *target; /* the folder the user asked for */
  char *tmp;    /* where files are written until commit */
} dxi_outdir;

/* Create the temporary folder (and the target's parents); stale temporary
 * folders of killed runs for the same target are removed first. */
dxi_outdir *dxi_outdir_begin (const char *target, GError **error);
/* Path of NAME inside the temporary folder (caller frees). */
char *dxi_outdir_path (const dxi_outdir *out, const char *name);
/* Swap the temporary folder into place (renameat2 RENAME_EXCHANGE when the
 * target exists, so there is no moment without a complete folder), then
 * remove the previous contents. */
gboolean dxi_outdir_commit (dxi_outdir *out, GError **error);
/* Remove the temporary folder; the target is untouched.  Frees OUT. */
void dxi_outdir_abort (dxi_outdir *out);
void dxi_outdir_free (dxi_outdir *out);

/* Remove PATH and everything below it (no error when absent). */
gboolean dxi_remove_tree (const char *path, GError **error);

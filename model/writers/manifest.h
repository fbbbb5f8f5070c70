/* manifest.json: what a run read (with sha256), with what (dxi, GDAL and
 * library versions), its settings, seed, warnings and timings.  Written with
 * sorted keys and no wall-clock time, so the same inputs give the same file;
 * timings are recorded only when asked for (they differ run to run). */
#pragma once
#include <glib.h>

typedef struct dxi_manifest
{
  GPtrArray *inputs;   /* char * paths */
  GPtrArray *settings; /* char * "key=value" */
  GPtrArray *warnings; /* char * */
  GPtrArray *outputs;  /* char * file names */
  GPtrArray *timings;  /* char * "stage=seconds" */
  gint64 seed;
} dxi_manifest;

dxi_manifest *dxi_manifest_new (void);
void dxi_manifest_free (dxi_manifest *manifest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_manifest, dxi_manifest_free)

/* sha256 of a file's contents (hex), or NULL with an error. */
char *dxi_manifest_sha256_file (const char *path, GError **error);
gboolean dxi_manifest_write (const dxi_manifest *manifest, const char *path, GError **error);

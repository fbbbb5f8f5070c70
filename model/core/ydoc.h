/* A YAML document that remembers where every node came from.
 *
 * Loaded with libyaml into a small tree; every node keeps its 1-based line and
 * column so that any stage can report `file:line:col: what is wrong`.  Typed
 * getters set a DXI_ERROR_CONFIG error naming the expected type; unknown keys
 * are rejected with the nearest valid key suggested.  Limits: document size
 * (DXI_YDOC_MAX_BYTES), nesting depth (DXI_YDOC_MAX_DEPTH) and alias expansion
 * (DXI_YDOC_MAX_NODES, which bounds "billion laughs" documents). */
#pragma once
#include <glib.h>

#define DXI_YDOC_MAX_BYTES (16 * 1024 * 1024)
#define DXI_YDOC_MAX_DEPTH 64
#define DXI_YDOC_MAX_NODES 1000000

typedef enum
{
  DXI_YNODE_SCALAR,
  DXI_YNODE_MAP,
  DXI_YNODE_SEQ,
} DxiYNodeKind;

typedef struct dxi_ydoc dxi_ydoc;
typedef struct dxi_ynode dxi_ynode;

struct dxi_ynode
{
  DxiYNodeKind kind;
  char *value;         /* scalar text (NULL for map and seq) */
  gboolean plain;      /* scalar written without quotes (so `null`, `~` mean none) */
  guint line, col;     /* 1-based position of the node in the file */
  GPtrArray *keys;     /* map: dxi_ynode * scalar keys, same order as items */
  GPtrArray *items;    /* map: values; seq: elements (dxi_ynode *) */
  const dxi_ydoc *doc; /* borrowed: the document, for its path */
};

struct dxi_ydoc
{
  char *path; /* as given, used in messages */
  char *dir;  /* directory of path: relative paths in the file resolve here */
  dxi_ynode *root;
  GPtrArray *nodes; /* owns every node */
};

dxi_ydoc *dxi_ydoc_load (const char *path, GError **error);
/* Parse TEXT as if it were the file NAME (for tests and embedded defaults). */
dxi_ydoc *dxi_ydoc_load_string (const char *name, const char *text, gssize len, GError **error);
void dxi_ydoc_free (dxi_ydoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_ydoc, dxi_ydoc_free)

/* Set a DXI_ERROR_CONFIG error "path:line:col: message" at NODE. */
void dxi_ynode_error (const dxi_ynode *node, GError **error, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

/* Structure. */
gboolean dxi_ynode_expect (const dxi_ynode *node, DxiYNodeKind kind, GError **error);
guint dxi_ynode_len (const dxi_ynode *node);                            /* map or seq size */
const dxi_ynode *dxi_ynode_at (const dxi_ynode *node, guint i);         /* i-th item/value */
const dxi_ynode *dxi_ynode_key_at (const dxi_ynode *map, guint i);      /* i-th key node */
const dxi_ynode *dxi_ynode_get (const dxi_ynode *map, const char *key); /* NULL if absent */
gboolean dxi_ynode_is_null (const dxi_ynode *node); /* absent, `~`, `null` or empty plain */

/* Fail unless NODE is a map whose keys are all in ALLOWED (NULL-terminated);
 * the message names the nearest allowed key ("did you mean 'budget'?"). */
gboolean dxi_ynode_check_keys (const dxi_ynode *map, const char *const *allowed, GError **error);

/* Scalars: each fails with "expected a number" etc. at the node. */
const char *dxi_ynode_string (const dxi_ynode *node, GError **error);
/* A string or a list of strings, as a GStrv (caller frees); NULL on error. */
GStrv dxi_ynode_strv (const dxi_ynode *node, GError **error);
gboolean dxi_ynode_double (const dxi_ynode *node, double *out, GError **error);
gboolean dxi_ynode_int (const dxi_ynode *node, gint64 *out, GError **error);
gboolean dxi_ynode_bool (const dxi_ynode *node, gboolean *out, GError **error);
/* Index into CHOICES (NULL-terminated) or fail listing them, with a suggestion. */
gboolean dxi_ynode_choice (const dxi_ynode *node, const char *const *choices, int *out,
                           GError **error);
/* A path relative to the document's directory (absolute paths unchanged). */
char *dxi_ynode_path (const dxi_ynode *node, GError **error);

/* Map members.  When KEY is absent: REQUIRED fails ("missing key 'x'" at the
 * map), otherwise *out is left unchanged (so it holds the default) and TRUE. */
gboolean dxi_ynode_get_double (const dxi_ynode *map, const char *key, gboolean required,
                               double *out, GError **error);
gboolean dxi_ynode_get_int (const dxi_ynode *map, const char *key, gboolean required, gint64 *out,
                            GError **error);
gboolean dxi_ynode_get_bool (const dxi_ynode *map, const char *key, gboolean required,
                             gboolean *out, GError **error);
gboolean dxi_ynode_get_string (const dxi_ynode *map, const char *key, gboolean required,
                               const char **out, GError **error);
gboolean dxi_ynode_get_choice (const dxi_ynode *map, const char *key, gboolean required,
                               const char *const *choices, int *out, GError **error);
gboolean dxi_ynode_get_path (const dxi_ynode *map, const char *key, gboolean required, char **out,
                             GError **error);

/* dxi_suggest and dxi_choices_join, which the getters' messages use. */
#include "core/suggest.h"

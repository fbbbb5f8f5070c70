/* Where a setting was written: {file, line, col}, kept by the config structs
 * once the YAML document is gone, so any later stage can still say
 * `file:line:col: what is wrong`. */
#pragma once
#include <glib.h>

typedef struct dxi_ynode dxi_ynode;

typedef struct dxi_where
{
  char *file; /* owned; NULL: nowhere (a default) */
  guint line, col;
} dxi_where;

/* The position of NODE (may be NULL: nowhere). */
dxi_where dxi_where_of (const dxi_ynode *node);
dxi_where dxi_where_copy (const dxi_where *where);
void dxi_where_clear (dxi_where *where);
/* "file:line:col" (caller frees); "" when nowhere. */
char *dxi_where_text (const dxi_where *where);
/* A DXI_ERROR_CONFIG error "file:line:col: message" at WHERE. */
void dxi_where_error (const dxi_where *where, GError **error, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
/* Prefix *ERROR with "file:line:col: " and the formatted text unless its
 * message already starts with WHERE's file. */
void dxi_where_prefix (const dxi_where *where, GError **error, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

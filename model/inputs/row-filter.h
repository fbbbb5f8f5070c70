#pragma once
#include <glib.h>

#include "config/table.h"

/* Which rows of a table are kept: `filter: {column: value}` in YAML, a value
 * or a list of values per column; a row is kept when each column holds one
 * of its values.  Shared by every table shape. */
typedef struct dxi_row_filter dxi_row_filter;

/* A filter keeping the rows CONFIG names, its counts at zero. */
dxi_row_filter *dxi_row_filter_new (const dxi_filter_config *config);
void dxi_row_filter_free (dxi_row_filter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_row_filter, dxi_row_filter_free)
/* Find the filter's columns in HEADER (N names) of the table at PATH; an
 * unknown column is an error at the filter key's file:line:col naming the
 * columns the table has. */
gboolean dxi_row_filter_bind (dxi_row_filter *filter, const char *path, char **header, guint n,
                              GError **error);
/* Whether the row FIELDS (indexed as the header bound) is kept; counted. */
gboolean dxi_row_filter_keeps (dxi_row_filter *filter, char **fields);
/* "the filter 'Local authority name: Stockport' kept 104 of the file's 914
 * rows", for the coverage report (caller frees). */
char *dxi_row_filter_describe (const dxi_row_filter *filter);
/* FALSE with an error at the filter: it kept no row of the table at PATH
 * (the message gives values its columns hold). */
gboolean dxi_row_filter_none_kept (const dxi_row_filter *filter, const char *path, GError **error);
/* The header indices the bound filter reads (N_COLUMNS of them, borrowed). */
const int *dxi_row_filter_columns (const dxi_row_filter *filter, guint *n_columns);

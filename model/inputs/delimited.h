/* A fast CSV tokenizer for published tables: UTF-8 BOM, CRLF or LF, quoted
 * fields with embedded commas, quotes and newlines.  Rows are handed out one
 * at a time with their 1-based line number, as a spreadsheet shows them.
 * Beside it, what every table shape shares about rows and cells: the row
 * filter and a table's own extra missing markers. */
#pragma once
#include <glib.h>

#include "config/table.h"

typedef struct dxi_delimited dxi_delimited;

/* Map PATH; NULL with DXI_ERROR_IO when it cannot be opened. */
dxi_delimited *dxi_delimited_open (const char *path, GError **error);
void dxi_delimited_free (dxi_delimited *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_delimited, dxi_delimited_free)

/* Next row; FALSE at the end.  FIELDS (borrowed until the next call) holds
 * N fields; *LINE is the line the row starts on. */
gboolean dxi_delimited_next (dxi_delimited *csv, char ***fields, guint *n, guint *line);
const char *dxi_delimited_path (const dxi_delimited *csv);
/* After dxi_delimited_next returned FALSE: FALSE with DXI_ERROR_DATA when the file
 * ended inside a quoted field (the message names the line the quote opened). */
gboolean dxi_delimited_finish (const dxi_delimited *csv, GError **error);

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

/* Whether TEXT, spaces trimmed, is one of MARKERS (NULL: none): a table's own
 * extra missing markers (`missing_markers: ['#VALUE!']`). */
gboolean dxi_delimited_is_missing_marker (const char *text, const char *const *markers);

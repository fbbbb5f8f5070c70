/* A fast CSV tokenizer for published tables: UTF-8 BOM, CRLF or LF, quoted
 * fields with embedded commas, quotes and newlines.  Rows are handed out one
 * at a time with their 1-based line number, as a spreadsheet shows them.
 * (The row filter is inputs/row-filter.h; cells are read in inputs/table.c.) */
#pragma once
#include <glib.h>

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

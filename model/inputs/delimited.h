/* A fast CSV tokenizer for published tables: UTF-8 BOM, CRLF or LF, quoted
 * fields with embedded commas, quotes and newlines.  Rows are handed out one
 * at a time with their 1-based line number, as a spreadsheet shows them. */
#pragma once
#include <glib.h>

typedef struct dxi_csv dxi_csv;

/* Map PATH; NULL with DXI_ERROR_IO when it cannot be opened. */
dxi_csv *dxi_csv_open (const char *path, GError **error);
void dxi_csv_free (dxi_csv *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_csv, dxi_csv_free)

/* Next row; FALSE at the end.  FIELDS (borrowed until the next call) holds
 * N fields; *LINE is the line the row starts on. */
gboolean dxi_csv_next (dxi_csv *csv, char ***fields, guint *n, guint *line);
const char *dxi_csv_path (const dxi_csv *csv);
/* After dxi_csv_next returned FALSE: FALSE with DXI_ERROR_DATA when the file
 * ended inside a quoted field (the message names the line the quote opened). */
gboolean dxi_csv_finish (const dxi_csv *csv, GError **error);

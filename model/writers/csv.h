/* CSV output: RFC 4180 quoting, numbers as the shortest text that reads back
 * as the same double (core/numfmt.h), missing values as empty cells, and text
 * from input files defused so that a spreadsheet never reads it as a formula
 * (a leading = + - @ gets a '). */
#pragma once
#include <glib.h>
#include <stdio.h>

#include "core/frame.h"

/* Append TEXT to OUT as one CSV field. */
void dxi_csv_text (GString *out, const char *text);
/* Append a number (empty for NAN). */
void dxi_csv_number (GString *out, double value);
/* areas.csv: code, name, then every column of FRAME (or only COLUMNS when not NULL). */
gboolean dxi_csv_write_frame (const dxi_frame *frame, const char *code_header,
                              const char *const *columns, const char *path, GError **error);
/* Write TEXT to PATH, reporting failures (a full disk, a file size limit). */
gboolean dxi_write_file (const char *path, const char *text, gsize len, GError **error);

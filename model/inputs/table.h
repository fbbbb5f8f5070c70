/* Published tables read exactly as downloaded, into a dxi_frame keyed by area
 * code.  Shapes:
 *   wide   one row per area (nomis bulk: date,geography,geography code,...)
 *   long   one row per area and category (area_code,...,indicator,...,value):
 *          the category column's values become the frame's columns
 *   nomis  a nomis "formatted" export: preamble lines, a header, rows whose
 *          first cell is "E01011954 : Hartlepool 001A", footnotes after
 *   ogr    any table OGR reads (XLSX, ODS, GeoPackage, ...)
 * Cells: suppression markers (c x - .. : and empty, and the table's own
 * missing_markers) are missing (NAN), never zero, and counted; any other text
 * where a number belongs is an error at file:row:col.
 *
 * Keys of a table definition in YAML:
 *   file            the table (relative to the YAML file)
 *   shape           wide | long | nomis | ogr (default: wide, or ogr for
 *                   .xlsx/.ods/.gpkg)
 *   code_column     column holding the area code (nomis: the first column)
 *   name_column     column holding the area name (optional)
 *   columns         wide/nomis/ogr: the columns to read (default: every
 *                   column but the code and name, and `date`, `geography`);
 *                   an entry may be {column: published name, as: new name}
 *   prefix          wide: read the columns starting with this text, named
 *                   without it (e.g. "Age: ")
 *   exclude         wide/nomis/ogr: columns to leave out of the default set
 *                   (e.g. a total beside its categories), named as read
 *   category_column long: the column whose values name the categories
 *   value_column    long: the column holding the numbers
 *   categories      long: categories to keep (default all); each must occur
 *   filter          {column: value or [values]}: the rows kept (long:
 *                   measure: Count; wide: nation: E of a GB table); a row
 *                   filtered out is not read
 *   missing_markers extra cell texts read as missing (['#VALUE!']), each text
 *                   that is not a number
 *   layer           ogr: the sheet or layer (default the first) */
#pragma once
#include <glib.h>

#include "core/frame.h"
#include "config/table.h"
#include "inputs/delimited.h"
#include "inputs/row-filter.h"

typedef struct dxi_table_spec
{
  char *path;
  DxiTableShape shape;
  char *code_column, *name_column;
  GStrv columns; /* published names, NULL = default set */
  GStrv renames; /* same length as columns: the frame's names */
  char *prefix;
  GStrv exclude;
  char *category_column, *value_column;
  GStrv categories;
  dxi_row_filter *filter; /* NULL: every row */
  GStrv missing_markers;  /* NULL: the standard markers only */
  char *layer;
  /* Set by the caller, not from YAML: the frame's columns (categories of a
   * long table) that are counts, so a negative value is an error at
   * file:row:col; ALL_COUNTS makes every column one. */
  GStrv counts;
  gboolean all_counts;
} dxi_table_spec;

/* The table CONFIG defines, ready to read (its own filter, counted afresh);
 * NULL with an error at the marker when a missing marker reads as a number. */
dxi_table_spec *dxi_table_spec_new (const dxi_table_config *config, GError **error);
void dxi_table_spec_free (dxi_table_spec *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_table_spec, dxi_table_spec_free)

/* Read the table; *n_missing (may be NULL) counts suppressed or empty cells. */
dxi_frame *dxi_table_read (const dxi_table_spec *spec, guint *n_missing, GError **error);

/* A published cell as a number: TRUE with NAN for a suppression marker. */
gboolean dxi_table_parse_cell (const char *text, double *out);

/* Whether TEXT, spaces trimmed, is one of MARKERS (NULL: none): a table's own
 * extra missing markers (`missing_markers: ['#VALUE!']`). */
gboolean dxi_table_is_missing_marker (const char *text, const char *const *markers);

#include "inputs/table.h"

#include <errno.h>
#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/suggest.h"
#include "inputs/delimited.h"

void
dxi_table_spec_free (dxi_table_spec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->path);
  g_free (spec->code_column);
  g_free (spec->name_column);
  g_strfreev (spec->columns);
  g_strfreev (spec->renames);
  g_free (spec->prefix);
  g_strfreev (spec->exclude);
  g_free (spec->category_column);
  g_free (spec->value_column);
  g_strfreev (spec->categories);
  dxi_row_filter_free (spec->filter);
  g_strfreev (spec->missing_markers);
  g_free (spec->layer);
  g_strfreev (spec->counts);
  g_free (spec);
}

static GStrv
copy_strv (const GStrv v)
{
  return v ? g_strdupv (v) : NULL;
}

/* missing_markers: texts read as missing; one that reads as a number would
 * turn published values into gaps. */
static gboolean
check_markers (const dxi_table_config *config, GError **error)
{
  for (guint i = 0; config->missing_markers && config->missing_markers[i]; i++)
    {
      double v;
      if (dxi_table_parse_cell (config->missing_markers[i], &v) && !isnan (v))
        {
          dxi_where_error (&config->marker_where[i], error,
                           "missing marker '%s' is a number: a marker is text a number cannot be "
                           "(e.g. '#VALUE!')",
                           config->missing_markers[i]);
          return FALSE;
        }
    }
  return TRUE;
}

dxi_table_spec *
dxi_table_spec_new (const dxi_table_config *config, GError **error)
{
  if (!check_markers (config, error))
    return NULL;
  dxi_table_spec *spec = g_new0 (dxi_table_spec, 1);
  spec->path = g_strdup (config->path);
  spec->shape = config->shape;
  spec->code_column = g_strdup (config->code_column);
  spec->name_column = g_strdup (config->name_column);
  spec->columns = copy_strv (config->columns);
  spec->renames = copy_strv (config->renames);
  spec->prefix = g_strdup (config->prefix);
  spec->exclude = copy_strv (config->exclude);
  spec->category_column = g_strdup (config->category_column);
  spec->value_column = g_strdup (config->value_column);
  spec->categories = copy_strv (config->categories);
  spec->filter = config->filter ? dxi_row_filter_new (config->filter) : NULL;
  spec->missing_markers = copy_strv (config->missing_markers);
  spec->layer = g_strdup (config->layer);
  return spec;
}

gboolean
dxi_table_parse_cell (const char *text, double *out)
{
  while (*text == ' ')
    text++;
  gsize len = strlen (text);
  while (len > 0 && text[len - 1] == ' ')
    len--;
  if (len == 0 || (len == 1 && strchr ("cx-:", text[0]))
      || (len == 2 && text[0] == '.' && text[1] == '.'))
    {
      *out = NAN;
      return TRUE;
    }
  char buf[64];
  if (len >= sizeof buf)
    return FALSE;
  memcpy (buf, text, len);
  buf[len] = '\0';
  /* Decimal notation only: strtod would also take "0x1A", "inf" and "nan". */
  if (strspn (buf, "0123456789+-.eE") != len)
    return FALSE;
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (buf, &end);
  if (end == buf || *end != '\0' || errno != 0 || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* The table being read: header, where columns are, what goes into the frame. */
typedef struct
{
  const dxi_table_spec *spec;
  dxi_frame *frame;
  guint n_missing;
  GHashTable *first_line; /* code -> line, for duplicate messages (borrowed keys) */
} reader;

static int
header_index (char **header, guint n, const char *name)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (header[i], name))
      return (int) i;
  return -1;
}

static gboolean
missing_column (const char *path, char **header, guint n, const char *name, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, header[i]);
  g_ptr_array_add (names, NULL);
  const char *near = dxi_suggest (name, (const char *const *) names->pdata);
  if (near)
    g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no column '%s' (did you mean '%s'?)",
                 path, name, near);
  else
    {
      g_autofree char *list = dxi_choices_join ((const char *const *) names->pdata);
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no column '%s' (columns: %s)", path,
                   name, list);
    }
  return FALSE;
}

/* The columns of the area code and (when the spec names one) the area name in HEADER, into
 * *CODE and *NAME (-1 when there is none); an error naming the columns there are if one is
 * missing. */
static gboolean
key_columns (const dxi_table_spec *spec, char **header, guint n, int *code, int *name,
             GError **error)
{
  *code = header_index (header, n, spec->code_column);
  *name = spec->name_column ? header_index (header, n, spec->name_column) : -1;
  if (*code < 0)
    return missing_column (spec->path, header, n, spec->code_column, error);
  if (spec->name_column && *name < 0)
    return missing_column (spec->path, header, n, spec->name_column, error);
  return TRUE;
}

/* A table read to no areas is refused, whatever its shape: the filter's message when a
 * filter dropped every row. */
static gboolean
some_rows (const reader *rd, GError **error)
{
  if (dxi_frame_n_rows (rd->frame) > 0)
    return TRUE;
  if (rd->spec->filter)
    return dxi_row_filter_none_kept (rd->spec->filter, rd->spec->path, error);
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': the table has a header but no rows",
               rd->spec->path);
  return FALSE;
}

static gboolean
cell_value (reader *rd, const char *text, guint line, guint col, const char *column, double *out,
            GError **error)
{
  if (dxi_table_is_missing_marker (text, (const char *const *) rd->spec->missing_markers))
    *out = NAN;
  else if (!dxi_table_parse_cell (text, out))
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                   "%s:%u:%u: not a number '%s' in column '%s' (suppression markers c x - .. : and "
                   "empty are read as "
                   "missing; a dataset's own, such as '#VALUE!', go under 'missing_markers')",
                   rd->spec->path, line, col, text, column);
      return FALSE;
    }
  if (isnan (*out))
    rd->n_missing++;
  return TRUE;
}

/* V, read from TEXT at LINE:COL of COLUMN into frame column NAME: a count
 * (see dxi_table_spec.counts) cannot be negative. */
static gboolean
check_count (reader *rd, const char *name, double v, const char *text, guint line, guint col,
             const char *column, GError **error)
{
  const dxi_table_spec *spec = rd->spec;
  if (!(v < 0)
      || !(spec->all_counts
           || (spec->counts && g_strv_contains ((const char *const *) spec->counts, name))))
    return TRUE;
  gboolean renamed = !g_str_equal (name, column);
  g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
               "%s:%u:%u: negative count '%s' in column '%s'%s%s%s (counts are 0 or more)",
               spec->path, line, col, text, column,
               renamed ? (spec->shape == DXI_SHAPE_LONG ? " for category '" : " (read as '") : "",
               renamed ? name : "", renamed ? (spec->shape == DXI_SHAPE_LONG ? "'" : "')") : "");
  return FALSE;
}

/* Row for CODE; in a wide table a code seen before is an error. */
static gboolean
area_row (reader *rd, const char *code, const char *name, guint line, gboolean unique, guint *row,
          GError **error)
{
  if (code[0] == '\0')
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "%s:%u: empty area code", rd->spec->path,
                   line);
      return FALSE;
    }
  gint found = dxi_frame_find_row (rd->frame, code);
  if (found >= 0 && unique)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                   "%s:%u: area code '%s' appears twice (first at line %u)", rd->spec->path, line,
                   code, GPOINTER_TO_UINT (g_hash_table_lookup (rd->first_line, code)));
      return FALSE;
    }
  *row = dxi_frame_add_row (rd->frame, code, name);
  if (found < 0)
    g_hash_table_insert (rd->first_line, (gpointer) dxi_frame_code (rd->frame, *row),
                         GUINT_TO_POINTER (line));
  return TRUE;
}

/* Which published columns a wide/nomis/ogr table reads, and their names. */
static gboolean
choose_columns (reader *rd, char **header, guint n, int code_idx, int name_idx, GArray *idx,
                GPtrArray *names, GError **error)
{
  const dxi_table_spec *spec = rd->spec;
  if (spec->columns)
    {
      for (guint i = 0; spec->columns[i]; i++)
        {
          int c = header_index (header, n, spec->columns[i]);
          if (c < 0)
            return missing_column (spec->path, header, n, spec->columns[i], error);
          g_array_append_val (idx, c);
          g_ptr_array_add (names, g_strdup (spec->renames[i]));
        }
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    {
      if ((int) i == code_idx || (int) i == name_idx || g_str_equal (header[i], "date")
          || g_str_equal (header[i], "geography"))
        continue;
      if (spec->prefix && !g_str_has_prefix (header[i], spec->prefix))
        continue;
      const char *name = header[i] + (spec->prefix ? strlen (spec->prefix) : 0);
      if (spec->exclude && g_strv_contains ((const char *const *) spec->exclude, name))
        continue;
      int c = (int) i;
      g_array_append_val (idx, c);
      g_ptr_array_add (names, g_strdup (name));
    }
  if (idx->len == 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no columns to read%s%s%s", spec->path,
                   spec->prefix ? " (none starts with '" : "", spec->prefix ? spec->prefix : "",
                   spec->prefix ? "')" : "");
      return FALSE;
    }
  return TRUE;
}

/* The header row of a CSV table (a copy, caller frees), or NULL with an
 * error; blank lines before it are skipped.  CODE and NAME are the key
 * columns' positions (key_columns). */
static GStrv
read_header (const dxi_table_spec *spec, dxi_delimited *csv, guint *n_head, int *code, int *name,
             GError **error)
{
  char **f;
  guint line;
  do
    {
      if (!dxi_delimited_next (csv, &f, n_head, &line))
        {
          if (dxi_delimited_finish (csv, error))
            g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': the file is empty", spec->path);
          return NULL;
        }
    }
  while (*n_head == 1 && f[0][0] == '\0');
  for (guint i = 0; i < *n_head; i++)
    if (!g_utf8_validate (f[i], -1, NULL))
      {
        g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                     "%s:%u:%u: the header is not UTF-8 text (a spreadsheet needs 'shape: ogr'; "
                     "re-encode a CSV as "
                     "UTF-8)",
                     spec->path, line, i + 1);
        return NULL;
      }
  if (!key_columns (spec, f, *n_head, code, name, error))
    return NULL;
  return g_strdupv (f);
}

/* The next data row, blank lines skipped: 1 for a row, 0 at the end, -1 (with
 * ERROR set) on a row whose field count is not the header's. */
static int
next_row (const dxi_table_spec *spec, dxi_delimited *csv, guint n_head, char ***f, guint *line,
          GError **error)
{
  guint n;
  while (dxi_delimited_next (csv, f, &n, line))
    {
      if (n == 1 && (*f)[0][0] == '\0')
        continue;
      if (n != n_head)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "%s:%u: %u fields where the header has %u",
                       spec->path, *line, n, n_head);
          return -1;
        }
      return 1;
    }
  return 0;
}

/* The columns a wide or nomis table reads (their header indices in IDX, frame names in NAMES)
 * added to the frame, their frame columns in *COLS, and the row filter bound to the header. */
static gboolean
add_columns (reader *rd, char **header, guint n, int code_idx, int name_idx, GArray *idx,
             GPtrArray *names, guint **cols, GError **error)
{
  const dxi_table_spec *spec = rd->spec;
  if (!choose_columns (rd, header, n, code_idx, name_idx, idx, names, error)
      || (spec->filter && !dxi_row_filter_bind (spec->filter, spec->path, header, n, error)))
    return FALSE;
  *cols = g_new (guint, idx->len);
  for (guint i = 0; i < idx->len; i++)
    (*cols)[i] = dxi_frame_add_column (rd->frame, names->pdata[i]);
  return TRUE;
}

/* The cells of row F (at LINE) in the columns read (IDX, NAMES, COLS as add_columns gives them)
 * into frame row ROW. */
static gboolean
read_values (reader *rd, char **f, guint line, char **header, const GArray *idx, GPtrArray *names,
             const guint *cols, guint row, GError **error)
{
  for (guint i = 0; i < idx->len; i++)
    {
      int c = g_array_index (idx, int, i);
      double v;
      if (!cell_value (rd, f[c], line, (guint) c + 1, header[c], &v, error)
          || !check_count (rd, names->pdata[i], v, f[c], line, (guint) c + 1, header[c], error))
        return FALSE;
      dxi_frame_set (rd->frame, row, cols[i], v);
    }
  return TRUE;
}

static gboolean
read_wide (reader *rd, dxi_delimited *csv, GError **error)
{
  const dxi_table_spec *spec = rd->spec;
  char **f;
  guint n, line;
  int code_idx, name_idx;
  g_auto (GStrv) header = read_header (spec, csv, &n, &code_idx, &name_idx, error);
  if (header == NULL)
    return FALSE;
  guint n_head = n;
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *cols = NULL;
  if (!add_columns (rd, header, n, code_idx, name_idx, idx, names, &cols, error))
    return FALSE;
  int more;
  while ((more = next_row (spec, csv, n_head, &f, &line, error)) > 0)
    {
      guint row;
      if (spec->filter && !dxi_row_filter_keeps (spec->filter, f))
        continue;
      if (!area_row (rd, f[code_idx], name_idx >= 0 ? f[name_idx] : NULL, line, TRUE, &row, error)
          || !read_values (rd, f, line, header, idx, names, cols, row, error))
        return FALSE;
    }
  return more == 0 && dxi_delimited_finish (csv, error);
}

static gboolean
read_long (reader *rd, dxi_delimited *csv, GError **error)
{
  const dxi_table_spec *spec = rd->spec;
  char **f;
  guint n, line;
  int at[3], name_idx;
  g_auto (GStrv) header = read_header (spec, csv, &n, &at[0], &name_idx, error);
  if (header == NULL)
    return FALSE;
  guint n_head = n;
  const char *need[] = { NULL, spec->category_column, spec->value_column };
  for (guint i = 1; i < 3; i++)
    if ((at[i] = header_index (header, n, need[i])) < 0)
      return missing_column (spec->path, header, n, need[i], error);
  if (spec->filter && !dxi_row_filter_bind (spec->filter, spec->path, header, n, error))
    return FALSE;
  /* (code, category) -> line, to refuse a value given twice */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) all_categories
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int more;
  while ((more = next_row (spec, csv, n_head, &f, &line, error)) > 0)
    {
      gboolean keep = spec->filter == NULL || dxi_row_filter_keeps (spec->filter, f);
      const char *category = f[at[1]];
      g_hash_table_add (all_categories, g_strdup (category));
      if (!keep
          || (spec->categories
              && !g_strv_contains ((const char *const *) spec->categories, category)))
        continue;
      g_autofree char *key = g_strconcat (f[at[0]], "\x1f", category, NULL);
      gpointer first = g_hash_table_lookup (seen, key);
      if (first)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                       "%s:%u: a second value for area '%s', category '%s' (first at line %u); add "
                       "a 'filter' to pick "
                       "one",
                       spec->path, line, f[at[0]], category, GPOINTER_TO_UINT (first));
          return FALSE;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (line));
      guint row;
      if (!area_row (rd, f[at[0]], name_idx >= 0 ? f[name_idx] : NULL, line, FALSE, &row, error))
        return FALSE;
      double v;
      if (!cell_value (rd, f[at[2]], line, (guint) at[2] + 1, header[at[2]], &v, error)
          || !check_count (rd, category, v, f[at[2]], line, (guint) at[2] + 1, header[at[2]],
                           error))
        return FALSE;
      dxi_frame_set (rd->frame, row, dxi_frame_add_column (rd->frame, category), v);
    }
  if (more < 0 || !dxi_delimited_finish (csv, error))
    return FALSE;
  for (guint i = 0; spec->categories && spec->categories[i]; i++)
    if (dxi_frame_find_column (rd->frame, spec->categories[i]) < 0)
      {
        g_autofree gpointer *keys = g_hash_table_get_keys_as_array (all_categories, NULL);
        const char *near = dxi_suggest (spec->categories[i], (const char *const *) keys);
        g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                     "'%s': category '%s' does not occur in column '%s'%s%s%s", spec->path,
                     spec->categories[i], spec->category_column, near ? " (did you mean '" : "",
                     near ? near : "", near ? "'?)" : "");
        return FALSE;
      }
  return TRUE;
}

/* "E01011954 : Hartlepool 001A" -> code and name. */
static gboolean
split_nomis_code (const char *cell, char **code, char **name)
{
  const char *sep = strstr (cell, " : ");
  if (sep == NULL || sep == cell)
    return FALSE;
  *code = g_strndup (cell, sep - cell);
  *name = g_strdup (sep + 3);
  return TRUE;
}

/* Whether row F (N fields) of a nomis export is a data row, "CODE : name" first (into *CODE
 * and *NAME, caller frees). */
static gboolean
nomis_data_row (char **f, guint n, char **code, char **name)
{
  return n > 0 && split_nomis_code (f[0], code, name);
}

/* The header of a nomis export (*HEADER, a copy; *N_HEAD fields at *HEADER_LINE; NULL when there
 * is none): the last non-blank row before the first "CODE : name" row, at which the reading
 * stops (*F, *N, *LINE as dxi_delimited_next gives them).  FALSE at the end without a data row. */
static gboolean
nomis_header (dxi_delimited *csv, GStrv *header, guint *n_head, guint *header_line, char ***f,
              guint *n, guint *line)
{
  while (dxi_delimited_next (csv, f, n, line))
    {
      g_autofree char *code = NULL, *name = NULL;
      if (nomis_data_row (*f, *n, &code, &name))
        return TRUE;
      gboolean blank = TRUE;
      for (guint i = 0; blank && i < *n; i++)
        blank = (*f)[i][0] == '\0';
      if (!blank)
        {
          g_strfreev (*header);
          *header = g_strdupv (*f);
          *n_head = *n;
          *header_line = *line;
        }
    }
  return FALSE;
}

/* A nomis formatted export: title and notes, the header (nomis_header), "CODE : name" rows, then
 * footnotes. */
static gboolean
read_nomis (reader *rd, dxi_delimited *csv, GError **error)
{
  const dxi_table_spec *spec = rd->spec;
  char **f;
  guint n, line;
  g_auto (GStrv) header = NULL;
  guint n_head = 0, header_line = 0;
  g_autofree guint *cols = NULL;
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean in_data = nomis_header (csv, &header, &n_head, &header_line, &f, &n, &line);
  if (in_data && header == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "%s:%u: data before any header row",
                   spec->path, line);
      return FALSE;
    }
  if (in_data && !add_columns (rd, header, n_head, 0, -1, idx, names, &cols, error))
    return FALSE;
  for (gboolean more = in_data; more; more = dxi_delimited_next (csv, &f, &n, &line))
    {
      g_autofree char *code = NULL, *name = NULL;
      if (!nomis_data_row (f, n, &code, &name))
        break; /* footnotes */
      if (n != n_head)
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                       "%s:%u: %u fields where the header (line %u) has %u", spec->path, line, n,
                       header_line, n_head);
          return FALSE;
        }
      guint row;
      if (spec->filter && !dxi_row_filter_keeps (spec->filter, f))
        continue;
      if (!area_row (rd, code, name, line, TRUE, &row, error)
          || !read_values (rd, f, line, header, idx, names, cols, row, error))
        return FALSE;
    }
  if (!dxi_delimited_finish (csv, error))
    return FALSE;
  if (!in_data)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_DATA,
                   "'%s': no rows of the form 'E01011954 : Hartlepool 001A' (is this a nomis "
                   "formatted export?)",
                   spec->path);
      return FALSE;
    }
  return TRUE;
}

/* Whether FILTER keeps FEAT (N fields): its texts, indexed as the header. */
static gboolean
ogr_row_kept (dxi_row_filter *filter, OGRFeatureH feat, guint n)
{
  guint n_cols;
  const int *at = dxi_row_filter_columns (filter, &n_cols);
  char **fields = g_new0 (char *, n + 1);
  for (guint i = 0; i < n_cols; i++)
    if (fields[at[i]] == NULL)
      fields[at[i]] = g_strdup (
          OGR_F_IsFieldSetAndNotNull (feat, at[i]) ? OGR_F_GetFieldAsString (feat, at[i]) : "");
  gboolean kept = dxi_row_filter_keeps (filter, fields);
  for (guint i = 0; i < n; i++)
    g_free (fields[i]);
  g_free (fields);
  return kept;
}

static gboolean
read_ogr (reader *rd, GError **error)
{
  const dxi_table_spec *spec = rd->spec;
  GDALAllRegister ();
  CPLErrorReset ();
  GDALDatasetH ds = GDALOpenEx (
      spec->path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, NULL, NULL, NULL);
  if (ds == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot open '%s': %s", spec->path,
                   g_file_test (spec->path, G_FILE_TEST_EXISTS) ? CPLGetLastErrorMsg ()
                                                                : "No such file or directory");
      return FALSE;
    }
  OGRLayerH layer
      = spec->layer ? GDALDatasetGetLayerByName (ds, spec->layer) : GDALDatasetGetLayer (ds, 0);
  gboolean ok = layer != NULL;
  if (!ok)
    g_set_error (error, DXI_ERROR, DXI_ERROR_DATA, "'%s': no sheet or layer '%s'", spec->path,
                 spec->layer ? spec->layer : "0");
  OGRFeatureDefnH defn = ok ? OGR_L_GetLayerDefn (layer) : NULL;
  guint n = defn ? (guint) OGR_FD_GetFieldCount (defn) : 0;
  g_autoptr (GPtrArray) header = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (header, (gpointer) OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, (int) i)));
  g_ptr_array_add (header, NULL);
  char **head = (char **) header->pdata;
  int code_idx = -1, name_idx = -1;
  ok = ok && key_columns (spec, head, n, &code_idx, &name_idx, error);
  g_autoptr (GArray) idx = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  ok = ok && choose_columns (rd, head, n, code_idx, name_idx, idx, names, error)
       && (spec->filter == NULL || dxi_row_filter_bind (spec->filter, spec->path, head, n, error));
  g_autofree guint *cols = g_new (guint, idx->len + 1);
  for (guint i = 0; ok && i < idx->len; i++)
    cols[i] = dxi_frame_add_column (rd->frame, names->pdata[i]);
  OGRFeatureH feat;
  /* Row 1 is the header in a spreadsheet; features count from row 2. */
  guint line = 1;
  while (ok && (feat = OGR_L_GetNextFeature (layer)) != NULL)
    {
      line++;
      if (spec->filter && !ogr_row_kept (spec->filter, feat, n))
        {
          OGR_F_Destroy (feat);
          continue;
        }
      guint row;
      /* Copies: a numeric field's text lives in a buffer the next
       * OGR_F_GetFieldAsString call frees. */
      g_autofree char *code = g_strdup (OGR_F_GetFieldAsString (feat, code_idx));
      g_autofree char *name
          = name_idx >= 0 ? g_strdup (OGR_F_GetFieldAsString (feat, name_idx)) : NULL;
      ok = area_row (rd, code, name, line, TRUE, &row, error);
      for (guint i = 0; ok && i < idx->len; i++)
        {
          int c = g_array_index (idx, int, i);
          double v;
          const char *text
              = OGR_F_IsFieldSetAndNotNull (feat, c) ? OGR_F_GetFieldAsString (feat, c) : "";
          ok = cell_value (rd, text, line, (guint) c + 1, head[c], &v, error)
               && check_count (rd, names->pdata[i], v, text, line, (guint) c + 1, head[c], error);
          if (ok)
            dxi_frame_set (rd->frame, row, cols[i], v);
        }
      OGR_F_Destroy (feat);
    }
  GDALClose (ds);
  return ok;
}

dxi_frame *
dxi_table_read (const dxi_table_spec *spec, guint *n_missing, GError **error)
{
  reader rd = { .spec = spec, .frame = dxi_frame_new (spec->path) };
  rd.first_line = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok;
  if (spec->shape == DXI_SHAPE_OGR)
    ok = read_ogr (&rd, error);
  else
    {
      g_autoptr (dxi_delimited) csv = dxi_delimited_open (spec->path, error);
      ok = csv != NULL
           && (spec->shape == DXI_SHAPE_WIDE   ? read_wide (&rd, csv, error)
               : spec->shape == DXI_SHAPE_LONG ? read_long (&rd, csv, error)
                                               : read_nomis (&rd, csv, error));
    }
  ok = ok && some_rows (&rd, error);
  g_hash_table_unref (rd.first_line);
  if (!ok)
    {
      dxi_frame_free (rd.frame);
      return NULL;
    }
  if (n_missing)
    *n_missing = rd.n_missing;
  return rd.frame;
}

gboolean
dxi_table_is_missing_marker (const char *text, const char *const *markers)
{
  if (markers == NULL)
    return FALSE;
  while (*text == ' ')
    text++;
  gsize len = strlen (text);
  while (len > 0 && text[len - 1] == ' ')
    len--;
  for (guint i = 0; markers[i]; i++)
    if (strlen (markers[i]) == len && strncmp (markers[i], text, len) == 0)
      return TRUE;
  return FALSE;
}

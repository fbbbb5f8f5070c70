#include "core/frame.h"

#include <math.h>

static void
column_free (gpointer data)
{
  dxi_column *column = data;
  g_free (column->name);
  g_array_unref (column->values);
  g_free (column);
}

dxi_frame *
dxi_frame_new (const char *source)
{
  dxi_frame *frame = g_new0 (dxi_frame, 1);
  frame->source = g_strdup (source);
  frame->codes = g_ptr_array_new_with_free_func (g_free);
  frame->names = g_ptr_array_new_with_free_func (g_free);
  frame->row_of = g_hash_table_new (g_str_hash, g_str_equal);
  frame->columns = g_ptr_array_new_with_free_func (column_free);
  return frame;
}

void
dxi_frame_free (dxi_frame *frame)
{
  if (frame == NULL)
    return;
  g_hash_table_unref (frame->row_of);
  g_ptr_array_unref (frame->codes);
  g_ptr_array_unref (frame->names);
  g_ptr_array_unref (frame->columns);
  g_free (frame->source);
  g_free (frame);
}

guint
dxi_frame_n_rows (const dxi_frame *frame)
{
  return frame->codes->len;
}

guint
dxi_frame_n_cols (const dxi_frame *frame)
{
  return frame->columns->len;
}

gint
dxi_frame_find_row (const dxi_frame *frame, const char *code)
{
  gpointer hit = g_hash_table_lookup (frame->row_of, code);
  return hit ? (gint) GPOINTER_TO_UINT (hit) - 1 : -1;
}

guint
dxi_frame_add_row (dxi_frame *frame, const char *code, const char *name)
{
  gint row = dxi_frame_find_row (frame, code);
  if (row >= 0)
    return (guint) row;
  char *key = g_strdup (code);
  g_ptr_array_add (frame->codes, key);
  g_ptr_array_add (frame->names, g_strdup (name));
  g_hash_table_insert (frame->row_of, key, GUINT_TO_POINTER (frame->codes->len));
  const double missing = NAN;
  for (guint c = 0; c < frame->columns->len; c++)
    g_array_append_val (((dxi_column *) frame->columns->pdata[c])->values, missing);
  return frame->codes->len - 1;
}

const char *
dxi_frame_code (const dxi_frame *frame, guint row)
{
  g_return_val_if_fail (row < frame->codes->len, NULL);
  return frame->codes->pdata[row];
}

const char *
dxi_frame_name (const dxi_frame *frame, guint row)
{
  g_return_val_if_fail (row < frame->names->len, NULL);
  return frame->names->pdata[row];
}

gint
dxi_frame_find_column (const dxi_frame *frame, const char *name)
{
  for (guint c = 0; c < frame->columns->len; c++)
    if (g_str_equal (((dxi_column *) frame->columns->pdata[c])->name, name))
      return (gint) c;
  return -1;
}

guint
dxi_frame_add_column (dxi_frame *frame, const char *name)
{
  gint found = dxi_frame_find_column (frame, name);
  if (found >= 0)
    return (guint) found;
  dxi_column *column = g_new0 (dxi_column, 1);
  column->name = g_strdup (name);
  column->values = g_array_sized_new (FALSE, FALSE, sizeof (double), frame->codes->len);
  const double missing = NAN;
  for (guint r = 0; r < frame->codes->len; r++)
    g_array_append_val (column->values, missing);
  g_ptr_array_add (frame->columns, column);
  return frame->columns->len - 1;
}

const char *
dxi_frame_column_name (const dxi_frame *frame, guint col)
{
  g_return_val_if_fail (col < frame->columns->len, NULL);
  return ((dxi_column *) frame->columns->pdata[col])->name;
}

double *
dxi_frame_column_data (const dxi_frame *frame, guint col)
{
  g_return_val_if_fail (col < frame->columns->len, NULL);
  return (double *) ((dxi_column *) frame->columns->pdata[col])->values->data;
}

double
dxi_frame_get (const dxi_frame *frame, guint row, guint col)
{
  g_return_val_if_fail (row < frame->codes->len, NAN);
  return dxi_frame_column_data (frame, col)[row];
}

void
dxi_frame_set (dxi_frame *frame, guint row, guint col, double value)
{
  g_return_if_fail (row < frame->codes->len);
  dxi_frame_column_data (frame, col)[row] = value;
}

double
dxi_frame_column_sum (const dxi_frame *frame, guint col, guint *n_missing)
{
  const double *v = dxi_frame_column_data (frame, col);
  double sum = 0;
  guint missing = 0;
  for (guint r = 0; r < frame->codes->len; r++)
    {
      if (isnan (v[r]))
        missing++;
      else
        sum += v[r];
    }
  if (n_missing)
    *n_missing = missing;
  return sum;
}

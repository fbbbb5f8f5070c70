/* dxi_frame: a table of numeric columns keyed by a unique area code.
 *
 * The one in-memory shape every stage shares: a published table once read, a
 * lookup's apportioned result, the area table with index and appraisal columns.
 * Missing values are NAN (never zero); rows keep insertion order. */
#pragma once
#include <glib.h>

typedef struct dxi_frame dxi_frame;

struct dxi_frame
{
  char *source;       /* file the frame came from, for messages (may be NULL) */
  GPtrArray *codes;   /* char *, one per row, unique */
  GPtrArray *names;   /* char *, row labels; entries may be NULL */
  GHashTable *row_of; /* code -> GUINT_TO_POINTER (row + 1) */
  GPtrArray *columns; /* struct dxi_column * */
};

typedef struct dxi_column
{
  char *name;
  GArray *values; /* double, n_rows long, NAN = missing */
} dxi_column;

dxi_frame *dxi_frame_new (const char *source);
void dxi_frame_free (dxi_frame *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_frame, dxi_frame_free)

guint dxi_frame_n_rows (const dxi_frame *frame);
guint dxi_frame_n_cols (const dxi_frame *frame);

/* Row of CODE, adding it (every column NAN) when absent. */
guint dxi_frame_add_row (dxi_frame *frame, const char *code, const char *name);
/* Row of CODE or -1. */
gint dxi_frame_find_row (const dxi_frame *frame, const char *code);
const char *dxi_frame_code (const dxi_frame *frame, guint row);
const char *dxi_frame_name (const dxi_frame *frame, guint row);

/* Column named NAME, adding it (all NAN) when absent. */
guint dxi_frame_add_column (dxi_frame *frame, const char *name);
/* Column named NAME or -1. */
gint dxi_frame_find_column (const dxi_frame *frame, const char *name);
const char *dxi_frame_column_name (const dxi_frame *frame, guint col);

double dxi_frame_get (const dxi_frame *frame, guint row, guint col);
void dxi_frame_set (dxi_frame *frame, guint row, guint col, double value);
/* Contiguous values of COL, n_rows long (borrowed; invalidated by add_row). */
double *dxi_frame_column_data (const dxi_frame *frame, guint col);

/* Sum of COL over rows, skipping NAN; *n_missing counts the NANs (may be NULL). */
double dxi_frame_column_sum (const dxi_frame *frame, guint col, guint *n_missing);

/* A study of tests/fixtures/rollup/ built into its area table, for the
 * roll-up tests (test-rollup.c, test-weights.c); static, header only. */
#pragma once
#include <glib.h>
#include <math.h>

#include "core/error.h"
#include "inputs/build.h"
#include "inputs/study.h"

#define FIX DXI_SOURCE_DIR "/tests/fixtures/rollup/"

typedef struct
{
  dxi_study *study;
  dxi_boundaries *areas;
  dxi_frame *table;
  GString *coverage;
  GPtrArray *warnings;
} built;

/* The study FIX/NAME built; every step asserted to succeed. */
static built *
build_study (const char *name)
{
  built *b = g_new0 (built, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strconcat (FIX, name, NULL);
  b->study = dxi_study_load (path, &error);
  g_assert_no_error (error);
  b->areas = dxi_boundaries_read (b->study->areas_file, NULL, b->study->code_field,
                                  b->study->name_field, &error);
  g_assert_no_error (error);
  b->coverage = g_string_new (NULL);
  b->warnings = g_ptr_array_new_with_free_func (g_free);
  b->table = dxi_build_study (b->study, b->areas, b->coverage, b->warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b->table);
  return b;
}

static void
built_free (built *b)
{
  dxi_frame_free (b->table);
  dxi_boundaries_free (b->areas);
  dxi_study_free (b->study);
  g_string_free (b->coverage, TRUE);
  g_ptr_array_unref (b->warnings);
  g_free (b);
}

static double
value (const built *b, const char *area, const char *column)
{
  gint r = dxi_frame_find_row (b->table, area);
  gint c = dxi_frame_find_column (b->table, column);
  g_assert_cmpint (r, >=, 0);
  g_assert_cmpint (c, >=, 0);
  return r >= 0 && c >= 0 ? dxi_frame_get (b->table, (guint) r, (guint) c) : NAN;
}

#define assert_value(b, area, column, want)                                                        \
  g_assert_cmpfloat_with_epsilon (value (b, area, column), (want),                                 \
                                  1e-9 * MAX (1.0, fabs ((double) (want))))

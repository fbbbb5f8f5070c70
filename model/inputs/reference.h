/* The reference areas of `index: {reference: dataset}`: another study (every
 * LSOA of England, say) whose areas set the minimum, maximum and ranks each
 * indicator of this study is normalised against.  Read and built like any
 * study; its indicators with the ids of this study's give the values. */
#pragma once
#include <glib.h>

#include "inputs/study.h"

typedef struct dxi_reference
{
  char *path;     /* the reference study, as read */
  char *name;     /* its name */
  guint n_areas;  /* rows of VALUES */
  guint n_ind;    /* columns of VALUES: the indicators of the study it serves */
  double *values; /* n_areas x n_ind, indicator by indicator (column j at j * n_areas) */
} dxi_reference;

/* The reference study NAME (relative to STUDY's folder unless absolute),
 * built, with the values of STUDY's indicators; NULL with ERROR naming the
 * reference study when it cannot be read or lacks one of the indicators. */
dxi_reference *dxi_reference_read (const dxi_study *study, const char *name, GError **error);
void dxi_reference_free (dxi_reference *reference);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (dxi_reference, dxi_reference_free)

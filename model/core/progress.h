/* A text progress bar for GDAL's progress callbacks: "label [#####     ] 50%"
 * on a stream, redrawn only when the whole percentage moves.  Its state is
 * the caller's (no static state), one bar per run. */
#pragma once
#include <cpl_progress.h>
#include <stdio.h>

typedef struct dxi_progress_bar
{
  FILE *stream; /* borrowed: where the bar is drawn (stderr) */
  int last;     /* the percentage drawn last, -1 before the first */
} dxi_progress_bar;

void dxi_progress_bar_init (dxi_progress_bar *bar, FILE *stream);
/* A GDALProgressFunc: DATA is a dxi_progress_bar, MESSAGE the label (the
 * file being written).  A bar that reaches 100% ends its line, and the next
 * call starts a new bar.  Always TRUE (never cancels). */
int CPL_STDCALL dxi_progress_bar_update (double done, const char *message, void *data);

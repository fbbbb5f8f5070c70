#include "core/progress.h"

#define BAR_WIDTH 30

void
dxi_progress_bar_init (dxi_progress_bar *bar, FILE *stream)
{
  bar->stream = stream;
  bar->last = -1;
}

int CPL_STDCALL
dxi_progress_bar_update (double done, const char *message, void *data)
{
  dxi_progress_bar *bar = data;
  int pct = (int) (done * 100 + 0.5);
  if (pct == bar->last && done < 1.0)
    return TRUE;
  bar->last = done >= 1.0 ? -1 : pct;
  int filled = (int) (done * BAR_WIDTH + 0.5);
  fprintf (bar->stream, "\r%-24s [%.*s%*s] %3d%%", message ? message : "", filled,
           "##############################", BAR_WIDTH - filled, "", pct);
  if (done >= 1.0)
    fputc ('\n', bar->stream);
  return TRUE;
}

/* What `dxi run` and `dxi index` print after a run: the per-area index table
 * in rank order on stdout, the appraisal's summaries, the warnings on stderr. */
#include <math.h>
#include <stdio.h>

#include "cli/cli.h"

#define SHOWN_AREAS 60

/* The rows of T in the order of column RANK (-1: as they are); caller frees. */
static guint *
rank_order (const dxi_frame *t, gint rank)
{
  guint n = dxi_frame_n_rows (t);
  guint *order = g_new (guint, n);
  for (guint r = 0; r < n; r++)
    order[r] = r;
  for (guint i = 1; rank >= 0 && i < n; i++)
    for (guint j = i; j > 0
                      && dxi_frame_get (t, order[j - 1], (guint) rank)
                             > dxi_frame_get (t, order[j], (guint) rank);
         j--)
      {
        guint tmp = order[j];
        order[j] = order[j - 1];
        order[j - 1] = tmp;
      }
  return order;
}

static double
value (const dxi_frame *t, guint row, gint col)
{
  return col >= 0 ? dxi_frame_get (t, row, (guint) col) : NAN;
}

static void
print_areas (const dxi_frame *t)
{
  gint pop = dxi_frame_find_column (t, "population"),
       excl = dxi_frame_find_column (t, "excluded_adults");
  gint score = dxi_frame_find_column (t, "index_score"),
       rank = dxi_frame_find_column (t, "index_rank");
  gint dec = dxi_frame_find_column (t, "index_decile");
  gint p5 = dxi_frame_find_column (t, "rank_p5"), p95 = dxi_frame_find_column (t, "rank_p95");
  printf ("%-10s %-28s %7s %5s %6s %11s %10s %10s\n", "code", "name", "score", "rank", "decile",
          "rank 5-95%", "population", "not online");
  guint n = dxi_frame_n_rows (t);
  g_autofree guint *order = rank_order (t, rank);
  for (guint i = 0; i < n && i < SHOWN_AREAS; i++)
    {
      guint r = order[i];
      g_autofree char *interval
          = p5 >= 0 ? g_strdup_printf ("%.0f-%.0f", value (t, r, p5), value (t, r, p95))
                    : g_strdup ("");
      printf ("%-10s %-28.28s %7.2f %5.0f %6.0f %11s %10.0f %10.0f\n", dxi_frame_code (t, r),
              dxi_frame_name (t, r), value (t, r, score), value (t, r, rank), value (t, r, dec),
              interval, value (t, r, pop), value (t, r, excl));
    }
  if (n > SHOWN_AREAS)
    printf ("... %u more areas in areas.csv\n", n - SHOWN_AREAS);
}

void
dxi_cli_print_summary (const dxi_run_result *result)
{
  printf ("%s: digital exclusion index (%s preset), rank 1 = most excluded\n", result->title,
          result->preset);
  print_areas (result->table);
  if (result->appraisal_summary[0])
    printf ("\nAppraisal (Green Book; real %d prices)\n%s", result->price_base_year,
            result->appraisal_summary);
}

void
dxi_cli_print_warnings (const dxi_run_result *result)
{
  for (guint i = 0; i < result->warnings->len; i++)
    fprintf (stderr, "dxi: warning: %s\n", (const char *) result->warnings->pdata[i]);
}

#include "inputs/iod.h"

#include <math.h>
#include <stdlib.h>

typedef struct
{
  double rank, pop;
} lsoa;

static int
by_rank (const void *a, const void *b)
{
  double x = ((const lsoa *) a)->rank, y = ((const lsoa *) b)->rank;
  return (x > y) - (x < y);
}

/* Extent weights: LSOAs in the most deprived 10% count fully; from 10% to
 * 30% the weight falls linearly to zero (the Technical Report's sliding
 * scale); beyond 30% nothing. */
static double
extent_weight (double rank, guint n_national)
{
  double p = rank / n_national;
  if (p <= 0.10)
    return 1;
  if (p >= 0.30)
    return 0;
  return (0.30 - p) / 0.20;
}

double
dxi_iod_summary (DxiIodSummary kind, const double *values, const double *pop, guint n,
                 guint n_national)
{
  g_autofree lsoa *items = g_new (lsoa, n ? n : 1);
  guint m = 0;
  double total_pop = 0;
  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]) && !isnan (pop[i]) && pop[i] > 0)
      {
        items[m++] = (lsoa){ values[i], pop[i] };
        total_pop += pop[i];
      }
  if (m == 0 || total_pop <= 0)
    return NAN;
  double acc = 0;
  switch (kind)
    {
    case DXI_IOD_AVERAGE_SCORE:
    case DXI_IOD_AVERAGE_RANK:
      for (guint i = 0; i < m; i++)
        acc += items[i].rank * items[i].pop;
      return acc / total_pop;
    case DXI_IOD_EXTENT:
      for (guint i = 0; i < m; i++)
        acc += extent_weight (items[i].rank, n_national) * items[i].pop;
      return 100 * acc / total_pop;
    case DXI_IOD_SHARE_MOST_DEPRIVED:
      for (guint i = 0; i < m; i++)
        acc += items[i].rank <= n_national / 10.0;
      return 100 * acc / m;
    case DXI_IOD_LOCAL_CONCENTRATION:
      {
        qsort (items, m, sizeof (lsoa), by_rank);
        double want = 0.10 * total_pop, got = 0;
        for (guint i = 0; i < m && got < want; i++)
          {
            double take = MIN (items[i].pop, want - got);
            acc += items[i].rank * take;
            got += take;
          }
        return acc / got;
      }
    }
  return NAN;
}

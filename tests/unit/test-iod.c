/* IoD-style summaries on a four-LSOA area worked by hand. */
#include <glib.h>
#include <math.h>

#include "inputs/iod.h"

/* Four LSOAs of an area in a nation of 1,000 LSOAs:
 *   rank 50  (5%,  weight 1),   1,000 people
 *   rank 200 (20%, weight 0.5), 2,000 people
 *   rank 400 (40%, weight 0),   3,000 people
 *   rank 900 (90%, weight 0),   4,000 people      total 10,000 */
static const double ranks[] = { 400, 50, 900, 200 };
static const double pop[] = { 3000, 1000, 4000, 2000 };

static void
test_summaries (void)
{
  /* average rank = (50*1000 + 200*2000 + 400*3000 + 900*4000) / 10000 = 525 */
  g_assert_cmpfloat_with_epsilon (dxi_iod_summary (DXI_IOD_AVERAGE_RANK, ranks, pop, 4, 1000), 525, 1e-9);
  /* extent = (1*1000 + 0.5*2000) / 10000 = 20% */
  g_assert_cmpfloat_with_epsilon (dxi_iod_summary (DXI_IOD_EXTENT, ranks, pop, 4, 1000), 20, 1e-9);
  /* 10% of the people = 1,000: exactly the rank-50 LSOA -> 50 */
  g_assert_cmpfloat_with_epsilon (dxi_iod_summary (DXI_IOD_LOCAL_CONCENTRATION, ranks, pop, 4, 1000), 50, 1e-9);
  /* one of four LSOAs in the most deprived 10% (rank <= 100) */
  g_assert_cmpfloat_with_epsilon (dxi_iod_summary (DXI_IOD_SHARE_MOST_DEPRIVED, ranks, pop, 4, 1000), 25, 1e-9);
  /* local concentration taking part of an LSOA: with 1,500 people in the
   * first, 10% of 10,500 = 1,050 come from it alone -> its rank */
  const double pop2[] = { 3000, 1500, 4000, 2000 };
  g_assert_cmpfloat_with_epsilon (dxi_iod_summary (DXI_IOD_LOCAL_CONCENTRATION, ranks, pop2, 4, 1000), 50, 1e-9);
  /* 10% of 10,000 when the most deprived holds 500: (50*500 + 200*500)/1000 */
  const double pop3[] = { 3000, 500, 4500, 2000 };
  g_assert_cmpfloat_with_epsilon (dxi_iod_summary (DXI_IOD_LOCAL_CONCENTRATION, ranks, pop3, 4, 1000), 125, 1e-9);
  const double none[] = { NAN, NAN };
  g_assert_true (isnan (dxi_iod_summary (DXI_IOD_AVERAGE_SCORE, none, pop, 2, 1000)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/deprivation/summaries", test_summaries);
  return g_test_run ();
}

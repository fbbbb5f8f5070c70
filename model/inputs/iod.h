/* IoD-style summaries of an area from the LSOAs in it (English Indices of
 * Deprivation 2019, Technical Report, section 3.8 "Summary measures";
 * ranks: 1 = most deprived of N_NATIONAL LSOAs, 32,844 in England in 2019).
 * Each takes the area's LSOAs: RANKS or SCORES and their populations POP
 * (already multiplied by the share of the LSOA inside the area). */
#pragma once
#include <glib.h>

#define DXI_IOD2019_LSOAS 32844

typedef enum
{
  DXI_IOD_AVERAGE_SCORE, /* population-weighted mean of the scores */
  DXI_IOD_AVERAGE_RANK,  /* population-weighted mean of the ranks */
  DXI_IOD_EXTENT,        /* % of people in the most deprived 30%, on a sliding scale */
  /* population-weighted mean rank of the most deprived LSOAs holding 10% of people */
  DXI_IOD_LOCAL_CONCENTRATION,
  DXI_IOD_SHARE_MOST_DEPRIVED, /* % of the area's LSOAs in the most deprived 10% nationally */
} DxiIodSummary;

/* NAN when the area has no LSOA with a value. */
double dxi_iod_summary (DxiIodSummary kind, const double *values, const double *pop, guint n,
                        guint n_national);

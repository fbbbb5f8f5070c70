/* HM Treasury Green Book (2022) arithmetic: discount factors on the Social
 * Time Preference Rate schedule, rebasing with a GDP deflator, the value for
 * money category (DfT's).  Pure functions. */
#pragma once
#include <glib.h>

#include "config/discount.h"

/* The rate that applies in year T (T >= 1) of the schedule. */
double dxi_greenbook_discount_rate (DxiDiscount schedule, guint t, double flat_rate);
/* DF_t = prod_{k=1..t} 1 / (1 + r_k), DF_0 = 1, for t = 0 .. n-1 into OUT. */
void dxi_greenbook_discount_factors (DxiDiscount schedule, double flat_rate, guint n, double *out);

/* The Department for Transport's value for money category of a
 * benefit-cost ratio (DfT, Value for Money Framework): poor < 1, low 1-1.5,
 * medium 1.5-2, high 2-4, very high >= 4; "n/a (no cost)" for a NAN ratio.
 * The Green Book itself sets no such bands. */
const char *dxi_greenbook_vfm_band (double bcr);

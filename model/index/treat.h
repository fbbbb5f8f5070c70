/* Outlier treatment by the JRC / COINr rule (see settings.h, `outliers`).
 *
 * The treatment is found on the reference values and then applied, as a fixed
 * monotone function, to the target areas (and goalposts), so targets and
 * reference stay comparable. */
#pragma once
#include <glib.h>

typedef enum
{
  DXI_TREAT_NONE,       /* passed as it was */
  DXI_TREAT_WINSORISED, /* clamped to [cap_lo, cap_hi] */
  DXI_TREAT_LOG,        /* winsorising was not enough: log transformed */
} DxiTreatKind;

typedef struct dxi_treatment
{
  DxiTreatKind kind;
  guint n_winsorised;      /* points changed by winsorising (ties count each) */
  double cap_lo, cap_hi;   /* winsorising bounds (-inf/inf when untouched) */
  double log_min, log_max; /* log: reference minimum and maximum */
  int log_sign;            /* log: +1 for positive skew, -1 mirrored */
  double skew_before, kurt_before;
  double skew_after, kurt_after;
  gboolean passes; /* after treatment */
} dxi_treatment;

/* Sample skewness (Excel SKEW, e1071 type 2) and excess kurtosis (Excel KURT),
 * NAN skipped; NAN when too few values (3, 4) or no variance. */
double dxi_treat_skewness (const double *x, guint n);
double dxi_treat_kurtosis (const double *x, guint n);

/* The JRC rule: fails when |skew| > SKEW_LIMIT and kurtosis > KURT_LIMIT. */
gboolean dxi_treat_passes (double skew, double kurt, double skew_limit, double kurt_limit);

/* Decide the treatment of reference values X (NAN skipped). */
void dxi_treatment_find (const double *x, guint n, guint winsorise_max, double skew_limit,
                         double kurt_limit, dxi_treatment *t);
/* Apply T to X[0..n) into OUT (may be X). */
void dxi_treatment_apply (const dxi_treatment *t, const double *x, guint n, double *out);

#include "writers/classes.h"

#include <string.h>

/* Quintiles: ColorBrewer YlOrRd, 5 classes (Cynthia Brewer, colorbrewer2.org,
 * "colorblind safe", "print friendly"), darkest for class 1. */
static const guint8 quintile_rgb[5][3] = {
  { 189, 0, 38 }, { 240, 59, 32 }, { 253, 141, 60 }, { 254, 204, 92 }, { 255, 255, 178 },
};

/* Deciles: ColorBrewer's sequential schemes stop at 9 classes, so viridis,
 * 10 classes (van der Walt & Smith for matplotlib, 2015; the values of R's
 * viridisLite::viridis(10)), perceptually uniform and colour-blind safe,
 * darkest for class 1. */
static const guint8 decile_rgb[10][3] = {
  { 68, 1, 84 },    { 72, 40, 120 },  { 62, 74, 137 },  { 49, 104, 142 }, { 38, 130, 142 },
  { 31, 158, 137 }, { 53, 183, 121 }, { 109, 205, 89 }, { 180, 222, 44 }, { 253, 231, 37 },
};

/* The plural noun for areas whose codes are of GEOGRAPHY (ward22 -> wards). */
static const char *
kind_of (const char *geography)
{
  static const char *const kinds[][2] = {
    { "ward", "wards" },
    { "lsoa", "LSOAs" },
    { "msoa", "MSOAs" },
    { "oa", "output areas" },
    { "lad", "local authorities" },
    { "la", "local authorities" },
    { "ltla", "local authorities" },
  };
  g_autofree char *lower = g_ascii_strdown (geography ? geography : "", -1);
  /* The longest matching prefix, so lsoa is not read as la. */
  const char *best = "areas";
  gsize best_len = 0;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_has_prefix (lower, kinds[i][0]) && strlen (kinds[i][0]) > best_len)
      best = kinds[i][1], best_len = strlen (kinds[i][0]);
  return best;
}

void
dxi_classes_init (dxi_classes *classes, guint n_areas, const char *study, const char *geography)
{
  gboolean deciles = n_areas >= DXI_CLASSES_DECILES_FROM;
  classes->n = deciles ? 10 : 5;
  classes->column = deciles ? "index_decile" : "index_quintile";
  classes->noun = deciles ? "decile" : "quintile";
  classes->study = g_strdup (study ? study : "the study");
  classes->area_kind = g_strdup (kind_of (geography));
}

void
dxi_classes_clear (dxi_classes *classes)
{
  g_clear_pointer (&classes->study, g_free);
  g_clear_pointer (&classes->area_kind, g_free);
}

void
dxi_classes_colour (const dxi_classes *classes, guint k, guint8 rgb[3])
{
  k = CLAMP (k, 1, classes->n);
  memcpy (rgb, classes->n == 10 ? decile_rgb[k - 1] : quintile_rgb[k - 1], 3);
}

char *
dxi_classes_hex (const dxi_classes *classes, guint k)
{
  guint8 c[3];
  dxi_classes_colour (classes, k, c);
  return g_strdup_printf ("#%02x%02x%02x", c[0], c[1], c[2]);
}

guint
dxi_classes_percent (const dxi_classes *classes)
{
  return 100 / classes->n;
}

char *
dxi_classes_label (const dxi_classes *classes, guint k)
{
  guint p = dxi_classes_percent (classes);
  if (k == 1)
    return g_strdup_printf ("1: the %u%% most at risk", p);
  if (k == classes->n)
    return g_strdup_printf ("%u: the %u%% least at risk", k, p);
  return g_strdup_printf ("%u: %u\u2013%u%%", k, (k - 1) * p, k * p);
}

char *
dxi_classes_areas (const dxi_classes *classes, guint n)
{
  g_autofree char *count = n ? g_strdup_printf ("%u ", n) : g_strdup ("");
  if (g_str_has_suffix (classes->study, classes->area_kind))
    {
      /* "Trafford LSOAs": the 139 Trafford LSOAs. */
      return n ? g_strdup_printf ("the %s%s", count, classes->study) : g_strdup (classes->study);
    }
  gboolean ends_s = g_str_has_suffix (classes->study, "s");
  return g_strdup_printf ("%s%s %s%s", classes->study, ends_s ? "'" : "'s", count,
                          classes->area_kind);
}

char *
dxi_classes_meaning (const dxi_classes *classes)
{
  g_autofree char *areas = dxi_classes_areas (classes, 0);
  guint p = dxi_classes_percent (classes);
  return g_strdup_printf (
      "Class 1 is the %u%% of %s most at risk on the index; class %u the %u%% least at risk. "
      "Classes rank the %s against each other.",
      p, areas, classes->n, p, classes->area_kind);
}

char *
dxi_classes_title (const dxi_classes *classes)
{
  return g_strdup_printf ("index %s (1 = the %u%% most at risk)", classes->noun,
                          dxi_classes_percent (classes));
}

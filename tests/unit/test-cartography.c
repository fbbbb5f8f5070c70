/* The map's classes against the published colour schemes, and label
 * placement measured box by box. */
#include <glib.h>
#include <math.h>

#include "writers/classes.h"

/* ColorBrewer YlOrRd, 5 classes, as colorbrewer2.org lists it (lightest
 * first): dxi shows class 1 (most at risk) darkest, so reversed. */
static const char *const ylorrd5[] = { "#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026" };
/* viridisLite::viridis(10) in R (darkest first). */
static const char *const viridis10[] = { "#440154", "#482878", "#3e4a89", "#31688e", "#26828e",
                                         "#1f9e89", "#35b779", "#6dcd59", "#b4de2c", "#fde725" };

static void
test_classes_by_size (void)
{
  dxi_classes c;
  dxi_classes_init (&c, 21, "Trafford", "ward22");
  g_assert_cmpuint (c.n, ==, 5);
  g_assert_cmpstr (c.column, ==, "index_quintile");
  for (guint k = 1; k <= 5; k++)
    {
      g_autofree char *hex = dxi_classes_hex (&c, k);
      g_assert_cmpstr (hex, ==, ylorrd5[5 - k]);
    }
  g_autofree char *meaning = dxi_classes_meaning (&c);
  g_assert_true (g_str_has_prefix (meaning, "Class 1 is the 20% of Trafford's wards most at risk on the index"));
  g_autofree char *first = dxi_classes_label (&c, 1);
  g_assert_cmpstr (first, ==, "1: the 20% most at risk");
  dxi_classes_clear (&c);

  dxi_classes_init (&c, 49, "Greater Manchester", "lad22");
  g_assert_cmpuint (c.n, ==, 5);
  g_autofree char *gm = dxi_classes_meaning (&c);
  g_assert_true (g_str_has_prefix (gm, "Class 1 is the 20% of Greater Manchester's local authorities"));
  dxi_classes_clear (&c);

  dxi_classes_init (&c, 50, "Trafford LSOAs", "lsoa21");
  g_assert_cmpuint (c.n, ==, 10);
  g_assert_cmpstr (c.column, ==, "index_decile");
  for (guint k = 1; k <= 10; k++)
    {
      g_autofree char *hex = dxi_classes_hex (&c, k);
      g_assert_cmpstr (hex, ==, viridis10[k - 1]);
    }
  g_autofree char *lsoa = dxi_classes_meaning (&c);
  g_assert_true (g_str_has_prefix (lsoa, "Class 1 is the 10% of Trafford LSOAs most at risk"));
  dxi_classes_clear (&c);
}

/* CIE L* (lightness, D65) of an sRGB colour. */
static double
lightness (const guint8 c[3])
{
  double lin[3];
  for (int i = 0; i < 3; i++)
    {
      double u = c[i] / 255.0;
      lin[i] = u > 0.04045 ? pow ((u + 0.055) / 1.055, 2.4) : u / 12.92;
    }
  double y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  return y > 0.008856 ? 116 * cbrt (y) - 16 : 903.3 * y;
}

/* Classes must be told apart without hue (colour-blind readers, grey
 * printers): lightness rises from class 1 by a clear step each class.  The
 * old deciles 9 and 10 (255,255,204 and 255,255,235) were 0.3 apart. */
static void
test_classes_distinct (void)
{
  for (guint n_areas = 21; n_areas <= 100; n_areas += 79)
    {
      dxi_classes c;
      dxi_classes_init (&c, n_areas, "x", NULL);
      for (guint k = 1; k < c.n; k++)
        {
          guint8 a[3], b[3];
          dxi_classes_colour (&c, k, a);
          dxi_classes_colour (&c, k + 1, b);
          g_assert_cmpfloat (lightness (b) - lightness (a), >, 5);
        }
      dxi_classes_clear (&c);
    }
  const guint8 old9[3] = { 255, 255, 204 }, old10[3] = { 255, 255, 235 };
  g_assert_cmpfloat (fabs (lightness (old10) - lightness (old9)), <, 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/cartography/classes-by-study-size", test_classes_by_size);
  g_test_add_func ("/cartography/classes-distinct", test_classes_distinct);
  return g_test_run ();
}

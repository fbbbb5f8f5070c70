/* The map's classes against the published colour schemes; polylabel on
 * shapes worked by hand; Trafford's labels measured box by box. */
#include <glib.h>
#include <math.h>

#include <ogr_api.h>

#include "inputs/boundaries.h"
#include "writers/map.h"
#include "writers/classes.h"
#include "writers/labels.h"

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
  g_assert_true (g_str_has_prefix (
      meaning, "Class 1 is the 20% of Trafford's wards most at risk on the index"));
  g_autofree char *first = dxi_classes_label (&c, 1);
  g_assert_cmpstr (first, ==, "1: the 20% most at risk");
  dxi_classes_clear (&c);

  dxi_classes_init (&c, 49, "Greater Manchester", "lad22");
  g_assert_cmpuint (c.n, ==, 5);
  g_autofree char *gm = dxi_classes_meaning (&c);
  g_assert_true (
      g_str_has_prefix (gm, "Class 1 is the 20% of Greater Manchester's local authorities"));
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

/* polylabel on shapes whose pole is known by hand. */
static void
test_polylabel (void)
{
  /* A 10 x 4 rectangle: any point on the mid line, 2 from the boundary. */
  const double rect[] = { 0, 0, 10, 0, 10, 4, 0, 4 };
  const guint rect_len[] = { 4 };
  double x, y, d = dxi_polylabel (rect, rect_len, 1, 0.01, &x, &y);
  g_assert_cmpfloat_with_epsilon (d, 2, 0.01);
  g_assert_cmpfloat_with_epsilon (y, 2, 0.01);
  /* A 10 x 10 square with a 4 x 4 hole in its middle: the pole is in a
   * corner, on the diagonal where the outer edges and the hole's corner are
   * equally far, x = 3 sqrt 2 / (1 + sqrt 2) = 1.757; never the centre. */
  const double holed[] = { 0, 0, 10, 0, 10, 10, 0, 10, 3, 3, 7, 3, 7, 7, 3, 7 };
  const guint holed_len[] = { 4, 4 };
  d = dxi_polylabel (holed, holed_len, 2, 0.001, &x, &y);
  g_assert_cmpfloat_with_epsilon (d, 3 * G_SQRT2 / (1 + G_SQRT2), 0.005);
  g_assert_false (x > 3 && x < 7 && y > 3 && y < 7);
  /* A triangle (0,0) (6,0) (0,8): the incentre (2, 2), inradius 2. */
  const double tri[] = { 0, 0, 6, 0, 0, 8 };
  const guint tri_len[] = { 3 };
  d = dxi_polylabel (tri, tri_len, 1, 0.001, &x, &y);
  g_assert_cmpfloat_with_epsilon (d, 2, 0.01);
  g_assert_cmpfloat_with_epsilon (x, 2, 0.02);
  g_assert_cmpfloat_with_epsilon (y, 2, 0.02);
}

/* A box on the page as a polygon in metres. */
static OGRGeometryH
box_geometry (const dxi_map_frame *f, double x, double y, double w, double h)
{
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  const double corners[][2] = { { x, y }, { x + w, y }, { x + w, y + h }, { x, y + h }, { x, y } };
  for (guint i = 0; i < 5; i++)
    {
      double mx, my;
      dxi_map_frame_to_metres (f, corners[i][0], corners[i][1], &mx, &my);
      OGR_G_AddPoint_2D (ring, mx, my);
    }
  OGRGeometryH poly = OGR_G_CreateGeometry (wkbPolygon);
  OGR_G_AddGeometryDirectly (poly, ring);
  return poly;
}

/* A name set beside its area: the box in open space (touching no area, as
 * OGR measures it), the leader from the box's edge to a pole inside the area. */
static void
check_leader (const dxi_boundaries *areas, const dxi_map_frame *f, const dxi_map_label *l,
              OGRGeometryH box)
{
  for (guint j = 0; j < dxi_boundaries_len (areas); j++)
    {
      if (OGR_G_Intersects (box, areas->geoms->pdata[j]))
        g_test_message ("%s: name beside its area touches area %u", l->name, j);
      g_assert_false (OGR_G_Intersects (box, areas->geoms->pdata[j]));
    }
  double mx, my;
  dxi_map_frame_to_metres (f, l->px, l->py, &mx, &my);
  OGRGeometryH pole = OGR_G_CreateGeometry (wkbPoint);
  OGR_G_SetPoint_2D (pole, 0, mx, my);
  g_assert_true (OGR_G_Within (pole, areas->geoms->pdata[l->area]));
  OGR_G_DestroyGeometry (pole);
  /* The line starts on the box's edge. */
  gboolean on_x = fabs (l->lx - l->x) < 1e-9 || fabs (l->lx - l->x - l->w) < 1e-9;
  gboolean on_y = fabs (l->ly - l->y) < 1e-9 || fabs (l->ly - l->y - l->h) < 1e-9;
  g_assert_true ((on_x && l->ly >= l->y - 1e-9 && l->ly <= l->y + l->h + 1e-9)
                 || (on_y && l->lx >= l->x - 1e-9 && l->lx <= l->x + l->w + 1e-9));
}

/* Does the segment A-B pass through the box (sampled every 0.05 pt)? */
static gboolean
segment_through_box (double ax, double ay, double bx, double by, const dxi_map_label *o)
{
  double len = hypot (bx - ax, by - ay);
  for (double t = 0; len > 0 && t <= 1; t += 0.05 / len)
    {
      double x = ax + t * (bx - ax), y = ay + t * (by - ay);
      if (x > o->x && x < o->x + o->w && y > o->y && y < o->y + o->h)
        return TRUE;
    }
  return FALSE;
}

/* The labels of PATH's areas as the print map lays them out: one per area,
 * none dropped, every name whole; no two boxes overlapping; each box inside
 * its area (measured by OGR, not by the placement's own geometry), or beside
 * it with a leader line crossing no other label, or the area numbered and
 * keyed.  Returns how many are keyed and set beside with leaders. */
static void
check_labels (const char *path, const char *code_field, const char *name_field, guint n,
              guint *keyed, guint *leaders)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_boundaries) areas
      = dxi_boundaries_read (path, NULL, code_field, name_field, &error);
  g_assert_no_error (error);
  g_assert_nonnull (areas);
  if (areas == NULL)
    return;
  g_assert_true (dxi_boundaries_transform (areas, "EPSG:27700", &error));
  g_assert_cmpuint (dxi_boundaries_len (areas), ==, n);
  dxi_map_frame f;
  dxi_map_frame_fit (areas, &f);
  GArray *labels = dxi_map_place_labels (areas, &f);
  g_assert_cmpuint (labels->len, ==, n);
  *keyed = *leaders = 0;
  for (guint i = 0; i < labels->len; i++)
    {
      const dxi_map_label *l = &g_array_index (labels, dxi_map_label, i);
      g_assert_cmpuint (l->area, ==, i);
      g_assert_cmpstr (l->name, ==, dxi_frame_name (areas->frame, i));
      OGRGeometryH box = box_geometry (&f, l->x, l->y, l->w, l->h);
      if (l->key)
        {
          ++*keyed;
          g_assert_cmpuint (l->key, ==, *keyed);
          g_assert_false (l->leader);
          g_autofree char *number = g_strdup_printf ("%u", l->key);
          g_assert_cmpstr (l->text, ==, number);
        }
      else
        {
          /* The whole name, on one line or two. */
          g_auto (GStrv) words = g_strsplit_set (l->text, " \n", -1);
          g_autofree char *joined = g_strjoinv (" ", words);
          g_assert_cmpstr (joined, ==, l->name);
          g_assert_cmpfloat (l->size, >=, DXI_LABEL_MIN_SIZE);
          g_assert_cmpfloat (l->size, <=, DXI_LABEL_MAX_SIZE);
          if (l->leader)
            {
              ++*leaders;
              check_leader (areas, &f, l, box);
            }
          else
            {
              if (!OGR_G_Within (box, areas->geoms->pdata[i]))
                g_test_message ("%s: name box outside its area", l->name);
              g_assert_true (OGR_G_Within (box, areas->geoms->pdata[i]));
            }
        }
      OGR_G_DestroyGeometry (box);
      for (guint j = 0; j < labels->len; j++)
        {
          const dxi_map_label *o = &g_array_index (labels, dxi_map_label, j);
          gboolean overlap = l->x < o->x + o->w && o->x < l->x + l->w && l->y < o->y + o->h
                             && o->y < l->y + l->h;
          if (j < i && overlap)
            g_test_message ("%s overlaps %s", l->name, o->name);
          g_assert_true (j >= i || !overlap);
          if (l->leader && j != i)
            g_assert_false (segment_through_box (l->lx, l->ly, l->px, l->py, o));
        }
    }
  dxi_map_labels_free (labels);
}

/* Trafford's 21 wards: every name whole (Timperley was once cut to
 * "Timperle" under Village); most wards carry their own name. */
static void
test_trafford_labels (void)
{
  guint keyed, leaders;
  check_labels (DXI_SOURCE_DIR "/data/trafford/boundaries/wards_2022.geojson", "area_code",
                "area_name", 21, &keyed, &leaders);
  g_assert_cmpuint (keyed, <=, 3);
}

/* Croydon's 28 wards: the small wards on the borough's edge (Crystal Palace
 * & Upper Norwood, Norbury & Pollards Hill, the two New Addingtons) are
 * named beside their wards with leader lines; inner ones that have no room
 * are keyed. */
static void
test_croydon_labels (void)
{
  guint keyed, leaders;
  check_labels (DXI_SOURCE_DIR "/data/croydon/boundaries/wards22_croydon.geojson", "ward22_code",
                "ward22_name", 28, &keyed, &leaders);
  g_assert_cmpuint (leaders, >=, 3);
  g_assert_cmpuint (keyed + leaders, <=, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/cartography/classes-by-study-size", test_classes_by_size);
  g_test_add_func ("/cartography/classes-distinct", test_classes_distinct);
  g_test_add_func ("/cartography/polylabel", test_polylabel);
  g_test_add_func ("/cartography/trafford-labels", test_trafford_labels);
  g_test_add_func ("/cartography/croydon-labels", test_croydon_labels);
  return g_test_run ();
}

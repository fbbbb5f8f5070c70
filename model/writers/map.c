#include "writers/map.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <ogr_api.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "core/error.h"
#include "core/jobs.h"
#include "writers/labels.h"

/* A4 landscape in points; the PNG is the same page at 150 dpi. */
#define PAGE_W 841.89
#define PAGE_H 595.28
#define PNG_DPI 150.0
#define MARGIN 30.0

typedef dxi_map_frame frame;

static void
to_page (const frame *f, double mx, double my, double *px, double *py)
{
  dxi_map_frame_to_page (f, mx, my, px, py);
}

/* Paths are drawn in page points, and a vertex nearer than this to the last
 * one drawn is left out: the outline then strays from the area's by less
 * than 1/20 of a printed point (0.018 mm; a tenth of a pixel of the PNG),
 * whatever the map's scale (in metres, DRAW_TOLERANCE_PT / the frame's
 * scale).  The bundled boundaries are generalised already, so few vertices
 * go (about 5% of the national LSOAs'); what made the national PDF slow was
 * the operations, see draw_areas. */
#define DRAW_TOLERANCE_PT 0.05

static void
ring_path (cairo_t *cr, const frame *f, OGRGeometryH ring)
{
  int n = OGR_G_GetPointCount (ring);
  double lx = 0, ly = 0;
  for (int i = 0; i < n; i++)
    {
      double px, py;
      to_page (f, OGR_G_GetX (ring, i), OGR_G_GetY (ring, i), &px, &py);
      double dx = px - lx, dy = py - ly;
      if (i == 0)
        cairo_move_to (cr, px, py);
      else if (i == n - 1 || dx * dx + dy * dy >= DRAW_TOLERANCE_PT * DRAW_TOLERANCE_PT)
        cairo_line_to (cr, px, py);
      else
        continue;
      lx = px, ly = py;
    }
  cairo_close_path (cr);
}

/* Polygon or multipolygon as one path (holes by even-odd filling). */
static void
geometry_path (cairo_t *cr, const frame *f, OGRGeometryH g)
{
  OGRwkbGeometryType t = wkbFlatten (OGR_G_GetGeometryType (g));
  if (t == wkbPolygon)
    for (int r = 0; r < OGR_G_GetGeometryCount (g); r++)
      ring_path (cr, f, OGR_G_GetGeometryRef (g, r));
  else if (t == wkbMultiPolygon || t == wkbGeometryCollection)
    for (int p = 0; p < OGR_G_GetGeometryCount (g); p++)
      geometry_path (cr, f, OGR_G_GetGeometryRef (g, p));
}

static PangoLayout *
text_layout (cairo_t *cr, const char *text, double size, gboolean bold)
{
  return dxi_map_text_layout (cr, text, size, bold);
}

/* Returns the height of the text drawn. */
static double
show_text (cairo_t *cr, const char *text, double x, double y, double size, gboolean bold,
           double width)
{
  PangoLayout *layout = text_layout (cr, text, size, bold);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  int w, h;
  pango_layout_get_size (layout, &w, &h);
  g_object_unref (layout);
  return (double) h / PANGO_SCALE;
}

/* A placed label (labels.h) in its box, with a white halo. */
static void
draw_label (cairo_t *cr, const dxi_map_label *l)
{
  if (l->leader)
    {
      /* The leader line from the name to a dot at the area's pole. */
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, l->lx, l->ly);
      cairo_line_to (cr, l->px, l->py);
      cairo_stroke (cr);
      cairo_arc (cr, l->px, l->py, 0.9, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  PangoLayout *layout = text_layout (cr, l->text, l->size, l->key > 0);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (cr, l->x, l->y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, l->x, l->y);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* A round length near TARGET metres: 1, 2 or 5 x 10^k. */
static double
round_length (double target)
{
  double p = pow (10, floor (log10 (target)));
  return target >= 5 * p ? 5 * p : target >= 2 * p ? 2 * p : p;
}

static void
scale_bar (cairo_t *cr, const frame *f)
{
  double metres = round_length (f->w / 4 / f->scale);
  double len = metres * f->scale, x = f->x + 12, y = f->y + f->h - 22;
  for (int i = 0; i < 4; i++)
    {
      cairo_rectangle (cr, x + i * len / 4, y, len / 4, 4);
      if (i % 2 == 0)
        cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
    }
  g_autofree char *label = metres >= 1000 ? g_strdup_printf ("%g km", metres / 1000)
                                          : g_strdup_printf ("%g m", metres);
  show_text (cr, "0", x - 2, y + 5, 8, FALSE, 0);
  show_text (cr, label, x + len - 6, y + 5, 8, FALSE, 0);
}

static void
north_arrow (cairo_t *cr, const frame *f)
{
  double cx = f->x + f->w - 22, top = f->y + 14;
  cairo_move_to (cr, cx, top);
  cairo_line_to (cr, cx + 7, top + 22);
  cairo_line_to (cr, cx, top + 17);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_fill (cr);
  cairo_move_to (cr, cx, top);
  cairo_line_to (cr, cx - 7, top + 22);
  cairo_line_to (cr, cx, top + 17);
  cairo_close_path (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  show_text (cr, "N", cx - 4, top + 23, 8, TRUE, 0);
}

/* Returns the page position below it. */
static double
legend (cairo_t *cr, double x, double y, const dxi_map_spec *spec)
{
  const dxi_classes *classes = spec->classes;
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  show_text (cr, spec->legend_title, x, y, 10, TRUE, 180);
  y += 20;
  for (guint k = 1; k <= classes->n; k++)
    {
      guint8 rgb[3];
      dxi_classes_colour (classes, k, rgb);
      cairo_rectangle (cr, x, y, 22, 14);
      cairo_set_source_rgb (cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
      g_autofree char *name = dxi_classes_label (classes, k);
      g_autofree char *label = spec->class_counts
                                   ? g_strdup_printf ("%s  (%u)", name, spec->class_counts[k - 1])
                                   : g_strdup (name);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      show_text (cr, label, x + 30, y + 1, 9, FALSE, 0);
      y += 18;
    }
  g_autofree char *meaning = dxi_classes_meaning (classes);
  g_autofree char *text
      = spec->note ? g_strdup_printf ("%s %s", meaning, spec->note) : g_strdup (meaning);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  return y + 8 + show_text (cr, text, x, y + 8, 8, FALSE, 180);
}

/* The areas too small for their names, by number; or why none are named.
 * Returns the page position below it. */
static double
key (cairo_t *cr, double x, double y, const dxi_boundaries *areas, const char *area_kind,
     const GArray *labels)
{
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  if (labels == NULL)
    {
      g_autofree char *note
          = g_strdup_printf ("The %u %s are too many to name on the map; areas.csv lists them.",
                             dxi_boundaries_len (areas), area_kind);
      return y + show_text (cr, note, x, y, 8, FALSE, 180);
    }
  gboolean any = FALSE;
  for (guint i = 0; i < labels->len; i++)
    {
      const dxi_map_label *l = &g_array_index (labels, dxi_map_label, i);
      if (l->key == 0)
        continue;
      if (!any)
        {
          show_text (cr, "Numbered on the map", x, y, 8, TRUE, 180);
          y += 12;
          any = TRUE;
        }
      g_autofree char *line = g_strdup_printf ("%u  %s", l->key, l->name);
      show_text (cr, line, x, y, 8, FALSE, 180);
      y += 11;
    }
  return y;
}

/* The index's warnings (diagnostics.txt's), where the reader sees them. */
static void
warnings (cairo_t *cr, double x, double y, const char *const *list)
{
  if (list == NULL || list[0] == NULL)
    return;
  cairo_set_source_rgb (cr, 0.6, 0.05, 0.05);
  y += show_text (cr, "Warnings (see diagnostics.txt)", x, y, 8, TRUE, 180) + 2;
  for (guint i = 0; list[i]; i++)
    {
      g_autofree char *line = g_strdup_printf ("\u2022 %s", list[i]);
      y += show_text (cr, line, x, y, 7, FALSE, 180) + 3;
    }
}

/* The areas filled in their classes' colours (CLASS_OF[a], 1..N; any other
 * value grey) with grey outlines LINE_WIDTH wide: one path a class, filled
 * and then stroked, rather than two operations an area (which made a
 * national PDF's pages slow to write and to view).  Areas do not overlap,
 * so the page looks as it would area by area: every shared edge is stroked
 * over both fills either way. */
static void
draw_areas (cairo_t *cr, const dxi_boundaries *areas, const frame *f, const guint *class_of,
            const dxi_classes *classes, double line_width)
{
  guint n = dxi_boundaries_len (areas);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_width (cr, line_width);
  for (guint k = 0; k <= classes->n; k++)
    {
      gboolean any = FALSE;
      for (guint a = 0; a < n; a++)
        {
          guint c = class_of[a] >= 1 && class_of[a] <= classes->n ? class_of[a] : 0;
          if (c != k)
            continue;
          geometry_path (cr, f, areas->geoms->pdata[a]);
          any = TRUE;
        }
      if (!any)
        continue;
      guint8 rgb[3] = { 220, 220, 220 };
      if (k > 0)
        dxi_classes_colour (classes, k, rgb);
      cairo_set_source_rgb (cr, rgb[0] / 255.0, rgb[1] / 255.0, rgb[2] / 255.0);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_stroke (cr);
    }
}

static void
draw_page (cairo_t *cr, const dxi_boundaries *areas, const dxi_map_spec *spec,
           const dxi_map_frame *fp, const GArray *labels)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  show_text (cr, spec->title, MARGIN, MARGIN - 6, 20, TRUE, PAGE_W - 2 * MARGIN);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  show_text (cr, spec->subtitle, MARGIN, MARGIN + 22, 10, FALSE, PAGE_W - 2 * MARGIN);

  frame f = *fp;

  cairo_rectangle (cr, f.x, f.y, f.w, f.h);
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.96);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);

  double outline = dxi_boundaries_len (areas) > 500 ? 0.05 : 0.6;
  draw_areas (cr, areas, &f, spec->class_of_area, spec->classes, outline);
  for (guint i = 0; labels && i < labels->len; i++)
    draw_label (cr, &g_array_index (labels, dxi_map_label, i));
  scale_bar (cr, &f);
  north_arrow (cr, &f);
  double y = legend (cr, f.x + f.w + 20, f.y, spec);
  y = key (cr, f.x + f.w + 20, y + 8, areas, spec->classes->area_kind, labels);
  warnings (cr, f.x + f.w + 20, y + 8, spec->warnings);
  double foot = f.y + f.h + 5;
  if (spec->footnote)
    {
      cairo_set_source_rgb (cr, 0.6, 0.05, 0.05);
      foot += show_text (cr, spec->footnote, MARGIN, foot, 7, TRUE, PAGE_W - 2 * MARGIN) + 1;
    }
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  show_text (cr, spec->attribution, MARGIN, foot, 7, FALSE, PAGE_W - 2 * MARGIN);
}

/* F with the areas fitted in the box X, Y, W, H. */
static void
fit_box (const dxi_boundaries *areas, double x, double y, double w, double h, dxi_map_frame *f)
{
  *f = (dxi_map_frame){ .x = x, .y = y, .w = w, .h = h };
  dxi_boundaries_extent (areas, &f->extent);
  double dx = f->extent.MaxX - f->extent.MinX, dy = f->extent.MaxY - f->extent.MinY;
  double pad = 0.92;
  f->scale = MIN (f->w * pad / dx, f->h * pad / dy);
  f->ox = f->x + (f->w - dx * f->scale) / 2;
  f->oy = f->y + (f->h - dy * f->scale) / 2;
}

void
dxi_map_frame_fit (const dxi_boundaries *areas, dxi_map_frame *f)
{
  fit_box (areas, MARGIN, MARGIN + 56, PAGE_W - 2 * MARGIN - 210, PAGE_H - 2 * MARGIN - 92, f);
}

typedef struct
{
  const double *keys;
  gboolean descending;
} sort_by;

/* Ties keep the areas' order (a stable sort). */
static int
compare_areas (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const sort_by *by = data;
  guint a = *(const guint *) pa, b = *(const guint *) pb;
  double ka = by->keys[a], kb = by->keys[b];
  if (ka != kb && (by->descending ? ka < kb : ka > kb))
    return 1;
  if (ka != kb && (by->descending ? ka > kb : ka < kb))
    return -1;
  return a < b ? -1 : a > b;
}

/* ORDER (N area numbers, ascending) sorted by KEYS[area], most first when
 * DESCENDING. */
static void
sort_areas (guint *order, guint n, const double *keys, gboolean descending)
{
  sort_by by = { keys, descending };
  g_qsort_with_data (order, (gint) n, sizeof *order, compare_areas, &by);
}

/* Classes of SCORES (higher = more at risk) as the index's: class k holds
 * the areas ranked in the k-th n-tile (ties by area order). */
static void
score_classes (const double *scores, guint n, guint n_classes, guint *out)
{
  g_autofree guint *order = g_new (guint, n);
  guint m = 0;
  for (guint a = 0; a < n; a++)
    {
      out[a] = 0;
      if (!isnan (scores[a]))
        order[m++] = a;
    }
  sort_areas (order, m, scores, TRUE);
  for (guint r = 0; r < m; r++)
    out[order[r]] = (guint) ceil ((double) n_classes * (r + 1) / m);
}

static void
small_multiple (cairo_t *cr, const dxi_boundaries *areas, const dxi_map_spec *spec, guint d,
                double x, double y, double w, double h)
{
  guint n = dxi_boundaries_len (areas);
  g_autofree guint *k = g_new (guint, n);
  score_classes (spec->domain_scores[d], n, spec->classes->n, k);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  show_text (cr, spec->domain_names[d], x, y, 9, TRUE, w);
  dxi_map_frame f;
  fit_box (areas, x, y + 14, w, h - 14, &f);
  draw_areas (cr, areas, &f, k, spec->classes, n > 500 ? 0.03 : 0.3);
}

/* Each area's rank (dot: median of the draws; cross: the index's rank) and
 * its 5-95% interval, most at risk first; at most MAX_ROWS rows. */
static void
rank_chart (cairo_t *cr, const dxi_boundaries *areas, const dxi_map_spec *spec, double x, double y,
            double w, double h)
{
  enum
  {
    MAX_ROWS = 40
  };
  guint n = dxi_boundaries_len (areas);
  g_autofree guint *order = g_new (guint, n);
  for (guint a = 0; a < n; a++)
    order[a] = a;
  sort_areas (order, n, spec->rank, FALSE);
  guint rows = MIN (n, MAX_ROWS);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  g_autofree char *title
      = n > rows ? g_strdup_printf ("Rank and its 5\u201395%% interval (the %u most at risk of %u)",
                                    rows, n)
                 : g_strdup ("Rank and its 5\u201395% interval over the Monte Carlo draws");
  show_text (cr, title, x, y, 9, TRUE, w);
  double name_w = 110, cx = x + name_w, cw = w - name_w - 10, top = y + 30;
  double step = MIN (14, (h - 50) / rows);
  double n_ranks = MAX (n, 2);
#define RANK_X(r) (cx + ((r) -1) / (n_ranks - 1) * cw)
  /* Axis: rank 1 (most at risk) to n. */
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.4);
  guint ticks[] = { 1, (n + 1) / 2, n };
  for (guint t = 0; t < G_N_ELEMENTS (ticks); t++)
    {
      cairo_move_to (cr, RANK_X (ticks[t]), top - 4);
      cairo_line_to (cr, RANK_X (ticks[t]), top + rows * step);
      cairo_stroke (cr);
      g_autofree char *label = g_strdup_printf ("%u", ticks[t]);
      show_text (cr, label, RANK_X (ticks[t]) - 4, top - 15, 7, FALSE, 0);
    }
  for (guint i = 0; i < rows; i++)
    {
      guint a = order[i];
      double cy = top + (i + 0.5) * step;
      const char *name = dxi_frame_name (areas->frame, a);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      show_text (cr, name ? name : dxi_frame_code (areas->frame, a), x, cy - 5,
                 MIN (7.5, step * 0.6), FALSE, 0);
      if (spec->rank_p5 && !isnan (spec->rank_p5[a]))
        {
          cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
          cairo_set_line_width (cr, 1.2);
          cairo_move_to (cr, RANK_X (spec->rank_p5[a]), cy);
          cairo_line_to (cr, RANK_X (spec->rank_p95[a]), cy);
          cairo_stroke (cr);
          cairo_arc (cr, RANK_X (spec->rank_median[a]), cy, 2.2, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.75, 0.0, 0.15);
      cairo_set_line_width (cr, 1);
      double rx = RANK_X (spec->rank[a]);
      cairo_move_to (cr, rx - 2, cy - 2);
      cairo_line_to (cr, rx + 2, cy + 2);
      cairo_move_to (cr, rx - 2, cy + 2);
      cairo_line_to (cr, rx + 2, cy - 2);
      cairo_stroke (cr);
    }
#undef RANK_X
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  show_text (cr,
             "\u00d7 the index's rank; \u2022 the median rank over the draws of weights, "
             "normalisation and "
             "aggregation; the line from its 5th to its 95th percentile. Rank 1 = most at risk.",
             x, top + rows * step + 6, 7, FALSE, w);
}

static void
draw_second_page (cairo_t *cr, const dxi_boundaries *areas, const dxi_map_spec *spec)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  g_autofree char *title = g_strdup_printf ("%s: domains and uncertainty", spec->title);
  show_text (cr, title, MARGIN, MARGIN - 6, 16, TRUE, PAGE_W - 2 * MARGIN);
  g_autofree char *sub = g_strdup_printf (
      "Each domain's scores in the map's %ss (1 = most at risk, colours as page 1), "
      "and each area's rank with its interval.",
      spec->classes->noun);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  show_text (cr, sub, MARGIN, MARGIN + 16, 9, FALSE, PAGE_W - 2 * MARGIN);
  double top = MARGIN + 40, left_w = 430, avail_h = PAGE_H - top - MARGIN - 30;
  guint cols = spec->n_domains <= 1 ? 1 : 2, rows = (spec->n_domains + cols - 1) / MAX (cols, 1);
  for (guint d = 0; d < spec->n_domains; d++)
    small_multiple (cr, areas, spec, d, MARGIN + (d % cols) * left_w / cols,
                    top + (d / cols) * avail_h / rows, left_w / cols - 10, avail_h / rows - 8);
  if (spec->rank)
    rank_chart (cr, areas, spec, MARGIN + left_w + 20, top, PAGE_W - 2 * MARGIN - left_w - 20,
                avail_h - 10);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  show_text (cr, spec->attribution, MARGIN, PAGE_H - MARGIN - 8, 7, FALSE, PAGE_W - 2 * MARGIN);
}

static gboolean
cairo_fail (cairo_status_t status, const char *path, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot write '%s': %s", path,
               cairo_status_to_string (status));
  return FALSE;
}

static gboolean
write_pdf (const dxi_boundaries *areas, const dxi_map_spec *spec, const dxi_map_frame *f,
           const GArray *labels, const char *pdf_path, GError **error)
{
  cairo_surface_t *pdf = cairo_pdf_surface_create (pdf_path, PAGE_W, PAGE_H);
  /* The day of production, not the time of writing: the same inputs on the
   * same day give the same bytes. */
  g_autofree char *date
      = g_strdup_printf ("%sT00:00:00Z", spec->produced ? spec->produced : "2000-01-01");
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_MOD_DATE, date);
  if (spec->subject)
    cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_SUBJECT, spec->subject);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_TITLE, spec->title);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "dxi");
  cairo_t *cr = cairo_create (pdf);
  draw_page (cr, areas, spec, f, labels);
  cairo_show_page (cr);
  if (spec->n_domains > 0 || spec->rank)
    {
      draw_second_page (cr, areas, spec);
      cairo_show_page (cr);
    }
  cairo_status_t status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  return cairo_fail (status, pdf_path, error);
}

/* The first page at PNG_DPI, as a job (jobs.h) beside the PDF. */
typedef struct
{
  const dxi_boundaries *areas;
  const dxi_map_spec *spec;
  const dxi_map_frame *frame;
  const GArray *labels;
  const char *path;
} png_job;

static gboolean
write_png (gpointer data, GError **error)
{
  const png_job *j = data;
  double k = PNG_DPI / 72.0;
  cairo_surface_t *png = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (PAGE_W * k),
                                                     (int) ceil (PAGE_H * k));
  cairo_t *cr = cairo_create (png);
  cairo_scale (cr, k, k);
  draw_page (cr, j->areas, j->spec, j->frame, j->labels);
  cairo_destroy (cr);
  cairo_status_t status = cairo_surface_write_to_png (png, j->path);
  cairo_surface_destroy (png);
  return cairo_fail (status, j->path, error);
}

gboolean
dxi_map_write (const dxi_boundaries *areas, const dxi_map_spec *spec, const char *png_path,
               const char *pdf_path, GError **error)
{
  dxi_map_frame f;
  dxi_map_frame_fit (areas, &f);
  GArray *labels = dxi_boundaries_len (areas) <= DXI_MAP_LABEL_MAX_AREAS
                       ? dxi_map_place_labels (areas, &f)
                       : NULL;
  /* The PNG on another core while this thread writes the PDF; cairo and
   * pango keep their state per surface and per thread. */
  png_job png = { areas, spec, &f, labels, png_path };
  dxi_jobs *jobs = dxi_jobs_new (dxi_jobs_spare_threads ());
  dxi_jobs_push (jobs, write_png, &png, NULL);
  gboolean ok = write_pdf (areas, spec, &f, labels, pdf_path, error);
  ok = dxi_jobs_finish (jobs, ok ? error : NULL) && ok;
  dxi_map_labels_free (labels);
  return ok;
}

#include "writers/labels.h"

#include <math.h>
#include <string.h>

/* Room kept clear around a label's text: its white halo. */
#define LABEL_PAD 1.0
#define SIZE_STEP 0.5

void
dxi_map_frame_to_page (const dxi_map_frame *f, double mx, double my, double *px, double *py)
{
  *px = f->ox + (mx - f->extent.MinX) * f->scale;
  *py = f->oy + (f->extent.MaxY - my) * f->scale;
}

void
dxi_map_frame_to_metres (const dxi_map_frame *f, double px, double py, double *mx, double *my)
{
  *mx = f->extent.MinX + (px - f->ox) / f->scale;
  *my = f->extent.MaxY - (py - f->oy) / f->scale;
}

PangoLayout *
dxi_map_text_layout (cairo_t *cr, const char *text, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  /* Sizes are in points: the page is in points. */
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);
  g_autofree char *font = g_strdup_printf ("DejaVu Sans %s%.1f", bold ? "Bold " : "", size);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* A polygon on the page: rings of points, XY interleaved. */
typedef struct
{
  GArray *xy;            /* double */
  GArray *ring_len;      /* guint */
  double x0, y0, x1, y1; /* bounding box on the page */
} rings;

static double
segment_distance2 (double px, double py, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay, x = ax, y = ay;
  if (dx != 0 || dy != 0)
    {
      double t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);
      if (t > 1)
        x = bx, y = by;
      else if (t > 0)
        x += dx * t, y += dy * t;
    }
  return (px - x) * (px - x) + (py - y) * (py - y);
}

/* Signed distance from (x, y) to the boundary: positive inside (even-odd
 * over every ring). */
static double
signed_distance (const double *xy, const guint *ring_len, guint n_rings, double x, double y)
{
  gboolean inside = FALSE;
  double min2 = INFINITY;
  const double *r = xy;
  for (guint k = 0; k < n_rings; r += 2 * ring_len[k], k++)
    for (guint i = 0, j = ring_len[k] - 1; i < ring_len[k]; j = i++)
      {
        double ax = r[2 * i], ay = r[2 * i + 1], bx = r[2 * j], by = r[2 * j + 1];
        if ((ay > y) != (by > y) && x < (bx - ax) * (y - ay) / (by - ay) + ax)
          inside = !inside;
        min2 = MIN (min2, segment_distance2 (x, y, ax, ay, bx, by));
      }
  return (inside ? 1 : -1) * sqrt (min2);
}

typedef struct
{
  double x, y, h, d, max;
} cell;

static cell
make_cell (double x, double y, double h, const double *xy, const guint *ring_len, guint n_rings)
{
  double d = signed_distance (xy, ring_len, n_rings, x, y);
  return (cell){ x, y, h, d, d + h * G_SQRT2 };
}

/* A max-heap of cells by the distance they could hold. */
static void
heap_push (GArray *heap, cell c)
{
  g_array_append_val (heap, c);
  cell *a = (cell *) heap->data;
  for (guint i = heap->len - 1; i > 0 && a[(i - 1) / 2].max < a[i].max; i = (i - 1) / 2)
    {
      cell t = a[i];
      a[i] = a[(i - 1) / 2];
      a[(i - 1) / 2] = t;
    }
}

static cell
heap_pop (GArray *heap)
{
  cell *a = (cell *) heap->data, top = a[0];
  a[0] = a[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  a = (cell *) heap->data;
  for (guint i = 0;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      if (l < heap->len && a[l].max > a[m].max)
        m = l;
      if (r < heap->len && a[r].max > a[m].max)
        m = r;
      if (m == i)
        break;
      cell t = a[i];
      a[i] = a[m];
      a[m] = t;
      i = m;
    }
  return top;
}

/* The outer ring's centroid, polylabel's first guess. */
static cell
centroid_cell (const double *xy, const guint *ring_len, guint n_rings)
{
  double area = 0, cx = 0, cy = 0;
  guint n = ring_len[0];
  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double f = xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
      cx += (xy[2 * i] + xy[2 * j]) * f;
      cy += (xy[2 * i + 1] + xy[2 * j + 1]) * f;
      area += f * 3;
    }
  if (area == 0)
    return make_cell (xy[0], xy[1], 0, xy, ring_len, n_rings);
  return make_cell (cx / area, cy / area, 0, xy, ring_len, n_rings);
}

double
dxi_polylabel (const double *xy, const guint *ring_len, guint n_rings, double precision, double *x,
               double *y)
{
  double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
  for (guint i = 0; i < ring_len[0]; i++)
    {
      minx = MIN (minx, xy[2 * i]), maxx = MAX (maxx, xy[2 * i]);
      miny = MIN (miny, xy[2 * i + 1]), maxy = MAX (maxy, xy[2 * i + 1]);
    }
  double w = maxx - minx, h = maxy - miny, size = MIN (w, h);
  if (size == 0)
    {
      *x = minx, *y = miny;
      return 0;
    }
  g_autoptr (GArray) heap = g_array_new (FALSE, FALSE, sizeof (cell));
  double half = size / 2;
  for (double cx = minx; cx < maxx; cx += size)
    for (double cy = miny; cy < maxy; cy += size)
      heap_push (heap, make_cell (cx + half, cy + half, half, xy, ring_len, n_rings));
  cell best = centroid_cell (xy, ring_len, n_rings);
  cell box = make_cell (minx + w / 2, miny + h / 2, 0, xy, ring_len, n_rings);
  if (box.d > best.d)
    best = box;
  while (heap->len)
    {
      cell c = heap_pop (heap);
      if (c.d > best.d)
        best = c;
      if (c.max - best.d <= precision)
        continue;
      double q = c.h / 2;
      heap_push (heap, make_cell (c.x - q, c.y - q, q, xy, ring_len, n_rings));
      heap_push (heap, make_cell (c.x + q, c.y - q, q, xy, ring_len, n_rings));
      heap_push (heap, make_cell (c.x - q, c.y + q, q, xy, ring_len, n_rings));
      heap_push (heap, make_cell (c.x + q, c.y + q, q, xy, ring_len, n_rings));
    }
  *x = best.x, *y = best.y;
  return best.d;
}

static rings *
rings_new (void)
{
  rings *r = g_new0 (rings, 1);
  r->xy = g_array_new (FALSE, FALSE, sizeof (double));
  r->ring_len = g_array_new (FALSE, FALSE, sizeof (guint));
  r->x0 = r->y0 = INFINITY;
  r->x1 = r->y1 = -INFINITY;
  return r;
}

static void
add_ring (rings *r, const dxi_map_frame *f, OGRGeometryH ring)
{
  guint n = (guint) OGR_G_GetPointCount (ring);
  for (guint i = 0; i < n; i++)
    {
      double p[2];
      dxi_map_frame_to_page (f, OGR_G_GetX (ring, (int) i), OGR_G_GetY (ring, (int) i), &p[0],
                             &p[1]);
      g_array_append_vals (r->xy, p, 2);
      r->x0 = MIN (r->x0, p[0]), r->x1 = MAX (r->x1, p[0]);
      r->y0 = MIN (r->y0, p[1]), r->y1 = MAX (r->y1, p[1]);
    }
  g_array_append_val (r->ring_len, n);
}

/* Every ring of G on the page (ALL), and the polygon parts one by one. */
static void
collect (OGRGeometryH g, const dxi_map_frame *f, rings *all, GPtrArray *parts)
{
  OGRwkbGeometryType t = wkbFlatten (OGR_G_GetGeometryType (g));
  if (t == wkbPolygon)
    {
      rings *part = rings_new ();
      for (int r = 0; r < OGR_G_GetGeometryCount (g); r++)
        {
          add_ring (all, f, OGR_G_GetGeometryRef (g, r));
          add_ring (part, f, OGR_G_GetGeometryRef (g, r));
        }
      g_ptr_array_add (parts, part);
    }
  else if (t == wkbMultiPolygon || t == wkbGeometryCollection)
    for (int p = 0; p < OGR_G_GetGeometryCount (g); p++)
      collect (OGR_G_GetGeometryRef (g, p), f, all, parts);
}

static void
rings_free (gpointer data)
{
  rings *r = data;
  g_array_unref (r->xy);
  g_array_unref (r->ring_len);
  g_free (r);
}

/* Does segment A-B cross the rectangle [x0, x1] x [y0, y1]?  (Liang-Barsky.) */
static gboolean
segment_hits_box (double ax, double ay, double bx, double by, double x0, double y0, double x1,
                  double y1)
{
  double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
  double p[4] = { -dx, dx, -dy, dy }, q[4] = { ax - x0, x1 - ax, ay - y0, y1 - ay };
  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      double t = q[i] / p[i];
      if (p[i] < 0)
        t0 = MAX (t0, t);
      else
        t1 = MIN (t1, t);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

/* Does any boundary segment of R cross the box? */
static gboolean
boundary_hits_box (const rings *r, double x0, double y0, double x1, double y1)
{
  if (r->x1 < x0 || r->x0 > x1 || r->y1 < y0 || r->y0 > y1)
    return FALSE;
  const double *ring = (const double *) r->xy->data;
  const guint *len = (const guint *) r->ring_len->data;
  for (guint k = 0; k < r->ring_len->len; ring += 2 * len[k], k++)
    for (guint i = 0, j = len[k] - 1; i < len[k]; j = i++)
      if (segment_hits_box (ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1], x0, y0, x1,
                            y1))
        return TRUE;
  return FALSE;
}

static gboolean
point_inside (const rings *r, double x, double y)
{
  return x >= r->x0 && x <= r->x1 && y >= r->y0 && y <= r->y1
         && signed_distance ((const double *) r->xy->data, (const guint *) r->ring_len->data,
                             r->ring_len->len, x, y)
                > 0;
}

/* A test of a candidate box (padded), for find_spot. */
typedef gboolean (*box_test) (const void *data, double x0, double y0, double x1, double y1);

/* Is the box wholly inside the area (DATA, rings): its centre inside and no
 * boundary segment crossing it? */
static gboolean
box_inside (const void *data, double x0, double y0, double x1, double y1)
{
  const rings *r = data;
  return point_inside (r, (x0 + x1) / 2, (y0 + y1) / 2) && !boundary_hits_box (r, x0, y0, x1, y1);
}

static gboolean
box_anywhere (const void *data, double x0, double y0, double x1, double y1)
{
  (void) data, (void) x0, (void) y0, (void) x1, (void) y1;
  return TRUE;
}

/* Where a name may go beside its area with a leader line to the pole: in
 * open space (outside every area, no boundary crossing the box), inside the
 * frame and clear of the scale bar (bottom left) and north arrow (top
 * right), the leader crossing no other label. */
typedef struct
{
  const GPtrArray *areas; /* rings *, every area on the page */
  const dxi_map_frame *f;
  const GArray *labels;
  double px, py;
} open_space;

/* The point of the box nearest (PX, PY): where a leader line meets it. */
static void
box_nearest (double x0, double y0, double x1, double y1, double px, double py, double *x, double *y)
{
  *x = CLAMP (px, x0, x1), *y = CLAMP (py, y0, y1);
}

static gboolean
box_in_open_space (const void *data, double x0, double y0, double x1, double y1)
{
  const open_space *o = data;
  const dxi_map_frame *f = o->f;
  if (x0 < f->x || y0 < f->y || x1 > f->x + f->w || y1 > f->y + f->h)
    return FALSE;
  if ((y1 > f->y + f->h - 34 && x0 < f->x + f->w / 4 + 40)
      || (y0 < f->y + 50 && x1 > f->x + f->w - 40))
    return FALSE;
  for (guint a = 0; a < o->areas->len; a++)
    if (point_inside (o->areas->pdata[a], (x0 + x1) / 2, (y0 + y1) / 2)
        || boundary_hits_box (o->areas->pdata[a], x0, y0, x1, y1))
      return FALSE;
  double lx, ly;
  box_nearest (x0, y0, x1, y1, o->px, o->py, &lx, &ly);
  for (guint i = 0; i < o->labels->len; i++)
    {
      const dxi_map_label *l = &g_array_index (o->labels, dxi_map_label, i);
      if (segment_hits_box (o->px, o->py, lx, ly, l->x, l->y, l->x + l->w, l->y + l->h))
        return FALSE;
    }
  return TRUE;
}

static gboolean
overlaps_placed (const GArray *labels, double x0, double y0, double x1, double y1)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const dxi_map_label *l = &g_array_index (labels, dxi_map_label, i);
      if (x0 < l->x + l->w + LABEL_PAD && l->x - LABEL_PAD < x1 && y0 < l->y + l->h + LABEL_PAD
          && l->y - LABEL_PAD < y1)
        return TRUE;
    }
  return FALSE;
}

/* A centre for a W x H box near (PX, PY) that FITS (with DATA), clear of
 * LABELS: the pole first, then points spiralling out to RADIUS. */
static gboolean
find_spot (box_test fits, const void *data, const GArray *labels, double px, double py, double w,
           double h, double radius, double *cx, double *cy)
{
  double step = MAX (1.0, h / 3);
  for (double d = 0; d <= radius; d += step)
    {
      int n = d == 0 ? 1 : (int) ceil (2 * G_PI * d / step);
      for (int i = 0; i < n; i++)
        {
          double x = px + d * cos (2 * G_PI * i / n), y = py + d * sin (2 * G_PI * i / n);
          double x0 = x - w / 2 - LABEL_PAD, y0 = y - h / 2 - LABEL_PAD, x1 = x + w / 2 + LABEL_PAD,
                 y1 = y + h / 2 + LABEL_PAD;
          if (!overlaps_placed (labels, x0, y0, x1, y1) && fits (data, x0, y0, x1, y1))
            {
              *cx = x, *cy = y;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* TEXT on two lines at the space nearest its middle (NULL without a space). */
static char *
two_lines (const char *text)
{
  const char *best = NULL, *mid = text + strlen (text) / 2;
  for (const char *s = strchr (text, ' '); s; s = strchr (s + 1, ' '))
    if (best == NULL || fabs ((double) (s - mid)) < fabs ((double) (best - mid)))
      best = s;
  if (best == NULL)
    return NULL;
  char *wrapped = g_strdup (text);
  wrapped[best - text] = '\n';
  return wrapped;
}

static void
measure (cairo_t *cr, const char *text, double size, gboolean bold, double *w, double *h)
{
  PangoLayout *layout = dxi_map_text_layout (cr, text, size, bold);
  PangoRectangle ink, logical;
  pango_layout_get_extents (layout, &ink, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
  g_object_unref (layout);
}

/* Place the name of L (pole (PX, PY)) where FITS allows within RADIUS of
 * the pole (RADIUS 0: the larger of D, the pole's distance from the
 * boundary, and the text's width): the largest size and fewest lines. */
static gboolean
place_name (cairo_t *cr, box_test fits, const void *data, GArray *labels, dxi_map_label *l,
            double radius)
{
  g_autofree char *wrapped = two_lines (l->name);
  const char *texts[] = { l->name, wrapped };
  for (double size = DXI_LABEL_MAX_SIZE; size >= DXI_LABEL_MIN_SIZE - 1e-9; size -= SIZE_STEP)
    for (guint t = 0; t < G_N_ELEMENTS (texts) && texts[t]; t++)
      {
        double w, h, cx, cy;
        measure (cr, texts[t], size, FALSE, &w, &h);
        if (find_spot (fits, data, labels, l->px, l->py, w, h,
                       radius > 0 ? radius : MAX (l->room, w), &cx, &cy))
          {
            l->text = g_strdup (texts[t]);
            l->size = size;
            l->x = cx - w / 2, l->y = cy - h / 2, l->w = w, l->h = h;
            return TRUE;
          }
      }
  return FALSE;
}

/* The pole of the part of AREA (rings PARTS) with the most room. */
static void
find_pole (const GPtrArray *parts, dxi_map_label *l)
{
  l->room = -INFINITY;
  for (guint p = 0; p < parts->len; p++)
    {
      const rings *part = parts->pdata[p];
      double x, y;
      double d
          = dxi_polylabel ((const double *) part->xy->data, (const guint *) part->ring_len->data,
                           part->ring_len->len, 0.5, &x, &y);
      if (d > l->room)
        l->room = d, l->px = x, l->py = y;
    }
}

/* Beside its area in open space, a leader line from the box to the pole. */
static gboolean
place_beside (cairo_t *cr, const GPtrArray *areas, const dxi_map_frame *f, GArray *labels,
              dxi_map_label *l)
{
  open_space o = { areas, f, labels, l->px, l->py };
  if (!place_name (cr, box_in_open_space, &o, labels, l, MAX (l->room, 0) + DXI_LABEL_LEADER_MAX))
    return FALSE;
  l->leader = TRUE;
  box_nearest (l->x, l->y, l->x + l->w, l->y + l->h, l->px, l->py, &l->lx, &l->ly);
  return TRUE;
}

/* Too small for its name: a number inside it (or as near as it fits), the
 * name in the key. */
static void
place_key (cairo_t *cr, const rings *r, GArray *labels, dxi_map_label *l, guint key)
{
  l->key = key;
  l->text = g_strdup_printf ("%u", l->key);
  l->size = DXI_LABEL_KEY_SIZE;
  double w, h, cx = l->px, cy = l->py;
  measure (cr, l->text, l->size, TRUE, &w, &h);
  if (!find_spot (box_inside, r, labels, l->px, l->py, w, h, MAX (l->room, 2 * w), &cx, &cy))
    find_spot (box_anywhere, NULL, labels, l->px, l->py, w, h, 4 * w, &cx, &cy);
  l->x = cx - w / 2, l->y = cy - h / 2, l->w = w, l->h = h;
}

GArray *
dxi_map_place_labels (const dxi_boundaries *areas, const dxi_map_frame *f)
{
  GArray *labels = g_array_new (FALSE, TRUE, sizeof (dxi_map_label));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 8, 8);
  cairo_t *cr = cairo_create (surface);
  guint n = dxi_boundaries_len (areas), keys = 0;
  /* Every area on the page, and each one's polygon parts. */
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (rings_free);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint a = 0; a < n; a++)
    {
      g_ptr_array_add (all, rings_new ());
      g_ptr_array_add (parts, g_ptr_array_new_with_free_func (rings_free));
      collect (areas->geoms->pdata[a], f, all->pdata[a], parts->pdata[a]);
    }
  for (guint a = 0; a < n; a++)
    {
      const char *name = dxi_frame_name (areas->frame, a);
      dxi_map_label l
          = { .area = a,
              .name = g_strdup (name && *name ? name : dxi_frame_code (areas->frame, a)) };
      find_pole (parts->pdata[a], &l);
      gboolean any = ((GPtrArray *) parts->pdata[a])->len > 0;
      if (!any
          || (!place_name (cr, box_inside, all->pdata[a], labels, &l, 0)
              && !place_beside (cr, all, f, labels, &l)))
        place_key (cr, all->pdata[a], labels, &l, ++keys);
      g_array_append_val (labels, l);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return labels;
}

void
dxi_map_labels_free (GArray *labels)
{
  for (guint i = 0; labels && i < labels->len; i++)
    {
      g_free (g_array_index (labels, dxi_map_label, i).name);
      g_free (g_array_index (labels, dxi_map_label, i).text);
    }
  if (labels)
    g_array_unref (labels);
}

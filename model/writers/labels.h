/* Area labels of the print map that never overlap and never run across a
 * boundary.  Each label is centred as near as it fits to its polygon's pole
 * of inaccessibility (the inside point farthest from the boundary, found by
 * polylabel's algorithm), on one line or two, its type shrunk step by step
 * down to a minimum size; an area whose name fits nowhere inside at that
 * size is named beside it, in open space outside every area where there is
 * room near it, with a leader line to its pole; else it gets a number inside
 * it and its name in a numbered key beside the map.  No name is dropped or
 * cut. */
#pragma once
#include <glib.h>
#include <ogr_api.h>
#include <pango/pangocairo.h>

#include "inputs/boundaries.h"

/* The map frame on the page: where the areas' extent is drawn, in points. */
typedef struct dxi_map_frame
{
  double x, y, w, h; /* frame on the page */
  double scale;      /* points per metre */
  double ox, oy;     /* page position of the extent's min x, max y */
  OGREnvelope extent;
} dxi_map_frame;

#define DXI_LABEL_MAX_SIZE 8.0
#define DXI_LABEL_MIN_SIZE 5.5
#define DXI_LABEL_KEY_SIZE 6.5
/* How far beyond the pole's circle a name set beside its area may sit. */
#define DXI_LABEL_LEADER_MAX 40.0

typedef struct dxi_map_label
{
  guint area;        /* index in AREAS */
  char *name;        /* the area's name (its code when it has none) */
  char *text;        /* as drawn: the name (a '\n' between two lines) or, keyed, its number */
  double size;       /* type size, points */
  double x, y, w, h; /* the text's box on the page (top-left, size), points */
  double px, py;     /* the pole of inaccessibility on the page */
  double room;       /* the pole's distance from the area's boundary, points */
  gboolean leader; /* the name sits beside the area, a line from (lx, ly) on its box to the pole */
  double lx, ly;
  guint key; /* 0: the name is drawn; else its number in the key */
} dxi_map_label;

/* Metres to page points and back. */
void dxi_map_frame_to_page (const dxi_map_frame *f, double mx, double my, double *px, double *py);
void dxi_map_frame_to_metres (const dxi_map_frame *f, double px, double py, double *mx, double *my);

/* polylabel (Vladimir Agafonkin, Mapbox, 2016, https://github.com/mapbox/polylabel):
 * the pole of inaccessibility of a polygon of N_RINGS rings (outer ring
 * first, then holes; RING_LEN[i] points each, XY interleaved), to within
 * PRECISION, by quadtree search of cells ordered by the best distance they
 * could hold.  Returns the distance from (*X, *Y) to the boundary. */
double dxi_polylabel (const double *xy, const guint *ring_len, guint n_rings, double precision,
                      double *x, double *y);

/* Labels for every area of AREAS drawn in frame F, in area order, text
 * measured with pango as the map draws it (DejaVu Sans, hinting off).  Caller
 * frees with dxi_map_labels_free. */
GArray *dxi_map_place_labels (const dxi_boundaries *areas, const dxi_map_frame *f);
void dxi_map_labels_free (GArray *labels);

/* A pango layout of TEXT at SIZE points on CR, metrics unhinted so that
 * measures agree on every surface (caller unrefs). */
PangoLayout *dxi_map_text_layout (cairo_t *cr, const char *text, double size, gboolean bold);

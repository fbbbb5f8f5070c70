/* The print map: a choropleth of index classes (quintiles or deciles) for an A4 report, as map.pdf
 * (vector; a second page with the domains as small multiples and the rank
 * intervals as a chart) and map.png (150 dpi, the first page), drawn with
 * cairo and pango: title,
 * subtitle, legend, area labels where they fit, scale bar, north arrow and
 * attribution.  The classes and colours are the QGIS style's (classes.h). */
#pragma once
#include <glib.h>

#include "inputs/boundaries.h"
#include "writers/classes.h"
#include "writers/labels.h"

typedef struct dxi_map_spec
{
  const char *title, *subtitle, *legend_title, *note;
  const char *attribution; /* sources, date of production, copyright: the footer */
  const char *footnote; /* a line above the footer, in bold (e.g. a domain left out); may be NULL */
  const char *produced; /* ISO date of production, the PDF's dates (NULL: 2000-01-01) */
  const char *subject;  /* the PDF's subject (may be NULL) */
  const dxi_classes *classes;
  const guint *class_of_area;  /* per area of AREAS, 1..classes->n (0 = no data) */
  const guint *class_counts;   /* classes->n counts for the legend, or NULL */
  const char *const *warnings; /* NULL-terminated, shown under the legend; may be NULL */
  /* Page 2 of the PDF (drawn when N_DOMAINS > 0 or the rank intervals are
   * given): each domain's scores as a small map in the same classes, and
   * each area's rank with its Monte Carlo interval. */
  guint n_domains;
  const char *const *domain_names; /* n_domains */
  const double *const
      *domain_scores; /* n_domains arrays, per area of AREAS; higher = more at risk */
  const double *rank, *rank_p5, *rank_median, *rank_p95; /* per area of AREAS, or NULL */
} dxi_map_spec;

/* Areas are named on maps of at most this many (labels.h); beyond, a note
 * says where the names are. */
#define DXI_MAP_LABEL_MAX_AREAS 60

/* The frame the page draws AREAS (EPSG:27700) in. */
void dxi_map_frame_fit (const dxi_boundaries *areas, dxi_map_frame *frame);

/* AREAS in EPSG:27700. */
gboolean dxi_map_write (const dxi_boundaries *areas, const dxi_map_spec *spec, const char *png_path,
                        const char *pdf_path, GError **error);

/* Overlap lookups (lookup.h): each source area shared among the target areas
 * by area of overlap, in EPSG:27700.
 *
 * Every geometry is handed to GEOS once (OGR converts both geometries again
 * at each OGR_G_Intersection).  A GEOS STRtree over the sources' boxes gives
 * each target the sources whose box meets its box, and the target, prepared,
 * tests containment first: a source inside the target overlaps it by its
 * whole area, one that only meets the box not at all, and only those that
 * straddle the target's boundary are intersected.  (The 35,672 LSOAs of
 * England and Wales against its 7,665 wards: 273 million box tests and an
 * intersection per box overlap before.)  Each source's links come in the
 * order of the targets, as testing every pair gave them. */
#include <geos_c.h>
#include <stdlib.h>

#include "core/error.h"
#include "core/jobs.h"
#include "inputs/lookup.h"

/* The pairs to measure: target t's candidate sources (those whose box meets
 * t's box, ascending) are source[first[t] .. first[t + 1]), and area[] gets
 * each pair's area of overlap. */
typedef struct
{
  GEOSGeometry **source, **target;
  double *source_area;
  guint ns, nt;
  guint *first, *pair_source;
  double *area;
} overlap_job;

/* GEOS copies of GEOMS (NULL where GEOS cannot read one). */
static GEOSGeometry **
to_geos (GEOSContextHandle_t h, GPtrArray *geoms)
{
  GEOSWKBReader *reader = GEOSWKBReader_create_r (h);
  GEOSGeometry **out = g_new0 (GEOSGeometry *, MAX (geoms->len, 1));
  for (guint i = 0; i < geoms->len; i++)
    {
      gsize size = (gsize) OGR_G_WkbSize (geoms->pdata[i]);
      g_autofree unsigned char *wkb = g_malloc (MAX (size, 1));
      double x;
      if (OGR_G_ExportToWkb (geoms->pdata[i], wkbNDR, wkb) == OGRERR_NONE)
        out[i] = GEOSWKBReader_read_r (h, reader, wkb, size);
      /* Computes and caches the box now, before threads share the geometry. */
      if (out[i])
        GEOSGeom_getXMin_r (h, out[i], &x);
    }
  GEOSWKBReader_destroy_r (h, reader);
  return out;
}

static void
free_geos (GEOSContextHandle_t h, GEOSGeometry **g, guint n)
{
  for (guint i = 0; i < n; i++)
    if (g[i])
      GEOSGeom_destroy_r (h, g[i]);
  g_free (g);
}

static void
collect_id (void *item, void *data)
{
  g_array_append_val ((GArray *) data, *(guint *) item);
}

static int
cmp_id (const void *a, const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return (x > y) - (x < y);
}

/* The candidate pairs, from a GEOS STRtree over the sources' boxes. */
static void
find_pairs (GEOSContextHandle_t h, overlap_job *job)
{
  GEOSSTRtree *tree = GEOSSTRtree_create_r (h, 10);
  g_autofree guint *ids = g_new (guint, MAX (job->ns, 1));
  for (guint s = 0; s < job->ns; s++)
    {
      ids[s] = s;
      if (job->source[s] && GEOSArea_r (h, job->source[s], &job->source_area[s]))
        GEOSSTRtree_insert_r (h, tree, job->source[s], &ids[s]);
    }
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  job->first = g_new (guint, job->nt + 1);
  for (guint t = 0; t < job->nt; t++)
    {
      guint start = job->first[t] = pairs->len;
      if (job->target[t])
        GEOSSTRtree_query_r (h, tree, job->target[t], collect_id, pairs);
      qsort ((guint *) pairs->data + start, pairs->len - start, sizeof (guint), cmp_id);
    }
  job->first[job->nt] = pairs->len;
  job->area = g_new0 (double, MAX (pairs->len, 1));
  job->pair_source = (guint *) g_array_free (g_steal_pointer (&pairs), FALSE);
  GEOSSTRtree_destroy_r (h, tree);
}

/* Area of source S within target T (PREPARED: T prepared). */
static double
overlap_area (GEOSContextHandle_t h, const overlap_job *job, const GEOSPreparedGeometry *prepared,
              guint t, guint s)
{
  if (GEOSPreparedContains_r (h, prepared, job->source[s]) == 1)
    return job->source_area[s];
  if (GEOSPreparedIntersects_r (h, prepared, job->source[s]) != 1)
    return 0;
  GEOSGeometry *inter = GEOSIntersection_r (h, job->source[s], job->target[t]);
  double a = 0;
  if (inter == NULL || !GEOSArea_r (h, inter, &a))
    a = 0;
  if (inter)
    GEOSGeom_destroy_r (h, inter);
  return a;
}

/* The areas of the pairs of targets START .. END, in a GEOS context of its own. */
static void
measure_range (gpointer data, guint start, guint end)
{
  overlap_job *job = data;
  GEOSContextHandle_t h = GEOS_init_r ();
  for (guint t = start; t < end; t++)
    {
      if (job->first[t] == job->first[t + 1])
        continue;
      const GEOSPreparedGeometry *prepared = GEOSPrepare_r (h, job->target[t]);
      for (guint i = job->first[t]; prepared && i < job->first[t + 1]; i++)
        job->area[i] = overlap_area (h, job, prepared, t, job->pair_source[i]);
      if (prepared)
        GEOSPreparedGeom_destroy_r (h, prepared);
    }
  GEOS_finish_r (h);
}

dxi_lookup *
dxi_lookup_overlap (const char *name, dxi_boundaries *source, dxi_boundaries *target,
                    GError **error)
{
  if (!dxi_boundaries_transform (source, "EPSG:27700", error)
      || !dxi_boundaries_transform (target, "EPSG:27700", error))
    return NULL;
  g_autoptr (dxi_lookup) lookup = dxi_lookup_new (name, DXI_LOOKUP_OVERLAP);
  GEOSContextHandle_t h = GEOS_init_r ();
  overlap_job job = { .ns = dxi_boundaries_len (source), .nt = dxi_boundaries_len (target) };
  job.source = to_geos (h, source->geoms);
  job.target = to_geos (h, target->geoms);
  job.source_area = g_new0 (double, MAX (job.ns, 1));
  find_pairs (h, &job);
  /* Each target's pairs on one thread: the areas do not depend on the split. */
  dxi_parallel_for (job.nt, g_get_num_processors (), measure_range, &job);
  for (guint t = 0; t < job.nt; t++)
    for (guint i = job.first[t]; i < job.first[t + 1]; i++)
      {
        guint s = job.pair_source[i];
        /* Slivers under 1 m^2 are digitising noise between generalised boundaries. */
        if (job.area[i] >= 1.0 && job.source_area[s] > 0)
          dxi_lookup_add (lookup, dxi_frame_code (source->frame, s),
                          dxi_frame_code (target->frame, t), job.area[i] / job.source_area[s],
                          job.area[i]);
      }
  g_free (job.first);
  g_free (job.pair_source);
  g_free (job.area);
  g_free (job.source_area);
  free_geos (h, job.source, job.ns);
  free_geos (h, job.target, job.nt);
  GEOS_finish_r (h);
  return g_steal_pointer (&lookup);
}

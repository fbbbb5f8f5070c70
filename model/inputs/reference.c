#include "inputs/reference.h"

#include <string.h>

#include "core/error.h"
#include "inputs/boundaries.h"
#include "inputs/build.h"

void
dxi_reference_free (dxi_reference *reference)
{
  if (reference == NULL)
    return;
  g_free (reference->path);
  g_free (reference->name);
  g_free (reference->values);
  g_free (reference);
}

/* The reference study at PATH read and built into its table of areas. */
static dxi_frame *
build_reference (const char *path, char **name, GError **error)
{
  g_autoptr (dxi_study) ref = dxi_study_load (path, error);
  g_autoptr (dxi_boundaries) areas
      = ref ? dxi_boundaries_read (ref->areas_file, ref->areas_layer, ref->code_field,
                                   ref->name_field, error)
            : NULL;
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) coverage = g_string_new (NULL);
  dxi_frame *table = areas ? dxi_build_study (ref, areas, coverage, warnings, error) : NULL;
  if (table == NULL)
    {
      dxi_error_prefix (error, "index reference study '%s': ", path);
      return NULL;
    }
  *name = g_strdup (ref->name);
  return table;
}

dxi_reference *
dxi_reference_read (const dxi_study *study, const char *name, GError **error)
{
  g_autoptr (dxi_reference) r = g_new0 (dxi_reference, 1);
  r->path = g_path_is_absolute (name) ? g_strdup (name) : g_build_filename (study->dir, name, NULL);
  g_autoptr (dxi_frame) table = build_reference (r->path, &r->name, error);
  if (table == NULL)
    return NULL;
  r->n_areas = dxi_frame_n_rows (table);
  r->n_ind = study->indicators->len;
  r->values = g_new (double, (gsize) r->n_areas * r->n_ind);
  for (guint j = 0; j < r->n_ind; j++)
    {
      const char *id = ((const dxi_study_indicator *) study->indicators->pdata[j])->id;
      gint c = dxi_frame_find_column (table, id);
      if (c < 0)
        {
          g_set_error (
              error, DXI_ERROR, DXI_ERROR_CONFIG,
              "index reference study '%s' has no indicator '%s': list the same indicators in both",
              r->path, id);
          return NULL;
        }
      memcpy (r->values + (gsize) j * r->n_areas, dxi_frame_column_data (table, (guint) c),
              r->n_areas * sizeof (double));
    }
  return g_steal_pointer (&r);
}

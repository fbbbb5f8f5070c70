/* The scenario files of a run and their benefit libraries. */
#include <glib.h>

#include "config/scenario.h"
#include "core/error.h"
#include "core/ydoc.h"
#include "run/run-private.h"

/* The study DOC names, which must be the one the first scenario FIRST named
 * (*STUDY_PATH, set from the first). */
static gboolean
same_study (const dxi_ydoc *doc, const char *study, const char *first, char **study_path,
            GError **error)
{
  if (*study_path == NULL)
    {
      *study_path = g_strdup (study);
      return TRUE;
    }
  g_autofree char *canon = g_canonicalize_filename (study, NULL);
  g_autofree char *first_canon = g_canonicalize_filename (*study_path, NULL);
  if (g_str_equal (first_canon, canon))
    return TRUE;
  g_set_error (
      error, DXI_ERROR, DXI_ERROR_USAGE,
      "'%s' names study '%s', but '%s' names '%s': scenarios compared in one run share a study",
      doc->path, study, first, *study_path);
  return FALSE;
}

/* The benefit library at PATH, read once for every scenario naming it
 * (LIBRARIES: path -> dxi_ydoc *). */
static dxi_ydoc *
library (GHashTable *libraries, const char *path, GError **error)
{
  dxi_ydoc *lib = g_hash_table_lookup (libraries, path);
  if (lib == NULL && (lib = dxi_ydoc_load (path, error)) != NULL)
    g_hash_table_insert (libraries, g_strdup (path), lib);
  return lib;
}

/* The scenario of DOC, whose name no other scenario of the run has. */
static gboolean
add_scenario (dxi_run *run, const dxi_ydoc *doc, const dxi_ydoc *lib, GError **error)
{
  dxi_scenario *sc = dxi_scenario_from_yaml (doc, lib, error);
  if (sc == NULL)
    return FALSE;
  for (guint j = 0; j < run->scenarios->len; j++)
    if (g_str_equal (((dxi_scenario *) run->scenarios->pdata[j])->name, sc->name))
      {
        g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE, "two scenarios are named '%s'", sc->name);
        dxi_scenario_free (sc);
        return FALSE;
      }
  g_ptr_array_add (run->scenarios, sc);
  return TRUE;
}

gboolean
dxi_run_load_scenarios (dxi_run *run, char **files, char **study_path, GError **error)
{
  g_autoptr (GHashTable) libraries
      = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dxi_ydoc_free);
  for (guint i = 0; files[i]; i++)
    {
      g_autoptr (dxi_ydoc) doc = dxi_ydoc_load (files[i], error);
      if (doc == NULL)
        return FALSE;
      if (dxi_ynode_get (doc->root, "interventions") == NULL)
        {
          g_set_error (
              error, DXI_ERROR, DXI_ERROR_USAGE,
              "'%s' is not a scenario (no 'interventions'); run a study on its own or scenarios "
              "together",
              files[i]);
          return FALSE;
        }
      g_autofree char *study = dxi_scenario_study_path (doc, error);
      g_autofree char *lib_path = study ? dxi_scenario_library_path (doc, error) : NULL;
      const dxi_ydoc *lib;
      if (lib_path == NULL || !same_study (doc, study, files[0], study_path, error)
          || (lib = library (libraries, lib_path, error)) == NULL
          || !add_scenario (run, doc, lib, error))
        return FALSE;
    }
  return TRUE;
}

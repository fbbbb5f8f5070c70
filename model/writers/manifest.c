#include "writers/manifest.h"

#include <cairo.h>
#include <gdal.h>
#include <json-glib/json-glib.h>
#include <pango/pango.h>
#include <xlsxwriter.h>
#include <yaml.h>

#include "core/error.h"
#include "writers/csv.h"

dxi_manifest *
dxi_manifest_new (void)
{
  dxi_manifest *m = g_new0 (dxi_manifest, 1);
  m->inputs = g_ptr_array_new_with_free_func (g_free);
  m->settings = g_ptr_array_new_with_free_func (g_free);
  m->warnings = g_ptr_array_new_with_free_func (g_free);
  m->outputs = g_ptr_array_new_with_free_func (g_free);
  m->timings = g_ptr_array_new_with_free_func (g_free);
  return m;
}

void
dxi_manifest_free (dxi_manifest *m)
{
  if (m == NULL)
    return;
  g_ptr_array_unref (m->inputs);
  g_ptr_array_unref (m->settings);
  g_ptr_array_unref (m->warnings);
  g_ptr_array_unref (m->outputs);
  g_ptr_array_unref (m->timings);
  g_free (m);
}

char *
dxi_manifest_sha256_file (const char *path, GError **error)
{
  g_autoptr (GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  if (file == NULL)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_IO, "cannot read '%s'", path);
      return NULL;
    }
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                      (const guchar *) g_mapped_file_get_contents (file),
                                      g_mapped_file_get_length (file));
}

/* "key=value" strings as an object of key: value. */
static void
add_pairs (JsonBuilder *b, const char *name, const GPtrArray *pairs)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint i = 0; i < pairs->len; i++)
    {
      g_auto (GStrv) kv = g_strsplit (pairs->pdata[i], "=", 2);
      json_builder_set_member_name (b, kv[0]);
      json_builder_add_string_value (b, kv[1] ? kv[1] : "");
    }
  json_builder_end_object (b);
}

static void
add_strings (JsonBuilder *b, const char *name, const GPtrArray *items)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_string_value (b, items->pdata[i]);
  json_builder_end_array (b);
}

gboolean
dxi_manifest_write (const dxi_manifest *m, const char *path, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "dxi");
  json_builder_add_string_value (b, DXI_VERSION);
  json_builder_set_member_name (b, "libraries");
  json_builder_begin_object (b);
  const char *versions[][2] = {
    { "gdal", GDALVersionInfo ("RELEASE_NAME") }, { "glib", NULL },
    { "libyaml", yaml_get_version_string () },    { "libxlsxwriter", lxw_version () },
    { "cairo", cairo_version_string () },         { "pango", pango_version_string () },
  };
  g_autofree char *glib
      = g_strdup_printf ("%u.%u.%u", glib_major_version, glib_minor_version, glib_micro_version);
  versions[1][1] = glib;
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      json_builder_set_member_name (b, versions[i][0]);
      json_builder_add_string_value (b, versions[i][1]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, m->seed);
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < m->inputs->len; i++)
    {
      g_autofree char *sum = dxi_manifest_sha256_file (m->inputs->pdata[i], error);
      if (sum == NULL)
        return FALSE;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, m->inputs->pdata[i]);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, sum);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_pairs (b, "settings", m->settings);
  add_strings (b, "warnings", m->warnings);
  add_strings (b, "outputs", m->outputs);
  if (m->timings->len)
    add_pairs (b, "timings_seconds", m->timings);
  json_builder_end_object (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  gsize len = 0;
  g_autofree char *text = json_generator_to_data (gen, &len);
  g_autofree char *with_nl = g_strconcat (text, "\n", NULL);
  return dxi_write_file (path, with_nl, len + 1, error);
}

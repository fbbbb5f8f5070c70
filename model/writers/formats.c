#include "writers/formats.h"

#include "core/error.h"

static const char *const names[] = { "gpkg", "shp", "tif", "csv", "xlsx", "map" };

gboolean
dxi_formats_parse (const char *text, guint *formats, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  guint found = 0;
  for (guint i = 0; parts[i]; i++)
    {
      const char *name = g_strstrip (parts[i]);
      guint flag = 0;
      for (guint k = 0; k < G_N_ELEMENTS (names) && !flag; k++)
        if (g_str_equal (name, names[k]))
          flag = 1u << k;
      if (flag == 0 || (found & flag))
        {
          g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE, "--formats: %s '%s' (the formats are %s)",
                       flag ? "repeated format" : "unknown format", name, DXI_FORMAT_NAMES);
          return FALSE;
        }
      found |= flag;
    }
  if (found == 0)
    {
      g_set_error (error, DXI_ERROR, DXI_ERROR_USAGE,
                   "--formats: no format named (the formats are %s)", DXI_FORMAT_NAMES);
      return FALSE;
    }
  *formats = found;
  return TRUE;
}

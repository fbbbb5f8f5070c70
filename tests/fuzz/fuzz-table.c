/* The published-table readers (wide, long, nomis): a table definition in
 * YAML, a line "====", then the table's bytes.  The definition's `file` is
 * replaced by the bytes written to a private file; an `ogr` shape is read as
 * wide (fuzz-ogr-table covers OGR). */
#include "common.h"
#include "inputs/table.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *body;
  size_t body_size;
  g_autoptr (dxi_table_spec) spec = fuzz_table_spec ("table", data, size, &body, &body_size);
  if (spec == NULL)
    return 0;
  g_autoptr (GError) error = NULL;
  g_free (spec->path);
  spec->path = g_strdup (fuzz_write_file ("table.csv", body, body_size));
  if (spec->shape == DXI_SHAPE_OGR)
    spec->shape = DXI_SHAPE_WIDE;
  guint n_missing;
  dxi_frame_free (dxi_table_read (spec, &n_missing, &error));
  return fuzz_report ("table", error);
}

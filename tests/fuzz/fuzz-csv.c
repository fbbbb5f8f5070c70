/* The CSV tokenizer: every row of any bytes, then the end-of-file check. */
#include <string.h>

#include "common.h"
#include "inputs/delimited.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_file ("table.csv", data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_delimited) csv = dxi_delimited_open (path, &error);
  if (csv == NULL)
    g_error ("fuzz-csv: %s", error->message);
  char **fields;
  guint n, line;
  /* Every field is read (a bad pointer shows here, under the sanitizer), and
   * unquoted fields are never longer than the input they came from. */
  gsize total = 0;
  while (dxi_delimited_next (csv, &fields, &n, &line))
    for (guint i = 0; i < n; i++)
      total += strlen (fields[i]);
  g_assert_cmpuint (total, <=, size);
  dxi_delimited_finish (csv, &error);
  return fuzz_report ("csv", error);
}

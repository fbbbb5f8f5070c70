/* YAML document: positions, typed getters, unknown keys, limits. */
#include <glib.h>
#include <string.h>

#include "core/error.h"
#include "core/ydoc.h"

static dxi_ydoc *
load (const char *text)
{
  g_autoptr (GError) error = NULL;
  dxi_ydoc *doc = dxi_ydoc_load_string ("conf/study.yaml", text, -1, &error);
  g_assert_no_error (error);
  return doc;
}

static void
test_positions (void)
{
  g_autoptr (dxi_ydoc) doc = load ("name: Trafford\nindex:\n  preset: deri\n  draws: 1000\n");
  const dxi_ynode *index = dxi_ynode_get (doc->root, "index");
  g_assert_nonnull (index);
  const dxi_ynode *draws = dxi_ynode_get (index, "draws");
  g_assert_cmpuint (draws->line, ==, 4);
  g_assert_cmpuint (draws->col, ==, 10);
  gint64 n = 0;
  g_assert_true (dxi_ynode_get_int (index, "draws", TRUE, &n, NULL));
  g_assert_cmpint (n, ==, 1000);
}

static void
test_wrong_type (void)
{
  g_autoptr (dxi_ydoc) doc = load ("rate: high\nlist: [1, 2]\n");
  g_autoptr (GError) error = NULL;
  double v = 7;
  g_assert_false (dxi_ynode_get_double (doc->root, "rate", TRUE, &v, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
  g_assert_cmpstr (error->message, ==, "conf/study.yaml:1:7: expected a number, found 'high'");
  g_assert_cmpfloat (v, ==, 7);
  g_clear_error (&error);
  g_assert_false (dxi_ynode_get_double (doc->root, "list", TRUE, &v, &error));
  g_assert_cmpstr (error->message, ==, "conf/study.yaml:2:7: expected a number, found a list");
}

static void
test_optional_and_missing (void)
{
  g_autoptr (dxi_ydoc) doc = load ("a: 1\n");
  double v = 3.5;
  g_assert_true (dxi_ynode_get_double (doc->root, "b", FALSE, &v, NULL));
  g_assert_cmpfloat (v, ==, 3.5);
  g_autoptr (GError) error = NULL;
  g_assert_false (dxi_ynode_get_double (doc->root, "b", TRUE, &v, &error));
  g_assert_cmpstr (error->message, ==, "conf/study.yaml:1:1: missing key 'b'");
}

static void
test_unknown_key (void)
{
  g_autoptr (dxi_ydoc) doc = load ("budget: 1\nbudjet: 2\n");
  static const char *const allowed[] = { "budget", "horizon", NULL };
  g_autoptr (GError) error = NULL;
  g_assert_false (dxi_ynode_check_keys (doc->root, allowed, &error));
  g_assert_cmpstr (error->message, ==, "conf/study.yaml:2:1: unknown key 'budjet' (did you mean 'budget'?)");
  g_clear_error (&error);
  g_autoptr (dxi_ydoc) doc2 = load ("zzzzzz: 1\n");
  g_assert_false (dxi_ynode_check_keys (doc2->root, allowed, &error));
  g_assert_cmpstr (error->message, ==,
                   "conf/study.yaml:1:1: unknown key 'zzzzzz' (valid keys: 'budget', 'horizon')");
}

static void
test_choice_and_bool (void)
{
  g_autoptr (dxi_ydoc) doc = load ("norm: minmx\nflag: yes\nq: \"yes\"\n");
  static const char *const norms[] = { "minmax", "zscore", "rank", NULL };
  int i = -1;
  g_autoptr (GError) error = NULL;
  g_assert_false (dxi_ynode_get_choice (doc->root, "norm", TRUE, norms, &i, &error));
  g_assert_cmpstr (error->message, ==,
                   "conf/study.yaml:1:7: unknown value 'minmx' (did you mean 'minmax'? valid: 'minmax', "
                   "'zscore', 'rank')");
  gboolean b = FALSE;
  g_assert_true (dxi_ynode_get_bool (doc->root, "flag", TRUE, &b, NULL));
  g_assert_true (b);
}

static void
test_paths (void)
{
  g_autoptr (dxi_ydoc) doc = load ("data: ../data/x.csv\nabs: /tmp/y.csv\n");
  g_autofree char *p = NULL, *q = NULL;
  g_assert_true (dxi_ynode_get_path (doc->root, "data", TRUE, &p, NULL));
  g_assert_cmpstr (p, ==, "data/x.csv");
  g_assert_true (dxi_ynode_get_path (doc->root, "abs", TRUE, &q, NULL));
  g_assert_cmpstr (q, ==, "/tmp/y.csv");
}

static void
test_malformed (void)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (dxi_ydoc_load_string ("bad.yaml", "a: [1, 2\nb: 3\n", -1, &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_CONFIG);
  g_assert_true (g_str_has_prefix (error->message, "bad.yaml:"));
  g_clear_error (&error);
  g_assert_null (dxi_ydoc_load_string ("dup.yaml", "a: 1\nb: 2\na: 3\n", -1, &error));
  g_assert_cmpstr (error->message, ==, "dup.yaml:3:1: duplicate key 'a' (first at line 1)");
  g_clear_error (&error);
  g_assert_null (dxi_ydoc_load_string ("empty.yaml", "", -1, &error));
  g_assert_cmpstr (error->message, ==, "empty.yaml: empty document");
  g_clear_error (&error);
  g_assert_null (dxi_ydoc_load ("no/such/file.yaml", &error));
  g_assert_error (error, DXI_ERROR, DXI_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "cannot open 'no/such/file.yaml': No such file or directory");
}

static void
test_limits (void)
{
  /* Nine levels of aliases each doubling: 2^9 * 4 leaves at a few levels, far
   * more at 30; the node limit must stop expansion, not memory. */
  GString *s = g_string_new ("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
  for (int i = 1; i < 30; i++)
    g_string_append_printf (s, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i - 1,
                            i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_autoptr (GError) error = NULL;
  g_assert_null (dxi_ydoc_load_string ("laughs.yaml", s->str, -1, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "too many aliases"));
  g_string_free (s, TRUE);
  g_clear_error (&error);
  GString *deep = g_string_new ("a: ");
  for (int i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 100; i++)
    g_string_append_c (deep, ']');
  g_assert_null (dxi_ydoc_load_string ("deep.yaml", deep->str, -1, &error));
  g_assert_nonnull (strstr (error->message, "nesting deeper than 64 levels"));
  g_string_free (deep, TRUE);
}

/* Suggestions: a swap of two neighbouring letters is one edit, as are an
 * insertion, a deletion and a substitution; a word far from every choice
 * gets none; case is ignored. */
static void
test_suggest (void)
{
  const char *const keys[] = { "file", "shape", "code_column", "geography", NULL };
  g_assert_cmpstr (dxi_suggest ("shpae", keys), ==, "shape");
  g_assert_cmpstr (dxi_suggest ("shap", keys), ==, "shape");
  g_assert_cmpstr (dxi_suggest ("shapes", keys), ==, "shape");
  g_assert_cmpstr (dxi_suggest ("SHAPE", keys), ==, "shape");
  g_assert_cmpstr (dxi_suggest ("geogarphy", keys), ==, "geography");
  g_assert_cmpstr (dxi_suggest ("code_colunm", keys), ==, "code_column");
  g_assert_null (dxi_suggest ("population", keys));
  g_assert_null (dxi_suggest ("x", NULL));
  g_autofree char *joined = dxi_choices_join (keys);
  g_assert_cmpstr (joined, ==, "'file', 'shape', 'code_column', 'geography'");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/ydoc/positions", test_positions);
  g_test_add_func ("/ydoc/wrong-type", test_wrong_type);
  g_test_add_func ("/ydoc/optional-and-missing", test_optional_and_missing);
  g_test_add_func ("/ydoc/unknown-key", test_unknown_key);
  g_test_add_func ("/ydoc/choice-and-bool", test_choice_and_bool);
  g_test_add_func ("/ydoc/paths", test_paths);
  g_test_add_func ("/ydoc/malformed", test_malformed);
  g_test_add_func ("/ydoc/limits", test_limits);
  g_test_add_func ("/ydoc/suggest", test_suggest);
  return g_test_run ();
}

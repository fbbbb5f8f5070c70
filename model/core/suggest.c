/* "Did you mean" suggestions and lists of choices for messages. */
#include "core/suggest.h"

#include <glib.h>
#include <string.h>

/* Edits from A to B, case ignored: insertions, deletions, substitutions and
 * swaps of two neighbouring letters ("shpae" is one edit from "shape"), the
 * optimal string alignment distance. */
static guint
edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  g_autofree guint *d = g_new (guint, (la + 1) * (lb + 1));
#define D(i, j) d[(i) * (lb + 1) + (j)]
  for (gsize i = 0; i <= la; i++)
    D (i, 0) = (guint) i;
  for (gsize j = 0; j <= lb; j++)
    D (0, j) = (guint) j;
  for (gsize i = 1; i <= la; i++)
    for (gsize j = 1; j <= lb; j++)
      {
        char ai = g_ascii_tolower (a[i - 1]), bj = g_ascii_tolower (b[j - 1]);
        guint best = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + (ai != bj));
        if (i > 1 && j > 1 && ai == g_ascii_tolower (b[j - 2]) && g_ascii_tolower (a[i - 2]) == bj)
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  guint result = D (la, lb);
#undef D
  return result;
}

const char *
dxi_suggest (const char *word, const char *const *choices)
{
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  for (guint i = 0; choices && choices[i]; i++)
    {
      guint d = edit_distance (word, choices[i]);
      if (d < best_d)
        {
          best_d = d;
          best = choices[i];
        }
    }
  /* Close enough to be a typo: at most a third of the longer word. */
  if (best && best_d * 3 <= MAX (strlen (word), strlen (best)))
    return best;
  return NULL;
}

char *
dxi_choices_join (const char *const *choices)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; choices && choices[i]; i++)
    g_string_append_printf (s, "%s'%s'", i ? ", " : "", choices[i]);
  return g_string_free (s, FALSE);
}

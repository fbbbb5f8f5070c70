/* dxi new: a ready study and first scenario for any council of England and
 * Wales, from the national data bundled with dxi. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "inputs/council.h"
#include "writers/new-study.h"

#ifndef DXI_DATA_ROOT
#define DXI_DATA_ROOT "/usr/local/share/dxi"
#endif

/* Where indicators/, scenarios/ and data/national/ are: --root, $DXI_ROOT,
 * the working folder when it holds them (a checkout), else the installed copy. */
static const char *
data_root (const char *given)
{
  if (given)
    return given;
  const char *env = g_getenv ("DXI_ROOT");
  if (env && *env)
    return env;
  return g_file_test ("data/national", G_FILE_TEST_IS_DIR) ? "." : DXI_DATA_ROOT;
}

/* "Stoke-on-Trent" -> "stoke_on_trent" */
static char *
slug (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *s = g_string_new (NULL);
  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
    else if (s->len && s->str[s->len - 1] != '_')
      g_string_append_c (s, '_');
  while (s->len && s->str[s->len - 1] == '_')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

static int
list_councils (const char *lookup)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = dxi_council_list (lookup, &error);
  if (list == NULL)
    return dxi_cli_fail (error);
  for (guint i = 0; i < list->len; i++)
    puts (list->pdata[i]);
  return DXI_EXIT_OK;
}

int
dxi_cmd_new (int argc, char **argv)
{
  gboolean quiet = FALSE, list = FALSE;
  char *out = NULL, *root_opt = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      "the study folder to create (default scenarios/<council>)", "DIR" },
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &root_opt,
      "where dxi's indicators/, scenarios/ and data/national/ are (default: the working folder, "
      "else the installed copy)",
      "DIR" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "list every council (LAD 2024 code and name)", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "print only problems", NULL },
    { NULL },
  };
  if (!dxi_cli_parse (
          "new", "COUNCIL",
          "Write a ready study (study.yaml, wards.geojson) and a first scenario (champions.yaml) "
          "for a "
          "council of England or Wales, named by its LAD 2024 code (E09000008) or name (Croydon), "
          "from the national data bundled with dxi. The folder must not exist yet.",
          entries, &argc, &argv))
    return DXI_EXIT_USAGE;
  g_autofree char *dir = out, *root_given = root_opt;
  const char *root = data_root (root_given);
  g_autofree char *lookup = dxi_new_study_data (root, "lookups/lookup_lsoa21_ward24_ltla24.csv.gz");
  if (list)
    return list_councils (lookup);
  if (argc != 2)
    {
      fprintf (stderr, "dxi new: name one council (code or name)\ntry 'dxi help new'\n");
      return DXI_EXIT_USAGE;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (dxi_council) council = dxi_council_find (lookup, argv[1], &error);
  if (council == NULL)
    return dxi_cli_fail (error);
  g_autofree char *name = slug (council->name);
  g_autofree char *folder = dir ? g_strdup (dir) : g_build_filename ("scenarios", name, NULL);
  g_autoptr (dxi_new_study) study = dxi_new_study_write (council, root, folder, &error);
  if (study == NULL)
    return dxi_cli_fail (error);
  if (!quiet)
    {
      printf ("%s (%s): %u wards (2024)%s, study in %s/\n", council->name, council->code,
              study->n_wards,
              study->approximate
                  ? ", boundaries approximate (LSOA 2021 dissolved by the lookup: no published "
                    "boundary file for these wards is bundled)"
                  : "",
              study->folder);
      printf ("  indicators: Census 2021 age and disability, IoD 2019 %s\n",
              study->wales ? "(the GB-comparable IMD score)"
                           : "IMD score, income and employment deprivation");
      if (study->broadband)
        printf ("  broadband: Ofcom Connected Nations fixed coverage by Output Area (bundled), "
                "through the ONS OA21 "
                "-> LSOA21 lookup\n");
      else
        printf ("  no broadband domain: no national Ofcom Connected Nations file is bundled. To "
                "add it, download\n"
                "    Ofcom Connected Nations, fixed broadband coverage by Output Area "
                "(residential; e.g.\n"
                "    202407_fixed_oa_res_coverage_r01.csv, ofcom.org.uk > Connected Nations > data "
                "downloads)\n"
                "    as %s/%s,\n"
                "    and the ONS Output Area (2021) to LSOA (2021) lookup (OA21CD, LSOA21CD) as "
                "%s/%s;\n"
                "    then in study.yaml remove the '#+ ' before the lookups oa21_lsoa21 and oa21, "
                "the dataset\n"
                "    ofcom_fixed_coverage and the indicators ofcom_gigabit, ofcom_superfast, "
                "ofcom_no_decent_broadband\n",
                study->folder, DXI_NEW_STUDY_OFCOM_FILE, study->folder, DXI_NEW_STUDY_OA_LOOKUP);
      printf ("next:\n  dxi check %s/study.yaml\n  dxi run %s/champions.yaml -o outputs/%s\n",
              study->folder, study->folder, name);
    }
  return DXI_EXIT_OK;
}

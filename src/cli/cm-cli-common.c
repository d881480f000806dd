/* cm-cli-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "cm-cli-commands.h"
#include "cm-cli-common.h"
#include "cm-corpus.h"
#include "cm-link-summary.h"

void
cm_cli_progress_init (CmCliProgress *progress,
                      const char    *what,
                      guint          total)
{
  progress->what = what;
  progress->total = total;
  progress->enabled = isatty (STDERR_FILENO) && total > 1;
  progress->last_update = 0;
}

void
cm_cli_progress_update (CmCliProgress *progress,
                        guint          done,
                        const char    *current)
{
  gint64 now;
  g_autofree char *name = NULL;

  if (!progress->enabled)
    return;
  /* Redrawing more than ten times a second only costs time. */
  now = g_get_monotonic_time ();
  if (now - progress->last_update < G_USEC_PER_SEC / 10 && done + 1 < progress->total)
    return;
  progress->last_update = now;
  name = g_path_get_basename (current);
  fprintf (stderr, "\r\033[K%s: %u/%u (%u%%) %s", progress->what, done + 1, progress->total,
           (done + 1) * 100 / progress->total, name);
  fflush (stderr);
}

void
cm_cli_progress_finish (CmCliProgress *progress)
{
  if (progress->enabled)
    fprintf (stderr, "\r\033[K");
}

void
cm_cli_json_add_strv (JsonBuilder  *builder,
                      const char   *name,
                      char        **strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

void
cm_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

gboolean
cm_cli_parse_label_order (const char   *name,
                          CmLabelOrder *order)
{
  if (name == NULL)
    return TRUE;
  if (g_str_equal (name, "appsi139"))
    *order = CM_LABEL_ORDER_APPSI139;
  else if (!g_str_equal (name, "capp130"))
    {
      cm_cli_print_error (NULL, "--label-order must be capp130 or appsi139");
      return FALSE;
    }
  return TRUE;
}

void
cm_cli_warn_if_unrelated (GPtrArray *links)
{
  CmLinkSummary summary;
  g_autofree char *message = NULL;

  cm_links_summarize (links, &summary);
  message = cm_link_summary_describe (&summary);
  if (message != NULL)
    g_printerr ("clausemark-cli: warning: %s\n", message);
}

gboolean
cm_cli_write_pair (const char *dir,
                   CmDocument *zh,
                   CmDocument *en)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CmCorpus) corpus = cm_corpus_open (dir, TRUE, &error);

  if (corpus == NULL
      || !cm_corpus_add_document (corpus, zh, &error)
      || !cm_corpus_add_document (corpus, en, &error)
      || !cm_corpus_save_manifest (corpus, &error))
    {
      cm_cli_print_error (dir, error->message);
      return FALSE;
    }
  return TRUE;
}

int
cm_cli_compare_doubles (gconstpointer a,
                        gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

gboolean
cm_cli_parse_flags (const char *list,
                    CmFlag     *flags,
                    guint      *n_flags)
{
  g_auto(GStrv) names = g_strsplit (list, ",", -1);
  CmFlags seen = 0;

  *n_flags = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      CmFlag flag;

      if (!cm_flag_from_string (g_strstrip (names[i]), &flag)
          || (seen & CM_FLAG_BIT (flag)) != 0)
        {
          cm_cli_print_error (NULL, "--flags takes key, risk and/or sensitive, each once");
          return FALSE;
        }
      seen |= CM_FLAG_BIT (flag);
      flags[(*n_flags)++] = flag;
    }
  return *n_flags > 0;
}

gboolean
cm_cli_load_annotate_options (CmAnnotateOptions  *options,
                              gboolean            no_model,
                              CmModelSet        **models,
                              CmFlagger         **flagger)
{
  g_autoptr(GError) error = NULL;

  cm_annotate_options_init (options);
  if (no_model)
    return TRUE;
  *models = cm_model_set_load_default (&error);
  if (*models == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return FALSE;
    }
  *flagger = cm_flagger_load_default (&error);
  if (*flagger == NULL)
    {
      cm_cli_print_error (NULL, error->message);
      return FALSE;
    }
  options->models = *models;
  options->flagger = *flagger;
  return TRUE;
}

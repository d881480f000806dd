/* cm-cli-validate.c — `clausemark-cli validate`: check files against the formats
 *
 * Each file is read by the same code that loads it everywhere else, so
 * "OK" here means the window and the other commands will accept it.
 * Documents, corpus manifests, taxonomies and checklists are told apart by
 * content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "clausemark-cli"
/* For pread(), which strict C11 mode hides. */
#define _DEFAULT_SOURCE

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clausemark-core.h"
#include "cm-bounded-read.h"
#include "cm-document-rules.h"
#include "cm-cli-commands.h"

typedef enum
{
  RESULT_VALID,
  RESULT_INVALID,
  RESULT_UNREADABLE,
} Result;

static gboolean quiet;
static char *taxonomy_path;
/* The taxonomies documents named, by "folder\nid" (resolved once). */
static GHashTable *taxonomies;
static CmTaxonomy *user_taxonomy;

static const GOptionEntry entries[] = {
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print only the files that fail", NULL },
  { "taxonomy", 't', 0, G_OPTION_ARG_FILENAME, &taxonomy_path,
    "Check labels against this taxonomy file (for documents naming a taxonomy that is neither "
    "bundled nor kept beside them)", "FILE" },
  { NULL }
};

/* The taxonomy @document names: the one given on the command line if its
 * id matches, else bundled or beside the document (never a path). */
static CmTaxonomy *
resolve_taxonomy (CmDocument  *document,
                  const char  *path,
                  GError     **error)
{
  const char *id = cm_document_get_taxonomy_id (document);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *key = g_strconcat (folder, "\n", id, NULL);
  CmTaxonomy *taxonomy;

  if (user_taxonomy != NULL && g_str_equal (cm_taxonomy_get_id (user_taxonomy), id))
    return user_taxonomy;
  taxonomy = g_hash_table_lookup (taxonomies, key);
  if (taxonomy != NULL)
    return taxonomy;
  taxonomy = cm_taxonomy_load_named (id, folder, error);
  if (taxonomy == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  g_hash_table_insert (taxonomies, g_steal_pointer (&key), taxonomy);
  return taxonomy;
}

/* A document of a pair: its partner ("<partner>.json" in the same folder)
 * must exist, name it back and hold every clause its links name. */
static gboolean
check_partner (CmDocument  *document,
               const char  *path,
               GError     **error)
{
  const char *partner_id = cm_document_get_partner_id (document);
  g_autofree char *folder = NULL;
  g_autofree char *file = NULL;
  g_autofree char *partner_path = NULL;
  g_autoptr(CmDocument) partner = NULL;
  g_autoptr(GError) local_error = NULL;

  if (partner_id == NULL)
    return TRUE;
  folder = g_path_get_dirname (path);
  file = g_strconcat (partner_id, ".json", NULL);  /* a safe id: no path */
  partner_path = g_build_filename (folder, file, NULL);
  partner = cm_document_load (partner_path, &local_error);
  if (partner == NULL)
    {
      g_set_error (error, CM_ERROR, CM_ERROR_INVALID,
                   "%s: pair: the partner document “%s” is missing or unreadable (%s)", path,
                   partner_id, local_error->message);
      return FALSE;
    }
  return cm_document_check_partner (path, document, partner, error);
}

/* What checking a document found beyond its own rules, clause by clause:
 * the taxonomy it names is resolved at its first clause, and the first
 * label outside it is kept for after the reading, because a broken rule of
 * the format (found later in the file) is reported first. */
typedef struct
{
  const char *path;
  gboolean    resolved;
  CmTaxonomy *taxonomy;          /* borrowed from the cache */
  GError     *taxonomy_error;
} DocumentCheck;

static void
resolve_once (DocumentCheck *check,
              CmDocument    *document)
{
  if (check->resolved)
    return;
  check->resolved = TRUE;
  /* A path here is refused by the reader's header rules, never opened. */
  if (cm_taxonomy_id_is_valid (cm_document_get_taxonomy_id (document)))
    check->taxonomy = resolve_taxonomy (document, check->path, &check->taxonomy_error);
}

/* A CmClauseFunc: labels against the taxonomy. */
static gboolean
check_clause (CmDocument  *document,
              CmClause    *clause,
              gpointer     user_data,
              GError     **error)
{
  DocumentCheck *check = user_data;

  resolve_once (check, document);
  if (check->taxonomy != NULL && check->taxonomy_error == NULL)
    cm_clause_check_taxonomy (check->path, clause, check->taxonomy, &check->taxonomy_error);
  return TRUE;
}

/* The document in @fd (or in @contents when @fd is -1), read one clause
 * at a time, then its taxonomy and partner. */
static gboolean
check_document (int          fd,
                gboolean     regular,
                const char  *contents,
                gsize        length,
                const char  *path,
                GError     **error)
{
  g_autoptr(CmDocument) document = NULL;
  DocumentCheck check = { path, FALSE, NULL, NULL };

  if (fd >= 0)
    document = cm_document_read_fd (fd, regular, path, check_clause, &check, error);
  else if (length == 0)
    g_set_error (error, CM_ERROR, CM_ERROR_PARSE, "%s: the file is empty", path);
  else
    document = cm_document_from_json_each (contents, length, path, check_clause, &check, error);
  if (document == NULL)
    {
      g_clear_error (&check.taxonomy_error);
      return FALSE;
    }
  resolve_once (&check, document);
  if (check.taxonomy_error != NULL)
    {
      /* An unknown taxonomy makes the document invalid, not unreadable. */
      if (check.taxonomy_error->domain != CM_ERROR)
        {
          g_set_error_literal (error, CM_ERROR, CM_ERROR_INVALID, check.taxonomy_error->message);
          g_clear_error (&check.taxonomy_error);
        }
      else
        g_propagate_error (error, check.taxonomy_error);
      return FALSE;
    }
  return check_partner (document, path, error);
}

/* True if the start of the contents declares @format (cheap: the first 4 KiB). */
static gboolean
head_declares (const char *contents,
               gsize       length,
               const char *format)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", format);
  g_autofree char *head = g_strndup (contents, MIN (length, 4096));

  return strstr (head, quoted) != NULL;
}

/* The file is opened once (it may be a FIFO or a device), then judged by
 * its name and contents. A document in a regular file is read through a
 * window, never whole; anything else is read whole, within the limit. */
static gboolean
check_file (const char  *path,
            GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  gboolean regular, ok;
  gsize length;
  int fd;

  fd = cm_open_bounded (path, CM_READ_MAX_DOCUMENT, &regular, NULL, error);
  if (fd < 0)
    return FALSE;
  if (regular && !g_str_equal (base, CM_CORPUS_MANIFEST))
    {
      char head[4096];
      gssize n = pread (fd, head, sizeof head, 0);

      if (n < 0 || (!head_declares (head, (gsize) n, "clausemark-taxonomy")
                    && !head_declares (head, (gsize) n, "clausemark-checklist")))
        {
          ok = check_document (fd, TRUE, NULL, 0, path, error);
          close (fd);
          return ok;
        }
    }
  contents = cm_read_fd_bounded (fd, path, CM_READ_MAX_DOCUMENT, &length, error);
  close (fd);
  if (contents == NULL)
    return FALSE;
  if (g_str_equal (base, CM_CORPUS_MANIFEST))
    return cm_corpus_validate_manifest_data (contents, length, path, error);
  if (head_declares (contents, length, "clausemark-taxonomy"))
    {
      g_autoptr(CmTaxonomy) taxonomy = cm_taxonomy_load_data (contents, length, path, error);
      return taxonomy != NULL;
    }
  if (head_declares (contents, length, "clausemark-checklist"))
    {
      g_autoptr(CmChecklist) checklist = cm_checklist_new_from_data (contents, (gssize) length, path,
                                                                     error);
      return checklist != NULL;
    }
  return check_document (-1, FALSE, contents, length, path, error);
}

static Result
validate_file (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      cm_cli_print_error (path, "no such file or folder");
      return RESULT_UNREADABLE;
    }
  if (check_file (path, &error))
    {
      if (!quiet)
        printf ("%s: OK\n", path);
      return RESULT_VALID;
    }
  /* Our messages already start with the file's name. */
  cm_cli_print_error (NULL, error->message);
  return error->domain == CM_ERROR ? RESULT_INVALID : RESULT_UNREADABLE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The folder's *.json files (backups "~" and temporary files excluded). */
static GPtrArray *
list_json_files (const char  *directory,
                 GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, error);
  g_autoptr(GPtrArray) files = NULL;
  const char *name;

  if (dir == NULL)
    return NULL;
  files = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (directory, name, NULL));
  g_ptr_array_sort (files, compare_names);
  return g_steal_pointer (&files);
}

static Result
worse (Result a,
       Result b)
{
  return MAX (a, b);
}

static Result
validate_argument (const char *argument)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  Result result = RESULT_VALID;

  if (!g_file_test (argument, G_FILE_TEST_IS_DIR))
    return validate_file (argument);

  files = list_json_files (argument, &error);
  if (files == NULL)
    {
      cm_cli_print_error (argument, error->message);
      return RESULT_UNREADABLE;
    }
  if (files->len == 0)
    {
      cm_cli_print_error (argument, "the folder holds no .json files");
      return RESULT_UNREADABLE;
    }
  for (guint i = 0; i < files->len; i++)
    result = worse (result, validate_file (g_ptr_array_index (files, i)));
  return result;
}

int
cm_cli_cmd_validate (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE|FOLDER… — check Clausemark files");
  Result result = RESULT_VALID;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Checks Clausemark documents, corpus manifests, taxonomy and checklist files against their format, "
      "with the same rules the application applies when it loads them. A folder stands for the "
      ".json files in it.\n\n"
      "Exit status: 0 if every file is valid, 3 if any is not, 1 if any cannot be read.");
  if (!cm_cli_parse (context, &argc, &argv))
    return CM_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      cm_cli_print_error (NULL, "validate: give at least one file or folder");
      return CM_CLI_EXIT_USAGE;
    }

  taxonomies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (taxonomy_path != NULL)
    {
      g_autoptr(GError) error = NULL;

      user_taxonomy = cm_taxonomy_load_file (taxonomy_path, &error);
      if (user_taxonomy == NULL)
        {
          cm_cli_print_error (NULL, error->message);
          return CM_CLI_EXIT_FAILURE;
        }
    }
  for (int i = 1; i < argc; i++)
    result = worse (result, validate_argument (argv[i]));
  g_clear_pointer (&taxonomies, g_hash_table_unref);
  g_clear_object (&user_taxonomy);

  switch (result)
    {
    case RESULT_VALID:
      return CM_CLI_EXIT_OK;
    case RESULT_INVALID:
      return CM_CLI_EXIT_INVALID;
    case RESULT_UNREADABLE:
    default:
      return CM_CLI_EXIT_FAILURE;
    }
}

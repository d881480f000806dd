/* cm-paths.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-paths"

#include "config.h"

#include <stdarg.h>

#include "cm-paths.h"

const char *
cm_get_data_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("CLAUSEMARK_DATA_DIR");
      char *found;

      if (env != NULL && env[0] != '\0')
        found = g_strdup (env);
      else if (g_file_test (SOURCE_DATADIR "/taxonomies", G_FILE_TEST_IS_DIR))
        found = g_strdup (SOURCE_DATADIR);
      else
        found = g_strdup (PKGDATADIR);
      g_once_init_leave (&dir, found);
    }
  return dir;
}

char *
cm_build_data_path (const char *first_element,
                    ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) cm_get_data_dir ());
  va_start (args, first_element);
  for (const char *e = first_element; e != NULL; e = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) e);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

const char *
cm_get_locale_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("CLAUSEMARK_LOCALEDIR");
      char *found;

      if (env != NULL && env[0] != '\0')
        found = g_strdup (env);
      /* Running from the build tree: its compiled catalogues, so that the
       * UI is translated before anything is installed. */
      else if (g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR)
               && !g_file_test (LOCALEDIR "/zh_CN/LC_MESSAGES/" GETTEXT_PACKAGE ".mo",
                                G_FILE_TEST_EXISTS))
        found = g_strdup (BUILD_LOCALEDIR);
      else
        found = g_strdup (LOCALEDIR);
      g_once_init_leave (&dir, found);
    }
  return dir;
}

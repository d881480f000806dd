/* test-loader-private.h — what the loader's tests share (test-loader*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "cm-loader.h"

G_BEGIN_DECLS

/* Chinese text of a policy's length, written for these tests, in
 * simplified characters (for GB18030; test-loader.c has it in traditional
 * ones for Big5). */
static const char zh_hans[] =
  "我们非常重视您的个人信息保护。本政策说明我们如何收集、使用、存储和共享您的个人信息，"
  "以及您享有的权利。我们会在您注销账号后六个月内删除您的个人信息。"
  "如您是未满十四周岁的未成年人，请在监护人的陪同下阅读本政策。\n";

static inline CmLoadedText *
load_string (const char  *data,
             gssize       size,
             const char  *name,
             GError     **error)
{
  return cm_loader_load_data (data, size < 0 ? strlen (data) : (gsize) size,
                              name, NULL, error);
}


/* g_convert() from UTF-8 to @charset, optionally after a byte-order mark. */
static inline GBytes *
encode (const char *utf8,
        const char *charset,
        const char *bom,
        gsize       bom_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gsize written = 0;
  g_autofree char *converted = g_convert (utf8, -1, charset, "UTF-8",
                                          NULL, &written, &error);

  g_assert_no_error (error);
  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, bom_size);
  g_byte_array_append (bytes, (const guint8 *) converted, written);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}


/* The text less the lines hinted as boilerplate: what the policy keeps. */
static inline char *
kept_text (CmLoadedText *loaded)
{
  GString *kept = g_string_new (NULL);
  gsize pos = 0;
  guint h = 0;

  while (pos < loaded->size)
    {
      const char *nl = memchr (loaded->text + pos, '\n', loaded->size - pos);
      gsize end = nl != NULL ? (gsize) (nl - loaded->text) : loaded->size;
      gboolean junk = FALSE;

      while (h < loaded->blocks->len
             && g_array_index (loaded->blocks, CmBlockHint, h).end <= pos)
        h++;
      for (guint i = h; i < loaded->blocks->len; i++)
        {
          const CmBlockHint *hint = &g_array_index (loaded->blocks, CmBlockHint, i);

          if (hint->start >= end)
            break;
          if (hint->kind == CM_BLOCK_BOILERPLATE)
            junk = TRUE;
        }
      if (!junk)
        {
          g_string_append_len (kept, loaded->text + pos, end - pos);
          g_string_append_c (kept, '\n');
        }
      pos = end + 1;
    }
  return g_string_free (kept, FALSE);
}


G_END_DECLS

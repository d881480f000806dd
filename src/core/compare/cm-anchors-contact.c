/* cm-anchors-contact.c — telephone numbers and postal addresses
 *
 * Unlike the anchors of cm-anchors.c these are not compared across
 * languages; they say that a clause gives a way to reach someone (the
 * disclosure checklist asks for the handler's contact).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-anchors"

#include "config.h"

#include "cm-anchors.h"

/* 7 to 15 digits in groups joined by '-', ' ', '.', '(' or ')', optionally
 * after '+': "400-810-1234", "+86 10 1234 5678", "(010) 8888 6666". A
 * group of four digits followed by 年 is a year, not part of a number. */
gboolean
cm_anchors_has_phone (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      guint digits = 0;
      const char *q = p, *last_digit = NULL;

      if (!g_ascii_isdigit (*p) && !(*p == '+' && g_ascii_isdigit (p[1]))
          && !(*p == '(' && g_ascii_isdigit (p[1])))
        continue;
      if (p > text && (g_ascii_isdigit (p[-1]) || g_ascii_isalpha (p[-1])))
        continue;
      for (; *q != '\0'; q++)
        {
          if (g_ascii_isdigit (*q))
            {
              digits++;
              last_digit = q;
            }
          else if (!((*q == '-' || *q == ' ' || *q == '.' || *q == '(' || *q == ')' || *q == '+')
                     && last_digit != NULL && q - last_digit <= 2))
            break;
        }
      if (digits >= 7 && digits <= 15 && !g_str_has_prefix (last_digit + 1, "年"))
        return TRUE;
      p = q > p ? q - 1 : p;
    }
  return FALSE;
}

gboolean
cm_anchors_has_address (const char *text)
{
  static GRegex *chinese, *english;
  static gsize initialised;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_once_init_enter (&initialised))
    {
      chinese = g_regex_new ("(地址|住所|注册地|办公地|位于).{0,12}"
                                   "(省|市|区|县|路|街|道|号|大厦|大楼|园|楼)",
                                   G_REGEX_OPTIMIZE, 0, NULL);
      english = g_regex_new ("\\b\\d+[A-Za-z]?,? [A-Z][A-Za-z.' ]{1,40}"
                                   "\\b(Street|St\\.|Road|Rd\\.|Avenue|Ave\\.?|Boulevard|Blvd|"
                                   "Lane|Drive|Way|Place|Square|Parkway)\\b"
                                   "|\\b(Floor|Suite|Building|Tower|P\\.? ?O\\.? Box)\\b[^.]{0,40}\\d"
                                   "|\\b\\d+(st|nd|rd|th)? (Floor|Fl\\.)",
                                   G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&initialised, 1);
    }
  return g_regex_match (chinese, text, 0, NULL) || g_regex_match (english, text, 0, NULL);
}

/* test-revision-corpus-numbering.c — numbered items for test-revision-corpus:
 * an item inserted in a numbered list and the items after it renumbered,
 * in the list styles of Chinese and English policies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "test-revision-corpus-private.h"

/* ---- numbered items --------------------------------------------------- */

typedef enum
{
  NUMBER_NONE,
  NUMBER_HAN,          /* 一、 */
  NUMBER_HAN_PAREN,    /* （一） */
  NUMBER_DOT,          /* 1. */
  NUMBER_COMMA,        /* 1、 */
  NUMBER_PAREN,        /* （1） or (1) */
  NUMBER_HALF_PAREN,   /* 1） or 1) */
} NumberStyle;

static const char han_digits[][4] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

static int
han_digit (gunichar c)
{
  static const gunichar digits[] = { 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94,
                                     0x516d, 0x4e03, 0x516b, 0x4e5d };
  for (guint k = 0; k < G_N_ELEMENTS (digits); k++)
    if (digits[k] == c)
      return (int) k + 1;
  return 0;
}

/* The value of a Han numeral up to 99 at @p (its end in @end), or 0. */
static int
parse_han_number (const char  *p,
                  const char **end)
{
  int value = 0, digit = 0;
  gboolean any = FALSE;

  for (;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = han_digit (c);

      if (d > 0)
        digit = d;
      else if (c == 0x5341)  /* 十 */
        {
          value += (digit ? digit : 1) * 10;
          digit = 0;
        }
      else
        break;
      any = TRUE;
    }
  *end = p;
  return any ? value + digit : 0;
}

static void
append_han_number (GString *out,
                   int      n)
{
  if (n >= 20)
    g_string_append (out, han_digits[n / 10]);
  if (n >= 10)
    g_string_append (out, "十");
  if (n % 10)
    g_string_append (out, han_digits[n % 10]);
}

/* The numbered item marker at the start of @line: its style and value,
 * and where the text after it starts. */
static NumberStyle
parse_marker (const char  *line,
              int         *value,
              const char **rest)
{
  const char *p = line, *end;
  gboolean open = FALSE;

  if (g_str_has_prefix (p, "（") || *p == '(')
    {
      p = g_utf8_next_char (p);
      open = TRUE;
    }
  if (g_ascii_isdigit (*p))
    {
      char *after;
      *value = (int) strtol (p, &after, 10);
      end = after;
      if (*value <= 0 || *value > 99)
        return NUMBER_NONE;
    }
  else if ((*value = parse_han_number (p, &end)) == 0)
    return NUMBER_NONE;
  if (open ? (g_str_has_prefix (end, "）") || *end == ')') : FALSE)
    {
      *rest = g_utf8_next_char (end);
      return g_ascii_isdigit (*p) ? NUMBER_PAREN : NUMBER_HAN_PAREN;
    }
  if (open)
    return NUMBER_NONE;
  if (g_ascii_isdigit (*p))
    {
      /* "1." but not "1.2" or "1.5 GB" */
      if (*end == '.' && !g_ascii_isdigit (end[1]))
        {
          *rest = end + 1;
          return NUMBER_DOT;
        }
      if (g_str_has_prefix (end, "、"))
        {
          *rest = end + strlen ("、");
          return NUMBER_COMMA;
        }
      if (g_str_has_prefix (end, "）") || *end == ')')
        {
          *rest = g_utf8_next_char (end);
          return NUMBER_HALF_PAREN;
        }
      return NUMBER_NONE;
    }
  if (g_str_has_prefix (end, "、"))
    {
      *rest = end + strlen ("、");
      return NUMBER_HAN;
    }
  return NUMBER_NONE;
}

/* Whether @line's marker (the text before @rest) has full-width brackets. */
static gboolean
marker_full_width (const char *line,
                   const char *rest)
{
  return g_str_has_prefix (line, "（")
         || (rest - line >= 3 && memcmp (rest - 3, "）", 3) == 0);
}

/* A marker of @style carrying @n, followed by @rest. */
static char *
with_marker (NumberStyle  style,
             int          n,
             gboolean     full_width,
             const char  *rest)
{
  GString *out = g_string_new (NULL);

  switch (style)
    {
    case NUMBER_HAN: append_han_number (out, n); g_string_append (out, "、"); break;
    case NUMBER_HAN_PAREN:
      g_string_append (out, full_width ? "（" : "(");
      append_han_number (out, n);
      g_string_append (out, full_width ? "）" : ")");
      break;
    case NUMBER_DOT: g_string_append_printf (out, "%d.", n); break;
    case NUMBER_COMMA: g_string_append_printf (out, "%d、", n); break;
    case NUMBER_PAREN: g_string_append_printf (out, full_width ? "（%d）" : "(%d)", n); break;
    case NUMBER_HALF_PAREN: g_string_append_printf (out, full_width ? "%d）" : "%d)", n); break;
    case NUMBER_NONE: default: break;
    }
  g_string_append (out, rest);
  return g_string_free (out, FALSE);
}

/* Inserts a numbered item before a random numbered line of @lines (its
 * number, a sentence of @donor after it) and renumbers the items that
 * follow in the same list (same style, values going on from it); nothing
 * when no line is numbered. */
void
insert_item (GArray     *lines,
             const char *donor,
             GRand      *rand)
{
  g_autoptr(GArray) numbered = g_array_new (FALSE, FALSE, sizeof (guint));
  guint at;
  int value, expected;
  const char *rest;
  NumberStyle style;
  gboolean full_width;

  for (guint k = 0; k < lines->len; k++)
    if (parse_marker (g_array_index (lines, NewLine, k).text, &value, &rest) != NUMBER_NONE)
      g_array_append_val (numbered, k);
  if (numbered->len == 0)
    return;
  at = g_array_index (numbered, guint, g_rand_int_range (rand, 0, (gint32) numbered->len));
  style = parse_marker (g_array_index (lines, NewLine, at).text, &value, &rest);
  full_width = marker_full_width (g_array_index (lines, NewLine, at).text, rest);
  {
    const char *donor_rest;
    int donor_value;
    const char *body = parse_marker (donor, &donor_value, &donor_rest) != NUMBER_NONE ? donor_rest : donor;
    NewLine item = { with_marker (style, value, full_width, body), { -1, -1 }, TRUE };

    g_array_insert_val (lines, at, item);
  }
  expected = value;
  for (guint k = at + 1; k < lines->len; k++)
    {
      NewLine *line = &g_array_index (lines, NewLine, k);
      char *renumbered;
      const char *r;
      int v;

      if (parse_marker (line->text, &v, &r) != style)
        continue;
      if (v != expected)
        break;  /* another list */
      renumbered = with_marker (style, v + 1, marker_full_width (line->text, r), r);
      g_free (line->text);
      line->text = renumbered;
      line->edited = TRUE;
      expected++;
    }
}

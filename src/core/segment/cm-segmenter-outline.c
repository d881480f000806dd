/* cm-segmenter-outline.c — the open outline while clauses are emitted
 *
 * A stack of the open headings and list items: where a new one belongs
 * (its open sibling, or on top), the heading path of each clause, and
 * whether a single letter ("I.", "X.") is a Roman numeral or a letter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-segmenter"

#include "config.h"

#include "cm-numbering.h"
#include "cm-segmenter-private.h"

static void
stack_truncate (Stack *stack,
                guint  depth)
{
  while (stack->depth > depth)
    {
      stack->depth--;
      g_clear_pointer (&stack->entries[stack->depth].title, g_free);
    }
  stack->path_valid = FALSE;
}

void
cm_segmenter_stack_clear (Stack *stack)
{
  stack_truncate (stack, 0);
  g_clear_pointer (&stack->path, g_free);
}

/* Where an entry of this family belongs: the position of its sibling if
 * one is open (everything from there on closes), otherwise on top. */
static guint
stack_position_for (Stack      *stack,
                    StackEntry *entry)
{
  /* Unnumbered section titles ("附录", "Information we might collect")
   * sit just under the document title: their depth cannot be told from
   * a number, and nesting each under the previous one would be wrong. */
  if (entry->family == FAMILY_UNNUMBERED)
    {
      guint position = 0;

      for (guint i = 0; i < stack->depth; i++)
        if (stack->entries[i].heading && stack->entries[i].family != FAMILY_UNNUMBERED)
          position = i + 1;
      return position;
    }
  guint first = 0;

  /* A list item never closes a section: it looks for its siblings only
   * among the list items opened since the last heading. */
  if (!entry->heading)
    for (guint i = 0; i < stack->depth; i++)
      if (stack->entries[i].heading)
        first = i + 1;

  for (guint i = first; i < stack->depth; i++)
    {
      StackEntry *open = &stack->entries[i];

      if (open->family == entry->family)
        return i;
      if (entry->ordered && open->ordered && open->order_kind == entry->order_kind
          && open->order_depth >= entry->order_depth)
        return i;
    }
  /* A numbered heading ends the unnumbered section before it: such
   * sections are the leaves of the outline. */
  if (entry->heading)
    for (guint i = 0; i < stack->depth; i++)
      if (stack->entries[i].family == FAMILY_UNNUMBERED)
        return i;
  return stack->depth;
}

/* Pushes an entry; returns its level (1-based). */
guint
cm_segmenter_stack_place (Stack      *stack,
                          StackEntry *entry)
{
  guint position;

  if (entry->heading)
    {
      /* A heading closes the lists opened since the last heading. */
      guint last_heading = 0;

      for (guint i = 0; i < stack->depth; i++)
        if (stack->entries[i].heading)
          last_heading = i + 1;
      stack_truncate (stack, last_heading);
    }
  position = stack_position_for (stack, entry);
  if (position >= MAX_STACK)
    position = MAX_STACK - 1;
  stack_truncate (stack, position);
  stack->entries[position] = *entry;
  stack->depth = position + 1;
  stack->path_valid = FALSE;
  return position + 1;
}

const char * const *
cm_segmenter_stack_heading_path (Stack *stack,
                                 guint  below)
{
  guint n = 0;

  if (!stack->path_valid || below != G_MAXUINT)
    {
      g_free (stack->path);
      stack->path = g_new0 (char *, stack->depth + 1);
      for (guint i = 0; i < stack->depth && i < below; i++)
        if (stack->entries[i].heading)
          stack->path[n++] = stack->entries[i].title;
      stack->path_valid = (below == G_MAXUINT);
    }
  return (const char * const *) stack->path;
}


/* "X." after "Ⅸ." is ten, not the letter x; "I." after "H." is the
 * letter i, not one. The open outline decides. */
void
cm_segmenter_resolve_roman_or_latin (const char  *text,
                                     Stack       *stack,
                                     Paragraph   *para)
{
  CmNumbering *numbering = &para->numbering;
  CmNumbering alternative = *numbering;
  const char *marker = text + para->start + numbering->marker_offset;
  guint family;
  char letter;
  gboolean alternative_open = FALSE, current_open = FALSE;

  if (numbering->style != CM_NUMBERING_STYLE_LATIN_UPPER
      && numbering->style != CM_NUMBERING_STYLE_LATIN_LOWER
      && numbering->style != CM_NUMBERING_STYLE_ROMAN_UPPER
      && numbering->style != CM_NUMBERING_STYLE_ROMAN_LOWER)
    return;
  letter = marker[numbering->wrap == CM_NUMBERING_WRAP_PARENS ? 1 : 0];
  if (!g_ascii_isalpha (letter) || g_ascii_isalpha (marker[numbering->wrap == CM_NUMBERING_WRAP_PARENS ? 2 : 1]))
    return;  /* only a single ASCII letter is ambiguous */

  if (numbering->style == CM_NUMBERING_STYLE_LATIN_UPPER
      || numbering->style == CM_NUMBERING_STYLE_LATIN_LOWER)
    {
      alternative.value = cm_numbering_roman_value (&letter, 1);
      alternative.style = g_ascii_isupper (letter) ? CM_NUMBERING_STYLE_ROMAN_UPPER
                                                   : CM_NUMBERING_STYLE_ROMAN_LOWER;
      if (alternative.value == 0)
        return;
    }
  else
    {
      alternative.value = g_ascii_tolower (letter) - 'a' + 1;
      alternative.style = g_ascii_isupper (letter) ? CM_NUMBERING_STYLE_LATIN_UPPER
                                                   : CM_NUMBERING_STYLE_LATIN_LOWER;
    }

  family = cm_numbering_family (&alternative);
  for (guint i = 0; i < stack->depth; i++)
    {
      if (stack->entries[i].family == family)
        alternative_open = TRUE;
      if (stack->entries[i].family == cm_numbering_family (numbering))
        current_open = TRUE;
    }
  if (alternative_open && !current_open)
    *numbering = alternative;
}


/* Whether @entry (a numbered list item) continues the numbering of an
 * open heading of its family. */
gboolean
cm_segmenter_continues_open_heading (Stack            *stack,
                                     const StackEntry *entry)
{
  for (guint i = 0; i < stack->depth; i++)
    if (stack->entries[i].heading && stack->entries[i].family == entry->family
        && stack->entries[i].value + 1 == entry->value)
      return TRUE;
  return FALSE;
}


/* cm-pair-diff-anchors.c — aligned clauses whose anchors differ
 *
 * Ages, durations, e-mails, URLs, dates, numbers and names found in one
 * version of a link and not in the other (cm-anchors.h), ranked by their
 * kind: "6 months" against "3 months" is a contradiction, a number on one
 * side only often just wording.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-diff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cm-anchors.h"
#include "cm-pair-diff-private.h"

double
cm_anchor_kind_importance (CmAnchorKind kind)
{
  switch (kind)
    {
    case CM_ANCHOR_AGE: return 1.0;
    case CM_ANCHOR_DURATION: return 0.95;
    case CM_ANCHOR_EMAIL: return 0.85;
    case CM_ANCHOR_URL: return 0.8;
    case CM_ANCHOR_DATE: return 0.6;
    case CM_ANCHOR_NUMBER: return 0.45;
    case CM_ANCHOR_NAME: return 0.3;
    default: return 0.3;
    }
}


/* Anchors of @a whose key is not among @b's; names that appear in the
 * other text anyway (case aside) are not counted. */
static GPtrArray *
anchors_only_in (GPtrArray  *a,
                 gboolean    chinese,
                 GHashTable *b_keys,
                 const char *other_text_lower)
{
  GPtrArray *only = g_ptr_array_new ();

  for (guint i = 0; i < a->len; i++)
    {
      CmAnchor *anchor = g_ptr_array_index (a, i);
      g_autofree char *key = cm_anchor_dup_key (anchor);

      if (g_hash_table_contains (b_keys, key))
        continue;
      /* English often spells out in Latin letters what Chinese writes in
       * Han characters (微信 / WeChat): only Latin names of the Chinese
       * text are expected in the English one */
      if (anchor->kind == CM_ANCHOR_NAME && !chinese)
        continue;
      if ((anchor->kind == CM_ANCHOR_NAME || anchor->kind == CM_ANCHOR_URL
           || anchor->kind == CM_ANCHOR_EMAIL)
          && strstr (other_text_lower, anchor->value) != NULL)
        continue;
      g_ptr_array_add (only, anchor);
    }
  return only;
}

static GHashTable *
anchor_keys (GPtrArray *anchors)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < anchors->len; i++)
    g_hash_table_add (keys, cm_anchor_dup_key (g_ptr_array_index (anchors, i)));
  return keys;
}

static char **
describe_anchors (GPtrArray *anchors)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < anchors->len; i++)
    g_ptr_array_add (list, cm_anchor_dup_description (g_ptr_array_index (anchors, i)));
  return cm_pair_strv_from_list (list);
}

/* What an anchor of @kind is, for people. */
static const char *
anchor_kind_name (CmAnchorKind kind)
{
  switch (kind)
    {
    case CM_ANCHOR_NUMBER: return C_("anchor kind", "number");
    case CM_ANCHOR_AGE: return C_("anchor kind", "age");
    case CM_ANCHOR_DURATION: return C_("anchor kind", "duration");
    case CM_ANCHOR_DATE: return C_("anchor kind", "date");
    case CM_ANCHOR_EMAIL: return C_("anchor kind", "email address");
    case CM_ANCHOR_URL: return C_("anchor kind", "web address");
    case CM_ANCHOR_NAME: return C_("anchor kind", "name");
    default: break;
    }
  return cm_anchor_kind_to_string (kind);
}

CmDifference *
cm_pair_anchor_difference (const Side   *zh,
                           const Side   *en,
                           guint         link_index,
                           const CmLink *link,
                           gboolean      zh_holds_links)
{
  g_autoptr(GPtrArray) zh_anchors = cm_anchors_extract (zh->text, -1, "zh");
  g_autoptr(GPtrArray) en_anchors = cm_anchors_extract (en->text, -1, "en");
  g_autoptr(GHashTable) zh_keys = anchor_keys (zh_anchors);
  g_autoptr(GHashTable) en_keys = anchor_keys (en_anchors);
  g_autofree char *zh_lower = g_ascii_strdown (zh->text, -1);
  g_autofree char *en_lower = g_ascii_strdown (en->text, -1);
  g_autoptr(GPtrArray) zh_only = anchors_only_in (zh_anchors, TRUE, en_keys, en_lower);
  g_autoptr(GPtrArray) en_only = anchors_only_in (en_anchors, FALSE, zh_keys, zh_lower);
  CmDifference *difference;
  CmAnchorKind top_kind = CM_ANCHOR_NAME;
  double best = 0;
  gboolean same_kind_both_sides = FALSE;
  gboolean one_kind = TRUE;
  CmAnchorKind first_kind;
  g_autofree char *zh_joined = NULL;
  g_autofree char *en_joined = NULL;

  if (zh_only->len == 0 && en_only->len == 0)
    return NULL;
  first_kind = ((CmAnchor *) (zh_only->len ? zh_only->pdata[0] : en_only->pdata[0]))->kind;
  for (guint i = 0; i < zh_only->len + en_only->len; i++)
    {
      CmAnchor *anchor = i < zh_only->len ? zh_only->pdata[i] : en_only->pdata[i - zh_only->len];
      double w = cm_anchor_kind_importance (anchor->kind);
      if (anchor->kind != first_kind)
        one_kind = FALSE;
      if (w > best)
        {
          best = w;
          top_kind = anchor->kind;
        }
    }
  /* "6 months" against "3 months" is a contradiction; a number on one side
   * only is often just wording (三项 / three items) */
  for (guint i = 0; i < zh_only->len; i++)
    for (guint k = 0; k < en_only->len; k++)
      if (((CmAnchor *) zh_only->pdata[i])->kind == ((CmAnchor *) en_only->pdata[k])->kind)
        same_kind_both_sides = TRUE;

  difference = cm_pair_difference_new (CM_DIFFERENCE_ANCHORS, link_index, link, zh_holds_links);
  difference->importance = (0.3 + 0.6 * best) * (same_kind_both_sides ? 1.0 : 0.7);
  difference->zh_only = describe_anchors (zh_only);
  difference->en_only = describe_anchors (en_only);
  zh_joined = g_strjoinv (", ", difference->zh_only);
  en_joined = g_strjoinv (", ", difference->en_only);
  /* Naming one kind (“duration differs”) only when every value listed is
   * of that kind: the values describe themselves otherwise. */
  if (one_kind)
    /* TRANSLATORS: the first %s is what differs (a duration, an age, …), the
     * others list the values found on each side, or "none" */
    difference->reason = g_strdup_printf (same_kind_both_sides
                                          ? _("%s differs: %s in Chinese, %s in English")
                                          : _("%s missing on one side: %s in Chinese, %s in English"),
                                          anchor_kind_name (top_kind),
                                          *zh_joined ? zh_joined : C_("anchor values", "none"),
                                          *en_joined ? en_joined : C_("anchor values", "none"));
  else
    /* TRANSLATORS: the %s list the ages, periods, names… found on each side, or "none" */
    difference->reason = g_strdup_printf (_("details differ: %s in Chinese, %s in English"),
                                          *zh_joined ? zh_joined : C_("anchor values", "none"),
                                          *en_joined ? en_joined : C_("anchor values", "none"));
  return difference;
}


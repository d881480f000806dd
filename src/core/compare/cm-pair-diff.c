/* cm-pair-diff.c — where the two versions of a bilingual pair differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-pair-diff"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cm-aligner.h"
#include "cm-anchors.h"
#include "cm-pair-diff-private.h"
#include "cm-taxonomy.h"

/* A risk a reviewer flagged on one side only (the other side decided or
 * sure of no risk) ranks above every other difference
 * but a missing clause about sharing, retention or children, or one that
 * names a period, an age or an address (missing clauses weigh 0.4 + 0.6 ×
 * their label's importance, + 0.1 with such an anchor): a missing clause
 * about collection or user rights, a differing period ranks below it. */
#define RISK_ONE_SIDE 0.96
#define RISK_UNSURE 0.25  /* the same when nobody is sure of it */
/* Between two models, a label differs only when one side's calibrated
 * probability P and the other's Q give P × (1 - Q) at least this: both
 * models must be fairly sure (0.8 against 0.35, 0.7 against 0.25), since
 * each one errs on a good share of the clauses it is unsure of. */
#define SURE_DISAGREEMENT 0.5

/* How reasons name labels: by the taxonomy's name in @language, or by id. */
typedef struct
{
  CmTaxonomy *taxonomy;
  const char *language;
} Namer;

const char *
cm_difference_label_name (CmTaxonomy *taxonomy,
                          const char *language,
                          const char *id)
{
  const CmLabel *label = taxonomy ? cm_taxonomy_lookup (taxonomy, id) : NULL;

  g_return_val_if_fail (id != NULL, NULL);

  return label ? cm_label_get_name (label, language ? language : "en") : id;
}

static const char *
label_name (const Namer *namer,
            const char  *id)
{
  return cm_difference_label_name (namer->taxonomy, namer->language, id);
}

G_DEFINE_BOXED_TYPE (CmDifference, cm_difference, cm_difference_copy, cm_difference_free)

CmDifference *
cm_difference_copy (const CmDifference *difference)
{
  CmDifference *copy;

  g_return_val_if_fail (difference != NULL, NULL);

  copy = g_new0 (CmDifference, 1);
  *copy = *difference;
  copy->zh_clauses = g_strdupv (difference->zh_clauses);
  copy->en_clauses = g_strdupv (difference->en_clauses);
  copy->reason = g_strdup (difference->reason);
  copy->zh_only = g_strdupv (difference->zh_only);
  copy->en_only = g_strdupv (difference->en_only);
  copy->link_reasons = g_strdupv (difference->link_reasons);
  copy->link_importances = difference->link_importances
                           ? g_memdup2 (difference->link_importances, difference->n_links * sizeof (double))
                           : NULL;
  return copy;
}

void
cm_difference_free (CmDifference *difference)
{
  if (difference == NULL)
    return;
  g_strfreev (difference->zh_clauses);
  g_strfreev (difference->en_clauses);
  g_free (difference->reason);
  g_strfreev (difference->zh_only);
  g_strfreev (difference->en_only);
  g_strfreev (difference->link_reasons);
  g_free (difference->link_importances);
  g_free (difference);
}

const char *
cm_difference_kind_to_string (CmDifferenceKind kind)
{
  switch (kind)
    {
    case CM_DIFFERENCE_MISSING_IN_EN: return "missing-in-en";
    case CM_DIFFERENCE_MISSING_IN_ZH: return "missing-in-zh";
    case CM_DIFFERENCE_LABELS: return "labels";
    case CM_DIFFERENCE_ANCHORS: return "anchors";
    case CM_DIFFERENCE_MOVED: return "moved";
    case CM_DIFFERENCE_ADDED: return "added";
    case CM_DIFFERENCE_REMOVED: return "removed";
    case CM_DIFFERENCE_CHANGED: return "changed";
    default: break;
    }
  g_return_val_if_reached ("unknown");
}

double
cm_label_importance (const char *label)
{
  static const struct { const char *id; double weight; } weights[] = {
    { "sharing", 1.0 },
    { "retention", 0.95 },
    { "special-audiences", 0.95 },
    { "user-rights", 0.85 },
    { "collection", 0.85 },
    { "permission", 0.75 },
    { "security", 0.7 },
    { "cessation", 0.7 },
    { "usage", 0.65 },
    { "contact", 0.6 },
    { "policy-change", 0.55 },
  };

  g_return_val_if_fail (label != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    if (g_str_equal (label, weights[i].id))
      return weights[i].weight;
  return 0.5;
}

CmDifference *
cm_pair_difference_new (CmDifferenceKind  kind,
                        guint             link_index,
                        const CmLink     *link,
                        gboolean          zh_holds_links)
{
  CmDifference *difference = g_new0 (CmDifference, 1);

  difference->kind = kind;
  difference->link_index = link_index;
  difference->zh_clauses = g_strdupv (zh_holds_links ? link->clauses : link->partner_clauses);
  difference->en_clauses = g_strdupv (zh_holds_links ? link->partner_clauses : link->clauses);
  difference->reviewed = link->reviewed;
  difference->n_links = 1;
  return difference;
}

char **
cm_pair_strv_from_list (GPtrArray *list)  /* of char*, taken */
                        {
                        g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (list, FALSE);
}

/* Without labels (no model, no review) a clause's topic is guessed from a
 * few telling words, so that a missing sharing clause still outranks a
 * missing sentence of small talk. Ordered by importance. */
static const struct
{
  const char *label;
  const char *words[12];
} topic_words[] = {
  { "sharing", { "共享", "第三方", "转让", "披露", "委托处理", "share", "third part", "disclos",
                 "transfer", "sell", NULL } },
  { "retention", { "保存", "存储", "保留", "期限", "retain", "retention", "store", "kept",
                   "storage", NULL } },
  { "special-audiences", { "未成年", "儿童", "监护人", "周岁", "minor", "child", "guardian",
                           "parent", NULL } },
  { "user-rights", { "注销", "更正", "撤回", "删除", "投诉", "withdraw", "correct", "delete", "access",
                     "complain", NULL } },
  { "collection", { "收集", "采集", "获取", "collect", "gather", "obtain", NULL } },
};

static const char *
guess_topic (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (topic_words); i++)
    for (guint k = 0; topic_words[i].words[k]; k++)
      if (strstr (lower, topic_words[i].words[k]))
        return topic_words[i].label;
  return NULL;
}

/* ---- the kinds of difference (differing anchors: cm-pair-diff-anchors.c) */

static CmDifference *
missing_difference (const Namer  *namer,
                    const Side   *side,
                    gboolean      chinese_side,
                    guint         link_index,
                    const CmLink *link,
                    gboolean      zh_holds_links)
{
  CmDifference *difference;
  const char *top_label;
  double weight = cm_pair_side_label_weight (side, &top_label);
  g_autoptr(GPtrArray) anchors = cm_anchors_extract (side->text, -1, chinese_side ? "zh" : "en");
  double importance;

  const char *guess = !side->labelled && side->kind != CM_CLAUSE_KIND_HEADING
                      ? guess_topic (side->text) : NULL;

  if (side->kind == CM_CLAUSE_KIND_HEADING)
    importance = 0.15 + 0.15 * weight;  /* a missing heading matters little */
  else if (weight > 0)
    importance = 0.4 + 0.6 * weight;
  else if (guess != NULL)
    importance = 0.35 + 0.5 * cm_label_importance (guess);  /* a guess counts less */
  else if (side->kind == CM_CLAUSE_KIND_LIST_ITEM)
    importance = 0.3;
  else
    importance = 0.35;
  /* a missing clause that names an age, a period or an address matters more */
  for (guint i = 0; i < anchors->len; i++)
    {
      CmAnchor *anchor = g_ptr_array_index (anchors, i);
      if (anchor->kind != CM_ANCHOR_NUMBER && anchor->kind != CM_ANCHOR_NAME
          && side->kind != CM_CLAUSE_KIND_HEADING)
        {
          importance = MIN (1.0, importance + 0.1);
          break;
        }
    }

  /* a risk the other version leaves out is what an analyst must see first */
  if (side->risky)
    importance = MAX (importance, RISK_UNSURE + (RISK_ONE_SIDE - RISK_UNSURE) * side->risk);
  difference = cm_pair_difference_new (chinese_side ? CM_DIFFERENCE_MISSING_IN_EN : CM_DIFFERENCE_MISSING_IN_ZH,
                                       link_index, link, zh_holds_links);
  difference->importance = importance;
  difference->zh_only = g_new0 (char *, 1);
  difference->en_only = g_new0 (char *, 1);
  /* Whole sentences, one per case, so that translations need not assemble
   * "Chinese"/"English" and "clause"/"heading" into their grammar. */
  if (top_label != NULL)
    /* TRANSLATORS: %s is a label id such as "sharing" */
    difference->reason = g_strdup_printf (chinese_side ? _("Chinese clause (%s) has no English counterpart")
                                                       : _("English clause (%s) has no Chinese counterpart"),
                                          label_name (namer, top_label));
  else if (guess != NULL)
    /* TRANSLATORS: %s is a label id such as "retention", guessed from the clause's words */
    difference->reason = g_strdup_printf (chinese_side
                                          ? _("Chinese clause (about %s, by its wording) has no English counterpart")
                                          : _("English clause (about %s, by its wording) has no Chinese counterpart"),
                                          label_name (namer, guess));
  else if (side->kind == CM_CLAUSE_KIND_HEADING)
    difference->reason = g_strdup (chinese_side ? _("Chinese heading has no English counterpart")
                                                : _("English heading has no Chinese counterpart"));
  else
    difference->reason = g_strdup (chinese_side ? _("Chinese clause has no English counterpart")
                                                : _("English clause has no Chinese counterpart"));
  return difference;
}

/* For g_ptr_array_sort(), which passes pointers to the elements. */
static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Labels held on @a and not on @b, with how sure that is. Between two
 * models the probabilities are compared, not the thresholded labels: a
 * label just above its threshold on one side and just below on the other
 * is the models' doubt, not a difference between the versions. */
static void
labels_only_on (const Side *a,
                const Side *b,
                gboolean    both_models,
                GPtrArray  *only,
                double     *best)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, both_models ? a->probabilities : a->labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int held = GPOINTER_TO_INT (value);
      double weight;

      if (both_models)
        {
          double p = held / 1000.0;
          double q = GPOINTER_TO_INT (g_hash_table_lookup (b->probabilities, key)) / 1000.0;
          double sureness = p * (1.0 - q);

          if (p < 0.5 || q >= 0.5 || sureness < SURE_DISAGREEMENT)
            continue;
          /* the other side's model holds it too (its threshold sits below
           * 0.5): both show the label, so neither has it alone */
          if (cm_pair_side_score (b, key) >= HELD)
            continue;
          /* ranked by how sure both models are */
          weight = cm_label_importance (key) * sureness;
        }
      else
        {
          if (held < HELD || cm_pair_side_score (b, key) >= HELD)
            continue;
          weight = cm_label_importance (key);
        }
      g_ptr_array_add (only, g_strdup (key));
      *best = MAX (*best, weight);
    }
}

/* The names of @labels (ids), comma-separated. */
static char *
join_labels (const Namer *namer,
             GPtrArray   *labels)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (joined, "%s%s", i ? ", " : "", label_name (namer, labels->pdata[i]));
  return g_string_free (joined, FALSE);
}

/* "labels differ: sharing only in Chinese; usage only in English", as one
 * translatable sentence per case. */
static char *
describe_label_difference (const Namer *namer,
                           GPtrArray   *zh_only,
                           GPtrArray   *en_only,
                           gboolean     both_models)
{
  g_autofree char *zh_list = join_labels (namer, zh_only);
  g_autofree char *en_list = join_labels (namer, en_only);

  /* TRANSLATORS: the %s are comma-separated label ids such as "sharing, usage" */
  if (zh_only->len > 0 && en_only->len > 0)
    return g_strdup_printf (both_models
                            ? _("suggested labels differ: %s only in Chinese; %s only in English")
                            : _("labels differ: %s only in Chinese; %s only in English"),
                            zh_list, en_list);
  if (zh_only->len > 0)
    return g_strdup_printf (both_models ? _("suggested labels differ: %s only in Chinese")
                                        : _("labels differ: %s only in Chinese"),
                            zh_list);
  return g_strdup_printf (both_models ? _("suggested labels differ: %s only in English")
                                      : _("labels differ: %s only in English"),
                          en_list);
}

static CmDifference *
label_difference (const Namer  *namer,
                  const Side   *zh,
                  const Side   *en,
                  guint         link_index,
                  const CmLink *link,
                  gboolean      zh_holds_links)
{
  g_autoptr(GPtrArray) zh_only = g_ptr_array_new ();
  g_autoptr(GPtrArray) en_only = g_ptr_array_new ();
  gboolean both_models = !zh->reviewed && !en->reviewed;
  double best = 0;
  CmDifference *difference;

  if (!zh->labelled || !en->labelled)
    return NULL;
  labels_only_on (zh, en, both_models, zh_only, &best);
  labels_only_on (en, zh, both_models, en_only, &best);
  if (zh_only->len == 0 && en_only->len == 0)
    return NULL;
  g_ptr_array_sort (zh_only, compare_string_pointers);
  g_ptr_array_sort (en_only, compare_string_pointers);

  difference = cm_pair_difference_new (CM_DIFFERENCE_LABELS, link_index, link, zh_holds_links);
  /* two models disagreeing is weaker evidence than a reviewer's label:
   * such differences rank below missing clauses and differing anchors */
  difference->importance = both_models ? 0.15 + 0.5 * best : 0.25 + 0.6 * best;
  difference->reason = describe_label_difference (namer, zh_only, en_only, both_models);
  difference->zh_only = cm_pair_strv_from_list (g_steal_pointer (&zh_only));
  difference->en_only = cm_pair_strv_from_list (g_steal_pointer (&en_only));
  return difference;
}

/* Aligned clauses of which only one side is flagged as a risk: the two
 * versions do not warn the user alike. As sure as the flagged side is a
 * risk and the other is not: a reviewer's decisions rank RISK_ONE_SIDE,
 * two models' guesses less. Between two models it counts only when both
 * are fairly sure, as a label does (SURE_DISAGREEMENT): the flag models'
 * thresholds sit near P = 0.1, so a flag is often wrong and two unsure
 * models differ often — on 21 held-out translated pairs, whose two sides
 * carry the same risk marks, the flag models' one-sided risks were 540
 * false alarms on 6,066 links, 166 with this rule
 * (scripts/measure-pair-labels). */
static CmDifference *
risk_difference (const Side   *zh,
                 const Side   *en,
                 guint         link_index,
                 const CmLink *link,
                 gboolean      zh_holds_links)
{
  CmDifference *difference;
  gboolean both_models = !zh->reviewed && !en->reviewed;
  double sureness;

  if (zh->risky == en->risky)
    return NULL;
  sureness = zh->risky ? zh->risk * (1.0 - en->risk) : en->risk * (1.0 - zh->risk);
  if (both_models && sureness < SURE_DISAGREEMENT)
    return NULL;
  difference = cm_pair_difference_new (CM_DIFFERENCE_LABELS, link_index, link, zh_holds_links);
  difference->importance = RISK_UNSURE + (RISK_ONE_SIDE - RISK_UNSURE) * CLAMP (sureness, 0.0, 1.0);
  difference->reason = g_strdup (zh->risky ? _("flagged as a risk only in the Chinese version")
                                           : _("flagged as a risk only in the English version"));
  difference->zh_only = g_new0 (char *, 1);
  difference->en_only = g_new0 (char *, 1);
  return difference;
}

/* ---- the pair ------------------------------------------------------- */

/* A link whose partner clauses the other version has elsewhere: worth a
 * look (a reordering can change what a sentence refers to), less than a
 * missing clause or a differing period. */
static CmDifference *
moved_difference (const Side   *zh,
                  guint         link_index,
                  const CmLink *link,
                  gboolean      zh_holds_links)
{
  CmDifference *difference = cm_pair_difference_new (CM_DIFFERENCE_MOVED, link_index, link, zh_holds_links);
  const char *top_label;
  double weight = cm_pair_side_label_weight (zh, &top_label);

  difference->importance = 0.3 + 0.2 * weight;
  difference->reason = g_strdup (_("moved: the other version has this clause elsewhere"));
  difference->zh_only = g_new0 (char *, 1);
  difference->en_only = g_new0 (char *, 1);
  return difference;
}

static int
compare_importance (gconstpointer a,
                    gconstpointer b)
{
  const CmDifference *x = *(CmDifference * const *) a, *y = *(CmDifference * const *) b;

  if (x->importance != y->importance)
    return x->importance > y->importance ? -1 : 1;
  if (x->link_index != y->link_index)
    return x->link_index < y->link_index ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const CmDifference *x = *(CmDifference * const *) a, *y = *(CmDifference * const *) b;

  if (x->link_index != y->link_index)
    return x->link_index < y->link_index ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

void
cm_differences_sort_by_importance (GPtrArray *differences)
{
  g_return_if_fail (differences != NULL);
  g_ptr_array_sort (differences, compare_importance);
}

void
cm_differences_sort_by_position (GPtrArray *differences)
{
  g_return_if_fail (differences != NULL);
  g_ptr_array_sort (differences, compare_position);
}

static char **
strv_concat (char **a,
             char **b)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; a && a[i]; i++)
    g_ptr_array_add (all, g_strdup (a[i]));
  for (guint i = 0; b && b[i]; i++)
    g_ptr_array_add (all, g_strdup (b[i]));
  return cm_pair_strv_from_list (all);
}

/* Clauses missing in a row (a section the other version lacks) make one
 * difference, as important as its most important clause, with its reason;
 * each clause's own reason and importance stay in link_reasons and
 * link_importances (for the rows of a side-by-side view). */
static void
add_missing (GPtrArray    *differences,
             CmDifference *difference)  /* taken */
{
  CmDifference *last = differences->len ? differences->pdata[differences->len - 1] : NULL;
  gboolean chinese = difference->kind == CM_DIFFERENCE_MISSING_IN_EN;
  char **merged;

  if (last == NULL || last->kind != difference->kind
      || last->link_index + last->n_links != difference->link_index)
    {
      g_ptr_array_add (differences, difference);
      return;
    }
  /* each link keeps its own reason and importance: a row of the run (a
   * date, a heading) is not the run's most important clause */
  if (last->link_reasons == NULL)
    {
      const char *own[2] = { last->reason, NULL };

      last->link_reasons = g_strdupv ((char **) own);
      last->link_importances = g_new (double, 1);
      last->link_importances[0] = last->importance;
    }
  {
    const char *own[2] = { difference->reason, NULL };

    merged = strv_concat (last->link_reasons, (char **) own);
    g_strfreev (last->link_reasons);
    last->link_reasons = merged;
    last->link_importances = g_renew (double, last->link_importances, last->n_links + 1);
    last->link_importances[last->n_links] = difference->importance;
  }
  merged = strv_concat (last->zh_clauses, difference->zh_clauses);
  g_strfreev (last->zh_clauses);
  last->zh_clauses = merged;
  merged = strv_concat (last->en_clauses, difference->en_clauses);
  g_strfreev (last->en_clauses);
  last->en_clauses = merged;
  last->n_links++;
  last->reviewed = last->reviewed && difference->reviewed;
  if (difference->importance > last->importance)
    {
      last->importance = difference->importance;
      g_free (last->reason);
      last->reason = g_steal_pointer (&difference->reason);
    }
  /* "N clauses in a row" + the reason of the most important one */
  {
    const char *reason = last->reason;
    char *run;

    if (g_str_has_prefix (reason, "[") && strstr (reason, "] "))
      reason = strstr (reason, "] ") + 2;
    /* TRANSLATORS: keep the text in brackets followed by "] ": the prefix
     * is replaced when the run grows by finding them */
    run = g_strdup_printf (chinese ? g_dngettext (GETTEXT_PACKAGE, "[%u Chinese clause in a row] %s",
                                                  "[%u Chinese clauses in a row] %s", last->n_links)
                                   : g_dngettext (GETTEXT_PACKAGE, "[%u English clause in a row] %s",
                                                  "[%u English clauses in a row] %s", last->n_links),
                           last->n_links, reason);
    g_free (last->reason);
    last->reason = run;
  }
  cm_difference_free (difference);
}

GPtrArray *
cm_pair_find_differences (CmDocument *first,
                          CmDocument *second)
{
  return cm_pair_find_differences_named (first, second, NULL, NULL);
}

GPtrArray *
cm_pair_find_differences_named (CmDocument *first,
                                CmDocument *second,
                                CmTaxonomy *taxonomy,
                                const char *language)
{
  const Namer namer = { taxonomy, language ? language : "en" };
  CmDocument *zh = first, *en = second, *holder;
  GPtrArray *differences, *links;
  g_autofree gboolean *moved = NULL;
  gboolean zh_holds_links;

  g_return_val_if_fail (CM_IS_DOCUMENT (first), NULL);
  g_return_val_if_fail (CM_IS_DOCUMENT (second), NULL);
  g_return_val_if_fail (taxonomy == NULL || CM_IS_TAXONOMY (taxonomy), NULL);

  if (!cm_document_is_chinese (first) && cm_document_is_chinese (second))
    {
      zh = second;
      en = first;
    }
  /* links live on both documents; read the Chinese one's if it has them */
  zh_holds_links = cm_document_get_links (zh)->len > 0 || cm_document_get_links (en)->len == 0;
  holder = zh_holds_links ? zh : en;
  links = cm_document_get_links (holder);
  moved = cm_links_find_moved (links, zh_holds_links ? en : zh);
  differences = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_difference_free);

  for (guint i = 0; i < links->len; i++)
    {
      const CmLink *link = g_ptr_array_index (links, i);
      Side zs, es;
      CmDifference *difference;

      cm_pair_side_init (&zs, zh, zh_holds_links ? link->clauses : link->partner_clauses);
      cm_pair_side_init (&es, en, zh_holds_links ? link->partner_clauses : link->clauses);
      if (zs.clauses->len > 0 && es.clauses->len == 0)
        add_missing (differences, missing_difference (&namer, &zs, TRUE, i, link, zh_holds_links));
      else if (es.clauses->len > 0 && zs.clauses->len == 0)
        add_missing (differences, missing_difference (&namer, &es, FALSE, i, link, zh_holds_links));
      else if (zs.clauses->len > 0)
        {
          if (moved[i])
            g_ptr_array_add (differences, moved_difference (&zs, i, link, zh_holds_links));
          if ((difference = label_difference (&namer, &zs, &es, i, link, zh_holds_links)))
            g_ptr_array_add (differences, difference);
          if ((difference = cm_pair_anchor_difference (&zs, &es, i, link, zh_holds_links)))
            g_ptr_array_add (differences, difference);
          if ((difference = risk_difference (&zs, &es, i, link, zh_holds_links)))
            g_ptr_array_add (differences, difference);
        }
      cm_pair_side_clear (&zs);
      cm_pair_side_clear (&es);
    }
  g_ptr_array_sort (differences, compare_importance);
  return differences;
}

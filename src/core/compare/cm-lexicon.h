/* cm-lexicon.h — a Chinese–English glossary of privacy-policy terms
 *
 * The file (data/lexicon/zh-en.tsv) holds one term a line:
 *   个人信息<TAB>personal information|personal data
 * '#' starts a comment line. A Chinese term may have several English
 * variants, separated by '|'. English matching is by word, case-blind and
 * with a light suffix stemmer ("shares", "shared", "sharing" all match
 * "share"), so variants need not list inflections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CM_TYPE_LEXICON (cm_lexicon_get_type ())

G_DECLARE_FINAL_TYPE (CmLexicon, cm_lexicon, CM, LEXICON, GObject)

/* Errors (CM_ERROR_PARSE, CM_ERROR_EMPTY) name @name and the line. */
CmLexicon          *cm_lexicon_new_from_data   (const char  *data,
                                                gssize       size,
                                                const char  *name,
                                                GError     **error);
CmLexicon          *cm_lexicon_load_file       (const char  *path,
                                                GError     **error);
/* data/lexicon/zh-en.tsv under cm_get_data_dir(). */
CmLexicon          *cm_lexicon_load_default    (GError     **error);

guint               cm_lexicon_get_n_terms     (CmLexicon   *self);
/* The Chinese term (ASCII letters lower-cased). */
const char         *cm_lexicon_get_term        (CmLexicon   *self,
                                                guint        index);
const char * const *cm_lexicon_get_variants    (CmLexicon   *self,
                                                guint        index);
/* Index of a Chinese term, or -1. */
int                 cm_lexicon_lookup          (CmLexicon   *self,
                                                const char  *term);

/* The terms present in a Chinese text / whose English variants are present
 * in an English text: sorted, distinct term indices (GArray of guint). */
GArray             *cm_lexicon_match_zh        (CmLexicon   *self,
                                                const char  *text,
                                                gssize       size);
GArray             *cm_lexicon_match_en        (CmLexicon   *self,
                                                const char  *text,
                                                gssize       size);

/* The light English stemmer used for matching (lower-cases too). */
char               *cm_lexicon_stem_word       (const char  *word,
                                                gssize       size);

G_END_DECLS

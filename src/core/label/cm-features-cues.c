/* cm-features-cues.c — cue words of sensitive personal data
 *
 * One feature a category of sensitive personal data a clause names (and
 * one for how many it names), in the cues' own namespace: a block of the
 * feature vector beside the clause's n-grams (cm_features_count_cues()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-features"

#include "config.h"

#include <string.h>

#include "cm-features-private.h"

/* The categories of sensitive personal data: cue words written for
 * Clausemark from PIPL Art. 28 and GDPR Art. 9-10 (not from any corpus).
 * A cue matches at a word's start; '=' before it: a whole word. */
static const char *const cues_biometric[] = { "biometric", "fingerprint", "faceprint", "face print",
  "facial", "face recognition", "=iris", "retina", "voiceprint", "voice print", "palmprint",
  "palm print", "=gait", NULL };
static const char *const cues_health[] = { "health", "medical", "medicine", "medication", "diagnos",
  "disease", "illness", "patient", "pregnan", "heart rate", "blood", "disabilit", NULL };
static const char *const cues_belief[] = { "religio", "belief", "philosophical", "political opinion",
  "political view", "political affiliation", NULL };
static const char *const cues_origin[] = { "racial", "=race", "ethnic", NULL };
static const char *const cues_sex[] = { "sex life", "sexual", NULL };
static const char *const cues_union[] = { "trade union", NULL };
static const char *const cues_genetic[] = { "genetic", "=dna", "genome", NULL };
static const char *const cues_financial[] = { "bank account", "bank card", "credit card", "debit card",
  "card number", "payment card", "payment account", "financial account", "financial information",
  "financial data", "=cvv", "income", "property information", "transaction record", NULL };
static const char *const cues_location[] = { "precise location", "geolocation", "=gps",
  "location data", "location information", "location tracking", "whereabouts", "trajector",
  "real-time location", NULL };
static const char *const cues_identity[] = { "=id card", "identity card", "identity document",
  "passport", "social security", "=ssn", "driver's licen", "drivers licen", "driver licen",
  "national id", "=id number", "identification number", NULL };
static const char *const cues_minor[] = { "child", "=minor", "=minors", "under 13", "under 14",
  "under 16", "under 18", "under the age of 1", "parental consent", "=kid", "=kids", NULL };
static const char *const cues_criminal[] = { "criminal", "conviction", "offence", "offense", NULL };
static const char *const cues_term[] = { "sensitive personal", "sensitive data",
  "sensitive information", "special categor", NULL };
static const char *const *const cue_categories[] = { cues_biometric, cues_health, cues_belief,
  cues_origin, cues_sex, cues_union, cues_genetic, cues_financial, cues_location, cues_identity,
  cues_minor, cues_criminal, cues_term };

static inline gboolean
is_word_byte (char c)
{
  return g_ascii_isalnum (c) || (c & 0x80) != 0;
}

/* Whether @cue occurs in @lower (ASCII lower case) at a word's start. */
static gboolean
has_cue (const char *lower,
         const char *cue)
{
  gboolean whole = cue[0] == '=';
  const char *word = whole ? cue + 1 : cue;
  gsize len = strlen (word);

  for (const char *at = strstr (lower, word); at != NULL; at = strstr (at + 1, word))
    if ((at == lower || !is_word_byte (at[-1])) && (!whole || !is_word_byte (at[len])))
      return TRUE;
  return FALSE;
}

void
cm_features_count_cues (const CmFeatureConfig *config,
                        const char            *text,
                        float                  scale,
                        CmFeatureVector       *out)
{
  guint32 mask = (1u << config->hash_bits) - 1;
  guint32 seed = CM_FEATURES_BLOCK_CUES * 0x27D4EB2Fu;
  g_autofree char *lower = NULL;
  guint named = 0;

  g_return_if_fail (config != NULL && text != NULL && out != NULL);

  lower = g_ascii_strdown (text, -1);
  cm_feature_vector_reserve (out, out->n + G_N_ELEMENTS (cue_categories) + 1);
  for (guint k = 0; k < G_N_ELEMENTS (cue_categories); k++)
    for (const char *const *cue = cue_categories[k]; *cue != NULL; cue++)
      if (has_cue (lower, *cue))
        {
          out->index[out->n] = finalise (seed ^ finalise (0x100u + k)) & mask;
          out->value[out->n] = 1.0f;
          out->n++;
          named++;
          break;
        }
  if (named > 0)
    {
      out->index[out->n] = finalise (seed ^ finalise (0x200u + MIN (named, 3))) & mask;
      out->value[out->n] = 1.0f;
      out->n++;
    }
  cm_features_close_block (out, scale);
}

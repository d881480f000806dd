/* clausemark-core.h — the one header users of the core include
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cm-agreement.h"
#include "cm-aligner.h"
#include "cm-anchors.h"
#include "cm-annotation.h"
#include "cm-checklist-verdict.h"
#include "cm-checklist.h"
#include "cm-clause.h"
#include "cm-corpus.h"
#include "cm-document-io.h"
#include "cm-document.h"
#include "cm-error.h"
#include "cm-flagger.h"
#include "cm-flags.h"
#include "cm-interchange.h"
#include "cm-lexicon.h"
#include "cm-loader.h"
#include "cm-merge.h"
#include "cm-model-set.h"
#include "cm-numbering.h"
#include "cm-pair-diff.h"
#include "cm-policy-versions.h"
#include "cm-paths.h"
#include "cm-segmenter.h"
#include "cm-sensitive-rules.h"
#include "cm-taxonomy.h"
#include "cm-terms.h"
#include "cm-types.h"
#include "cm-verdict-overrides.h"

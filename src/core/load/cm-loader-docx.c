/* cm-loader-docx.c — Word files (.docx: word/document.xml and friends)
 *
 * Paragraphs come out one per line. Headings are told by their style
 * ("heading N" and "Title" by the style's name, which Word keeps in English
 * whatever the language of the interface, or an outline level). List
 * numbers are not in the text of a .docx: Word computes them from
 * numbering.xml, and so does this loader — counters per list and level,
 * restarted below the level that moves on, formatted by the level's
 * format (decimal, letters, roman, Chinese, circled) and written through
 * its pattern ("%1.%2.", "(%1)", "第%1条"). Bullets leave a list item
 * without a marker. A table's rows become paragraphs, cells separated by a
 * tab. Deleted text (tracked changes), field codes and text boxes are left
 * out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "cm-loader-office-private.h"

#define N_LEVELS 9

typedef struct
{
  CmOfficeNumFormat format;
  char             *pattern;   /* "%1.", NULL when the level is not defined */
  guint             start;
} Level;

typedef struct
{
  Level levels[N_LEVELS];
} AbstractNum;

typedef struct
{
  AbstractNum *abstract;     /* not owned */
  guint        counters[N_LEVELS];
  gboolean     started[N_LEVELS];
  guint        start_override[N_LEVELS];  /* 0: none */
} NumInstance;

typedef struct
{
  guint heading_level;  /* 0: not a heading */
  char *num_id;         /* numbering the style carries, or NULL */
  guint ilvl;
} StyleInfo;

typedef struct
{
  CmOfficeWriter writer;
  GHashTable    *abstracts;  /* abstractNumId → AbstractNum */
  GHashTable    *nums;       /* numId → NumInstance */
  GHashTable    *styles;     /* styleId → StyleInfo */
  GHashTable    *targets;    /* relationship id → external target (hyperlinks) */
  char          *field_url;  /* a HYPERLINK field's URL, until its result starts */
} Docx;

static void
abstract_num_free (gpointer data)
{
  AbstractNum *abstract = data;

  for (guint i = 0; i < N_LEVELS; i++)
    g_free (abstract->levels[i].pattern);
  g_free (abstract);
}

static void
style_info_free (gpointer data)
{
  StyleInfo *style = data;

  g_free (style->num_id);
  g_free (style);
}

static guint
attribute_uint (xmlNode    *node,
                const char *child,
                guint       fallback)
{
  g_autofree char *value = cm_office_attribute (cm_office_child (node, child), "val");

  return value != NULL ? (guint) strtoul (value, NULL, 10) : fallback;
}

static CmOfficeNumFormat
num_format (const char *name)
{
  static const struct { const char *name; CmOfficeNumFormat format; } formats[] = {
    { "decimal", CM_OFFICE_NUM_DECIMAL }, { "decimalZero", CM_OFFICE_NUM_DECIMAL },
    { "lowerLetter", CM_OFFICE_NUM_LOWER_LETTER }, { "upperLetter", CM_OFFICE_NUM_UPPER_LETTER },
    { "lowerRoman", CM_OFFICE_NUM_LOWER_ROMAN }, { "upperRoman", CM_OFFICE_NUM_UPPER_ROMAN },
    { "chineseCounting", CM_OFFICE_NUM_CHINESE }, { "chineseCountingThousand", CM_OFFICE_NUM_CHINESE },
    { "ideographTraditional", CM_OFFICE_NUM_CHINESE }, { "taiwaneseCounting", CM_OFFICE_NUM_CHINESE },
    { "japaneseCounting", CM_OFFICE_NUM_CHINESE },
    { "decimalEnclosedCircle", CM_OFFICE_NUM_CIRCLED },
    { "decimalEnclosedCircleChinese", CM_OFFICE_NUM_CIRCLED },
    { "bullet", CM_OFFICE_NUM_BULLET }, { "none", CM_OFFICE_NUM_NONE },
  };

  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (formats); i++)
    if (strcmp (name, formats[i].name) == 0)
      return formats[i].format;
  return CM_OFFICE_NUM_DECIMAL;
}

static void
read_numbering (Docx    *docx,
                xmlDoc  *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (cm_office_is (node, "abstractNum"))
        {
          AbstractNum *abstract = g_new0 (AbstractNum, 1);
          char *id = cm_office_attribute (node, "abstractNumId");

          for (xmlNode *lvl = node->children; lvl != NULL; lvl = lvl->next)
            {
              g_autofree char *ilvl = cm_office_attribute (lvl, "ilvl");
              g_autofree char *format = NULL;
              guint level;

              if (!cm_office_is (lvl, "lvl") || ilvl == NULL
                  || (level = (guint) strtoul (ilvl, NULL, 10)) >= N_LEVELS)
                continue;
              format = cm_office_attribute (cm_office_child (lvl, "numFmt"), "val");
              abstract->levels[level].format = num_format (format);
              abstract->levels[level].start = attribute_uint (lvl, "start", 1);
              g_free (abstract->levels[level].pattern);
              abstract->levels[level].pattern = cm_office_attribute (cm_office_child (lvl, "lvlText"), "val");
            }
          if (id != NULL)
            g_hash_table_replace (docx->abstracts, id, abstract);
          else
            abstract_num_free (abstract);
        }
    }
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      NumInstance *num;
      g_autofree char *abstract_id = NULL;
      char *id;

      if (!cm_office_is (node, "num"))
        continue;
      abstract_id = cm_office_attribute (cm_office_child (node, "abstractNumId"), "val");
      id = cm_office_attribute (node, "numId");
      if (id == NULL || abstract_id == NULL
          || g_hash_table_lookup (docx->abstracts, abstract_id) == NULL)
        {
          g_free (id);
          continue;
        }
      num = g_new0 (NumInstance, 1);
      num->abstract = g_hash_table_lookup (docx->abstracts, abstract_id);
      for (xmlNode *override = node->children; override != NULL; override = override->next)
        {
          g_autofree char *ilvl = cm_office_attribute (override, "ilvl");
          guint level = ilvl != NULL ? (guint) strtoul (ilvl, NULL, 10) : N_LEVELS;

          if (cm_office_is (override, "lvlOverride") && level < N_LEVELS
              && cm_office_child (override, "startOverride") != NULL)
            num->start_override[level] = attribute_uint (override, "startOverride", 1);
        }
      g_hash_table_replace (docx->nums, id, num);
    }
}

/* "heading 2" → 2, "Title" → 1, an outline level → its level + 1. */
static guint
heading_level_of_style (xmlNode *style)
{
  g_autofree char *name = cm_office_attribute (cm_office_child (style, "name"), "val");
  xmlNode *ppr = cm_office_child (style, "pPr");

  if (name != NULL && g_ascii_strncasecmp (name, "heading ", 8) == 0)
    return CLAMP ((guint) strtoul (name + 8, NULL, 10), 1, 9);
  if (name != NULL && g_ascii_strcasecmp (name, "Title") == 0)
    return 1;
  if (cm_office_child (ppr, "outlineLvl") != NULL)
    {
      guint level = attribute_uint (ppr, "outlineLvl", 9);

      return level < 9 ? level + 1 : 0;
    }
  return 0;
}

static void
read_styles (Docx   *docx,
             xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      StyleInfo *style;
      xmlNode *numpr;
      char *id;

      if (!cm_office_is (node, "style"))
        continue;
      id = cm_office_attribute (node, "styleId");
      if (id == NULL)
        continue;
      style = g_new0 (StyleInfo, 1);
      style->heading_level = heading_level_of_style (node);
      numpr = cm_office_child (cm_office_child (node, "pPr"), "numPr");
      if (numpr != NULL)
        {
          style->num_id = cm_office_attribute (cm_office_child (numpr, "numId"), "val");
          style->ilvl = attribute_uint (numpr, "ilvl", 0);
        }
      g_hash_table_replace (docx->styles, id, style);
    }
}

/* The rendered number of the next paragraph of list @num_id at @ilvl, or
 * NULL for a bullet or an unknown list. */
static char *
next_number (Docx       *docx,
             const char *num_id,
             guint       ilvl)
{
  NumInstance *num = g_hash_table_lookup (docx->nums, num_id);
  const Level *level;
  GString *out;

  if (num == NULL || ilvl >= N_LEVELS)
    return NULL;
  level = &num->abstract->levels[ilvl];
  if (!num->started[ilvl])
    {
      num->counters[ilvl] = num->start_override[ilvl] != 0 ? num->start_override[ilvl]
                                                           : level->start;
      num->started[ilvl] = TRUE;
    }
  else
    num->counters[ilvl]++;
  for (guint deeper = ilvl + 1; deeper < N_LEVELS; deeper++)
    num->started[deeper] = FALSE;

  if (level->format == CM_OFFICE_NUM_BULLET || level->format == CM_OFFICE_NUM_NONE
      || level->pattern == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = level->pattern; *p != '\0'; p++)
    {
      if (*p == '%' && p[1] >= '1' && p[1] <= '9')
        {
          guint k = p[1] - '1';
          const Level *shown = &num->abstract->levels[k];
          guint value = num->started[k] ? num->counters[k] : shown->start;

          cm_office_append_number (out, k == ilvl ? level->format : shown->format, value);
          p++;
          continue;
        }
      g_string_append_c (out, *p);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, out->len == 0);
}

/* The text of @paragraph's runs, in order, into the writer: w:t, tabs and
 * breaks as spaces; deleted text, field codes, text boxes and the
 * fallback copies of drawings left out. */
/* word/_rels/document.xml.rels: where each external relationship points
 * (w:hyperlink's r:id names one). */
static void
read_relationships (Docx   *docx,
                    xmlDoc *rels)
{
  xmlNode *root = xmlDocGetRootElement (rels);

  for (xmlNode *node = root != NULL ? root->children : NULL; node != NULL; node = node->next)
    if (cm_office_is (node, "Relationship"))
      {
        g_autofree char *id = cm_office_attribute (node, "Id");
        g_autofree char *target = cm_office_attribute (node, "Target");
        g_autofree char *mode = cm_office_attribute (node, "TargetMode");

        if (id != NULL && target != NULL && g_strcmp0 (mode, "External") == 0)
          g_hash_table_replace (docx->targets, g_steal_pointer (&id), g_steal_pointer (&target));
      }
}

/* " HYPERLINK "https://…" \o "tip" ": the quoted URL, or NULL. */
static char *
hyperlink_field_url (const char *instruction)
{
  const char *p = instruction, *end;

  while (g_ascii_isspace (*p))
    p++;
  if (g_ascii_strncasecmp (p, "HYPERLINK", 9) != 0)
    return NULL;
  p += 9;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '"')
    {
      end = strchr (++p, '"');
      return end != NULL && end > p ? g_strndup (p, end - p) : NULL;
    }
  for (end = p; *end != '\0' && !g_ascii_isspace (*end); end++)
    ;
  return end > p ? g_strndup (p, end - p) : NULL;
}

/* A w:hyperlink (external by r:id; links within the document are not
 * anchors), a field code's HYPERLINK, its result and its end. */
static void
read_link_markup (Docx    *docx,
                  xmlNode *node,
                  const char *name)
{
  if (strcmp (name, "hyperlink") == 0)
    {
      g_autofree char *id = cm_office_attribute (node, "id");
      const char *url = id != NULL ? g_hash_table_lookup (docx->targets, id) : NULL;

      if (url != NULL)
        cm_office_writer_open_link (&docx->writer, node, url);
    }
  else if (strcmp (name, "instrText") == 0)
    {
      xmlChar *text = xmlNodeGetContent (node);
      char *url = hyperlink_field_url ((const char *) text);

      xmlFree (text);
      if (url != NULL)
        {
          g_free (docx->field_url);
          docx->field_url = url;
        }
    }
  else if (strcmp (name, "fldSimple") == 0)
    {
      g_autofree char *instruction = cm_office_attribute (node, "instr");
      g_autofree char *url = instruction != NULL ? hyperlink_field_url (instruction) : NULL;

      if (url != NULL)
        cm_office_writer_open_link (&docx->writer, node, url);
    }
  else if (strcmp (name, "fldChar") == 0)
    {
      g_autofree char *type = cm_office_attribute (node, "fldCharType");

      if (g_strcmp0 (type, "separate") == 0 && docx->field_url != NULL)
        {
          cm_office_writer_open_link (&docx->writer, NULL, docx->field_url);
          g_clear_pointer (&docx->field_url, g_free);
        }
      else if (g_strcmp0 (type, "end") == 0 && docx->writer.link_start >= 0
               && docx->writer.link_node == NULL)
        cm_office_writer_close_link (&docx->writer);
    }
}

static void
read_runs (gpointer  user_data,
           xmlNode  *paragraph)
{
  Docx *docx = user_data;
  xmlNode *node = paragraph->children;

  while (node != NULL)
    {
      gboolean skip = FALSE;

      cm_office_writer_visit (&docx->writer, node);
      if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;

          read_link_markup (docx, node, name);
          if (strcmp (name, "t") == 0)
            {
              xmlChar *text = xmlNodeGetContent (node);

              cm_office_writer_append (&docx->writer, (const char *) text);
              xmlFree (text);
              skip = TRUE;
            }
          else if (strcmp (name, "tab") == 0 || strcmp (name, "br") == 0
                   || strcmp (name, "cr") == 0)
            cm_office_writer_append (&docx->writer, " ");
          else if (strcmp (name, "noBreakHyphen") == 0)
            cm_office_writer_append (&docx->writer, "-");
          else if (strcmp (name, "del") == 0 || strcmp (name, "delText") == 0
                   || strcmp (name, "instrText") == 0 || strcmp (name, "txbxContent") == 0
                   || strcmp (name, "Fallback") == 0 || strcmp (name, "pPr") == 0
                   || strcmp (name, "rPr") == 0)
            skip = TRUE;
        }
      node = cm_office_next_node (node, paragraph, !skip);
    }
}

static void
read_paragraph (Docx    *docx,
                xmlNode *paragraph)
{
  xmlNode *ppr = cm_office_child (paragraph, "pPr");
  xmlNode *numpr = cm_office_child (ppr, "numPr");
  g_autofree char *style_id = cm_office_attribute (cm_office_child (ppr, "pStyle"), "val");
  const StyleInfo *style = style_id != NULL ? g_hash_table_lookup (docx->styles, style_id) : NULL;
  g_autofree char *num_id = NULL;
  g_autofree char *marker = NULL;
  guint ilvl = 0, heading = style != NULL ? style->heading_level : 0;

  if (cm_office_child (ppr, "outlineLvl") != NULL && attribute_uint (ppr, "outlineLvl", 9) < 9)
    heading = attribute_uint (ppr, "outlineLvl", 9) + 1;
  if (numpr != NULL)
    {
      num_id = cm_office_attribute (cm_office_child (numpr, "numId"), "val");
      ilvl = attribute_uint (numpr, "ilvl", 0);
    }
  else if (style != NULL && style->num_id != NULL)
    {
      num_id = g_strdup (style->num_id);
      ilvl = style->ilvl;
    }
  read_runs (docx, paragraph);
  if (docx->writer.paragraph->len == 0)
    return;
  /* numId 0 means "no numbering" in Word. */
  if (num_id != NULL && strcmp (num_id, "0") != 0)
    marker = next_number (docx, num_id, ilvl);

  if (heading > 0)
    cm_office_writer_end_paragraph (&docx->writer, CM_BLOCK_HEADING, MIN (heading, 6), marker);
  else if (num_id != NULL && strcmp (num_id, "0") != 0)
    cm_office_writer_end_paragraph (&docx->writer, CM_BLOCK_LIST_ITEM, ilvl + 1, marker);
  else
    cm_office_writer_end_paragraph (&docx->writer, CM_BLOCK_PARAGRAPH, 0, NULL);
}

/* The body's blocks in order; content controls (w:sdt) are opened. */
static void
read_body (Docx    *docx,
           xmlNode *body)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  g_ptr_array_add (pending, body->children);
  while (pending->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (pending, pending->len - 1);

      for (; node != NULL; node = node->next)
        {
          if (cm_office_is (node, "p"))
            read_paragraph (docx, node);
          else if (cm_office_is (node, "tbl"))
            {
              for (xmlNode *row = node->children; row != NULL; row = row->next)
                if (cm_office_is (row, "tr"))
                  cm_office_read_row (&docx->writer, row, "tc", read_runs, docx);
            }
          else if (cm_office_is (node, "sdt") && cm_office_child (node, "sdtContent") != NULL)
            {
              /* Go on after the control once its content is read. */
              if (node->next != NULL)
                g_ptr_array_add (pending, node->next);
              g_ptr_array_add (pending, cm_office_child (node, "sdtContent")->children);
              break;
            }
        }
    }
}

gboolean
cm_loader_parse_docx (CmLoadedText  *loaded,
                      const char    *data,
                      gsize          size,
                      GError       **error)
{
  static const char *const members[] = {
    "word/document.xml", "word/_rels/document.xml.rels", "word/numbering.xml", "word/styles.xml",
    NULL
  };
  g_autoptr(GHashTable) zip = cm_zip_read_members (data, size, loaded->path, members, error);
  xmlDoc *document, *numbering, *styles, *rels;
  xmlNode *body;
  Docx docx = { 0, };

  if (zip == NULL)
    return FALSE;
  document = cm_office_read_xml (loaded, zip, "word/document.xml", TRUE, error);
  if (document == NULL)
    return FALSE;
  body = cm_office_child (xmlDocGetRootElement (document), "body");

  docx.abstracts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, abstract_num_free);
  docx.nums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  docx.styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, style_info_free);
  docx.targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rels = cm_office_read_xml (loaded, zip, "word/_rels/document.xml.rels", FALSE, NULL);
  if (rels != NULL)
    {
      read_relationships (&docx, rels);
      xmlFreeDoc (rels);
    }
  numbering = cm_office_read_xml (loaded, zip, "word/numbering.xml", FALSE, NULL);
  if (numbering != NULL)
    {
      read_numbering (&docx, numbering);
      xmlFreeDoc (numbering);
    }
  styles = cm_office_read_xml (loaded, zip, "word/styles.xml", FALSE, NULL);
  if (styles != NULL)
    {
      read_styles (&docx, styles);
      xmlFreeDoc (styles);
    }

  cm_office_writer_init (&docx.writer, loaded);
  if (body != NULL)
    read_body (&docx, body);
  cm_office_writer_finish (&docx.writer);

  xmlFreeDoc (document);
  g_hash_table_unref (docx.nums);
  g_hash_table_unref (docx.abstracts);
  g_hash_table_unref (docx.styles);
  g_hash_table_unref (docx.targets);
  g_free (docx.field_url);
  return TRUE;
}

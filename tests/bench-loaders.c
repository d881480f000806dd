/* bench-loaders.c — loader throughput on one core, medians of several runs
 *
 *   bench-loaders [RUNS] [html|pdf]
 *
 * HTML: a 4 MB page built from the hand-written test pages (menus,
 * teasers, layout tables, nested lists), repeated; MB/s of input.
 * PDF: 60 pages of two-column text typeset with cairo + pango; pages/s.
 * Only the loader is timed (reading, decoding, extraction, hints), not
 * the segmenter. Run by scripts/bench-loaders. The time is the process's
 * CPU time (user + system, getrusage), so other processes on a shared
 * machine do not count; the wall-clock time is printed beside it. Naming
 * one loader runs only it (for perf record).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cm-loader.h"
#include "cm-test-pdf.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* User plus system time of this process. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    g_error ("getrusage failed");
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* Median CPU time of a load (the machine is shared: wall-clock time also
 * counts other processes); *wall the median wall-clock time. */
static double
median_seconds (const char *data,
                gsize       size,
                const char *name,
                guint       runs,
                double     *wall)
{
  g_autofree double *times = g_new0 (double, runs);
  g_autofree double *walls = g_new0 (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_seconds ();
      g_autoptr(CmLoadedText) loaded = cm_loader_load_data (data, size, name, NULL, &error);

      if (loaded == NULL)
        g_error ("%s: %s", name, error->message);
      times[i] = cpu_seconds () - cpu_start;
      walls[i] = (g_get_monotonic_time () - start) / 1e6;
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (walls, runs, sizeof (double), compare_doubles);
  *wall = walls[runs / 2];
  return times[runs / 2];
}

static GString *
html_page (const char *source_dir,
           gsize       target)
{
  static const char *const pages[] = {
    "form-body.html", "furniture-classes.html", "layout-table.html", "menus.html",
    "minority.html", "saved-complete.html",
  };
  GString *page = g_string_new ("<!DOCTYPE html><html><head><title>Bench</title></head><body>\n");

  while (page->len < target)
    for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *path = g_build_filename (source_dir, "tests", "data", "html", pages[i], NULL);
        g_autofree char *contents = NULL;
        const char *body, *end;

        if (!g_file_get_contents (path, &contents, NULL, NULL))
          g_error ("cannot read %s", path);
        body = strstr (contents, "<body");
        end = strstr (contents, "</body>");
        if (body != NULL && end != NULL)
          g_string_append_len (page, body + 5 + strcspn (body + 5, ">") + 1,
                               end - (body + 5 + strcspn (body + 5, ">") + 1));
      }
  g_string_append (page, "</body></html>\n");
  return page;
}

int
main (int   argc,
      char *argv[])
{
  guint runs = argc > 1 ? (guint) atoi (argv[1]) : 5;
  const char *only = argc > 2 ? argv[2] : NULL;
  const char *source_dir = g_getenv ("CM_SOURCE_DIR");
  g_autoptr(GString) page = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autofree CmTestPdfParagraph *text = NULL;
  guint n_pages = 0, n_paragraphs = 0;
  double seconds, wall;
  gsize size;
  const char *data;

  if (source_dir == NULL || runs == 0)
    {
      g_printerr ("usage: CM_SOURCE_DIR=SOURCE bench-loaders [RUNS] [html|pdf]\n");
      return 2;
    }

  if (only == NULL || strcmp (only, "html") == 0)
    {
      page = html_page (source_dir, 4 * 1024 * 1024);
      seconds = median_seconds (page->str, page->len, "bench.html", runs, &wall);
      g_print ("html: %.1f MB in %.3f s CPU, user + system (median of %u) = %.1f MB/s "
               "(wall-clock: %.3f s = %.1f MB/s)\n",
               page->len / 1048576.0, seconds, runs, page->len / 1048576.0 / seconds,
               wall, page->len / 1048576.0 / wall);
    }
  if (only != NULL && strcmp (only, "pdf") != 0)
    return 0;

  /* Enough paragraphs of policy-like prose for 60 two-column pages. */
  text = g_new0 (CmTestPdfParagraph, 1200);
  for (guint i = 0; i < 1200; i++)
    {
      char *paragraph = i % 6 == 0
        ? g_strdup_printf ("%u. Section heading number %u", i / 6 + 1, i / 6 + 1)
        : g_strdup_printf ("We process the personal information described in section %u for the "
                           "purposes listed there, keep it only as long as necessary, and share "
                           "it with processors bound by written agreements (%u).", i / 6 + 1, i);

      g_ptr_array_add (paragraphs, paragraph);
      text[n_paragraphs].text = paragraph;
      text[n_paragraphs].heading = i % 6 == 0;
      n_paragraphs++;
    }
  pdf = cm_test_pdf_typeset (text, n_paragraphs, 2, "Bench Corp — Privacy Policy", &n_pages);
  data = g_bytes_get_data (pdf, &size);
  seconds = median_seconds (data, size, "bench.pdf", runs, &wall);
  g_print ("pdf: %u pages in %.3f s CPU, user + system (median of %u) = %.1f pages/s "
           "(wall-clock: %.3f s = %.1f pages/s)\n",
           n_pages, seconds, runs, n_pages / seconds, wall, n_pages / wall);
  cm_test_pdf_shutdown ();
  return 0;
}

/* test-sha256.c — the loader's SHA-256 (CPU instructions where present)
 * agrees with GLib's on every block boundary case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "cm-sha256.h"

static void
test_known_vectors (void)
{
  g_autofree char *empty = cm_sha256_hex ((const guchar *) "", 0);
  g_autofree char *abc = cm_sha256_hex ((const guchar *) "abc", 3);

  /* FIPS 180-4 examples. */
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_agrees_with_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  gsize big = 3 * 1024 * 1024 + 17;
  g_autofree guchar *data = g_malloc (big);

  for (gsize i = 0; i < big; i++)
    data[i] = (guchar) g_rand_int (rand);
  /* Every tail length around one and two blocks, then a large buffer. */
  for (gsize n = 0; n <= 300; n++)
    {
      g_autofree char *ours = cm_sha256_hex (data + n % 7, n);
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data + n % 7, n);
      g_assert_cmpstr (ours, ==, glib);
    }
  {
    g_autofree char *ours = cm_sha256_hex (data, big);
    g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, big);
    g_assert_cmpstr (ours, ==, glib);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sha256/known-vectors", test_known_vectors);
  g_test_add_func ("/sha256/agrees-with-glib", test_agrees_with_glib);
  return g_test_run ();
}

/* cm-sha256.c — SHA-256 of a loaded file
 *
 * Every annotated document records the SHA-256 of its source. GLib's
 * portable implementation costs about a fifth of a whole annotate run;
 * x86-64 CPUs with the SHA extensions do the same work about ten times
 * faster. Other CPUs use GLib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cm-loader"

#include "config.h"

#include <string.h>

#include "cm-sha256.h"

#if defined(__x86_64__) && defined(__GNUC__)
#define CM_HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>

/* FIPS 180-4: the first 32 bits of the fractional parts of the cube roots
 * of the first 64 primes, and of the square roots of the first 8. */
static const guint32 round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
  0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const guint32 initial_state[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
};

#define SHA_TARGET __attribute__ ((target ("sha,sse4.1,ssse3")))

/* The 64 rounds over whole 64-byte blocks. The SHA instructions keep the
 * state as two vectors, ABEF and CDGH, and do two rounds per sha256rnds2;
 * the message schedule is built four words at a time with msg1/msg2. */
SHA_TARGET static void
compress_blocks (guint32      state[8],
                 const guchar *data,
                 gsize         n_blocks)
{
  const __m128i byte_swap = _mm_set_epi8 (12, 13, 14, 15, 8, 9, 10, 11,
                                          4, 5, 6, 7, 0, 1, 2, 3);
  __m128i abef, cdgh, tmp;

  tmp = _mm_loadu_si128 ((const __m128i *) (const void *) &state[0]);   /* DCBA */
  cdgh = _mm_loadu_si128 ((const __m128i *) (const void *) &state[4]);  /* HGFE */
  tmp = _mm_shuffle_epi32 (tmp, 0xB1);                   /* CDAB */
  cdgh = _mm_shuffle_epi32 (cdgh, 0x1B);                 /* EFGH */
  abef = _mm_alignr_epi8 (tmp, cdgh, 8);                 /* ABEF */
  cdgh = _mm_blend_epi16 (cdgh, tmp, 0xF0);              /* CDGH */

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i saved_abef = abef, saved_cdgh = cdgh;
      __m128i w[4];

      for (int i = 0; i < 4; i++)
        w[i] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (const void *) (data + 16 * i)),
                                 byte_swap);
      for (int i = 0; i < 16; i++)
        {
          __m128i current = w[i % 4];
          __m128i k = _mm_loadu_si128 ((const __m128i *) (const void *) &round_constants[4 * i]);
          __m128i message = _mm_add_epi32 (current, k);

          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, message);
          /* Finish words 4(i+1)..4(i+1)+3 of the schedule. */
          if (i >= 3 && i <= 14)
            {
              __m128i next = w[(i + 1) % 4];

              next = _mm_add_epi32 (next, _mm_alignr_epi8 (current, w[(i + 3) % 4], 4));
              w[(i + 1) % 4] = _mm_sha256msg2_epu32 (next, current);
            }
          message = _mm_shuffle_epi32 (message, 0x0E);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, message);
          /* Start words 4(i+3)..4(i+3)+3. */
          if (i >= 1 && i <= 12)
            w[(i + 3) % 4] = _mm_sha256msg1_epu32 (w[(i + 3) % 4], current);
        }
      abef = _mm_add_epi32 (abef, saved_abef);
      cdgh = _mm_add_epi32 (cdgh, saved_cdgh);
    }

  tmp = _mm_shuffle_epi32 (abef, 0x1B);                  /* FEBA */
  cdgh = _mm_shuffle_epi32 (cdgh, 0xB1);                 /* DCHG */
  abef = _mm_blend_epi16 (tmp, cdgh, 0xF0);              /* DCBA */
  cdgh = _mm_alignr_epi8 (cdgh, tmp, 8);                 /* HGFE */
  _mm_storeu_si128 ((__m128i *) (void *) &state[0], abef);
  _mm_storeu_si128 ((__m128i *) (void *) &state[4], cdgh);
}

static gboolean
cpu_has_sha (void)
{
  static gsize checked = 0;
  static gboolean has_sha = FALSE;

  /* CPUID itself rather than __builtin_cpu_supports ("sha"), which clang 14
   * does not know: leaf 1 ECX has SSSE3 (bit 9) and SSE4.1 (bit 19), leaf 7
   * EBX has SHA (bit 29). */
  if (g_once_init_enter (&checked))
    {
      unsigned int eax, ebx, ecx, edx;

      has_sha = __get_cpuid (1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 9))
                && (ecx & (1u << 19)) && __get_cpuid_count (7, 0, &eax, &ebx, &ecx, &edx)
                && (ebx & (1u << 29));
      g_once_init_leave (&checked, 1);
    }
  return has_sha;
}

static char *
sha256_hex_with_sha_ni (const guchar *data,
                        gsize         length)
{
  static const char hex[] = "0123456789abcdef";
  guint32 state[8];
  guchar tail[128];
  gsize whole = length / 64, rest = length % 64, tail_size;
  guint64 bits = (guint64) length * 8;
  char *digest = g_malloc (65);

  memcpy (state, initial_state, sizeof state);
  compress_blocks (state, data, whole);

  /* The last partial block, a 1 bit, zeros, and the length in bits. */
  tail_size = rest + 9 <= 64 ? 64 : 128;
  memset (tail, 0, sizeof tail);
  if (rest > 0)
    memcpy (tail, data + whole * 64, rest);
  tail[rest] = 0x80;
  for (int i = 0; i < 8; i++)
    tail[tail_size - 1 - i] = (guchar) (bits >> (8 * i));
  compress_blocks (state, tail, tail_size / 64);

  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++)
      digest[8 * i + j] = hex[(state[i] >> (28 - 4 * j)) & 0xf];
  digest[64] = '\0';
  return digest;
}
#endif

char *
cm_sha256_hex (const guchar *data,
               gsize         length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

#ifdef CM_HAVE_SHA_NI
  if (cpu_has_sha ())
    return sha256_hex_with_sha_ni (data, length);
#endif
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

/* test-lod.c — the min/max pyramid agrees with brute force, also after live updates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "bourse-lod.h"

static void
brute (const double *lo,
       const double *hi,
       gsize         a,
       gsize         b,
       double       *mn,
       double       *mx)
{
  *mn = INFINITY;
  *mx = -INFINITY;
  for (gsize i = a; i < b; i++)
    {
      if (lo[i] < *mn)
        *mn = lo[i];
      if (hi[i] > *mx)
        *mx = hi[i];
    }
  if (*mn > *mx)
    *mn = *mx = NAN;
}

static void
fill_random (GRand  *rand,
             double *lo,
             double *hi,
             gsize   n)
{
  double p = 100;

  for (gsize i = 0; i < n; i++)
    {
      p += g_rand_double_range (rand, -1, 1);
      lo[i] = p - g_rand_double_range (rand, 0, 2);
      hi[i] = p + g_rand_double_range (rand, 0, 2);
    }
}

static void
check_queries (GRand        *rand,
               BourseLod    *lod,
               const double *lo,
               const double *hi,
               gsize         n,
               guint         count)
{
  for (guint q = 0; q < count; q++)
    {
      gsize a = (gsize) g_rand_int_range (rand, 0, (gint32) n);
      gsize b = a + (gsize) g_rand_int_range (rand, 0, (gint32) (n - a + 1));
      double mn, mx, bmn, bmx;
      gboolean ok = bourse_lod_query (lod, lo, hi, a, b, &mn, &mx);

      brute (lo, hi, a, b, &bmn, &bmx);
      g_assert_cmpint (ok, ==, b > a);
      if (ok)
        {
          g_assert_cmpfloat (mn, ==, bmn);
          g_assert_cmpfloat (mx, ==, bmx);
        }
    }
}

static void
test_query_matches_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(BourseLod) lod = bourse_lod_new ();
  gsize sizes[] = { 0, 1, 7, 8, 9, 63, 64, 65, 1000, 100003 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gsize n = sizes[s];
      g_autofree double *lo = g_new (double, MAX (n, 1));
      g_autofree double *hi = g_new (double, MAX (n, 1));

      fill_random (rand, lo, hi, n);
      bourse_lod_build (lod, lo, hi, n);
      g_assert_cmpuint (bourse_lod_get_len (lod), ==, n);
      if (n > 0)
        check_queries (rand, lod, lo, hi, n, 500);
    }
}

/* The column's high and low are exactly those of the bars it covers. */
static void
test_aggregate_columns (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(BourseLod) lod = bourse_lod_new ();
  gsize n = 1000000, n_cols = 1200;
  g_autofree double *lo = g_new (double, n);
  g_autofree double *hi = g_new (double, n);
  g_autofree gsize *bounds = g_new (gsize, n_cols + 1);
  g_autofree double *cmin = g_new (double, n_cols);
  g_autofree double *cmax = g_new (double, n_cols);

  fill_random (rand, lo, hi, n);
  bourse_lod_build (lod, lo, hi, n);
  g_assert_cmpuint (bourse_lod_get_n_levels (lod), ==, 7);  /* ceil (log8 (1e6)) */

  /* Uneven columns, as pixel boundaries of a fractional bar spacing give. */
  for (gsize c = 0; c <= n_cols; c++)
    bounds[c] = (gsize) floor ((double) c * (double) n / (double) n_cols * 0.999);
  bounds[n_cols / 2 + 1] = bounds[n_cols / 2];  /* an empty column */
  bourse_lod_aggregate (lod, lo, hi, bounds, n_cols, cmin, cmax);
  for (gsize c = 0; c < n_cols; c++)
    {
      double bmn, bmx;

      brute (lo, hi, bounds[c], bounds[c + 1], &bmn, &bmx);
      if (bounds[c] == bounds[c + 1])
        {
          g_assert_true (isnan (cmin[c]) && isnan (cmax[c]));
          continue;
        }
      g_assert_cmpfloat (cmin[c], ==, bmn);
      g_assert_cmpfloat (cmax[c], ==, bmx);
    }
}

static void
test_nan_skipped (void)
{
  g_autoptr(BourseLod) lod = bourse_lod_new ();
  double v[100];
  double mn, mx;

  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    v[i] = i < 20 ? NAN : (double) i;
  v[50] = NAN;
  bourse_lod_build (lod, v, v, G_N_ELEMENTS (v));
  g_assert_false (bourse_lod_query (lod, v, v, 0, 20, &mn, &mx));
  g_assert_true (isnan (mn) && isnan (mx));
  g_assert_true (bourse_lod_query (lod, v, v, 0, 100, &mn, &mx));
  g_assert_cmpfloat (mn, ==, 20);
  g_assert_cmpfloat (mx, ==, 99);
  g_assert_true (bourse_lod_query (lod, v, v, 50, 51 + 0, &mn, &mx) == FALSE);
}

/* Ticks change the last bar, new bars append: the incremental pyramid must
 * equal a rebuilt one, and queries must match brute force. */
static void
test_incremental_updates (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(BourseLod) live = bourse_lod_new ();
  g_autoptr(BourseLod) rebuilt = bourse_lod_new ();
  gsize cap = 20000, n = 5000;
  g_autofree double *lo = g_new (double, cap);
  g_autofree double *hi = g_new (double, cap);

  fill_random (rand, lo, hi, cap);
  bourse_lod_build (live, lo, hi, n);

  for (guint step = 0; step < 3000; step++)
    {
      if (g_rand_boolean (rand) || n == cap)
        {
          /* A tick: the last bar's high or low moves (including a new extreme). */
          double jump = g_rand_double_range (rand, -50, 50);

          if (jump > 0)
            hi[n - 1] += jump;
          else
            lo[n - 1] += jump;
          bourse_lod_update (live, lo, hi, n, n - 1);
        }
      else
        {
          gsize added = (gsize) g_rand_int_range (rand, 1, 70);

          added = MIN (added, cap - n);
          n += added;
          bourse_lod_update (live, lo, hi, n, n - added);
        }
      if (step % 97 == 0)
        check_queries (rand, live, lo, hi, n, 50);
    }

  bourse_lod_build (rebuilt, lo, hi, n);
  g_assert_cmpuint (bourse_lod_get_n_levels (live), ==, bourse_lod_get_n_levels (rebuilt));
  check_queries (rand, live, lo, hi, n, 2000);

  /* Truncation (a reload with fewer bars) also works. */
  bourse_lod_update (live, lo, hi, 100, 100);
  g_assert_cmpuint (bourse_lod_get_len (live), ==, 100);
  check_queries (rand, live, lo, hi, 100, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Chart/Lod/query-matches-brute-force", test_query_matches_brute_force);
  g_test_add_func ("/Bourse/Chart/Lod/aggregate-columns", test_aggregate_columns);
  g_test_add_func ("/Bourse/Chart/Lod/nan-skipped", test_nan_skipped);
  g_test_add_func ("/Bourse/Chart/Lod/incremental-updates", test_incremental_updates);

  return g_test_run ();
}

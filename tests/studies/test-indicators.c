/* test-indicators.c — every study against naive references, published values, and
 * incremental == batch
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The references below are written separately from src/core: plain O(n·N) loops
 * straight from each study's textbook definition (with the conventions stated in
 * bourse-indicator.h), never the running-state code under test.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bourse-indicator.h"

#define N_RANDOM 600

static BourseBars *
random_bars (guint32 seed,
             gsize   n,
             gint64  step)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  BourseBars *bars = bourse_bars_new (n);
  double price = 100;

  for (gsize i = 0; i < n; i++)
    {
      double open = price;
      double close = open + g_rand_double_range (rand, -1.5, 1.5);
      double high = MAX (open, close) + g_rand_double_range (rand, 0, 1);
      double low = MIN (open, close) - g_rand_double_range (rand, 0, 1);
      /* Some flat stretches: equal closes and equal extremes are edge cases. */
      if (i % 97 == 5)
        close = open;

      bourse_bars_append (bars, 1700000000 + (gint64) i * step, open, high, low, close,
                          floor (g_rand_double_range (rand, 100, 1000)));
      price = close;
    }
  return bars;
}

static double *
nan_array (gsize n)
{
  double *a = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    a[i] = NAN;
  return a;
}

/* ---- naive references ---- */

static double *
ref_sma (const double *x, gsize n, gsize p)
{
  double *out = nan_array (n);
  for (gsize i = p - 1; i < n; i++)
    {
      double s = 0;
      for (gsize k = i + 1 - p; k <= i; k++)
        s += x[k];
      out[i] = s / p;
    }
  return out;
}

/* EMA of x[start…], seeded with the mean of its first p values. */
static double *
ref_ema_from (const double *x, gsize n, gsize start, gsize p, double alpha)
{
  double *out = nan_array (n);
  double s = 0;

  if (start + p > n)
    return out;
  for (gsize k = start; k < start + p; k++)
    s += x[k];
  out[start + p - 1] = s / p;
  for (gsize i = start + p; i < n; i++)
    out[i] = alpha * x[i] + (1 - alpha) * out[i - 1];
  return out;
}

static double *
ref_wma (const double *x, gsize n, gsize p)
{
  double *out = nan_array (n);
  for (gsize i = p - 1; i < n; i++)
    {
      double s = 0, w = 0;
      for (gsize k = 0; k < p; k++)
        {
          s += (p - k) * x[i - k];
          w += p - k;
        }
      out[i] = s / w;
    }
  return out;
}

static double
window_max (const double *x, gsize i, gsize p)
{
  double m = -INFINITY;
  for (gsize k = i + 1 - p; k <= i; k++)
    m = MAX (m, x[k]);
  return m;
}

static double
window_min (const double *x, gsize i, gsize p)
{
  double m = INFINITY;
  for (gsize k = i + 1 - p; k <= i; k++)
    m = MIN (m, x[k]);
  return m;
}

static double *
true_ranges (const BourseBars *b)
{
  double *tr = nan_array (b->len);
  for (gsize i = 1; i < b->len; i++)
    tr[i] = MAX (b->high[i] - b->low[i],
                 MAX (fabs (b->high[i] - b->close[i - 1]), fabs (b->low[i] - b->close[i - 1])));
  return tr;
}

/* Wilder: first value = mean of x[start … start+p-1], then (prev·(p-1) + x)/p. */
static double *
ref_wilder_from (const double *x, gsize n, gsize start, gsize p)
{
  double *out = nan_array (n);
  double s = 0;

  if (start + p > n)
    return out;
  for (gsize k = start; k < start + p; k++)
    s += x[k];
  out[start + p - 1] = s / p;
  for (gsize i = start + p; i < n; i++)
    out[i] = (out[i - 1] * (p - 1) + x[i]) / p;
  return out;
}

static double *
ref_rsi (const double *c, gsize n, gsize p)
{
  g_autofree double *gain = nan_array (n);
  g_autofree double *loss = nan_array (n);
  g_autofree double *ag = NULL, *al = NULL;
  double *out = nan_array (n);

  for (gsize i = 1; i < n; i++)
    {
      gain[i] = MAX (c[i] - c[i - 1], 0);
      loss[i] = MAX (c[i - 1] - c[i], 0);
    }
  ag = ref_wilder_from (gain, n, 1, p);
  al = ref_wilder_from (loss, n, 1, p);
  for (gsize i = p; i < n; i++)
    out[i] = ag[i] + al[i] == 0 ? 50 : 100 - 100 / (1 + ag[i] / al[i]);
  return out;
}

static double *
ref_stoch_raw (const double *h, const double *l, const double *c, gsize n, gsize first, gsize p)
{
  double *raw = nan_array (n);
  for (gsize i = first + p - 1; i < n; i++)
    {
      double hh = window_max (h, i, p), ll = window_min (l, i, p);
      raw[i] = hh > ll ? 100 * (c[i] - ll) / (hh - ll) : 0;
    }
  return raw;
}

/* SMA over the valid (non-NaN) tail of x. */
static double *
ref_sma_valid (const double *x, gsize n, gsize p)
{
  double *out = nan_array (n);
  gsize first = 0;

  while (first < n && isnan (x[first]))
    first++;
  for (gsize i = first + p - 1; i < n; i++)
    {
      double s = 0;
      for (gsize k = i + 1 - p; k <= i; k++)
        s += x[k];
      out[i] = s / p;
    }
  return out;
}

/* ---- comparison helpers ---- */

static void
assert_series (BourseIndicator *ind,
               const char      *output,
               const double    *expected,
               gsize            n,
               double           tolerance)
{
  int o = bourse_indicator_find_output (ind, output);

  g_assert_cmpint (o, >=, 0);
  g_assert_cmpuint (bourse_indicator_get_length (ind), ==, n);
  for (gsize i = 0; i < n; i++)
    {
      double got = bourse_indicator_get_value (ind, o, i);

      if (isnan (expected[i]) != isnan (got))
        g_error ("%s.%s[%" G_GSIZE_FORMAT "]: expected %g, got %g",
                 bourse_indicator_get_spec (ind), output, i, expected[i], got);
      if (!isnan (got) && fabs (got - expected[i]) > tolerance * MAX (1.0, fabs (expected[i])))
        g_error ("%s.%s[%" G_GSIZE_FORMAT "]: expected %.12g, got %.12g",
                 bourse_indicator_get_spec (ind), output, i, expected[i], got);
    }
}

static BourseIndicator *
study (const char       *spec,
       const BourseBars *bars)
{
  g_autoptr(GError) error = NULL;
  BourseIndicator *ind = bourse_indicator_new_from_spec (spec, &error);

  g_assert_no_error (error);
  bourse_indicator_update (ind, bars);
  return ind;
}

static gsize
first_valid (BourseIndicator *ind, guint output)
{
  for (gsize i = 0; i < bourse_indicator_get_length (ind); i++)
    if (!isnan (bourse_indicator_get_value (ind, output, i)))
      return i;
  return G_MAXSIZE;
}

/* ---- tests ---- */

static void
test_hand_computed (void)
{
  g_autoptr(BourseBars) bars = bourse_bars_new (8);
  const double closes[] = { 1, 2, 3, 4, 5 };

  for (guint i = 0; i < G_N_ELEMENTS (closes); i++)
    bourse_bars_append (bars, 60 * i, closes[i], closes[i], closes[i], closes[i], 10);

  {
    g_autoptr(BourseIndicator) sma = study ("sma:3", bars);
    const double want[] = { NAN, NAN, 2, 3, 4 };
    assert_series (sma, "sma", want, 5, 1e-12);
  }
  {
    /* α = 2/(3+1) = 0.5, seeded with mean(1,2,3) = 2: 2, 3, 4. */
    g_autoptr(BourseIndicator) ema = study ("ema:3", bars);
    const double want[] = { NAN, NAN, 2, 3, 4 };
    assert_series (ema, "ema", want, 5, 1e-12);
  }
  {
    /* (1·1 + 2·2 + 3·3)/6 = 14/6; (2 + 6 + 12)/6 = 20/6; (3 + 8 + 15)/6 = 26/6. */
    g_autoptr(BourseIndicator) wma = study ("wma:3", bars);
    const double want[] = { NAN, NAN, 14.0 / 6, 20.0 / 6, 26.0 / 6 };
    assert_series (wma, "wma", want, 5, 1e-12);
  }
  {
    /* 1,2,3 → mean 2, population σ = sqrt(2/3). */
    g_autoptr(BourseIndicator) bb = study ("bb:3,2", bars);
    const double s = sqrt (2.0 / 3);
    const double upper[] = { NAN, NAN, 2 + 2 * s, 3 + 2 * s, 4 + 2 * s };
    const double lower[] = { NAN, NAN, 2 - 2 * s, 3 - 2 * s, 4 - 2 * s };
    assert_series (bb, "upper", upper, 5, 1e-12);
    assert_series (bb, "lower", lower, 5, 1e-12);
  }
  {
    /* Rising closes: no losses → 100. */
    g_autoptr(BourseIndicator) rsi = study ("rsi:2", bars);
    const double want[] = { NAN, NAN, 100, 100, 100 };
    assert_series (rsi, "rsi", want, 5, 1e-12);
  }
  {
    /* Seeded with the first volume, every close rises: 10, 20, 30, 40, 50. */
    g_autoptr(BourseIndicator) obv = study ("obv", bars);
    const double want[] = { 10, 20, 30, 40, 50 };
    assert_series (obv, "obv", want, 5, 1e-12);
  }
}

static void
test_psar_hand_computed (void)
{
  /* Worked by hand from Wilder's rules (TA-Lib's start): long from bar 1, SAR
   * 9 → 9.04 → 9.1584 → 9.388896, AF 0.02 → 0.08; bar 5 breaks below and the
   * SAR flips to the extreme point 14. */
  const double h[] = { 10, 11, 12, 13, 14, 13.5 };
  const double l[] = { 9, 10, 11, 12, 13, 9.0 };
  const double want[] = { NAN, 9, 9.04, 9.1584, 9.388896, 14 };
  g_autoptr(BourseBars) bars = bourse_bars_new (8);
  g_autoptr(BourseIndicator) psar = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (h); i++)
    bourse_bars_append (bars, 60 * i, l[i], h[i], l[i], h[i], 1);
  psar = study ("psar", bars);
  assert_series (psar, "psar", want, G_N_ELEMENTS (want), 1e-12);
}

static void
test_rsi_published (void)
{
  /* The 14-day RSI worked example of StockCharts' ChartSchool ("Relative Strength
   * Index"), which uses Wilder's smoothing: 70.53, 66.32, 66.55, 69.41, 66.36, 57.97 …
   * Its spreadsheet rounds the intermediate averages, so it sits ~0.07 above the
   * exact values; by hand, the first 14 changes gain 3.34 and lose 1.40 in total,
   * RSI = 100·3.34/4.74 = 70.4641350… */
  const double closes[] = {
    44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03,
    45.61, 46.28, 46.28, 46.00, 46.03, 46.41, 46.22, 45.64,
  };
  const double published[] = { 70.53, 66.32, 66.55, 69.41, 66.36, 57.97 };
  g_autoptr(BourseBars) bars = bourse_bars_new (32);
  g_autoptr(BourseIndicator) rsi = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (closes); i++)
    bourse_bars_append (bars, 86400 * i, closes[i], closes[i], closes[i], closes[i], 1);
  rsi = study ("rsi:14", bars);
  g_assert_cmpuint (first_valid (rsi, 0), ==, 14);
  g_assert_cmpfloat_with_epsilon (bourse_indicator_get_value (rsi, 0, 14), 334.0 / 4.74, 1e-9);
  for (guint k = 0; k < G_N_ELEMENTS (published); k++)
    g_assert_cmpfloat_with_epsilon (bourse_indicator_get_value (rsi, 0, 14 + k), published[k], 0.1);
}

static void
test_moving_averages (void)
{
  g_autoptr(BourseBars) b = random_bars (1, N_RANDOM, 3600);
  gsize n = b->len;

  {
    g_autoptr(BourseIndicator) ind = study ("sma:20", b);
    g_autofree double *want = ref_sma (b->close, n, 20);
    assert_series (ind, "sma", want, n, 1e-9);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("ema:10", b);
    g_autofree double *want = ref_ema_from (b->close, n, 0, 10, 2.0 / 11);
    assert_series (ind, "ema", want, n, 1e-9);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("wma:9", b);
    g_autofree double *want = ref_wma (b->close, n, 9);
    assert_series (ind, "wma", want, n, 1e-9);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("vma:7", b);
    g_autofree double *want = ref_sma (b->volume, n, 7);
    assert_series (ind, "vma", want, n, 1e-9);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("vwma:15", b);
    g_autofree double *want = nan_array (n);
    for (gsize i = 14; i < n; i++)
      {
        double pv = 0, v = 0;
        for (gsize k = i - 14; k <= i; k++)
          {
            pv += b->close[k] * b->volume[k];
            v += b->volume[k];
          }
        want[i] = pv / v;
      }
    assert_series (ind, "vwma", want, n, 1e-9);
  }
  {
    /* Hourly bars over ~25 days: the VWAP restarts at every UTC midnight. */
    g_autoptr(BourseIndicator) ind = study ("vwap", b);
    g_autoptr(BourseIndicator) shifted = study ("vwap:86400,34200", b);
    g_autofree double *want = nan_array (n);
    g_autofree double *want_shifted = nan_array (n);

    for (gsize i = 0; i < n; i++)
      {
        double pv = 0, v = 0, pv2 = 0, v2 = 0;
        for (gsize k = 0; k <= i; k++)
          {
            double tp = (b->high[k] + b->low[k] + b->close[k]) / 3;
            if (b->time[k] / 86400 == b->time[i] / 86400)
              {
                pv += tp * b->volume[k];
                v += b->volume[k];
              }
            if ((b->time[k] - 34200) / 86400 == (b->time[i] - 34200) / 86400)
              {
                pv2 += tp * b->volume[k];
                v2 += b->volume[k];
              }
          }
        want[i] = pv / v;
        want_shifted[i] = pv2 / v2;
      }
    assert_series (ind, "vwap", want, n, 1e-9);
    assert_series (shifted, "vwap", want_shifted, n, 1e-9);
    /* The two anchors really differ (the test would be blind otherwise). */
    g_assert_cmpfloat (fabs (want[n - 1] - want_shifted[n - 1]), >, 1e-6);
  }
}

static void
test_bands (void)
{
  g_autoptr(BourseBars) b = random_bars (2, N_RANDOM, 60);
  gsize n = b->len;

  {
    g_autoptr(BourseIndicator) ind = study ("bb:20,2", b);
    g_autofree double *up = nan_array (n), *mid = nan_array (n), *lo = nan_array (n);
    for (gsize i = 19; i < n; i++)
      {
        double m = 0, var = 0;
        for (gsize k = i - 19; k <= i; k++)
          m += b->close[k];
        m /= 20;
        for (gsize k = i - 19; k <= i; k++)
          var += (b->close[k] - m) * (b->close[k] - m);
        var /= 20;   /* population */
        up[i] = m + 2 * sqrt (var);
        mid[i] = m;
        lo[i] = m - 2 * sqrt (var);
      }
    assert_series (ind, "upper", up, n, 1e-8);
    assert_series (ind, "middle", mid, n, 1e-9);
    assert_series (ind, "lower", lo, n, 1e-8);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("kc:20,2,10", b);
    g_autofree double *tr = true_ranges (b);
    g_autofree double *ema = ref_ema_from (b->close, n, 0, 20, 2.0 / 21);
    g_autofree double *atr = ref_wilder_from (tr, n, 1, 10);
    g_autofree double *up = nan_array (n), *lo = nan_array (n);
    for (gsize i = 0; i < n; i++)
      if (!isnan (ema[i]) && !isnan (atr[i]))
        {
          up[i] = ema[i] + 2 * atr[i];
          lo[i] = ema[i] - 2 * atr[i];
        }
    assert_series (ind, "upper", up, n, 1e-9);
    assert_series (ind, "middle", ema, n, 1e-9);
    assert_series (ind, "lower", lo, n, 1e-9);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("dc:20", b);
    g_autofree double *up = nan_array (n), *lo = nan_array (n);
    for (gsize i = 19; i < n; i++)
      {
        up[i] = window_max (b->high, i, 20);
        lo[i] = window_min (b->low, i, 20);
      }
    assert_series (ind, "upper", up, n, 0);
    assert_series (ind, "lower", lo, n, 0);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("ichimoku", b);
    g_autofree double *tenkan = nan_array (n), *kijun = nan_array (n);
    g_autofree double *span_a = nan_array (n), *span_b = nan_array (n);
    for (gsize i = 0; i < n; i++)
      {
        if (i >= 8)
          tenkan[i] = (window_max (b->high, i, 9) + window_min (b->low, i, 9)) / 2;
        if (i >= 25)
          {
            kijun[i] = (window_max (b->high, i, 26) + window_min (b->low, i, 26)) / 2;
            span_a[i] = (tenkan[i] + kijun[i]) / 2;
          }
        if (i >= 51)
          span_b[i] = (window_max (b->high, i, 52) + window_min (b->low, i, 52)) / 2;
      }
    assert_series (ind, "tenkan", tenkan, n, 1e-12);
    assert_series (ind, "kijun", kijun, n, 1e-12);
    assert_series (ind, "span_a", span_a, n, 1e-12);
    assert_series (ind, "span_b", span_b, n, 1e-12);
    assert_series (ind, "chikou", b->close, n, 0);
    g_assert_cmpint (bourse_indicator_get_output_offset (ind, 2), ==, 25);
    g_assert_cmpint (bourse_indicator_get_output_offset (ind, 4), ==, -25);
    g_assert_cmpint (bourse_indicator_get_output_offset (ind, 0), ==, 0);
  }
  {
    /* SuperTrend as Pine writes it (ta.supertrend), over the Wilder ATR. */
    g_autoptr(BourseIndicator) ind = study ("supertrend:10,3", b);
    g_autofree double *tr = true_ranges (b);
    g_autofree double *atr = ref_wilder_from (tr, n, 1, 10);
    g_autofree double *value = nan_array (n), *dir = nan_array (n);
    g_autofree double *ub = nan_array (n), *lb = nan_array (n);
    for (gsize i = 10; i < n; i++)
      {
        double mid = (b->high[i] + b->low[i]) / 2;
        double u = mid + 3 * atr[i], l = mid - 3 * atr[i];
        double pu = i > 10 ? ub[i - 1] : 0, pl = i > 10 ? lb[i - 1] : 0;
        l = (l > pl || b->close[i - 1] < pl) ? l : pl;
        u = (u < pu || b->close[i - 1] > pu) ? u : pu;
        ub[i] = u;
        lb[i] = l;
        if (i == 10)
          dir[i] = -1;
        else if (value[i - 1] == ub[i - 1])
          dir[i] = b->close[i] > u ? 1 : -1;
        else
          dir[i] = b->close[i] < l ? -1 : 1;
        value[i] = dir[i] > 0 ? l : u;
      }
    assert_series (ind, "value", value, n, 1e-9);
    assert_series (ind, "direction", dir, n, 0);
  }
  {
    /* Parabolic SAR: stays on the far side of price, flips on penetration. */
    g_autoptr(BourseIndicator) ind = study ("psar", b);
    guint flips = 0;
    for (gsize i = 2; i < n; i++)
      {
        double sar = bourse_indicator_get_value (ind, 0, i);
        double prev = bourse_indicator_get_value (ind, 0, i - 1);
        gboolean below = sar <= b->low[i], above = sar >= b->high[i];
        g_assert_true (below || above);
        if ((prev <= b->low[i - 1]) != below)
          flips++;
      }
    g_assert_cmpuint (flips, >, 5);
  }
}

static void
test_oscillators (void)
{
  g_autoptr(BourseBars) b = random_bars (3, N_RANDOM, 60);
  gsize n = b->len;

  {
    g_autoptr(BourseIndicator) ind = study ("rsi:14", b);
    g_autofree double *want = ref_rsi (b->close, n, 14);
    assert_series (ind, "rsi", want, n, 1e-9);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("macd:12,26,9", b);
    g_autofree double *fast = ref_ema_from (b->close, n, 14, 12, 2.0 / 13);
    g_autofree double *slow = ref_ema_from (b->close, n, 0, 26, 2.0 / 27);
    g_autofree double *macd = nan_array (n);
    g_autofree double *signal = NULL, *hist = nan_array (n);
    for (gsize i = 25; i < n; i++)
      macd[i] = fast[i] - slow[i];
    signal = ref_ema_from (macd, n, 25, 9, 0.2);
    for (gsize i = 33; i < n; i++)
      hist[i] = macd[i] - signal[i];
    assert_series (ind, "macd", macd, n, 1e-9);
    assert_series (ind, "signal", signal, n, 1e-9);
    assert_series (ind, "hist", hist, n, 1e-9);
    g_assert_cmpuint (first_valid (ind, 0), ==, 25);
    g_assert_cmpuint (first_valid (ind, 1), ==, 33);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("stoch:14,3,3", b);
    g_autofree double *raw = ref_stoch_raw (b->high, b->low, b->close, n, 0, 14);
    g_autofree double *k = ref_sma_valid (raw, n, 3);
    g_autofree double *d = ref_sma_valid (k, n, 3);
    assert_series (ind, "k", k, n, 1e-9);
    assert_series (ind, "d", d, n, 1e-9);
    g_assert_cmpuint (first_valid (ind, 1), ==, 14 + 3 + 3 - 3);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("stochrsi:14,14,3,3", b);
    g_autofree double *rsi = ref_rsi (b->close, n, 14);
    g_autofree double *raw = ref_stoch_raw (rsi, rsi, rsi, n, 14, 14);
    g_autofree double *k = ref_sma_valid (raw, n, 3);
    g_autofree double *d = ref_sma_valid (k, n, 3);
    assert_series (ind, "k", k, n, 1e-8);
    assert_series (ind, "d", d, n, 1e-8);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("cci:20", b);
    g_autofree double *tp = g_new (double, n);
    g_autofree double *want = nan_array (n);
    for (gsize i = 0; i < n; i++)
      tp[i] = (b->high[i] + b->low[i] + b->close[i]) / 3;
    for (gsize i = 19; i < n; i++)
      {
        double m = 0, md = 0;
        for (gsize k = i - 19; k <= i; k++)
          m += tp[k];
        m /= 20;
        for (gsize k = i - 19; k <= i; k++)
          md += fabs (tp[k] - m);
        md /= 20;
        want[i] = (tp[i] - m) / (0.015 * md);
      }
    assert_series (ind, "cci", want, n, 1e-8);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("willr:14", b);
    g_autofree double *want = nan_array (n);
    for (gsize i = 13; i < n; i++)
      {
        double hh = window_max (b->high, i, 14), ll = window_min (b->low, i, 14);
        want[i] = -100 * (hh - b->close[i]) / (hh - ll);
      }
    assert_series (ind, "willr", want, n, 1e-9);
  }
}

static void
test_volume_and_trend (void)
{
  g_autoptr(BourseBars) b = random_bars (4, N_RANDOM, 60);
  gsize n = b->len;
  g_autofree double *tr = true_ranges (b);

  {
    g_autoptr(BourseIndicator) ind = study ("atr:14", b);
    g_autofree double *want = ref_wilder_from (tr, n, 1, 14);
    assert_series (ind, "atr", want, n, 1e-9);
    g_assert_cmpuint (first_valid (ind, 0), ==, 14);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("adx:14", b);
    g_autofree double *pdm = nan_array (n), *mdm = nan_array (n);
    g_autofree double *spdm = NULL, *smdm = NULL, *str = NULL, *adx = NULL;
    g_autofree double *pdi = nan_array (n), *mdi = nan_array (n), *dx = nan_array (n);
    for (gsize i = 1; i < n; i++)
      {
        double up = b->high[i] - b->high[i - 1], down = b->low[i - 1] - b->low[i];
        pdm[i] = up > down && up > 0 ? up : 0;
        mdm[i] = down > up && down > 0 ? down : 0;
      }
    spdm = ref_wilder_from (pdm, n, 1, 14);
    smdm = ref_wilder_from (mdm, n, 1, 14);
    str = ref_wilder_from (tr, n, 1, 14);
    for (gsize i = 14; i < n; i++)
      {
        pdi[i] = 100 * spdm[i] / str[i];
        mdi[i] = 100 * smdm[i] / str[i];
        dx[i] = 100 * fabs (pdi[i] - mdi[i]) / (pdi[i] + mdi[i]);
      }
    adx = ref_wilder_from (dx, n, 14, 14);
    assert_series (ind, "plus_di", pdi, n, 1e-9);
    assert_series (ind, "minus_di", mdi, n, 1e-9);
    assert_series (ind, "adx", adx, n, 1e-9);
    g_assert_cmpuint (first_valid (ind, 0), ==, 27);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("obv", b);
    g_autofree double *want = g_new (double, n);
    for (gsize i = 0; i < n; i++)
      {
        double v = b->volume[0];
        for (gsize k = 1; k <= i; k++)
          v += b->close[k] > b->close[k - 1] ? b->volume[k] :
               b->close[k] < b->close[k - 1] ? -b->volume[k] : 0;
        want[i] = v;
      }
    assert_series (ind, "obv", want, n, 1e-12);
  }
  {
    g_autoptr(BourseIndicator) ind = study ("mfi:14", b);
    g_autofree double *want = nan_array (n);
    for (gsize i = 14; i < n; i++)
      {
        double pos = 0, neg = 0;
        for (gsize k = i - 13; k <= i; k++)
          {
            double tp = (b->high[k] + b->low[k] + b->close[k]) / 3;
            double ptp = (b->high[k - 1] + b->low[k - 1] + b->close[k - 1]) / 3;
            if (tp > ptp)
              pos += tp * b->volume[k];
            else if (tp < ptp)
              neg += tp * b->volume[k];
          }
        want[i] = 100 * pos / (pos + neg);
      }
    assert_series (ind, "mfi", want, n, 1e-9);
  }
}

static const char *all_specs[] = {
  "sma:20", "ema:20", "wma:20", "vwma:20", "vma:20", "vwap", "bb:20,2", "kc:20,2,10", "dc:20",
  "ichimoku", "psar", "supertrend:10,3", "rsi:14", "macd:12,26,9", "stoch:14,3,3",
  "stochrsi:14,14,3,3", "cci:20", "willr:14", "atr:14", "adx:14", "obv", "mfi:14",
};

/* Bars arrive one by one and the last bar is revised several times before the next
 * one opens, like a live feed. The end state must equal one batch computation of the
 * final bars, bit for bit: nothing double-counted, nothing lost. */
static void
test_incremental_equals_batch (void)
{
  g_autoptr(BourseBars) final = random_bars (5, 400, 60);
  g_autoptr(GRand) rand = g_rand_new_with_seed (55);

  for (guint s = 0; s < G_N_ELEMENTS (all_specs); s++)
    {
      g_autoptr(BourseIndicator) live = study (all_specs[s], final);
      g_autoptr(BourseIndicator) batch = study (all_specs[s], final);
      g_autoptr(BourseBars) feed = bourse_bars_new (0);

      bourse_indicator_reset (live);
      for (gsize i = 0; i < final->len; i++)
        {
          guint revisions = g_rand_int_range (rand, 0, 4);

          bourse_bars_append (feed, final->time[i], final->open[i], final->open[i],
                              final->open[i], final->open[i], 1);
          bourse_indicator_update (live, feed);
          for (guint r = 0; r < revisions; r++)
            {
              double p = g_rand_double_range (rand, final->low[i], final->high[i]);
              bourse_bars_update_last (feed, final->open[i], MAX (final->open[i], p),
                                       MIN (final->open[i], p), p,
                                       g_rand_double_range (rand, 1, final->volume[i]));
              bourse_indicator_update (live, feed);
            }
          bourse_bars_update_last (feed, final->open[i], final->high[i], final->low[i],
                                   final->close[i], final->volume[i]);
          bourse_indicator_update (live, feed);
          /* Updating again with nothing changed is harmless. */
          bourse_indicator_update (live, feed);
        }

      for (guint o = 0; o < bourse_indicator_get_n_outputs (batch); o++)
        {
          const double *a = bourse_indicator_get_values (live, o);
          const double *e = bourse_indicator_get_values (batch, o);
          gsize valid = 0;

          for (gsize i = 0; i < final->len; i++)
            {
              if (isnan (a[i]) != isnan (e[i]) ||
                  (!isnan (a[i]) && fabs (a[i] - e[i]) > 1e-9 * MAX (1.0, fabs (e[i]))))
                g_error ("%s output %u bar %" G_GSIZE_FORMAT ": live %.15g batch %.15g",
                         all_specs[s], o, i, a[i], e[i]);
              valid += !isnan (e[i]);
            }
          /* Every output produced values (so the comparison was not vacuous). */
          g_assert_cmpuint (valid, >, final->len / 2);
        }
    }
}

static void
test_history_replaced (void)
{
  g_autoptr(BourseBars) a = random_bars (6, 200, 60);
  g_autoptr(BourseBars) b = random_bars (7, 150, 60);
  g_autoptr(BourseIndicator) ind = study ("ema:10", a);
  g_autoptr(BourseIndicator) fresh = study ("ema:10", b);

  /* Different bars of the same times, fewer of them: must not reuse the state. */
  for (gsize i = 0; i < b->len; i++)
    b->time[i] = a->time[i] + 30;
  bourse_indicator_update (ind, b);
  bourse_indicator_update (fresh, b);
  g_assert_cmpuint (bourse_indicator_get_length (ind), ==, b->len);
  for (gsize i = 0; i < b->len; i++)
    {
      double got = bourse_indicator_get_value (ind, 0, i);
      double want = bourse_indicator_get_value (fresh, 0, i);

      g_assert_true (isnan (got) == isnan (want));
      if (!isnan (want))
        g_assert_cmpfloat (got, ==, want);
    }
  g_assert_false (isnan (bourse_indicator_get_value (ind, 0, b->len - 1)));
}

/* The symbol-switch bug on 1D: another symbol's daily bars open at the very
 * same instants, as many of them or more. Only the series' identity tells the
 * indicator to start over; comparing times kept the old symbol's state. */
static void
test_another_series_same_times (void)
{
  const char *specs[] = { "bb:20,2", "rsi:14", "sma:20", "macd:12,26,9", "atr:14" };

  for (guint k = 0; k < G_N_ELEMENTS (specs); k++)
    for (gsize extra = 0; extra < 2; extra++)
      {
        g_autoptr(BourseBars) a = random_bars (11, 120, 86400);
        g_autoptr(BourseBars) b = random_bars (12, 120 + extra, 86400);
        g_autoptr(BourseIndicator) ind = study (specs[k], a);
        g_autoptr(BourseIndicator) fresh = NULL;

        for (gsize i = 0; i < b->len; i++)
          {
            b->time[i] = a->time[0] + (gint64) i * 86400;
            b->open[i] *= 3;  b->high[i] *= 3;  b->low[i] *= 3;  b->close[i] *= 3;
          }
        g_assert_cmpuint (bourse_bars_get_identity (a), !=, bourse_bars_get_identity (b));
        bourse_indicator_update (ind, b);
        fresh = study (specs[k], b);
        for (guint o = 0; o < bourse_indicator_get_n_outputs (fresh); o++)
          for (gsize i = 0; i < b->len; i++)
            {
              double got = bourse_indicator_get_value (ind, o, i);
              double want = bourse_indicator_get_value (fresh, o, i);

              g_assert_true (isnan (got) == isnan (want));
              if (!isnan (want))
                g_assert_cmpfloat_with_epsilon (got, want, 1e-9 * MAX (1.0, fabs (want)));
            }
      }
}

/* A copy is the same series: an indicator computed on the copy in a worker
 * keeps going incrementally on the original. */
static void
test_copy_keeps_identity (void)
{
  g_autoptr(BourseBars) a = random_bars (13, 50, 60);
  g_autoptr(BourseBars) copy = bourse_bars_copy (a);

  g_assert_cmpuint (bourse_bars_get_identity (a), ==, bourse_bars_get_identity (copy));
  bourse_bars_clear (copy);
  g_assert_cmpuint (bourse_bars_get_identity (a), !=, bourse_bars_get_identity (copy));
}

static void
test_spec_parsing (void)
{
  const struct { const char *spec; const char *columns; } good[] = {
    { "rsi:14", "rsi_14" },
    { "macd:12,26,9", "macd_12_26_9.macd macd_12_26_9.signal macd_12_26_9.hist" },
    { "bb:20,2", "bb_20_2.upper bb_20_2.middle bb_20_2.lower" },
    { "stoch:14,3,3", "stoch_14_3_3.k stoch_14_3_3.d" },
    { "bb:20,2.5", "bb_20_2.5.upper bb_20_2.5.middle bb_20_2.5.lower" },
    { "obv", "obv" },
    { "RSI", "rsi" },
    { "adx:14", "adx_14.adx adx_14.plus_di adx_14.minus_di" },
  };
  const struct { const char *spec; int code; } bad[] = {
    { "", BOURSE_INDICATOR_ERROR_SYNTAX },
    { ":14", BOURSE_INDICATOR_ERROR_SYNTAX },
    { "nope:3", BOURSE_INDICATOR_ERROR_UNKNOWN_STUDY },
    { "rsi:abc", BOURSE_INDICATOR_ERROR_SYNTAX },
    { "rsi:", BOURSE_INDICATOR_ERROR_SYNTAX },
    { "rsi:14,2", BOURSE_INDICATOR_ERROR_PARAMETER },
    { "rsi:0", BOURSE_INDICATOR_ERROR_PARAMETER },
    { "rsi:2.5", BOURSE_INDICATOR_ERROR_PARAMETER },
    { "rsi:nan", BOURSE_INDICATOR_ERROR_SYNTAX },
    { "sma:1e9", BOURSE_INDICATOR_ERROR_PARAMETER },
    { "macd:26,12,9", BOURSE_INDICATOR_ERROR_PARAMETER },
    { "obv:3", BOURSE_INDICATOR_ERROR_PARAMETER },
    { "psar:0.3,0.2", BOURSE_INDICATOR_ERROR_PARAMETER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BourseIndicator) ind = bourse_indicator_new_from_spec (good[i].spec, &error);
      g_autoptr(GString) cols = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint o = 0; o < bourse_indicator_get_n_outputs (ind); o++)
        {
          g_autofree char *c = bourse_indicator_dup_column_name (ind, o);
          if (o > 0)
            g_string_append_c (cols, ' ');
          g_string_append (cols, c);
        }
      g_assert_cmpstr (cols->str, ==, good[i].columns);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BourseIndicator) ind = bourse_indicator_new_from_spec (bad[i].spec, &error);

      g_assert_null (ind);
      g_assert_error (error, BOURSE_INDICATOR_ERROR, bad[i].code);
    }

  /* Every listed study parses with its defaults. */
  for (const BourseIndicatorInfo *info = bourse_indicator_list_studies (); info->name; info++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BourseIndicator) ind = bourse_indicator_new_from_spec (info->name, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (bourse_indicator_get_info (ind)->name, ==, info->name);
    }
}

/* Every row of a chart-data CSV holds its bar: the time, then open, high, low,
 * close and volume as written (10 decimals at most) and equal to the bar's, a
 * consistent candle (low <= open, close <= high), and @n_columns cells. */
static void
assert_csv_has_bars (char             **lines,
                     const BourseBars  *b,
                     guint              n_columns)
{
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  g_assert_true (g_str_has_prefix (lines[0], "time,open,high,low,close,volume"));
  for (gsize i = 0; i < b->len; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ",", -1);
      const double bar[] = { b->open[i], b->high[i], b->low[i], b->close[i], b->volume[i] };
      double v[G_N_ELEMENTS (bar)];

      g_assert_cmpuint (g_strv_length (cells), ==, n_columns);
      g_assert_cmpint (g_ascii_strtoll (cells[0], NULL, 10), ==, b->time[i]);
      for (guint c = 0; c < G_N_ELEMENTS (bar); c++)
        {
          g_assert_cmpstr (cells[c + 1], ==, bourse_format_number (buf, bar[c], 10));
          v[c] = g_ascii_strtod (cells[c + 1], NULL);
          g_assert_cmpfloat_with_epsilon (v[c], bar[c], 1e-9);
        }
      g_assert_cmpfloat (v[2], <=, MIN (v[0], v[3]));
      g_assert_cmpfloat (v[1], >=, MAX (v[0], v[3]));
      g_assert_cmpfloat (v[4], >=, 0);
    }
}

static void
test_csv_export (void)
{
  g_autoptr(BourseBars) b = random_bars (8, 40, 60);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) row = NULL;
  g_autofree char *text = NULL;
  char buf[BOURSE_FORMAT_NUMBER_BUF_SIZE];

  g_ptr_array_add (list, bourse_indicator_new_from_spec ("rsi:14", NULL));
  g_ptr_array_add (list, bourse_indicator_new_from_spec ("macd:3,5,2", NULL));
  g_assert_true (bourse_indicator_write_csv (list, b, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "time,open,high,low,close,volume,rsi_14,macd_3_5_2.macd,macd_3_5_2.signal,macd_3_5_2.hist");
  g_assert_cmpuint (g_strv_length (lines), ==, b->len + 2);   /* header + rows + "" */
  assert_csv_has_bars (lines, b, 10);
  {
    g_autofree char *first = NULL;
    char o[BOURSE_FORMAT_NUMBER_BUF_SIZE], h[BOURSE_FORMAT_NUMBER_BUF_SIZE];
    char l[BOURSE_FORMAT_NUMBER_BUF_SIZE], c[BOURSE_FORMAT_NUMBER_BUF_SIZE];

    /* the bar's values, then no study value yet */
    first = g_strdup_printf ("1700000000,%s,%s,%s,%s,%s,,,,",
                             bourse_format_number (o, b->open[0], 10), bourse_format_number (h, b->high[0], 10),
                             bourse_format_number (l, b->low[0], 10), bourse_format_number (c, b->close[0], 10),
                             bourse_format_number (buf, b->volume[0], 10));
    g_assert_cmpstr (lines[1], ==, first);
  }
  row = g_strsplit (lines[15], ",", -1);
  g_assert_cmpstr (row[6], ==, bourse_format_number (buf, bourse_indicator_get_value (list->pdata[0], 0, 14), 10));
  g_assert_nonnull (strchr (row[6], '.'));
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[6], NULL), bourse_indicator_get_value (list->pdata[0], 0, 14), 1e-9);
  /* the bar's close in its own column, before the studies' */
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[4], NULL), b->close[14], 1e-9);

  g_assert_cmpstr (bourse_format_number (buf, 1245.25, 10), ==, "1245.25");
  g_assert_cmpstr (bourse_format_number (buf, 3, 10), ==, "3");
  g_assert_cmpstr (bourse_format_number (buf, 0.1 + 0.2, 10), ==, "0.3");
  g_assert_cmpstr (bourse_format_number (buf, -0.00000000001, 10), ==, "0");
  g_assert_cmpstr (bourse_format_number (buf, 1e20, 2), ==, "100000000000000000000");
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (!bourse_indicator_update_finish (BOURSE_INDICATOR (object), result, error) && *error == NULL)
    g_error ("finish failed without an error");
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");   /* marks completion */
}

/* A long history computed in a worker thread, then caught up with the live bars. */
static void
test_update_async (void)
{
  g_autoptr(BourseBars) bars = random_bars (10, 50000, 60);
  g_autoptr(BourseIndicator) ind = bourse_indicator_new_from_spec ("stochrsi:14,14,3,3", NULL);
  g_autoptr(BourseIndicator) batch = bourse_indicator_new_from_spec ("stochrsi:14,14,3,3", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;

  bourse_indicator_update_async (ind, bars, NULL, async_done_cb, &error);
  /* The live series moves on while the worker computes on its copy. */
  bourse_bars_update_last (bars, 100, 130, 90, 125, 7);
  bourse_bars_append (bars, bars->time[bars->len - 1] + 60, 125, 126, 124, 125.5, 3);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (bourse_indicator_get_length (ind), ==, bars->len - 1);
  bourse_indicator_update (ind, bars);
  bourse_indicator_update (batch, bars);
  for (guint o = 0; o < 2; o++)
    for (gsize i = 0; i < bars->len; i++)
      {
        double a = bourse_indicator_get_value (ind, o, i), e = bourse_indicator_get_value (batch, o, i);
        g_assert_true (isnan (a) == isnan (e));
        if (!isnan (e))
          g_assert_cmpfloat (a, ==, e);
      }

  /* Cancelled while under way (started, its callback not yet run): an error, and the
   * indicator keeps what it had although the run was given more bars. */
  {
    gsize had = bars->len;
    double last = bourse_indicator_get_value (ind, 0, had - 1);

    bourse_bars_append (bars, bars->time[bars->len - 1] + 60, 125.5, 140, 120, 139, 5);
    bourse_indicator_update_async (ind, bars, cancellable, async_done_cb, &error);
    g_assert_null (error);
    g_cancellable_cancel (cancellable);
    while (error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_cmpuint (bourse_indicator_get_length (ind), ==, had);
    g_assert_cmpfloat (bourse_indicator_get_value (ind, 0, had - 1), ==, last);

    /* the same run uncancelled does take the new bar */
    bourse_indicator_update_async (ind, bars, NULL, async_done_cb, &error);
    while (error == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_clear_error (&error);
    g_assert_cmpuint (bourse_indicator_get_length (ind), ==, had + 1);
  }
}

/* The command line end to end: real process, real files. */
static void
test_cli (void)
{
  const char *cli = g_getenv ("BOURSE_CLI");
  g_autofree char *dir = g_dir_make_tmp ("bourse-cli-XXXXXX", NULL);
  g_autofree char *bars_path = g_build_filename (dir, "bars.csv", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(BourseBars) b = random_bars (9, 120, 60);
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseIndicator) rsi = study ("rsi:14", b);
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) row = NULL;
  int status;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_fail_printf ("BOURSE_CLI (%s) is not an executable", cli ? cli : "unset");
      return;
    }
  g_assert_true (bourse_bars_save_csv (b, bars_path, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { cli, "indicators", "--bars", bars_path, "--study", "rsi:14",
                           "--study", "macd:12,26,9", "--study", "bb:20,2", "--study", "stoch:14,3,3",
                           "--out", out_path, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                                 &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (out_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "time,open,high,low,close,volume,"
                   "rsi_14,macd_12_26_9.macd,macd_12_26_9.signal,macd_12_26_9.hist,"
                   "bb_20_2.upper,bb_20_2.middle,bb_20_2.lower,stoch_14_3_3.k,stoch_14_3_3.d");
  g_assert_cmpuint (g_strv_length (lines), ==, b->len + 2);
  /* the bars read back from the file: the CSV's OHLCV columns are the input's */
  assert_csv_has_bars (lines, b, 15);
  g_assert_true (g_str_has_prefix (lines[1], "1700000000,"));
  g_assert_true (g_str_has_suffix (lines[1], ",,,,,,,,,"));   /* 9 study cells, no value yet */
  row = g_strsplit (lines[40], ",", -1);
  g_assert_cmpuint (g_strv_length (row), ==, 15);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[6], NULL), bourse_indicator_get_value (rsi, 0, 39), 1e-9);
  for (guint k = 1; k < 15; k++)
    g_assert_null (strchr (row[k], 'e'));

  /* A bad spec: exit status 2 and a message naming the problem. */
  {
    const char *argv[] = { cli, "indicators", "--bars", bars_path, "--study", "rsi:0", NULL };
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "rsi:0"));
  }
  /* A missing file: exit status 1. */
  {
    const char *argv[] = { cli, "indicators", "--bars", "/nonexistent/bars.csv", "--study", "rsi", NULL };
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, &err, &status, &error));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  }
  g_remove (bars_path);
  g_remove (out_path);
  g_rmdir (dir);
}

/* Runs `bourse-cli indicators --bench N [--study S]…`: the exit status and,
 * on success, its one JSON line as an object (NULL otherwise). */
static JsonObject *
run_cli_bench (const char * const *args,
               int                *exit_status)
{
  const char *cli = g_getenv ("BOURSE_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL, *err = NULL;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, "indicators");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  *exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  if (*exit_status != 0)
    {
      g_test_message ("stderr: %s", err);
      return NULL;
    }
  /* one JSON line */
  g_assert_true (g_str_has_suffix (out, "\n"));
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* `bourse-cli indicators --bench N`: one JSON line with every study's batch
 * time and live-update cost, on N generated bars; the totals agree with the
 * parts. Shape and consistency only: speed is `make bench`'s. */
static void
test_cli_bench (void)
{
  static const char * const all[] = { "--bench", "300", NULL };
  static const char * const two[] = { "--bench", "500", "--study", "rsi:14", "--study", "sma:5", NULL };
  static const char * const few[] = { "--bench", "50", NULL };
  static const char * const bad[] = { "--bench", "500", "--study", "rsi:0", NULL };
  const BourseIndicatorInfo *info;
  g_autoptr(JsonObject) result = NULL, pair = NULL;
  JsonObject *batch, *update;
  double sum = 0, max = 0, min = G_MAXDOUBLE, median;
  guint n_studies = 0;
  int status;

  for (info = bourse_indicator_list_studies (); info->name != NULL; info++)
    n_studies++;
  g_assert_cmpuint (n_studies, ==, 22);

  result = run_cli_bench (all, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "bench"), ==, "indicators");
  g_assert_cmpint (json_object_get_int_member (result, "bars"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (result, "studies"), ==, n_studies);
  batch = json_object_get_object_member (result, "batch_ms");
  update = json_object_get_object_member (result, "update_ns");
  g_assert_cmpuint (json_object_get_size (batch), ==, n_studies);
  g_assert_cmpuint (json_object_get_size (update), ==, n_studies);
  /* every study, by its default spec, in both maps */
  for (info = bourse_indicator_list_studies (); info->name != NULL; info++)
    {
      g_autoptr(BourseIndicator) ind = bourse_indicator_new_from_spec (info->name, NULL);
      const char *spec = bourse_indicator_get_spec (ind);
      double b = json_object_get_double_member_with_default (batch, spec, NAN);
      double u = json_object_get_double_member_with_default (update, spec, NAN);

      g_assert_true (isfinite (b) && b >= 0);
      g_assert_true (isfinite (u) && u >= 0);
      sum += b;
      max = MAX (max, u);
      min = MIN (min, u);
    }
  /* the total is the sum of the parts (each printed to 0.001 ms) */
  g_assert_cmpfloat (fabs (json_object_get_double_member (result, "batch_ms_total") - sum), <=, 0.0005 * (n_studies + 1));
  /* the median lies among the studies' costs, the max is the largest (to 0.1 ns) */
  median = json_object_get_double_member (result, "update_ns_median");
  g_assert_cmpfloat (median, >=, min - 0.05);
  g_assert_cmpfloat (median, <=, json_object_get_double_member (result, "update_ns_max"));
  g_assert_cmpfloat (fabs (json_object_get_double_member (result, "update_ns_max") - max), <=, 0.05);

  /* --study picks the studies benchmarked */
  pair = run_cli_bench (two, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (pair, "bars"), ==, 500);
  g_assert_cmpint (json_object_get_int_member (pair, "studies"), ==, 2);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (pair, "batch_ms")), ==, 2);
  g_assert_true (json_object_has_member (json_object_get_object_member (pair, "update_ns"), "rsi:14") &&
                 json_object_has_member (json_object_get_object_member (pair, "update_ns"), "sma:5"));

  /* too few bars, a bad spec: exit status 2, nothing on stdout */
  g_assert_null (run_cli_bench (few, &status));
  g_assert_cmpint (status, ==, 2);
  g_assert_null (run_cli_bench (bad, &status));
  g_assert_cmpint (status, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Bourse/Studies/Indicators/hand-computed", test_hand_computed);
  g_test_add_func ("/Bourse/Studies/Indicators/psar-hand-computed", test_psar_hand_computed);
  g_test_add_func ("/Bourse/Studies/Indicators/rsi-published-values", test_rsi_published);
  g_test_add_func ("/Bourse/Studies/Indicators/moving-averages", test_moving_averages);
  g_test_add_func ("/Bourse/Studies/Indicators/bands-and-channels", test_bands);
  g_test_add_func ("/Bourse/Studies/Indicators/oscillators", test_oscillators);
  g_test_add_func ("/Bourse/Studies/Indicators/volume-and-trend", test_volume_and_trend);
  g_test_add_func ("/Bourse/Studies/Indicators/incremental-equals-batch", test_incremental_equals_batch);
  g_test_add_func ("/Bourse/Studies/Indicators/history-replaced", test_history_replaced);
  g_test_add_func ("/Bourse/Studies/Indicators/another-series-same-times", test_another_series_same_times);
  g_test_add_func ("/Bourse/Studies/Indicators/copy-keeps-identity", test_copy_keeps_identity);
  g_test_add_func ("/Bourse/Studies/Indicators/spec-parsing", test_spec_parsing);
  g_test_add_func ("/Bourse/Studies/Indicators/csv-export", test_csv_export);
  g_test_add_func ("/Bourse/Studies/Indicators/update-async", test_update_async);
  g_test_add_func ("/Bourse/Studies/Indicators/cli", test_cli);
  g_test_add_func ("/Bourse/Studies/Indicators/cli-bench", test_cli_bench);

  return g_test_run ();
}

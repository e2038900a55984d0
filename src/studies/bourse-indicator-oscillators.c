/* bourse-indicator-oscillators.c — RSI, MACD, Stochastic, Stochastic RSI, CCI, Williams %R
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions are listed in bourse-indicator.h.
 */
#include "config.h"

#include <math.h>

#include "bourse-indicator-private.h"


/* rsi: Wilder smoothing (α = 1/N, seeded with the N-change means) of gains and losses,
 * as TA-Lib; first value at N; no losses → 100, no movement at all → 50. */
typedef struct
{
  BourseEma gain;
  BourseEma loss;
} RsiState;

static void
rsi_state_init (RsiState *s,
                guint     n)
{
  _bourse_ema_init (&s->gain, n, 1.0 / n);
  _bourse_ema_init (&s->loss, n, 1.0 / n);
}

static double
rsi_state_push (RsiState         *s,
                const BourseBars *bars,
                gsize             i,
                gboolean          commit)
{
  double change, gain, loss;

  if (i == 0)
    return NAN;
  change = bars->close[i] - bars->close[i - 1];
  gain = _bourse_ema_push (&s->gain, change > 0 ? change : 0, commit);
  loss = _bourse_ema_push (&s->loss, change < 0 ? -change : 0, commit);
  if (isnan (gain))
    return NAN;
  if (gain + loss == 0)
    return 50;
  return 100 * gain / (gain + loss);
}

static void
rsi_init (gpointer state, const double *params)
{
  rsi_state_init (state, (guint) params[0]);
}

static void
rsi_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  out[0] = rsi_state_push (state, bars, i, commit);
}

static const BourseIndicatorKind rsi_kind = {
  .info = {
    .name = "rsi", .title = "Relative Strength Index", .defaults = "14",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "RSI",
    .category = BOURSE_INDICATOR_CATEGORY_OSCILLATORS, .precision = 2,
    .plots = { BOURSE_PLOT ("RSI", LINE, 0x7e57c2) },
    .n_levels = 3,
    .levels = { { 70, TRUE }, { 50, FALSE }, { 30, TRUE } },
    .level_fill = TRUE,
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 14) },
  .outputs = { "rsi", NULL },
  .state_size = sizeof (RsiState),
  .init = rsi_init, .step = rsi_step,
};

/* macd: EMA(F) - EMA(S), signal EMA(G) of it, all SMA-seeded; TA-Lib starts the fast EMA
 * late so both EMAs begin at S-1. */
typedef struct
{
  BourseEma fast;
  BourseEma slow;
  BourseEma signal;
} MacdState;

static gboolean
macd_validate (const double *params, GError **error)
{
  if (params[0] >= params[1])
    {
      g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_PARAMETER,
                   "the fast period (%g) must be shorter than the slow one (%g)",
                   params[0], params[1]);
      return FALSE;
    }
  return TRUE;
}

static void
macd_init (gpointer state, const double *params)
{
  MacdState *s = state;
  _bourse_ema_init (&s->fast, (guint) params[0], 2.0 / (params[0] + 1));
  _bourse_ema_init (&s->slow, (guint) params[1], 2.0 / (params[1] + 1));
  _bourse_ema_init (&s->signal, (guint) params[2], 2.0 / (params[2] + 1));
}

static void
macd_step (gpointer state, const double *params, const BourseBars *bars,
           gsize i, gboolean commit, double *out)
{
  MacdState *s = state;
  gsize fast_start = (gsize) (params[1] - params[0]);
  double fast = NAN, slow, macd, signal;

  /* TA-Lib seeds the fast EMA late so both EMAs produce their first value at S-1. */
  if (i >= fast_start)
    fast = _bourse_ema_push (&s->fast, bars->close[i], commit);
  slow = _bourse_ema_push (&s->slow, bars->close[i], commit);
  if (isnan (slow))
    return;
  macd = fast - slow;
  signal = _bourse_ema_push (&s->signal, macd, commit);
  out[0] = macd;
  out[1] = signal;
  out[2] = macd - signal;
}

static const BourseIndicatorKind macd_kind = {
  .info = {
    .name = "macd", .title = "MACD", .defaults = "12,26,9",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "MACD",
    .category = BOURSE_INDICATOR_CATEGORY_OSCILLATORS, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("MACD", LINE, 0x2962ff), BOURSE_PLOT ("Signal", LINE, 0xff6d00), BOURSE_PLOT ("Histogram", HISTOGRAM, 0x26a69a) },
    .n_levels = 1,
    .levels = { { 0, FALSE } },
  },
  .n_params = 3, .params = { BOURSE_INPUT_PERIOD ("Fast length", 12), BOURSE_INPUT_PERIOD ("Slow length", 26), BOURSE_INPUT_PERIOD ("Signal smoothing", 9) },
  .outputs = { "macd", "signal", "hist", NULL },
  .state_size = sizeof (MacdState),
  .validate = macd_validate, .init = macd_init, .step = macd_step,
};

/* The %K/%D pipeline shared by stoch and stochrsi: raw %K over a window of
 * (high, low, close) inputs, then two SMAs. */
typedef struct
{
  BourseExtremum hh;
  BourseExtremum ll;
  BourseWindow   k;
  BourseWindow   d;
} KdState;

static void
kd_init (KdState *s, guint period, guint k_smooth, guint d_smooth)
{
  _bourse_extremum_init (&s->hh, period, TRUE);
  _bourse_extremum_init (&s->ll, period, FALSE);
  _bourse_window_init (&s->k, k_smooth);
  _bourse_window_init (&s->d, d_smooth);
}

static void
kd_clear (KdState *s)
{
  _bourse_extremum_clear (&s->hh);
  _bourse_extremum_clear (&s->ll);
  _bourse_window_clear (&s->k);
  _bourse_window_clear (&s->d);
}

static void
kd_push (KdState  *s,
         double    high,
         double    low,
         double    close,
         gboolean  commit,
         double   *out)
{
  double hh, ll, raw, sum_k, sum_d, k;

  _bourse_extremum_push (&s->hh, high, commit, &hh);
  if (!_bourse_extremum_push (&s->ll, low, commit, &ll))
    return;
  raw = hh > ll ? 100 * (close - ll) / (hh - ll) : 0;
  if (!_bourse_window_push (&s->k, raw, commit, &sum_k, NULL, NULL))
    return;
  k = sum_k / s->k.size;
  out[0] = k;
  if (_bourse_window_push (&s->d, k, commit, &sum_d, NULL, NULL))
    out[1] = sum_d / s->d.size;
}

static void
stoch_init (gpointer state, const double *params)
{
  kd_init (state, (guint) params[0], (guint) params[1], (guint) params[2]);
}

static void
stoch_clear (gpointer state)
{
  kd_clear (state);
}

static void
stoch_step (gpointer state, const double *params, const BourseBars *bars,
            gsize i, gboolean commit, double *out)
{
  kd_push (state, bars->high[i], bars->low[i], bars->close[i], commit, out);
}

static const BourseIndicatorKind stoch_kind = {
  .info = {
    .name = "stoch", .title = "Stochastic", .defaults = "14,3,3",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "Stochastic",
    .category = BOURSE_INDICATOR_CATEGORY_OSCILLATORS, .precision = 2,
    .plots = { BOURSE_PLOT ("%K", LINE, 0x2962ff), BOURSE_PLOT ("%D", LINE, 0xff6d00) },
    .n_levels = 3,
    .levels = { { 80, TRUE }, { 50, FALSE }, { 20, TRUE } },
    .level_fill = TRUE,
  },
  .n_params = 3, .params = { BOURSE_INPUT_PERIOD ("%K length", 14), BOURSE_INPUT_PERIOD ("%K smoothing", 3), BOURSE_INPUT_PERIOD ("%D smoothing", 3) },
  .outputs = { "k", "d", NULL },
  .state_size = sizeof (KdState),
  .init = stoch_init, .clear = stoch_clear, .step = stoch_step,
};

typedef struct
{
  RsiState rsi;
  KdState  kd;
} StochRsiState;

static void
stochrsi_init (gpointer state, const double *params)
{
  StochRsiState *s = state;
  rsi_state_init (&s->rsi, (guint) params[0]);
  kd_init (&s->kd, (guint) params[1], (guint) params[2], (guint) params[3]);
}

static void
stochrsi_clear (gpointer state)
{
  StochRsiState *s = state;
  kd_clear (&s->kd);
}

static void
stochrsi_step (gpointer state, const double *params, const BourseBars *bars,
               gsize i, gboolean commit, double *out)
{
  StochRsiState *s = state;
  double rsi = rsi_state_push (&s->rsi, bars, i, commit);

  if (!isnan (rsi))
    kd_push (&s->kd, rsi, rsi, rsi, commit, out);
}

static const BourseIndicatorKind stochrsi_kind = {
  .info = {
    .name = "stochrsi", .title = "Stochastic RSI", .defaults = "14,14,3,3",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "Stoch RSI",
    .category = BOURSE_INDICATOR_CATEGORY_OSCILLATORS, .precision = 2,
    .plots = { BOURSE_PLOT ("%K", LINE, 0x2962ff), BOURSE_PLOT ("%D", LINE, 0xff6d00) },
    .n_levels = 3,
    .levels = { { 80, TRUE }, { 50, FALSE }, { 20, TRUE } },
    .level_fill = TRUE,
  },
  .n_params = 4, .params = { BOURSE_INPUT_PERIOD ("RSI length", 14), BOURSE_INPUT_PERIOD ("Stochastic length", 14), BOURSE_INPUT_PERIOD ("%K smoothing", 3), BOURSE_INPUT_PERIOD ("%D smoothing", 3) },
  .outputs = { "k", "d", NULL },
  .state_size = sizeof (StochRsiState),
  .init = stochrsi_init, .clear = stochrsi_clear, .step = stochrsi_step,
};

/* cci: (TP - SMA(TP)) / (0.015 · mean absolute deviation), TA-Lib's definition (not σ);
 * the mean deviation has no running form, so it is recomputed over the window (O(N)). */
typedef struct
{
  BourseWindow tp;
} CciState;

static void
cci_init (gpointer state, const double *params)
{
  CciState *s = state;
  _bourse_window_init (&s->tp, (guint) params[0]);
}

static void
cci_clear (gpointer state)
{
  CciState *s = state;
  _bourse_window_clear (&s->tp);
}

static void
cci_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  CciState *s = state;
  guint n = (guint) params[0];
  double tp = (bars->high[i] + bars->low[i] + bars->close[i]) / 3;
  double sum, mean, dev;

  if (!_bourse_window_push (&s->tp, tp, commit, &sum, NULL, NULL))
    return;
  mean = sum / n;
  dev = fabs (tp - mean);
  /* After a commit the ring's newest value is @tp itself; before, the window
   * is @tp plus the n-1 newest committed values. */
  for (guint k = commit ? 1 : 0; k < (commit ? n : n - 1); k++)
    dev += fabs (_bourse_window_get (&s->tp, k) - mean);
  dev /= n;
  out[0] = dev > 0 ? (tp - mean) / (0.015 * dev) : 0;
}

static const BourseIndicatorKind cci_kind = {
  .info = {
    .name = "cci", .title = "Commodity Channel Index", .defaults = "20",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "CCI",
    .category = BOURSE_INDICATOR_CATEGORY_OSCILLATORS, .precision = 2,
    .plots = { BOURSE_PLOT ("CCI", LINE, 0x2962ff) },
    .n_levels = 3,
    .levels = { { 100, TRUE }, { 0, FALSE }, { -100, TRUE } },
    .level_fill = TRUE,
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 20) },
  .outputs = { "cci", NULL },
  .state_size = sizeof (CciState),
  .init = cci_init, .clear = cci_clear, .step = cci_step,
};

/* willr: -100·(HH - C)/(HH - LL) over N bars (TA-Lib's -100…0 scale). */
typedef struct
{
  BourseExtremum hh;
  BourseExtremum ll;
} WillrState;

static void
willr_init (gpointer state, const double *params)
{
  WillrState *s = state;
  _bourse_extremum_init (&s->hh, (guint) params[0], TRUE);
  _bourse_extremum_init (&s->ll, (guint) params[0], FALSE);
}

static void
willr_clear (gpointer state)
{
  WillrState *s = state;
  _bourse_extremum_clear (&s->hh);
  _bourse_extremum_clear (&s->ll);
}

static void
willr_step (gpointer state, const double *params, const BourseBars *bars,
            gsize i, gboolean commit, double *out)
{
  WillrState *s = state;
  double hh, ll;

  _bourse_extremum_push (&s->hh, bars->high[i], commit, &hh);
  if (_bourse_extremum_push (&s->ll, bars->low[i], commit, &ll))
    out[0] = hh > ll ? -100 * (hh - bars->close[i]) / (hh - ll) : 0;
}

static const BourseIndicatorKind willr_kind = {
  .info = {
    .name = "willr", .title = "Williams %R", .defaults = "14",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "Williams %R",
    .category = BOURSE_INDICATOR_CATEGORY_OSCILLATORS, .precision = 2,
    .plots = { BOURSE_PLOT ("%R", LINE, 0x7e57c2) },
    .n_levels = 3,
    .levels = { { -20, TRUE }, { -50, FALSE }, { -80, TRUE } },
    .level_fill = TRUE,
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 14) },
  .outputs = { "willr", NULL },
  .state_size = sizeof (WillrState),
  .init = willr_init, .clear = willr_clear, .step = willr_step,
};

const BourseIndicatorKind *const _bourse_indicator_oscillator_kinds[] = {
  &rsi_kind, &macd_kind, &stoch_kind, &stochrsi_kind, &cci_kind, &willr_kind, NULL,
};

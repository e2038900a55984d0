/* bourse-indicator-channels.c — bands and trend overlays: Bollinger, Keltner, Donchian,
 * Ichimoku, Parabolic SAR, SuperTrend
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions are listed in bourse-indicator.h.
 */
#include "config.h"

#include <math.h>

#include "bourse-indicator-private.h"


/* bb: SMA(N) ± K·σ with the POPULATION standard deviation (÷N), as TA-Lib and Pine;
 * pandas' default sample σ would be √(N/(N-1)) wider. First value at N-1. */
typedef struct
{
  BourseWindow w;
} BbState;

static void
bb_init (gpointer state, const double *params)
{
  BbState *s = state;
  _bourse_window_init (&s->w, (guint) params[0]);
}

static void
bb_clear (gpointer state)
{
  BbState *s = state;
  _bourse_window_clear (&s->w);
}

static void
bb_step (gpointer state, const double *params, const BourseBars *bars,
         gsize i, gboolean commit, double *out)
{
  BbState *s = state;
  double sum, sumsq, n = params[0];

  if (_bourse_window_push (&s->w, bars->close[i], commit, &sum, &sumsq, NULL))
    {
      double mean = sum / n;
      double var = MAX (sumsq / n - mean * mean, 0.0);
      double sd = sqrt (var);

      out[0] = mean + params[1] * sd;
      out[1] = mean;
      out[2] = mean - params[1] * sd;
    }
}

static const BourseIndicatorKind bb_kind = {
  .info = {
    .name = "bb", .title = "Bollinger Bands", .defaults = "20,2",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "Bollinger Bands",
    .category = BOURSE_INDICATOR_CATEGORY_BANDS, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("Upper", LINE, 0x2962ff), BOURSE_PLOT ("Basis", LINE, 0xff6d00), BOURSE_PLOT ("Lower", LINE, 0x2962ff) },
    .has_band = TRUE, .band_upper = 0, .band_lower = 2,
  },
  .n_params = 2, .params = { BOURSE_INPUT_PERIOD ("Length", 20), BOURSE_INPUT_FACTOR ("StdDev", 2) },
  .outputs = { "upper", "middle", "lower", NULL },
  .state_size = sizeof (BbState),
  .init = bb_init, .clear = bb_clear, .step = bb_step,
};

/* kc: EMA(N) (SMA-seeded) ± K·ATR(A) with the Wilder ATR below (TradingView's default
 * band source, ATR length 10). */
typedef struct
{
  BourseEma ema;
  BourseEma atr;
} KcState;

static void
kc_init (gpointer state, const double *params)
{
  KcState *s = state;
  _bourse_ema_init (&s->ema, (guint) params[0], 2.0 / (params[0] + 1));
  _bourse_ema_init (&s->atr, (guint) params[2], 1.0 / params[2]);
}

static void
kc_step (gpointer state, const double *params, const BourseBars *bars,
         gsize i, gboolean commit, double *out)
{
  KcState *s = state;
  double mid = _bourse_ema_push (&s->ema, bars->close[i], commit);
  double atr = _bourse_atr_push (&s->atr, bars, i, commit);

  if (!isnan (mid) && !isnan (atr))
    {
      out[0] = mid + params[1] * atr;
      out[1] = mid;
      out[2] = mid - params[1] * atr;
    }
}

static const BourseIndicatorKind kc_kind = {
  .info = {
    .name = "kc", .title = "Keltner Channels", .defaults = "20,2,10",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "Keltner Channels",
    .category = BOURSE_INDICATOR_CATEGORY_BANDS, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("Upper", LINE, 0x2962ff), BOURSE_PLOT ("Basis", LINE, 0xff6d00), BOURSE_PLOT ("Lower", LINE, 0x2962ff) },
    .has_band = TRUE, .band_upper = 0, .band_lower = 2,
  },
  .n_params = 3, .params = { BOURSE_INPUT_PERIOD ("Length", 20), BOURSE_INPUT_FACTOR ("Multiplier", 2), BOURSE_INPUT_PERIOD ("ATR length", 10) },
  .outputs = { "upper", "middle", "lower", NULL },
  .state_size = sizeof (KcState),
  .init = kc_init, .step = kc_step,
};

/* dc: highest high and lowest low of N bars (monotonic deques), middle their mean. */
typedef struct
{
  BourseExtremum hh;
  BourseExtremum ll;
} DcState;

static void
dc_init (gpointer state, const double *params)
{
  DcState *s = state;
  _bourse_extremum_init (&s->hh, (guint) params[0], TRUE);
  _bourse_extremum_init (&s->ll, (guint) params[0], FALSE);
}

static void
dc_clear (gpointer state)
{
  DcState *s = state;
  _bourse_extremum_clear (&s->hh);
  _bourse_extremum_clear (&s->ll);
}

static void
dc_step (gpointer state, const double *params, const BourseBars *bars,
         gsize i, gboolean commit, double *out)
{
  DcState *s = state;
  double hh, ll;
  gboolean full;

  _bourse_extremum_push (&s->hh, bars->high[i], commit, &hh);
  full = _bourse_extremum_push (&s->ll, bars->low[i], commit, &ll);
  if (full)
    {
      out[0] = hh;
      out[1] = (hh + ll) / 2;
      out[2] = ll;
    }
}

static const BourseIndicatorKind dc_kind = {
  .info = {
    .name = "dc", .title = "Donchian Channels", .defaults = "20",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "Donchian Channels",
    .category = BOURSE_INDICATOR_CATEGORY_BANDS, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("Upper", LINE, 0x2962ff), BOURSE_PLOT ("Basis", LINE, 0xff6d00), BOURSE_PLOT ("Lower", LINE, 0x2962ff) },
    .has_band = TRUE, .band_upper = 0, .band_lower = 2,
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 20) },
  .outputs = { "upper", "middle", "lower", NULL },
  .state_size = sizeof (DcState),
  .init = dc_init, .clear = dc_clear, .step = dc_step,
};

/* ichimoku: midpoints of three windows, unshifted (offsets in ichimoku_offset) */
typedef struct
{
  DcState tenkan;
  DcState kijun;
  DcState span_b;
} IchimokuState;

static void
ichimoku_init (gpointer state, const double *params)
{
  IchimokuState *s = state;
  dc_init (&s->tenkan, &params[0]);
  dc_init (&s->kijun, &params[1]);
  dc_init (&s->span_b, &params[2]);
}

static void
ichimoku_clear (gpointer state)
{
  IchimokuState *s = state;
  dc_clear (&s->tenkan);
  dc_clear (&s->kijun);
  dc_clear (&s->span_b);
}

static void
ichimoku_step (gpointer state, const double *params, const BourseBars *bars,
               gsize i, gboolean commit, double *out)
{
  IchimokuState *s = state;
  double t[3], k[3], b[3];

  t[1] = k[1] = b[1] = NAN;
  dc_step (&s->tenkan, NULL, bars, i, commit, t);
  dc_step (&s->kijun, NULL, bars, i, commit, k);
  dc_step (&s->span_b, NULL, bars, i, commit, b);
  out[0] = t[1];
  out[1] = k[1];
  out[2] = (t[1] + k[1]) / 2;   /* NaN until both exist */
  out[3] = b[1];
  out[4] = bars->close[i];
}

static int
ichimoku_offset (const double *params, guint output)
{
  int shift = (int) params[3] - 1;

  switch (output)
    {
    case 2:
    case 3:
      return shift;
    case 4:
      return -shift;
    default:
      return 0;
    }
}

static const BourseIndicatorKind ichimoku_kind = {
  .info = {
    .name = "ichimoku", .title = "Ichimoku Cloud", .defaults = "9,26,52,26",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "Ichimoku",
    .category = BOURSE_INDICATOR_CATEGORY_TREND, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("Conversion Line", LINE, 0x2962ff), BOURSE_PLOT ("Base Line", LINE, 0xb71c1c), BOURSE_PLOT ("Leading Span A", LINE, 0x43a047), BOURSE_PLOT ("Leading Span B", LINE, 0xff5252), BOURSE_PLOT ("Lagging Span", LINE, 0x43a047) },
    .has_band = TRUE, .band_upper = 2, .band_lower = 3,
  },
  .n_params = 4, .params = { BOURSE_INPUT_PERIOD ("Conversion line length", 9), BOURSE_INPUT_PERIOD ("Base line length", 26), BOURSE_INPUT_PERIOD ("Leading span B length", 52), BOURSE_INPUT_PERIOD ("Displacement", 26) },
  .outputs = { "tenkan", "kijun", "span_a", "span_b", "chikou", NULL },
  .state_size = sizeof (IchimokuState),
  .init = ichimoku_init, .clear = ichimoku_clear, .step = ichimoku_step,
  .offset = ichimoku_offset,
};

/* psar: Wilder's Parabolic SAR exactly as TA-Lib's TA_SAR runs it (direction from bar
 * 1's directional movement, AF from step to max); first value at 1. The state is a
 * few doubles, so the forming bar works on a copy. */
typedef struct
{
  gboolean started;
  gboolean is_long;
  double   sar;
  double   ep;
  double   af;
} PsarState;

static void
psar_init (gpointer state, const double *params)
{
  PsarState *s = state;
  s->started = FALSE;
}

static void
psar_step (gpointer state, const double *params, const BourseBars *bars,
           gsize i, gboolean commit, double *out)
{
  PsarState st = *(PsarState *) state;
  double acc = params[0], max_af = params[1];
  double prev_high, prev_low, new_high, new_low;

  if (i == 0)
    return;

  if (!st.started)
    {
      /* Bar 1 decides the initial direction: short if the down move wins. */
      double up = bars->high[1] - bars->high[0];
      double down = bars->low[0] - bars->low[1];
      double minus_dm = (down > 0 && down > up) ? down : 0;

      st.started = TRUE;
      st.is_long = !(minus_dm > 0);
      st.af = acc;
      if (st.is_long)
        {
          st.ep = bars->high[1];
          st.sar = bars->low[0];
        }
      else
        {
          st.ep = bars->low[1];
          st.sar = bars->high[0];
        }
      prev_high = bars->high[1];
      prev_low = bars->low[1];
    }
  else
    {
      prev_high = bars->high[i - 1];
      prev_low = bars->low[i - 1];
    }
  new_high = bars->high[i];
  new_low = bars->low[i];

  if (st.is_long)
    {
      if (new_low <= st.sar)
        {
          st.is_long = FALSE;
          st.sar = MAX (st.ep, MAX (prev_high, new_high));
          out[0] = st.sar;
          st.af = acc;
          st.ep = new_low;
          st.sar = st.sar + st.af * (st.ep - st.sar);
          st.sar = MAX (st.sar, MAX (prev_high, new_high));
        }
      else
        {
          out[0] = st.sar;
          if (new_high > st.ep)
            {
              st.ep = new_high;
              st.af = MIN (st.af + acc, max_af);
            }
          st.sar = st.sar + st.af * (st.ep - st.sar);
          st.sar = MIN (st.sar, MIN (prev_low, new_low));
        }
    }
  else
    {
      if (new_high >= st.sar)
        {
          st.is_long = TRUE;
          st.sar = MIN (st.ep, MIN (prev_low, new_low));
          out[0] = st.sar;
          st.af = acc;
          st.ep = new_high;
          st.sar = st.sar + st.af * (st.ep - st.sar);
          st.sar = MIN (st.sar, MIN (prev_low, new_low));
        }
      else
        {
          out[0] = st.sar;
          if (new_low < st.ep)
            {
              st.ep = new_low;
              st.af = MIN (st.af + acc, max_af);
            }
          st.sar = st.sar + st.af * (st.ep - st.sar);
          st.sar = MAX (st.sar, MAX (prev_high, new_high));
        }
    }

  if (commit)
    *(PsarState *) state = st;
}

static gboolean
psar_validate (const double *params, GError **error)
{
  if (params[0] > params[1])
    {
      g_set_error (error, BOURSE_INDICATOR_ERROR, BOURSE_INDICATOR_ERROR_PARAMETER,
                   "the acceleration step (%g) must not exceed its maximum (%g)", params[0], params[1]);
      return FALSE;
    }
  return TRUE;
}

static const BourseIndicatorKind psar_kind = {
  .info = {
    .name = "psar", .title = "Parabolic SAR", .defaults = "0.02,0.2",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "Parabolic SAR",
    .category = BOURSE_INDICATOR_CATEGORY_TREND, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("Parabolic SAR", LINE, 0x2962ff) },
  },
  .n_params = 2,
  .params = {
    { .label = "Acceleration step", .min = 0.0001, .max = 1, .step = 0.01, .fallback = 0.02, .digits = 4 },
    { .label = "Maximum acceleration", .min = 0.0001, .max = 1, .step = 0.01, .fallback = 0.2, .digits = 4 },
  },
  .outputs = { "psar", NULL },
  .state_size = sizeof (PsarState),
  .validate = psar_validate, .init = psar_init, .step = psar_step,
};

/* supertrend: Pine's ta.supertrend band ratchet on hl2 ± F·ATR, the ATR Wilder-smoothed
 * and TA-Lib-started (first at A); direction +1 up / -1 down (Pine uses the opposite sign). */
typedef struct
{
  BourseEma atr;
  gboolean  have_prev;
  double    prev_upper;
  double    prev_lower;
  double    prev_value;
} SupertrendState;

static void
supertrend_init (gpointer state, const double *params)
{
  SupertrendState *s = state;
  _bourse_ema_init (&s->atr, (guint) params[0], 1.0 / params[0]);
  s->have_prev = FALSE;
}

static void
supertrend_step (gpointer state, const double *params, const BourseBars *bars,
                 gsize i, gboolean commit, double *out)
{
  SupertrendState *s = state;
  double atr = _bourse_atr_push (&s->atr, bars, i, commit);
  double hl2, upper, lower, value, direction;

  if (isnan (atr))
    return;

  hl2 = (bars->high[i] + bars->low[i]) / 2;
  upper = hl2 + params[1] * atr;
  lower = hl2 - params[1] * atr;
  if (s->have_prev)
    {
      double prev_close = bars->close[i - 1];

      /* Bands only ratchet towards price unless the previous close broke them. */
      if (!(lower > s->prev_lower || prev_close < s->prev_lower))
        lower = s->prev_lower;
      if (!(upper < s->prev_upper || prev_close > s->prev_upper))
        upper = s->prev_upper;
      if (s->prev_value == s->prev_upper)
        direction = bars->close[i] > upper ? 1 : -1;
      else
        direction = bars->close[i] < lower ? -1 : 1;
    }
  else
    direction = -1;

  value = direction > 0 ? lower : upper;
  out[0] = value;
  out[1] = direction;

  if (commit)
    {
      s->have_prev = TRUE;
      s->prev_upper = upper;
      s->prev_lower = lower;
      s->prev_value = value;
    }
}

static const BourseIndicatorKind supertrend_kind = {
  .info = {
    .name = "supertrend", .title = "SuperTrend", .defaults = "10,3",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "SuperTrend",
    .category = BOURSE_INDICATOR_CATEGORY_TREND, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("SuperTrend", LINE, 0x00897b), BOURSE_PLOT ("Direction", HIDDEN, 0x00897b) },
  },
  .n_params = 2, .params = { BOURSE_INPUT_PERIOD ("ATR length", 10), BOURSE_INPUT_FACTOR ("Factor", 3) },
  .outputs = { "value", "direction", NULL },
  .state_size = sizeof (SupertrendState),
  .init = supertrend_init, .step = supertrend_step,
};

const BourseIndicatorKind *const _bourse_indicator_channel_kinds[] = {
  &bb_kind, &kc_kind, &dc_kind, &ichimoku_kind, &psar_kind, &supertrend_kind, NULL,
};

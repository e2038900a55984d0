/* bourse-indicator-averages.c — moving averages: SMA, EMA, WMA, VWMA, volume MA, VWAP
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions are listed in bourse-indicator.h.
 */
#include "config.h"

#include <math.h>

#include "bourse-indicator-private.h"


/* sma, vma, wma: one window over close (or volume), as TA-Lib: first value at N-1;
 * WMA weights 1…N, the newest N. */
typedef struct
{
  BourseWindow w;
} WindowState;

static void
window_state_init (gpointer     state,
                   const double *params)
{
  WindowState *s = state;
  _bourse_window_init (&s->w, (guint) params[0]);
}

static void
window_state_clear (gpointer state)
{
  WindowState *s = state;
  _bourse_window_clear (&s->w);
}

static void
sma_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  WindowState *s = state;
  double sum;

  if (_bourse_window_push (&s->w, bars->close[i], commit, &sum, NULL, NULL))
    out[0] = sum / s->w.size;
}

static void
vma_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  WindowState *s = state;
  double sum;

  if (_bourse_window_push (&s->w, bars->volume[i], commit, &sum, NULL, NULL))
    out[0] = sum / s->w.size;
}

static void
wma_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  WindowState *s = state;
  double wsum;
  double n = s->w.size;

  if (_bourse_window_push (&s->w, bars->close[i], commit, NULL, NULL, &wsum))
    out[0] = wsum / (n * (n + 1) / 2);
}

static const BourseIndicatorKind sma_kind = {
  .info = {
    .name = "sma", .title = "Simple Moving Average", .defaults = "20",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "SMA",
    .category = BOURSE_INDICATOR_CATEGORY_MOVING_AVERAGES, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("SMA", LINE, 0xff6d00) },
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 20) },
  .outputs = { "sma", NULL },
  .state_size = sizeof (WindowState),
  .init = window_state_init, .clear = window_state_clear, .step = sma_step,
};

static const BourseIndicatorKind vma_kind = {
  .info = {
    .name = "vma", .title = "Volume Moving Average", .defaults = "20",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "Volume MA",
    .category = BOURSE_INDICATOR_CATEGORY_VOLUME, .precision = 0,
    .plots = { BOURSE_PLOT ("Volume MA", HISTOGRAM, 0x26a69a) },
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 20) },
  .outputs = { "vma", NULL },
  .state_size = sizeof (WindowState),
  .init = window_state_init, .clear = window_state_clear, .step = vma_step,
};

static const BourseIndicatorKind wma_kind = {
  .info = {
    .name = "wma", .title = "Weighted Moving Average", .defaults = "20",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "WMA",
    .category = BOURSE_INDICATOR_CATEGORY_MOVING_AVERAGES, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("WMA", LINE, 0x00bcd4) },
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 20) },
  .outputs = { "wma", NULL },
  .state_size = sizeof (WindowState),
  .init = window_state_init, .clear = window_state_clear, .step = wma_step,
};

/* ema: α = 2/(N+1), seeded with the SMA of the first N closes (TA-Lib's default,
 * also Pine's ta.ema); first value at N-1. */
typedef struct
{
  BourseEma ema;
} EmaState;

static void
ema_init (gpointer     state,
          const double *params)
{
  EmaState *s = state;
  guint n = (guint) params[0];
  _bourse_ema_init (&s->ema, n, 2.0 / (n + 1));
}

static void
ema_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  EmaState *s = state;
  out[0] = _bourse_ema_push (&s->ema, bars->close[i], commit);
}

static const BourseIndicatorKind ema_kind = {
  .info = {
    .name = "ema", .title = "Exponential Moving Average", .defaults = "20",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "EMA",
    .category = BOURSE_INDICATOR_CATEGORY_MOVING_AVERAGES, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("EMA", LINE, 0x2962ff) },
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 20) },
  .outputs = { "ema", NULL },
  .state_size = sizeof (EmaState),
  .init = ema_init, .step = ema_step,
};

/* vwma: Σ(close·volume) / Σvolume over N bars (Pine's ta.vwma); empty while Σvolume = 0. */
typedef struct
{
  BourseWindow pv;
  BourseWindow v;
} VwmaState;

static void
vwma_init (gpointer     state,
           const double *params)
{
  VwmaState *s = state;
  _bourse_window_init (&s->pv, (guint) params[0]);
  _bourse_window_init (&s->v, (guint) params[0]);
}

static void
vwma_clear (gpointer state)
{
  VwmaState *s = state;
  _bourse_window_clear (&s->pv);
  _bourse_window_clear (&s->v);
}

static void
vwma_step (gpointer state, const double *params, const BourseBars *bars,
           gsize i, gboolean commit, double *out)
{
  VwmaState *s = state;
  double pv, v;
  gboolean full;

  _bourse_window_push (&s->pv, bars->close[i] * bars->volume[i], commit, &pv, NULL, NULL);
  full = _bourse_window_push (&s->v, bars->volume[i], commit, &v, NULL, NULL);
  if (full && v > 0)
    out[0] = pv / v;
}

static const BourseIndicatorKind vwma_kind = {
  .info = {
    .name = "vwma", .title = "Volume Weighted Moving Average", .defaults = "20",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "VWMA",
    .category = BOURSE_INDICATOR_CATEGORY_MOVING_AVERAGES, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("VWMA", LINE, 0xe91e63) },
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 20) },
  .outputs = { "vwma", NULL },
  .state_size = sizeof (VwmaState),
  .init = vwma_init, .clear = vwma_clear, .step = vwma_step,
};

/* vwap: Σ(typical price·volume) / Σvolume from the session's first bar; session =
 * floor((time - offset) / length), a UTC day by default (Pine anchors daily too). */
typedef struct
{
  gint64 session;
  double pv;
  double v;
} VwapState;

static void
vwap_init (gpointer     state,
           const double *params)
{
  VwapState *s = state;
  s->session = G_MININT64;
  s->pv = s->v = 0;
}

static gint64
session_of (gint64        t,
            const double *params)
{
  gint64 length = (gint64) params[0];
  gint64 shifted = t - (gint64) params[1];

  /* Floor division, so times before the offset land in the right session. */
  return shifted >= 0 ? shifted / length : -((-shifted + length - 1) / length);
}

static void
vwap_step (gpointer state, const double *params, const BourseBars *bars,
           gsize i, gboolean commit, double *out)
{
  VwapState *s = state;
  gint64 session = session_of (bars->time[i], params);
  double tp = (bars->high[i] + bars->low[i] + bars->close[i]) / 3.0;
  double pv = 0, v = 0;

  if (session == s->session)
    {
      pv = s->pv;
      v = s->v;
    }
  pv += tp * bars->volume[i];
  v += bars->volume[i];
  if (commit)
    {
      s->session = session;
      s->pv = pv;
      s->v = v;
    }
  if (v > 0)
    out[0] = pv / v;
}

static const BourseIndicatorKind vwap_kind = {
  .info = {
    .name = "vwap", .title = "Volume Weighted Average Price (session)", .defaults = "86400,0",
    .placement = BOURSE_INDICATOR_PLACEMENT_OVERLAY, .short_title = "VWAP",
    .category = BOURSE_INDICATOR_CATEGORY_VOLUME, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("VWAP", LINE, 0x9c27b0) },
  },
  .n_params = 2,
  .params = {
    { .label = "Session length (seconds)", .min = 1, .max = 366 * 86400.0, .step = 3600,
      .fallback = 86400, .integer = TRUE, .hidden_in_label = TRUE },
    { .label = "Session start offset (seconds)", .min = -366 * 86400.0, .max = 366 * 86400.0,
      .step = 3600, .fallback = 0, .integer = TRUE, .hidden_in_label = TRUE },
  },
  .outputs = { "vwap", NULL },
  .state_size = sizeof (VwapState),
  .init = vwap_init, .step = vwap_step,
};

const BourseIndicatorKind *const _bourse_indicator_average_kinds[] = {
  &sma_kind, &ema_kind, &wma_kind, &vwma_kind, &vma_kind, &vwap_kind, NULL,
};

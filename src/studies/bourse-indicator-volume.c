/* bourse-indicator-volume.c — volatility, directional movement and volume studies:
 * ATR, ADX/DMI, OBV, MFI
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions are listed in bourse-indicator.h.
 */
#include "config.h"

#include <math.h>

#include "bourse-indicator-private.h"


/* atr: Wilder smoothing of the true range; bar 0 has no previous close and is
 * skipped, so the first value (mean of TR 1…N) is at N, as TA-Lib. */
typedef struct
{
  BourseEma atr;
} AtrState;

static void
atr_init (gpointer state, const double *params)
{
  AtrState *s = state;
  _bourse_ema_init (&s->atr, (guint) params[0], 1.0 / params[0]);
}

static void
atr_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  AtrState *s = state;
  out[0] = _bourse_atr_push (&s->atr, bars, i, commit);
}

static const BourseIndicatorKind atr_kind = {
  .info = {
    .name = "atr", .title = "Average True Range", .defaults = "14",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "ATR",
    .category = BOURSE_INDICATOR_CATEGORY_VOLATILITY, .precision = BOURSE_INDICATOR_PRECISION_PRICE,
    .plots = { BOURSE_PLOT ("ATR", LINE, 0xb71c1c) },
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 14) },
  .outputs = { "atr", NULL },
  .state_size = sizeof (AtrState),
  .init = atr_init, .step = atr_step,
};

/* adx: Wilder-smoothed +DM, -DM and TR (seeded with their means, like Pine's ta.dmi),
 * DI at N, then a Wilder average of DX: first ADX at 2N-1 as TA-Lib. */
typedef struct
{
  BourseEma plus_dm;
  BourseEma minus_dm;
  BourseEma tr;
  BourseEma adx;
} AdxState;

static void
adx_init (gpointer state, const double *params)
{
  AdxState *s = state;
  guint n = (guint) params[0];

  _bourse_ema_init (&s->plus_dm, n, 1.0 / n);
  _bourse_ema_init (&s->minus_dm, n, 1.0 / n);
  _bourse_ema_init (&s->tr, n, 1.0 / n);
  _bourse_ema_init (&s->adx, n, 1.0 / n);
}

static void
adx_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  AdxState *s = state;
  double up, down, pdm, mdm, tr, pdi, mdi, dx;

  if (i == 0)
    return;
  up = bars->high[i] - bars->high[i - 1];
  down = bars->low[i - 1] - bars->low[i];
  pdm = _bourse_ema_push (&s->plus_dm, (up > down && up > 0) ? up : 0, commit);
  mdm = _bourse_ema_push (&s->minus_dm, (down > up && down > 0) ? down : 0, commit);
  tr = _bourse_ema_push (&s->tr, _bourse_true_range (bars, i), commit);
  if (isnan (tr))
    return;
  pdi = tr > 0 ? 100 * pdm / tr : 0;
  mdi = tr > 0 ? 100 * mdm / tr : 0;
  dx = pdi + mdi > 0 ? 100 * fabs (pdi - mdi) / (pdi + mdi) : 0;
  out[0] = _bourse_ema_push (&s->adx, dx, commit);
  out[1] = pdi;
  out[2] = mdi;
}

static const BourseIndicatorKind adx_kind = {
  .info = {
    .name = "adx", .title = "Average Directional Index / DMI", .defaults = "14",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "DMI",
    .category = BOURSE_INDICATOR_CATEGORY_TREND, .precision = 2,
    .plots = { BOURSE_PLOT ("ADX", LINE, 0xf50057), BOURSE_PLOT ("+DI", LINE, 0x2962ff), BOURSE_PLOT ("-DI", LINE, 0xff6d00) },
    .n_levels = 1,
    .levels = { { 25, FALSE } },
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 14) },
  .outputs = { "adx", "plus_di", "minus_di", NULL },
  .state_size = sizeof (AdxState),
  .init = adx_init, .step = adx_step,
};

/* obv: ± volume by the close's direction, seeded with bar 0's volume (TA-Lib). */
typedef struct
{
  double obv;
} ObvState;

static void
obv_init (gpointer state, const double *params)
{
  ObvState *s = state;
  s->obv = 0;
}

static void
obv_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  ObvState *s = state;
  double obv;

  if (i == 0)
    obv = bars->volume[0];
  else if (bars->close[i] > bars->close[i - 1])
    obv = s->obv + bars->volume[i];
  else if (bars->close[i] < bars->close[i - 1])
    obv = s->obv - bars->volume[i];
  else
    obv = s->obv;
  if (commit)
    s->obv = obv;
  out[0] = obv;
}

static const BourseIndicatorKind obv_kind = {
  .info = {
    .name = "obv", .title = "On-Balance Volume", .defaults = "",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "OBV",
    .category = BOURSE_INDICATOR_CATEGORY_VOLUME, .precision = 0,
    .plots = { BOURSE_PLOT ("OBV", LINE, 0x2962ff) },
  },
  .n_params = 0,
  .outputs = { "obv", NULL },
  .state_size = sizeof (ObvState),
  .init = obv_init, .step = obv_step,
};

/* mfi: money flow (typical price·volume) split by the typical price's direction, summed
 * over N; first value at N; 0 when there is no flow at all (TA-Lib). */
typedef struct
{
  BourseWindow pos;
  BourseWindow neg;
} MfiState;

static void
mfi_init (gpointer state, const double *params)
{
  MfiState *s = state;
  _bourse_window_init (&s->pos, (guint) params[0]);
  _bourse_window_init (&s->neg, (guint) params[0]);
}

static void
mfi_clear (gpointer state)
{
  MfiState *s = state;
  _bourse_window_clear (&s->pos);
  _bourse_window_clear (&s->neg);
}

static void
mfi_step (gpointer state, const double *params, const BourseBars *bars,
          gsize i, gboolean commit, double *out)
{
  MfiState *s = state;
  double tp, prev_tp, flow, pos, neg;

  if (i == 0)
    return;
  tp = (bars->high[i] + bars->low[i] + bars->close[i]) / 3;
  prev_tp = (bars->high[i - 1] + bars->low[i - 1] + bars->close[i - 1]) / 3;
  flow = tp * bars->volume[i];
  _bourse_window_push (&s->pos, tp > prev_tp ? flow : 0, commit, &pos, NULL, NULL);
  if (_bourse_window_push (&s->neg, tp < prev_tp ? flow : 0, commit, &neg, NULL, NULL))
    out[0] = pos + neg > 0 ? 100 * pos / (pos + neg) : 0;
}

static const BourseIndicatorKind mfi_kind = {
  .info = {
    .name = "mfi", .title = "Money Flow Index", .defaults = "14",
    .placement = BOURSE_INDICATOR_PLACEMENT_PANE, .short_title = "MFI",
    .category = BOURSE_INDICATOR_CATEGORY_VOLUME, .precision = 2,
    .plots = { BOURSE_PLOT ("MFI", LINE, 0x7e57c2) },
    .n_levels = 3,
    .levels = { { 80, TRUE }, { 50, FALSE }, { 20, TRUE } },
    .level_fill = TRUE,
  },
  .n_params = 1, .params = { BOURSE_INPUT_PERIOD ("Length", 14) },
  .outputs = { "mfi", NULL },
  .state_size = sizeof (MfiState),
  .init = mfi_init, .clear = mfi_clear, .step = mfi_step,
};

const BourseIndicatorKind *const _bourse_indicator_volume_kinds[] = {
  &atr_kind, &adx_kind, &obv_kind, &mfi_kind, NULL,
};

/* bourse-indicator-volume.c — volatility, directional movement and volume studies:
 * ATR, ADX/DMI, OBV, MFI
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions are listed in bourse-indicator.h.
 */
#include "config.h"

#include <math.h>

#include "bourse-indicator-private.h"

#define PERIOD(def) { .min = 1, .max = 100000, .fallback = def, .integer = TRUE }

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
  .info = { "atr", "Average True Range", "14", BOURSE_INDICATOR_PLACEMENT_PANE },
  .n_params = 1, .params = { PERIOD (14) },
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
  .info = { "adx", "Average Directional Index / DMI", "14", BOURSE_INDICATOR_PLACEMENT_PANE },
  .n_params = 1, .params = { PERIOD (14) },
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
  .info = { "obv", "On-Balance Volume", "", BOURSE_INDICATOR_PLACEMENT_PANE },
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
  .info = { "mfi", "Money Flow Index", "14", BOURSE_INDICATOR_PLACEMENT_PANE },
  .n_params = 1, .params = { PERIOD (14) },
  .outputs = { "mfi", NULL },
  .state_size = sizeof (MfiState),
  .init = mfi_init, .clear = mfi_clear, .step = mfi_step,
};

const BourseIndicatorKind *const _bourse_indicator_volume_kinds[] = {
  &atr_kind, &adx_kind, &obv_kind, &mfi_kind, NULL,
};

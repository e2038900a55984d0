/* bourse-indicator-private.h — study kinds and the O(1) building blocks they share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Studies are grouped in family files, each exporting a NULL-terminated table of
 * kinds: bourse-indicator-averages.c (sma ema wma vwma vma vwap),
 * bourse-indicator-channels.c (bb kc dc ichimoku psar supertrend),
 * bourse-indicator-oscillators.c (rsi macd stoch stochrsi cci willr),
 * bourse-indicator-volume.c (atr adx obv mfi).
 *
 * A kind's step() computes the outputs of bar @i from its state "as of bar i-1".
 * With @commit it also advances the state to "as of bar i"; without, the state is
 * left untouched (the last, still-forming bar). Every building block below has the
 * same (value, commit) shape, so a tentative step never double-counts. Steps may
 * read any bar <= i directly from @bars (previous close, previous high …).
 */
#pragma once

#include <math.h>

#include "bourse-indicator.h"

G_BEGIN_DECLS

#define BOURSE_INDICATOR_MAX_PARAMS  BOURSE_INDICATOR_MAX_INPUTS

/* The parser's view of an input: the same facts the settings form shows. */
typedef BourseIndicatorInput BourseIndicatorParam;

/* A whole-number period input called @label. */
#define BOURSE_INPUT_PERIOD(label_, def) \
  { .label = label_, .min = 1, .max = 100000, .step = 1, .fallback = def, .digits = 0, .integer = TRUE }
/* A multiplier (standard deviations, ATR factor). */
#define BOURSE_INPUT_FACTOR(label_, def) \
  { .label = label_, .min = 0, .max = 1000, .step = 0.1, .fallback = def, .digits = 2 }
#define BOURSE_PLOT(label_, style_, color_) \
  { .label = label_, .style = BOURSE_INDICATOR_PLOT_##style_, .color = color_ }

typedef struct _BourseIndicatorKind BourseIndicatorKind;

struct _BourseIndicatorKind
{
  BourseIndicatorInfo  info;
  guint                n_params;
  BourseIndicatorParam params[BOURSE_INDICATOR_MAX_PARAMS];
  const char          *outputs[BOURSE_INDICATOR_MAX_OUTPUTS + 1];  /* NULL-terminated */
  gsize                state_size;
  /* Optional cross-parameter check (macd: fast < slow). */
  gboolean           (*validate) (const double *params, GError **error);
  void               (*init)     (gpointer state, const double *params);
  void               (*clear)    (gpointer state);
  void               (*step)     (gpointer          state,
                                  const double     *params,
                                  const BourseBars *bars,
                                  gsize             i,
                                  gboolean          commit,
                                  double           *out);
  int                (*offset)   (const double *params, guint output);
};

extern const BourseIndicatorKind *const _bourse_indicator_average_kinds[];
extern const BourseIndicatorKind *const _bourse_indicator_channel_kinds[];
extern const BourseIndicatorKind *const _bourse_indicator_oscillator_kinds[];
extern const BourseIndicatorKind *const _bourse_indicator_volume_kinds[];

/* Sliding window of the last @size values with running sum and sum of squares.
 * The sums are recomputed exactly each time the ring wraps (O(1) amortised), so
 * rounding never drifts over long series. */
typedef struct
{
  double *ring;
  guint   size;
  guint   count;
  guint   pos;
  double  sum;
  double  sumsq;
  double  wsum;   /* Σ weight·value, newest weight = count (WMA) */
} BourseWindow;

void     _bourse_window_init  (BourseWindow *w, guint size);
void     _bourse_window_clear (BourseWindow *w);
/* Pushes @x; returns TRUE when the window (including @x) is full. Sums are of
 * the window including @x; any pointer may be NULL. */
gboolean _bourse_window_push  (BourseWindow *w, double x, gboolean commit,
                               double *sum, double *sumsq, double *wsum);
/* The @k-th newest committed value (0 = newest). */
double   _bourse_window_get   (const BourseWindow *w, guint k);

/* EMA with factor @alpha seeded with the SMA of the first @period inputs.
 * Wilder's smoothing is alpha = 1/period. */
typedef struct
{
  double alpha;
  guint  period;
  guint  count;
  double seed_sum;
  double value;
} BourseEma;

void   _bourse_ema_init (BourseEma *e, guint period, double alpha);
/* Returns the average including @x, NaN during the seed. */
double _bourse_ema_push (BourseEma *e, double x, gboolean commit);

/* Sliding maximum (or minimum) over @size values with a monotonic deque. */
typedef struct
{
  gint64  *idx;
  double  *val;
  guint    size;
  guint    head;
  guint    len;
  gint64   next;
  gboolean is_max;
} BourseExtremum;

void     _bourse_extremum_init  (BourseExtremum *d, guint size, gboolean is_max);
void     _bourse_extremum_clear (BourseExtremum *d);
/* Extremum of the window including @x; returns TRUE when the window is full. */
gboolean _bourse_extremum_push  (BourseExtremum *d, double x, gboolean commit,
                                 double *result);

/* True range of bar @i >= 1: max(H-L, |H-Cprev|, |L-Cprev|). */
static inline double
_bourse_true_range (const BourseBars *bars,
                    gsize             i)
{
  double h = bars->high[i], l = bars->low[i], pc = bars->close[i - 1];
  return MAX (h - l, MAX (fabs (h - pc), fabs (l - pc)));
}

/* Wilder ATR over a BourseEma(alpha 1/N): NaN for bar 0 and during the seed. */
static inline double
_bourse_atr_push (BourseEma        *atr,
                  const BourseBars *bars,
                  gsize             i,
                  gboolean          commit)
{
  if (i == 0)
    return NAN;
  return _bourse_ema_push (atr, _bourse_true_range (bars, i), commit);
}

G_END_DECLS

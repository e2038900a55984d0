/* bourse-indicator.h — incremental technical studies over a BourseBars series
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A BourseIndicator is one instance of a study ("rsi:14", "macd:12,26,9", …) with
 * its own output arrays, one double per bar per output (NaN before a value exists).
 * Call bourse_indicator_update() after every change of the bars: appending a bar or
 * replacing the last bar costs O(1) amortised (O(period) for CCI, whose mean
 * deviation has no running form). Indicators keep their state "as of the last
 * closed bar"; the last bar is always computed tentatively from that state, so
 * updating it any number of times never double-counts. Anything else (history
 * prepended, an older bar edited: the bars' first/last times no longer match what
 * was seen) triggers a full recomputation.
 *
 * Spec grammar: NAME[:P1[,P2…]], parameters are '.'-decimal numbers, omitted ones
 * take the defaults below. Output columns are named after the spec with ':' and
 * ',' turned into '_' (no parameters given → just NAME), multi-output studies add
 * ".output": "rsi:14" → rsi_14; "macd:12,26,9" → macd_12_26_9.macd, .signal, .hist.
 *
 * Conventions (TA-Lib unless said otherwise; "first" = 0-based index of the first
 * value):
 *   sma:N=20          simple mean of close; first N-1.
 *   ema:N=20          α = 2/(N+1), seeded with the SMA of the first N closes; first N-1.
 *   wma:N=20          linearly weighted (newest weight N); first N-1.
 *   vwma:N=20         Σ(close·vol)/Σvol over N; empty while Σvol = 0; first N-1.
 *   vma:N=20          volume SMA; first N-1.
 *   vwap:S=86400,O=0  session-anchored VWAP of typical price (H+L+C)/3, reset at every
 *                     session start: session = floor((time - O) / S), UTC day by default;
 *                     empty while the session's volume is 0.
 *   bb:N=20,K=2       .upper .middle .lower = SMA ± K·σ, σ the POPULATION std-dev; first N-1.
 *   kc:N=20,K=2,A=10  Keltner: .upper .middle .lower = EMA(N) ± K·ATR(A) (TradingView's
 *                     default ATR band); first max(N-1, A).
 *   dc:N=20           Donchian: .upper .middle .lower = highest high, mean, lowest low; first N-1.
 *   ichimoku:T=9,K=26,B=52,D=26  .tenkan .kijun .span_a .span_b .chikou, UNSHIFTED: span_a and
 *                     span_b are plotted D-1 bars ahead, chikou (= close) D-1 bars behind;
 *                     bourse_indicator_get_output_offset() says so for the chart. CSV
 *                     export writes them unshifted, at the bar that computed them.
 *   psar:S=0.02,M=0.2 Parabolic SAR (Wilder; TA-Lib's start: direction from bar 1's
 *                     directional movement); first 1.
 *   supertrend:A=10,F=3  .value .direction (+1 up, -1 down) on ATR(A) (Wilder, TA-Lib's
 *                     start), bands from hl2 ± F·ATR; first A.
 *   rsi:N=14          Wilder smoothing of gains/losses; first N; no losses → 100, flat → 50.
 *   macd:F=12,S=26,G=9  .macd .signal .hist; both EMAs start at bar S-1 (TA-Lib seeds the
 *                     fast EMA late), macd from S-1 (TradingView shows it there; TA-Lib hides
 *                     it until the signal exists), signal and hist from S+G-2.
 *   stoch:K=14,S=3,D=3  .k .d: raw %K = 100·(C-LL)/(HH-LL) (0 when HH = LL), .k = SMA(S)
 *                     of raw %K, .d = SMA(D) of .k; first K+S+D-3 for .d.
 *   stochrsi:R=14,K=14,S=3,D=3  .k .d: the stochastic of RSI(R) over K, smoothed by S and D.
 *   cci:N=20          (TP - SMA(TP)) / (0.015 · mean absolute deviation); 0 when the deviation
 *                     is 0; first N-1. O(N) per update (no running form exists).
 *   willr:N=14        -100·(HH-C)/(HH-LL), 0 when HH = LL; first N-1.
 *   atr:N=14          true range from bar 1 (bar 0 has no previous close), Wilder smoothing
 *                     seeded with the mean of the first N true ranges; first N.
 *   adx:N=14          .adx .plus_di .minus_di: +DM/-DM/TR from bar 1, Wilder-smoothed
 *                     (seeded with their means, like Pine's ta.dmi), DI first N, ADX = Wilder
 *                     average of DX seeded with the mean of the first N DX; first 2N-1.
 *   obv               on-balance volume seeded with the first bar's volume (TA-Lib); first 0.
 *   mfi:N=14          money-flow index over typical price·volume; first N; 0 when no flow.
 */
#pragma once

#include <gio/gio.h>

#include "bourse-bars.h"

G_BEGIN_DECLS

#define BOURSE_INDICATOR_ERROR (bourse_indicator_error_quark ())

typedef enum
{
  BOURSE_INDICATOR_ERROR_SYNTAX,         /* not NAME[:numbers] */
  BOURSE_INDICATOR_ERROR_UNKNOWN_STUDY,  /* NAME is not a study we know */
  BOURSE_INDICATOR_ERROR_PARAMETER,      /* too many parameters, or one out of range */
} BourseIndicatorError;

GQuark bourse_indicator_error_quark (void);

/* How a chart should place a study: on the price pane or in a pane of its own. */
typedef enum
{
  BOURSE_INDICATOR_PLACEMENT_OVERLAY,
  BOURSE_INDICATOR_PLACEMENT_PANE,
} BourseIndicatorPlacement;

/* Where the Indicators dialog lists a study (NONE is never a study's). */
typedef enum
{
  BOURSE_INDICATOR_CATEGORY_NONE,
  BOURSE_INDICATOR_CATEGORY_MOVING_AVERAGES,
  BOURSE_INDICATOR_CATEGORY_BANDS,
  BOURSE_INDICATOR_CATEGORY_TREND,
  BOURSE_INDICATOR_CATEGORY_OSCILLATORS,
  BOURSE_INDICATOR_CATEGORY_VOLATILITY,
  BOURSE_INDICATOR_CATEGORY_VOLUME,
  BOURSE_INDICATOR_N_CATEGORIES
} BourseIndicatorCategory;

/* How an output is drawn by default. */
typedef enum
{
  BOURSE_INDICATOR_PLOT_LINE,
  BOURSE_INDICATOR_PLOT_HISTOGRAM,
  BOURSE_INDICATOR_PLOT_HIDDEN,      /* a value for export and alerts, not drawn (SuperTrend's direction) */
} BourseIndicatorPlotStyle;

/* No study has more outputs (inputs, levels) than this. */
#define BOURSE_INDICATOR_MAX_OUTPUTS 5
#define BOURSE_INDICATOR_MAX_INPUTS  4
#define BOURSE_INDICATOR_MAX_LEVELS  4

/* A study's values follow the symbol's price precision (averages, bands, ATR). */
#define BOURSE_INDICATOR_PRECISION_PRICE (-1)

/* One parameter of the spec, as the settings form shows it and the parser checks it. */
typedef struct
{
  const char *label;            /* "Length", "StdDev" */
  double      min;
  double      max;
  double      step;             /* spin button increment */
  double      fallback;         /* the default */
  guint       digits;           /* decimals shown (0 for integers) */
  guint       integer : 1;
  guint       hidden_in_label : 1;  /* not repeated in the legend (VWAP's session length) */
} BourseIndicatorInput;

/* One output as drawn: name in words, default style and colour (0xRRGGBB). */
typedef struct
{
  const char               *label;   /* "Signal", "Upper" */
  BourseIndicatorPlotStyle  style;
  guint32                   color;
} BourseIndicatorPlot;

/* A horizontal reference line of an oscillator's pane (RSI 30/70). */
typedef struct
{
  double   value;
  gboolean visible;
} BourseIndicatorLevel;

typedef struct
{
  const char               *name;        /* "rsi" */
  const char               *title;       /* "Relative Strength Index" */
  const char               *defaults;    /* "14" */
  BourseIndicatorPlacement  placement;
  const char               *short_title; /* "RSI": the legend's label */
  BourseIndicatorCategory   category;
  int                       precision;   /* decimals, or BOURSE_INDICATOR_PRECISION_PRICE */
  BourseIndicatorPlot       plots[BOURSE_INDICATOR_MAX_OUTPUTS];  /* parallel to the outputs */
  guint                     n_levels;
  BourseIndicatorLevel      levels[BOURSE_INDICATOR_MAX_LEVELS];  /* top to bottom */
  guint                     level_fill : 1;   /* shade between the outermost visible levels */
  guint                     has_band : 1;     /* band_upper/band_lower fill a band (Bollinger) */
  guint8                    band_upper;
  guint8                    band_lower;
} BourseIndicatorInfo;

#define BOURSE_TYPE_INDICATOR (bourse_indicator_get_type ())

G_DECLARE_FINAL_TYPE (BourseIndicator, bourse_indicator, BOURSE, INDICATOR, GObject)

/* Every study this build knows, terminated by an entry with name NULL. */
const BourseIndicatorInfo *bourse_indicator_list_studies     (void);
/* The study called @name ("RSI" too), NULL when unknown. */
const BourseIndicatorInfo *bourse_indicator_find_study       (const char       *name);
/* "Oscillators", "Bands & Channels" … (translated by the caller). */
const char               *bourse_indicator_category_get_title (BourseIndicatorCategory category);
guint                     bourse_indicator_info_get_n_inputs (const BourseIndicatorInfo *info);
const BourseIndicatorInput *bourse_indicator_info_get_input  (const BourseIndicatorInfo *info,
                                                              guint             index);
guint                     bourse_indicator_info_get_n_outputs (const BourseIndicatorInfo *info);
/* The output's key in specs and CSV columns ("signal"). */
const char               *bourse_indicator_info_get_output_name (const BourseIndicatorInfo *info,
                                                                 guint           output);
/* The legend's words for a study with these parameters: "Bollinger Bands 20 2",
 * "RSI 14", "OBV". Newly allocated. */
char                     *bourse_indicator_info_format_label (const BourseIndicatorInfo *info,
                                                              const double     *params,
                                                              guint             n_params);
/* The same for an instance. */
char                     *bourse_indicator_format_label      (BourseIndicator  *self);
/* Builds the canonical spec ("bb:20,2") of @info with @params; NULL with @error
 * when a value is out of its input's range. */
char                     *bourse_indicator_info_build_spec   (const BourseIndicatorInfo *info,
                                                              const double     *params,
                                                              guint             n_params,
                                                              GError          **error);

BourseIndicator          *bourse_indicator_new_from_spec     (const char       *spec,
                                                              GError          **error);
const char               *bourse_indicator_get_spec          (BourseIndicator  *self);
const char               *bourse_indicator_get_column_prefix (BourseIndicator  *self);
const BourseIndicatorInfo *bourse_indicator_get_info         (BourseIndicator  *self);
guint                     bourse_indicator_get_n_params      (BourseIndicator  *self);
double                    bourse_indicator_get_param         (BourseIndicator  *self,
                                                              guint             index);

guint                     bourse_indicator_get_n_outputs     (BourseIndicator  *self);
/* "macd", "signal", … (the part after the '.'; the study name for single outputs). */
const char               *bourse_indicator_get_output_name   (BourseIndicator  *self,
                                                              guint             output);
/* Full column name: "macd_12_26_9.signal", "rsi_14". Newly allocated. */
char                     *bourse_indicator_dup_column_name   (BourseIndicator  *self,
                                                              guint             output);
/* Bars by which the chart shifts this output when plotting (Ichimoku), else 0. */
int                       bourse_indicator_get_output_offset (BourseIndicator  *self,
                                                              guint             output);
/* Finds an output by its name ("signal") or full column name; -1 when absent. */
int                       bourse_indicator_find_output       (BourseIndicator  *self,
                                                              const char       *name);

/* Brings the outputs up to date with @bars (see the file comment for the cost). */
void                      bourse_indicator_update            (BourseIndicator  *self,
                                                              const BourseBars *bars);
/* The same as bourse_indicator_update() computed on a copy of @bars in a worker
 * thread, for long histories (about 10 ns per bar and study). Don't update or read
 * @self until it finishes; then call bourse_indicator_update() with the live bars,
 * which only catches up on what changed since the copy. */
void                      bourse_indicator_update_async      (BourseIndicator     *self,
                                                              const BourseBars    *bars,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean                  bourse_indicator_update_finish     (BourseIndicator     *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);
/* Forgets all state; the next update recomputes everything. */
void                      bourse_indicator_reset             (BourseIndicator  *self);

/* Number of bars the outputs cover (the bars' length at the last update). */
gsize                     bourse_indicator_get_length        (BourseIndicator  *self);
/* The output's array (get_length() values, NaN where no value exists). Valid until
 * the next update. */
const double             *bourse_indicator_get_values        (BourseIndicator  *self,
                                                              guint             output);
/* One value, NaN when @index is out of range or has no value. */
double                    bourse_indicator_get_value         (BourseIndicator  *self,
                                                              guint             output,
                                                              gsize             index);

/* Writes "time,open,high,low,close,volume,col…" CSV for @bars and @indicators (each
 * updated first) — the one format of Export Chart Data, the chart-export action and
 * `bourse-cli indicators`: empty study cells before a value exists, '.' decimals whatever the locale, up to 10 decimals with
 * trailing zeros trimmed. */
gboolean                  bourse_indicator_write_csv         (GPtrArray        *indicators,
                                                              const BourseBars *bars,
                                                              GOutputStream    *out,
                                                              GCancellable     *cancellable,
                                                              GError          **error);

/* Locale-proof fixed-point formatting shared with webhooks: no exponent, '.' decimal,
 * at most @max_decimals decimals, trailing zeros trimmed ("1245.25", "3", "-0.5").
 * Returns @buf; @buf must hold G_ASCII_DTOSTR_BUF_SIZE + 320 bytes. */
#define BOURSE_FORMAT_NUMBER_BUF_SIZE (G_ASCII_DTOSTR_BUF_SIZE + 320)
char                     *bourse_format_number               (char             *buf,
                                                              double            value,
                                                              int               max_decimals);

G_END_DECLS

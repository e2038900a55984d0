/* bourse-price-scale.h — price ↔ y mapping for one pane's scale
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain value type: the renderer fills one per pane and per frame, and hands
 * copies to layers, so converting a price is a couple of multiplications.
 *
 * Prices are mapped through the mode's transform (identity, log10, percent or
 * indexed-to-100 relative to `base`), then linearly onto the pane height
 * between `top_margin` and `bottom_margin` (fractions of the height), upside
 * down unless `inverted`.
 */
#pragma once

#include <glib.h>

#include "bourse-chart-types.h"

G_BEGIN_DECLS

typedef struct
{
  BoursePriceScaleMode mode;
  gboolean             inverted;
  double               height;         /* pane height, logical pixels */
  double               top_margin;     /* fraction of height, default 0.2 */
  double               bottom_margin;  /* fraction of height, default 0.1 */
  double               base;           /* reference price for percent / indexed modes */
  double               min;            /* visible range, in transformed units */
  double               max;
} BoursePriceScale;

void     bourse_price_scale_init          (BoursePriceScale     *ps,
                                           BoursePriceScaleMode  mode,
                                           double                height);

double   bourse_price_scale_transform     (const BoursePriceScale *ps,
                                           double                  price);
double   bourse_price_scale_untransform   (const BoursePriceScale *ps,
                                           double                  value);

/* Sets the visible range from prices (autoscale): the range gets the margins. */
void     bourse_price_scale_set_price_range (BoursePriceScale *ps,
                                             double            low,
                                             double            high);

double   bourse_price_scale_price_to_y    (const BoursePriceScale *ps,
                                           double                  price);
double   bourse_price_scale_y_to_price    (const BoursePriceScale *ps,
                                           double                  y);

/* Scales the visible range around its centre by @factor (> 1 zooms out). */
void     bourse_price_scale_zoom          (BoursePriceScale *ps,
                                           double            factor);
/* Moves the visible range by @dy pixels (positive dy = content moves down). */
void     bourse_price_scale_pan           (BoursePriceScale *ps,
                                           double            dy);

/**
 * bourse_price_scale_build_ticks:
 * @tick_size: the instrument's minimum price move (0.01, 0.00001…); steps are
 *   never finer than it
 * @min_spacing: minimum pixel distance between ticks
 * @prices: (out): GArray of double, the tick prices, ascending
 *
 * Nice round ticks (1, 2, 2.5, 5 × 10^k) for the visible range; on a
 * logarithmic scale, nice values per decade (1, 2, 5 or denser) or plain
 * linear steps when the range is narrower than a decade.
 */
void     bourse_price_scale_build_ticks   (const BoursePriceScale *ps,
                                           double                  tick_size,
                                           double                  min_spacing,
                                           GArray                 *prices);

/* Formats a price for labels, with @precision decimals; percent mode adds "%". */
void     bourse_price_scale_format        (const BoursePriceScale *ps,
                                           double                  price,
                                           int                     precision,
                                           char                   *buf,
                                           gsize                   buf_len);


G_END_DECLS

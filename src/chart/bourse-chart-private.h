/* bourse-chart-private.h — what the renderer and view read from BourseChart
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-chart.h"

G_BEGIN_DECLS

typedef struct
{
  guint                id;
  double               stretch;
  BoursePriceScaleMode mode;
  gboolean             inverted;
  gboolean             autoscale;
  double               manual_low;   /* prices, used when !autoscale */
  double               manual_high;
} BourseChartPane;

/* The OHLC arrays the main series is drawn from: the bars, or their
 * Heikin-Ashi transform. Valid until the bars change. */
typedef struct
{
  const gint64    *time;
  const double    *open;
  const double    *high;
  const double    *low;
  const double    *close;
  const double    *volume;
  gsize            len;
  const BourseLod *range_lod;   /* over (low, high) */
} BourseOhlcSource;

gboolean          _bourse_chart_get_ohlc        (BourseChart      *self,
                                                 BourseOhlcSource *out);
/* Pyramid over (close, close) of the active OHLC source. */
const BourseLod  *_bourse_chart_get_close_lod   (BourseChart      *self);
/* Pyramid over (volume, volume). */
const BourseLod  *_bourse_chart_get_volume_lod  (BourseChart      *self);
/* Prefix sums of the volumes (len + 1 values, [0] = 0): the volume of bars
 * [a, b) is prefix[b] - prefix[a], so a pixel column shows its mean volume. */
/* (element-type BourseChartPane): top to bottom */
GPtrArray        *_bourse_chart_peek_panes      (BourseChart      *self);
BourseChartPane  *_bourse_chart_find_pane       (BourseChart      *self,
                                                 guint             pane_id);
const BourseRgba *_bourse_chart_get_up_color    (BourseChart      *self);
const BourseRgba *_bourse_chart_get_down_color  (BourseChart      *self);
/* Wick and border colours; each falls back to the body colour. */
const BourseRgba *_bourse_chart_get_wick_color   (BourseChart      *self,
                                                  gboolean          up);
const BourseRgba *_bourse_chart_get_border_color (BourseChart      *self,
                                                  gboolean          up);
/* Called by the renderer after layout: may emit ::history-needed. */
void              _bourse_chart_check_history   (BourseChart      *self);

G_END_DECLS

/* bourse-chart-model-private.h — BourseChart's instance struct, for the files that implement it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BourseChart is one object written in several files, one per responsibility:
 *   bourse-chart.c              the object, its properties and signals, appearance
 *                               settings (type, theme, colours, formats), crosshair
 *   bourse-chart-bars.c         the bars and what is derived from them (pyramids,
 *                               Heikin-Ashi), kept up to date incrementally
 *   bourse-chart-panes.c        panes, extra series and layers
 *   bourse-chart-annotations.c  price lines and markers
 * The renderer and the view read the chart through bourse-chart-private.h only.
 */
#pragma once

#include "bourse-chart-private.h"

G_BEGIN_DECLS


/* A derived structure (pyramid, Heikin-Ashi arrays) and the first bar index
 * it has not seen yet (G_MAXSIZE = up to date). Bars only ever change at the
 * end, so bringing one up to date costs O(changed bars), not O(bars). */
typedef struct
{
  BourseLod *lod;
  gsize      dirty_from;
} LodCache;

typedef struct
{
  BourseChartSeries *series;
  guint              pane_id;
  gulong             changed_id;
} SeriesEntry;

typedef struct
{
  BourseChartLayer *layer;
  guint             pane_id;
  gulong            changed_id;
} LayerEntry;

struct _BourseChart
{
  GObject               parent_instance;

  /* owned */
  BourseBars           *bars;
  BourseChartViewport  *viewport;
  GTimeZone            *time_zone;
  GPtrArray            *panes;        /* BourseChartPane* */
  GArray               *series;       /* SeriesEntry */
  GArray               *layers;       /* LayerEntry */
  GPtrArray            *price_lines;  /* BoursePriceLine* */
  GArray               *markers;      /* BourseMarker */
  char                 *watermark;

  /* derived from the bars */
  guint64               known_serial;
  gsize                 known_len;
  gint64                known_first_time;
  LodCache              range_lod;    /* (low, high) of the active OHLC source */
  LodCache              close_lod;
  LodCache              volume_lod;
  double               *ha[4];        /* Heikin-Ashi open, high, low, close */
  gsize                 ha_capacity;
  gsize                 ha_dirty_from;

  BourseChartType       chart_type;
  BourseChartTheme      theme;
  BourseChartPalette    palette;
  BourseRgba            up_color;
  BourseRgba            down_color;
  BourseRgba            wick_colors[2];    /* [0] down, [1] up */
  BourseRgba            border_colors[2];
  BourseVolumeMode      volume_mode;
  BoursePriceAxisSide   price_axis_side;
  BourseCrosshairMode   crosshair_mode;
  int                   precision;
  double                tick_size;
  guint                 next_pane_id;
  guint                 volume_pane_id;

  gint64                history_first_time; /* first bar when history was last asked for */
  guint                 crosshair_pane;
  double                crosshair_x;
  double                crosshair_y;

  guint                 custom_up : 1;
  guint                 custom_down : 1;
  guint                 custom_wick : 2;   /* bit 0 down, bit 1 up */
  guint                 custom_border : 2;
  guint                 grid_visible : 1;
  guint                 crosshair_visible : 1;
  guint                 history_requested : 1;
};

/* bourse-chart.c */
void  _bourse_chart_emit_changed          (BourseChart       *self,
                                           BourseChartChange  change);
/* The volume pane went away: volume hidden (notifies "volume-mode"). */
void  _bourse_chart_forget_volume_pane    (BourseChart       *self);

/* bourse-chart-bars.c */
void  _bourse_chart_lod_cache_dirty       (LodCache          *cache,
                                           gsize              from);
void  _bourse_chart_mark_dirty            (BourseChart       *self,
                                           gsize              from);
void  _bourse_chart_prepare_derived       (BourseChart       *self);

/* bourse-chart-panes.c */
BourseChartPane *_bourse_chart_pane_new   (guint              id,
                                           double             stretch);
void  _bourse_chart_update_future_slots   (BourseChart       *self);

/* bourse-chart-annotations.c */
void  _bourse_chart_price_line_free       (gpointer           data);
void  _bourse_chart_marker_clear          (gpointer           data);

G_END_DECLS

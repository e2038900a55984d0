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
 *   bourse-chart-style.c        display options: palette overrides, grid lines,
 *                               legend contents, last price, session breaks
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

/* Palette entries the user may override (chart settings dialog). */
enum
{
  BOURSE_CHART_CUSTOM_BACKGROUND,
  BOURSE_CHART_CUSTOM_GRID,
  BOURSE_CHART_CUSTOM_LINE,
  BOURSE_CHART_CUSTOM_N
};

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
  char                 *legend_title;
  GTimeZone            *session_time_zone;  /* NULL: the chart's time zone */

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
  BourseRgba            custom_colors[BOURSE_CHART_CUSTOM_N];  /* palette overrides */
  guint                 custom_palette;    /* bit k: custom_colors[k] is set */
  BourseChartLegendFlags legend_flags;
  double                legend_gap;        /* logical px left free under the first legend line */
  int                   session_start_minute;
  gint64                countdown_bar_seconds;
  gint64                countdown_now;
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
  guint                 grid_vertical : 1;
  guint                 grid_horizontal : 1;
  guint                 last_price_visible : 1;
  guint                 session_breaks : 1;
  guint                 crosshair_visible : 1;
  guint                 history_requested : 1;
};

/* bourse-chart-style.c */
void  _bourse_chart_style_init            (BourseChart       *self);
void  _bourse_chart_style_finalize        (BourseChart       *self);
/* Puts the custom background, grid and line colours over the theme's palette. */
void  _bourse_chart_apply_custom_palette  (BourseChart       *self);

/* bourse-chart.c */
void  _bourse_chart_emit_changed          (BourseChart       *self,
                                           BourseChartChange  change);
void  _bourse_chart_notify_grid            (BourseChart       *self);
/* The theme's palette again, with the overrides; emits ::changed. */
void  _bourse_chart_refresh_palette       (BourseChart       *self);
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

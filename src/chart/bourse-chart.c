/* bourse-chart.c — the chart model: bars, panes, series, price lines, markers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart-private.h"

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

G_DEFINE_FINAL_TYPE (BourseChart, bourse_chart, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHART_TYPE,
  PROP_THEME,
  PROP_VOLUME_MODE,
  PROP_CROSSHAIR_MODE,
  PROP_WATERMARK,
  PROP_GRID_VISIBLE,
  PROP_PRECISION,
  PROP_TICK_SIZE,
  PROP_VIEWPORT,
  PROP_PRICE_AXIS_SIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  HISTORY_NEEDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const BourseChartPalette dark_palette = {
  .background = BOURSE_RGBA_INIT (0x131722, 1.0),
  .text = BOURSE_RGBA_INIT (0xd1d4dc, 1.0),
  .grid = BOURSE_RGBA_INIT (0x2a2e39, 1.0),
  .border = BOURSE_RGBA_INIT (0x2a2e39, 1.0),
  .up = BOURSE_RGBA_INIT (0x26a69a, 1.0),
  .down = BOURSE_RGBA_INIT (0xef5350, 1.0),
  .up_wick = BOURSE_RGBA_INIT (0x26a69a, 1.0),
  .down_wick = BOURSE_RGBA_INIT (0xef5350, 1.0),
  .line = BOURSE_RGBA_INIT (0x2962ff, 1.0),
  .area_top = BOURSE_RGBA_INIT (0x2962ff, 0.4),
  .area_bottom = BOURSE_RGBA_INIT (0x2962ff, 0.0),
  .crosshair = BOURSE_RGBA_INIT (0x758696, 1.0),
  .crosshair_label = BOURSE_RGBA_INIT (0x4c525e, 1.0),
  .watermark = BOURSE_RGBA_INIT (0xffffff, 0.06),
  .separator = BOURSE_RGBA_INIT (0x2b2b43, 1.0),
  .separator_hover = BOURSE_RGBA_INIT (0x4c525e, 1.0),
};

static const BourseChartPalette light_palette = {
  .background = BOURSE_RGBA_INIT (0xffffff, 1.0),
  .text = BOURSE_RGBA_INIT (0x191919, 1.0),
  .grid = BOURSE_RGBA_INIT (0xf0f3fa, 1.0),
  .border = BOURSE_RGBA_INIT (0xe0e3eb, 1.0),
  .up = BOURSE_RGBA_INIT (0x26a69a, 1.0),
  .down = BOURSE_RGBA_INIT (0xef5350, 1.0),
  .up_wick = BOURSE_RGBA_INIT (0x26a69a, 1.0),
  .down_wick = BOURSE_RGBA_INIT (0xef5350, 1.0),
  .line = BOURSE_RGBA_INIT (0x2962ff, 1.0),
  .area_top = BOURSE_RGBA_INIT (0x2962ff, 0.28),
  .area_bottom = BOURSE_RGBA_INIT (0x2962ff, 0.0),
  .crosshair = BOURSE_RGBA_INIT (0x9598a1, 1.0),
  .crosshair_label = BOURSE_RGBA_INIT (0x131722, 1.0),
  .watermark = BOURSE_RGBA_INIT (0x000000, 0.06),
  .separator = BOURSE_RGBA_INIT (0xe0e3eb, 1.0),
  .separator_hover = BOURSE_RGBA_INIT (0x9598a1, 1.0),
};

static void
emit_changed (BourseChart       *self,
              BourseChartChange  change)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) change);
}

static void
price_line_free (gpointer data)
{
  BoursePriceLine *line = data;

  g_free (line->id);
  g_free (line->label);
  g_free (line);
}

static void
marker_clear (gpointer data)
{
  BourseMarker *marker = data;

  g_clear_pointer (&marker->text, g_free);
}

static void
lod_cache_dirty (LodCache *cache,
                 gsize     from)
{
  cache->dirty_from = MIN (cache->dirty_from, from);
}

static void
mark_dirty (BourseChart *self,
            gsize        from)
{
  lod_cache_dirty (&self->range_lod, from);
  lod_cache_dirty (&self->close_lod, from);
  lod_cache_dirty (&self->volume_lod, from);
  self->ha_dirty_from = MIN (self->ha_dirty_from, from);
}

/* Notices in-place changes of the bars through their serial: only the last
 * known bar and what follows can have changed (BourseBars never rewrites older
 * bars); a shorter series or another first bar means a full rebuild. */
static void update_future_slots (BourseChart *self);

static void
sync_bars (BourseChart *self)
{
  BourseBars *bars = self->bars;
  gint64 first_time;

  if (bars == NULL)
    return;
  if (bars->serial == self->known_serial && bars->len == self->known_len)
    return;

  first_time = bars->len > 0 ? bars->time[0] : G_MININT64;
  if (bars->len < self->known_len || first_time != self->known_first_time)
    mark_dirty (self, 0);
  else
    mark_dirty (self, self->known_len > 0 ? self->known_len - 1 : 0);

  self->known_serial = bars->serial;
  self->known_len = bars->len;
  self->known_first_time = first_time;
  bourse_chart_viewport_set_n_bars (self->viewport, bars->len);
  update_future_slots (self);
}

static void
update_heikin_ashi (BourseChart *self)
{
  BourseBars *bars = self->bars;
  gsize from;

  if (self->ha_dirty_from == G_MAXSIZE)
    return;
  if (bars->len > self->ha_capacity)
    {
      gsize cap = MAX (bars->capacity, bars->len);

      for (guint k = 0; k < 4; k++)
        self->ha[k] = g_renew (double, self->ha[k], cap);
      self->ha_capacity = cap;
    }

  for (from = self->ha_dirty_from; from < bars->len; from++)
    {
      double o = bars->open[from], h = bars->high[from], l = bars->low[from], c = bars->close[from];
      double ha_c = (o + h + l + c) / 4.0;
      double ha_o = from == 0 ? (o + c) / 2.0 : (self->ha[0][from - 1] + self->ha[3][from - 1]) / 2.0;

      self->ha[0][from] = ha_o;
      self->ha[1][from] = MAX (h, MAX (ha_o, ha_c));
      self->ha[2][from] = MIN (l, MIN (ha_o, ha_c));
      self->ha[3][from] = ha_c;
    }
  self->ha_dirty_from = G_MAXSIZE;
}

static void
lod_cache_sync (LodCache     *cache,
                const double *lo,
                const double *hi,
                gsize         len)
{
  if (cache->dirty_from == G_MAXSIZE)
    return;
  bourse_lod_update (cache->lod, lo, hi, len, cache->dirty_from);
  cache->dirty_from = G_MAXSIZE;
}

gboolean
_bourse_chart_get_ohlc (BourseChart      *self,
                        BourseOhlcSource *out)
{
  BourseBars *bars = self->bars;

  memset (out, 0, sizeof *out);
  if (bars == NULL)
    return FALSE;

  sync_bars (self);
  out->time = bars->time;
  out->volume = bars->volume;
  out->len = bars->len;
  if (self->chart_type == BOURSE_CHART_TYPE_HEIKIN_ASHI)
    {
      update_heikin_ashi (self);
      out->open = self->ha[0];
      out->high = self->ha[1];
      out->low = self->ha[2];
      out->close = self->ha[3];
    }
  else
    {
      out->open = bars->open;
      out->high = bars->high;
      out->low = bars->low;
      out->close = bars->close;
    }
  lod_cache_sync (&self->range_lod, out->low, out->high, out->len);
  out->range_lod = self->range_lod.lod;
  return TRUE;
}

const BourseLod *
_bourse_chart_get_close_lod (BourseChart *self)
{
  BourseOhlcSource src;

  if (!_bourse_chart_get_ohlc (self, &src))
    return NULL;
  lod_cache_sync (&self->close_lod, src.close, src.close, src.len);
  return self->close_lod.lod;
}

const BourseLod *
_bourse_chart_get_volume_lod (BourseChart *self)
{
  if (self->bars == NULL)
    return NULL;
  sync_bars (self);
  lod_cache_sync (&self->volume_lod, self->bars->volume, self->bars->volume, self->bars->len);
  return self->volume_lod.lod;
}

GPtrArray *
_bourse_chart_peek_panes (BourseChart *self)
{
  return self->panes;
}

BourseChartPane *
_bourse_chart_find_pane (BourseChart *self,
                         guint        pane_id)
{
  for (guint i = 0; i < self->panes->len; i++)
    {
      BourseChartPane *pane = g_ptr_array_index (self->panes, i);

      if (pane->id == pane_id)
        return pane;
    }
  return NULL;
}

const BourseRgba *
_bourse_chart_get_up_color (BourseChart *self)
{
  return &self->up_color;
}

const BourseRgba *
_bourse_chart_get_down_color (BourseChart *self)
{
  return &self->down_color;
}

const BourseRgba *
_bourse_chart_get_wick_color (BourseChart *self,
                              gboolean     up)
{
  if (self->custom_wick & (1u << !!up))
    return &self->wick_colors[!!up];
  return up ? &self->up_color : &self->down_color;
}

const BourseRgba *
_bourse_chart_get_border_color (BourseChart *self,
                                gboolean     up)
{
  if (self->custom_border & (1u << !!up))
    return &self->border_colors[!!up];
  return up ? &self->up_color : &self->down_color;
}

void
_bourse_chart_check_history (BourseChart *self)
{
  double first, last, visible;

  if (self->bars == NULL || self->bars->len == 0 || self->history_requested)
    return;
  bourse_chart_viewport_get_visible_range (self->viewport, &first, &last);
  visible = last - first + 1;
  /* Within half a screen of the first bar: time to fetch older bars. */
  if (first < visible / 2)
    {
      self->history_requested = TRUE;
      self->history_first_time = self->bars->time[0];
      g_signal_emit (self, signals[HISTORY_NEEDED], 0);
    }
}

static void
viewport_changed_cb (BourseChart         *self,
                     BourseChartViewport *viewport)
{
  emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

/* Tells the viewport how far visible series reach past the last bar. */
static void
update_future_slots (BourseChart *self)
{
  gsize n_bars = self->bars != NULL ? self->bars->len : 0, n_max = n_bars;

  for (guint i = 0; i < self->series->len; i++)
    {
      BourseChartSeries *series = g_array_index (self->series, SeriesEntry, i).series;

      if (series != NULL && bourse_chart_series_get_visible (series))
        n_max = MAX (n_max, bourse_chart_series_get_n_values (series));
    }
  bourse_chart_viewport_set_n_future (self->viewport, n_bars > 0 ? n_max - n_bars : 0);
}

static void
series_changed_cb (BourseChart       *self,
                   gboolean           data,
                   BourseChartSeries *series)
{
  update_future_slots (self);
  emit_changed (self, data ? BOURSE_CHART_CHANGE_DATA : BOURSE_CHART_CHANGE_STYLE);
}

static void
layer_changed_cb (BourseChart      *self,
                  BourseChartLayer *layer)
{
  emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

static void
apply_theme_colors (BourseChart *self)
{
  self->palette = self->theme == BOURSE_CHART_THEME_LIGHT ? light_palette : dark_palette;
  if (!self->custom_up)
    self->up_color = self->palette.up;
  if (!self->custom_down)
    self->down_color = self->palette.down;
}

static void
bourse_chart_dispose (GObject *object)
{
  BourseChart *self = BOURSE_CHART (object);

  for (guint i = 0; i < self->series->len; i++)
    {
      SeriesEntry *e = &g_array_index (self->series, SeriesEntry, i);

      g_clear_signal_handler (&e->changed_id, e->series);
      g_clear_object (&e->series);
    }
  g_array_set_size (self->series, 0);
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerEntry *e = &g_array_index (self->layers, LayerEntry, i);

      g_clear_signal_handler (&e->changed_id, e->layer);
      g_clear_object (&e->layer);
    }
  g_array_set_size (self->layers, 0);
  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_data (self->viewport, self);
  g_clear_object (&self->viewport);

  G_OBJECT_CLASS (bourse_chart_parent_class)->dispose (object);
}

static void
bourse_chart_finalize (GObject *object)
{
  BourseChart *self = BOURSE_CHART (object);

  g_clear_pointer (&self->bars, bourse_bars_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->panes, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_array_unref);
  g_clear_pointer (&self->layers, g_array_unref);
  g_clear_pointer (&self->price_lines, g_ptr_array_unref);
  g_clear_pointer (&self->markers, g_array_unref);
  g_clear_pointer (&self->watermark, g_free);
  g_clear_pointer (&self->range_lod.lod, bourse_lod_free);
  g_clear_pointer (&self->close_lod.lod, bourse_lod_free);
  g_clear_pointer (&self->volume_lod.lod, bourse_lod_free);
  for (guint k = 0; k < 4; k++)
    g_clear_pointer (&self->ha[k], g_free);

  G_OBJECT_CLASS (bourse_chart_parent_class)->finalize (object);
}

static void
bourse_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BourseChart *self = BOURSE_CHART (object);

  switch (prop_id)
    {
    case PROP_CHART_TYPE:
      g_value_set_enum (value, self->chart_type);
      break;
    case PROP_THEME:
      g_value_set_enum (value, self->theme);
      break;
    case PROP_VOLUME_MODE:
      g_value_set_enum (value, self->volume_mode);
      break;
    case PROP_CROSSHAIR_MODE:
      g_value_set_enum (value, self->crosshair_mode);
      break;
    case PROP_WATERMARK:
      g_value_set_string (value, self->watermark);
      break;
    case PROP_GRID_VISIBLE:
      g_value_set_boolean (value, self->grid_visible);
      break;
    case PROP_PRECISION:
      g_value_set_int (value, self->precision);
      break;
    case PROP_TICK_SIZE:
      g_value_set_double (value, self->tick_size);
      break;
    case PROP_VIEWPORT:
      g_value_set_object (value, self->viewport);
      break;
    case PROP_PRICE_AXIS_SIDE:
      g_value_set_enum (value, self->price_axis_side);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BourseChart *self = BOURSE_CHART (object);

  switch (prop_id)
    {
    case PROP_CHART_TYPE:
      bourse_chart_set_chart_type (self, g_value_get_enum (value));
      break;
    case PROP_THEME:
      bourse_chart_set_theme (self, g_value_get_enum (value));
      break;
    case PROP_VOLUME_MODE:
      bourse_chart_set_volume_mode (self, g_value_get_enum (value));
      break;
    case PROP_CROSSHAIR_MODE:
      bourse_chart_set_crosshair_mode (self, g_value_get_enum (value));
      break;
    case PROP_WATERMARK:
      bourse_chart_set_watermark (self, g_value_get_string (value));
      break;
    case PROP_GRID_VISIBLE:
      bourse_chart_set_grid_visible (self, g_value_get_boolean (value));
      break;
    case PROP_PRECISION:
      bourse_chart_set_price_format (self, g_value_get_int (value), self->tick_size);
      break;
    case PROP_TICK_SIZE:
      bourse_chart_set_price_format (self, self->precision, g_value_get_double (value));
      break;
    case PROP_PRICE_AXIS_SIDE:
      bourse_chart_set_price_axis_side (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_chart_class_init (BourseChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bourse_chart_dispose;
  object_class->finalize = bourse_chart_finalize;
  object_class->get_property = bourse_chart_get_property;
  object_class->set_property = bourse_chart_set_property;

  properties[PROP_CHART_TYPE] =
    g_param_spec_enum ("chart-type", NULL, NULL, BOURSE_TYPE_CHART_TYPE, BOURSE_CHART_TYPE_CANDLES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME] =
    g_param_spec_enum ("theme", NULL, NULL, BOURSE_TYPE_CHART_THEME, BOURSE_CHART_THEME_DARK,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOLUME_MODE] =
    g_param_spec_enum ("volume-mode", NULL, NULL, BOURSE_TYPE_VOLUME_MODE, BOURSE_VOLUME_MODE_OVERLAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CROSSHAIR_MODE] =
    g_param_spec_enum ("crosshair-mode", NULL, NULL, BOURSE_TYPE_CROSSHAIR_MODE, BOURSE_CROSSHAIR_MODE_NORMAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WATERMARK] =
    g_param_spec_string ("watermark", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRID_VISIBLE] =
    g_param_spec_boolean ("grid-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRECISION] =
    g_param_spec_int ("precision", NULL, NULL, 0, 10, 2,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TICK_SIZE] =
    g_param_spec_double ("tick-size", NULL, NULL, 0, G_MAXDOUBLE, 0.01,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEWPORT] =
    g_param_spec_object ("viewport", NULL, NULL, BOURSE_TYPE_CHART_VIEWPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRICE_AXIS_SIDE] =
    g_param_spec_enum ("price-axis-side", NULL, NULL, BOURSE_TYPE_PRICE_AXIS_SIDE, BOURSE_PRICE_AXIS_RIGHT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseChart::changed:
   * @change: #BourseChartChange flags
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * BourseChart::history-needed:
   *
   * The view came within half a screen of the first bar: load older bars and
   * bourse_chart_set_bars() them (the view stays where it is). Emitted once
   * until the bars are replaced.
   */
  signals[HISTORY_NEEDED] =
    g_signal_new ("history-needed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static BourseChartPane *
pane_new (guint  id,
          double stretch)
{
  BourseChartPane *pane = g_new0 (BourseChartPane, 1);

  pane->id = id;
  pane->stretch = stretch;
  pane->mode = BOURSE_PRICE_SCALE_MODE_NORMAL;
  pane->autoscale = TRUE;
  return pane;
}

static void
bourse_chart_init (BourseChart *self)
{
  self->viewport = bourse_chart_viewport_new ();
  g_signal_connect_object (self->viewport, "changed", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->time_zone = g_time_zone_new_utc ();
  self->panes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->panes, pane_new (BOURSE_CHART_MAIN_PANE, 3.0));
  self->next_pane_id = 1;
  self->volume_pane_id = G_MAXUINT;
  self->series = g_array_new (FALSE, TRUE, sizeof (SeriesEntry));
  self->layers = g_array_new (FALSE, TRUE, sizeof (LayerEntry));
  self->price_lines = g_ptr_array_new_with_free_func (price_line_free);
  self->markers = g_array_new (FALSE, TRUE, sizeof (BourseMarker));
  g_array_set_clear_func (self->markers, marker_clear);
  self->range_lod.lod = bourse_lod_new ();
  self->close_lod.lod = bourse_lod_new ();
  self->volume_lod.lod = bourse_lod_new ();
  mark_dirty (self, 0);
  self->chart_type = BOURSE_CHART_TYPE_CANDLES;
  self->theme = BOURSE_CHART_THEME_DARK;
  self->volume_mode = BOURSE_VOLUME_MODE_OVERLAY;
  self->crosshair_mode = BOURSE_CROSSHAIR_MODE_NORMAL;
  self->precision = 2;
  self->tick_size = 0.01;
  self->grid_visible = TRUE;
  self->history_first_time = G_MAXINT64;
  apply_theme_colors (self);
}

BourseChart *
bourse_chart_new (void)
{
  return g_object_new (BOURSE_TYPE_CHART, NULL);
}

/* Builds what the next frame will need now, rather than in the middle of a
 * user's zoom: a 10M-bar pyramid built lazily is a dropped frame. */
static void
prepare_derived (BourseChart *self)
{
  if (self->bars == NULL)
    return;
  bourse_chart_get_lod (self);
  if (self->volume_mode != BOURSE_VOLUME_MODE_HIDDEN)
    {
      _bourse_chart_get_volume_lod (self);
    }
  switch (self->chart_type)
    {
    case BOURSE_CHART_TYPE_LINE:
    case BOURSE_CHART_TYPE_STEP_LINE:
    case BOURSE_CHART_TYPE_AREA:
    case BOURSE_CHART_TYPE_BASELINE:
    case BOURSE_CHART_TYPE_HISTOGRAM:
      _bourse_chart_get_close_lod (self);
      break;
    case BOURSE_CHART_TYPE_CANDLES:
    case BOURSE_CHART_TYPE_HOLLOW_CANDLES:
    case BOURSE_CHART_TYPE_HEIKIN_ASHI:
    case BOURSE_CHART_TYPE_BARS:
    default:
      break;
    }
}

BourseBars *
bourse_chart_get_bars (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->bars;
}

void
bourse_chart_set_bars (BourseChart *self,
                       BourseBars  *bars)
{
  gint64 anchor_time = 0;
  double anchor_offset = 0;
  gboolean anchored = FALSE, was_realtime;
  gsize old_len;

  g_return_if_fail (BOURSE_IS_CHART (self));

  was_realtime = bourse_chart_viewport_is_at_realtime (self->viewport);
  old_len = self->bars != NULL ? self->bars->len : 0;
  if (self->bars != NULL && self->bars->len > 0 && !was_realtime)
    {
      double right = bourse_chart_viewport_get_right_index (self->viewport) - 0.5;
      double clamped = CLAMP (floor (right), 0, (double) self->bars->len - 1);

      anchor_time = self->bars->time[(gsize) clamped];
      anchor_offset = right - clamped;
      anchored = TRUE;
    }

  if (bars != NULL)
    bourse_bars_ref (bars);
  g_clear_pointer (&self->bars, bourse_bars_unref);
  self->bars = bars;
  self->known_serial = bars != NULL ? bars->serial : 0;
  self->known_len = bars != NULL ? bars->len : 0;
  self->known_first_time = bars != NULL && bars->len > 0 ? bars->time[0] : G_MININT64;
  mark_dirty (self, 0);
  /* Asked again only once older bars arrived: a broker with no more history
   * must not be asked on every frame. */
  if (bars == NULL || bars->len == 0 || bars->time[0] < self->history_first_time)
    self->history_requested = FALSE;

  bourse_chart_viewport_set_n_bars (self->viewport, bars != NULL ? bars->len : 0);
  if (bars != NULL && anchored)
    {
      gsize i = bourse_bars_lower_bound (bars, anchor_time);

      if (i < bars->len && bars->time[i] == anchor_time)
        bourse_chart_viewport_set_right_index (self->viewport, (double) i + anchor_offset + 0.5);
      else
        bourse_chart_viewport_scroll_to_realtime (self->viewport);
    }
  else if (bars != NULL && (old_len == 0 || was_realtime))
    bourse_chart_viewport_scroll_to_realtime (self->viewport);

  prepare_derived (self);
  emit_changed (self, BOURSE_CHART_CHANGE_DATA);
}

void
bourse_chart_bars_changed (BourseChart *self)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  sync_bars (self);
  emit_changed (self, BOURSE_CHART_CHANGE_DATA);
}

BourseChartViewport *
bourse_chart_get_viewport (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->viewport;
}

const BourseLod *
bourse_chart_get_lod (BourseChart *self)
{
  BourseOhlcSource src;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  if (!_bourse_chart_get_ohlc (self, &src))
    return NULL;
  return src.range_lod;
}

BourseChartType
bourse_chart_get_chart_type (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), BOURSE_CHART_TYPE_CANDLES);
  return self->chart_type;
}

void
bourse_chart_set_chart_type (BourseChart     *self,
                             BourseChartType  type)
{
  gboolean ha_before, ha_after;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (bourse_chart_type_to_string (type) != NULL);

  if (type == self->chart_type)
    return;
  ha_before = self->chart_type == BOURSE_CHART_TYPE_HEIKIN_ASHI;
  ha_after = type == BOURSE_CHART_TYPE_HEIKIN_ASHI;
  self->chart_type = type;
  if (ha_before != ha_after)
    {
      /* The OHLC source changed: its pyramids follow. */
      lod_cache_dirty (&self->range_lod, 0);
      lod_cache_dirty (&self->close_lod, 0);
    }
  prepare_derived (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_TYPE]);
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

BourseChartTheme
bourse_chart_get_theme (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), BOURSE_CHART_THEME_DARK);
  return self->theme;
}

void
bourse_chart_set_theme (BourseChart      *self,
                        BourseChartTheme  theme)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (theme == self->theme)
    return;
  self->theme = theme;
  apply_theme_colors (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

const BourseChartPalette *
bourse_chart_get_palette (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return &self->palette;
}

void
bourse_chart_set_colors (BourseChart      *self,
                         const BourseRgba *up,
                         const BourseRgba *down)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  self->custom_up = up != NULL;
  self->custom_down = down != NULL;
  if (up != NULL)
    self->up_color = *up;
  if (down != NULL)
    self->down_color = *down;
  apply_theme_colors (self);
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

void
bourse_chart_set_wick_colors (BourseChart      *self,
                              const BourseRgba *up,
                              const BourseRgba *down)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  self->custom_wick = (up != NULL ? 2u : 0u) | (down != NULL ? 1u : 0u);
  if (up != NULL)
    self->wick_colors[1] = *up;
  if (down != NULL)
    self->wick_colors[0] = *down;
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

void
bourse_chart_set_border_colors (BourseChart      *self,
                                const BourseRgba *up,
                                const BourseRgba *down)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  self->custom_border = (up != NULL ? 2u : 0u) | (down != NULL ? 1u : 0u);
  if (up != NULL)
    self->border_colors[1] = *up;
  if (down != NULL)
    self->border_colors[0] = *down;
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

BourseVolumeMode
bourse_chart_get_volume_mode (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), BOURSE_VOLUME_MODE_HIDDEN);
  return self->volume_mode;
}

void
bourse_chart_set_volume_mode (BourseChart      *self,
                              BourseVolumeMode  mode)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (mode == self->volume_mode)
    return;
  if (self->volume_mode == BOURSE_VOLUME_MODE_PANE && self->volume_pane_id != G_MAXUINT)
    {
      guint id = self->volume_pane_id;

      self->volume_pane_id = G_MAXUINT;
      bourse_chart_remove_pane (self, id);
    }
  self->volume_mode = mode;
  if (mode == BOURSE_VOLUME_MODE_PANE)
    {
      BourseChartPane *pane;

      self->volume_pane_id = self->next_pane_id++;
      pane = pane_new (self->volume_pane_id, 1.0);
      /* Right under the main pane. */
      g_ptr_array_insert (self->panes, 1, pane);
    }
  prepare_derived (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME_MODE]);
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

guint
bourse_chart_get_volume_pane (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), G_MAXUINT);
  return self->volume_pane_id;
}

const char *
bourse_chart_get_watermark (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->watermark;
}

void
bourse_chart_set_watermark (BourseChart *self,
                            const char  *text)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (g_strcmp0 (text, self->watermark) == 0)
    return;
  g_free (self->watermark);
  self->watermark = text != NULL ? g_utf8_make_valid (text, -1) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATERMARK]);
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

BoursePriceAxisSide
bourse_chart_get_price_axis_side (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), BOURSE_PRICE_AXIS_RIGHT);
  return self->price_axis_side;
}

void
bourse_chart_set_price_axis_side (BourseChart         *self,
                                  BoursePriceAxisSide  side)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (side == BOURSE_PRICE_AXIS_RIGHT || side == BOURSE_PRICE_AXIS_LEFT);

  if (side == self->price_axis_side)
    return;
  self->price_axis_side = side;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE_AXIS_SIDE]);
  emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

gboolean
bourse_chart_get_grid_visible (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);
  return self->grid_visible;
}

void
bourse_chart_set_grid_visible (BourseChart *self,
                               gboolean     visible)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  visible = !!visible;
  if (visible == self->grid_visible)
    return;
  self->grid_visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRID_VISIBLE]);
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

void
bourse_chart_set_price_format (BourseChart *self,
                               int          precision,
                               double       tick_size)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (precision >= 0 && precision <= 10);
  g_return_if_fail (tick_size >= 0 && isfinite (tick_size));

  if (precision != self->precision)
    {
      self->precision = precision;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRECISION]);
    }
  if (tick_size != self->tick_size)
    {
      self->tick_size = tick_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICK_SIZE]);
    }
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

int
bourse_chart_get_precision (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), 2);
  return self->precision;
}

double
bourse_chart_get_tick_size (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), 0.01);
  return self->tick_size;
}

GTimeZone *
bourse_chart_get_time_zone (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->time_zone;
}

void
bourse_chart_set_time_zone (BourseChart *self,
                            GTimeZone   *tz)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  else
    g_time_zone_ref (tz);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = tz;
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

guint
bourse_chart_add_pane (BourseChart *self,
                       double       stretch)
{
  guint id;

  g_return_val_if_fail (BOURSE_IS_CHART (self), G_MAXUINT);

  id = self->next_pane_id++;
  g_ptr_array_add (self->panes, pane_new (id, stretch > 0 ? stretch : 1.0));
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
  return id;
}

void
bourse_chart_remove_pane (BourseChart *self,
                          guint        pane_id)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (pane_id != BOURSE_CHART_MAIN_PANE);

  pane = _bourse_chart_find_pane (self, pane_id);
  if (pane == NULL)
    return;

  for (guint i = self->series->len; i > 0; i--)
    {
      SeriesEntry *e = &g_array_index (self->series, SeriesEntry, i - 1);

      if (e->pane_id == pane_id)
        bourse_chart_remove_series (self, e->series);
    }
  for (guint i = self->layers->len; i > 0; i--)
    {
      LayerEntry *e = &g_array_index (self->layers, LayerEntry, i - 1);

      if (e->pane_id == pane_id)
        bourse_chart_remove_layer (self, e->layer);
    }
  if (pane_id == self->volume_pane_id)
    {
      self->volume_pane_id = G_MAXUINT;
      self->volume_mode = BOURSE_VOLUME_MODE_HIDDEN;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME_MODE]);
    }
  g_ptr_array_remove (self->panes, pane);
  emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

GArray *
bourse_chart_get_pane_ids (BourseChart *self)
{
  GArray *ids;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->panes->len);
  for (guint i = 0; i < self->panes->len; i++)
    {
      BourseChartPane *pane = g_ptr_array_index (self->panes, i);
      g_array_append_val (ids, pane->id);
    }
  return ids;
}

double
bourse_chart_get_pane_stretch (BourseChart *self,
                               guint        pane_id)
{
  BourseChartPane *pane;

  g_return_val_if_fail (BOURSE_IS_CHART (self), 0);
  pane = _bourse_chart_find_pane (self, pane_id);
  return pane != NULL ? pane->stretch : 0;
}

void
bourse_chart_set_pane_stretch (BourseChart *self,
                               guint        pane_id,
                               double       stretch)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  stretch = MAX (stretch, 0.05);
  if (stretch == pane->stretch)
    return;
  pane->stretch = stretch;
  emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

BoursePriceScaleMode
bourse_chart_get_pane_scale_mode (BourseChart *self,
                                  guint        pane_id)
{
  BourseChartPane *pane;

  g_return_val_if_fail (BOURSE_IS_CHART (self), BOURSE_PRICE_SCALE_MODE_NORMAL);
  pane = _bourse_chart_find_pane (self, pane_id);
  return pane != NULL ? pane->mode : BOURSE_PRICE_SCALE_MODE_NORMAL;
}

void
bourse_chart_set_pane_scale_mode (BourseChart          *self,
                                  guint                 pane_id,
                                  BoursePriceScaleMode  mode)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  if (mode == pane->mode)
    return;
  pane->mode = mode;
  pane->autoscale = TRUE;
  emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

gboolean
bourse_chart_get_pane_inverted (BourseChart *self,
                                guint        pane_id)
{
  BourseChartPane *pane;

  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);
  pane = _bourse_chart_find_pane (self, pane_id);
  return pane != NULL && pane->inverted;
}

void
bourse_chart_set_pane_inverted (BourseChart *self,
                                guint        pane_id,
                                gboolean     inverted)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  inverted = !!inverted;
  if (inverted == pane->inverted)
    return;
  pane->inverted = inverted;
  emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

void
bourse_chart_set_pane_price_range (BourseChart *self,
                                   guint        pane_id,
                                   double       low,
                                   double       high)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  if (!isfinite (low) || !isfinite (high) || !(high > low))
    return;
  pane->autoscale = FALSE;
  pane->manual_low = low;
  pane->manual_high = high;
  emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

gboolean
bourse_chart_get_pane_autoscale (BourseChart *self,
                                 guint        pane_id)
{
  BourseChartPane *pane;

  g_return_val_if_fail (BOURSE_IS_CHART (self), TRUE);
  pane = _bourse_chart_find_pane (self, pane_id);
  return pane == NULL || pane->autoscale;
}

void
bourse_chart_reset_pane_scale (BourseChart *self,
                               guint        pane_id)
{
  BourseChartPane *pane;

  g_return_if_fail (BOURSE_IS_CHART (self));
  pane = _bourse_chart_find_pane (self, pane_id);
  g_return_if_fail (pane != NULL);

  if (pane->autoscale)
    return;
  pane->autoscale = TRUE;
  emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

void
bourse_chart_add_series (BourseChart       *self,
                         BourseChartSeries *series,
                         guint              pane_id)
{
  SeriesEntry entry;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (BOURSE_IS_CHART_SERIES (series));
  g_return_if_fail (_bourse_chart_find_pane (self, pane_id) != NULL);

  entry.series = g_object_ref (series);
  entry.pane_id = pane_id;
  entry.changed_id = g_signal_connect_object (series, "changed", G_CALLBACK (series_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  g_array_append_val (self->series, entry);
  update_future_slots (self);
  emit_changed (self, BOURSE_CHART_CHANGE_DATA);
}

void
bourse_chart_remove_series (BourseChart       *self,
                            BourseChartSeries *series)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  for (guint i = 0; i < self->series->len; i++)
    {
      SeriesEntry *e = &g_array_index (self->series, SeriesEntry, i);

      if (e->series == series)
        {
          g_clear_signal_handler (&e->changed_id, e->series);
          g_clear_object (&e->series);
          g_array_remove_index (self->series, i);
          update_future_slots (self);
          emit_changed (self, BOURSE_CHART_CHANGE_DATA);
          return;
        }
    }
}

GPtrArray *
bourse_chart_get_series (BourseChart *self,
                         guint        pane_id)
{
  GPtrArray *ret;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  ret = g_ptr_array_new ();
  for (guint i = 0; i < self->series->len; i++)
    {
      SeriesEntry *e = &g_array_index (self->series, SeriesEntry, i);

      if (e->pane_id == pane_id)
        g_ptr_array_add (ret, e->series);
    }
  return ret;
}

void
bourse_chart_add_layer (BourseChart      *self,
                        BourseChartLayer *layer,
                        guint             pane_id)
{
  LayerEntry entry;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (BOURSE_IS_CHART_LAYER (layer));
  g_return_if_fail (_bourse_chart_find_pane (self, pane_id) != NULL);

  entry.layer = g_object_ref (layer);
  entry.pane_id = pane_id;
  entry.changed_id = g_signal_connect_object (layer, "changed", G_CALLBACK (layer_changed_cb),
                                              self, G_CONNECT_SWAPPED);
  g_array_append_val (self->layers, entry);
  emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

void
bourse_chart_remove_layer (BourseChart      *self,
                           BourseChartLayer *layer)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerEntry *e = &g_array_index (self->layers, LayerEntry, i);

      if (e->layer == layer)
        {
          g_clear_signal_handler (&e->changed_id, e->layer);
          g_clear_object (&e->layer);
          g_array_remove_index (self->layers, i);
          emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
          return;
        }
    }
}

GPtrArray *
bourse_chart_get_layers (BourseChart *self,
                         guint        pane_id)
{
  GPtrArray *ret;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  ret = g_ptr_array_new ();
  for (guint i = 0; i < self->layers->len; i++)
    {
      LayerEntry *e = &g_array_index (self->layers, LayerEntry, i);

      if (e->pane_id == pane_id)
        g_ptr_array_add (ret, e->layer);
    }
  return ret;
}

static BoursePriceLine *
find_price_line (BourseChart *self,
                 const char  *id,
                 guint       *index)
{
  for (guint i = 0; i < self->price_lines->len; i++)
    {
      BoursePriceLine *line = g_ptr_array_index (self->price_lines, i);

      if (g_strcmp0 (line->id, id) == 0)
        {
          if (index != NULL)
            *index = i;
          return line;
        }
    }
  return NULL;
}

void
bourse_chart_set_price_line (BourseChart          *self,
                             const char           *id,
                             double                price,
                             const BourseRgba     *color,
                             const char           *label,
                             BoursePriceLineFlags  flags)
{
  BoursePriceLine *line;
  char *new_label;

  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (isfinite (price));

  line = find_price_line (self, id, NULL);
  if (line == NULL)
    {
      line = g_new0 (BoursePriceLine, 1);
      line->id = g_strdup (id);
      g_ptr_array_add (self->price_lines, line);
    }
  /* @label may be line->label itself (a caller moving a line keeps its text):
   * copy before freeing. Text reaches cairo, which refuses invalid UTF-8. */
  new_label = label != NULL ? g_utf8_make_valid (label, -1) : NULL;
  line->price = price;
  line->color = color != NULL ? *color : self->palette.line;
  g_free (line->label);
  line->label = new_label;
  line->flags = flags;
  emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

gboolean
bourse_chart_remove_price_line (BourseChart *self,
                                const char  *id)
{
  guint index;

  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);

  if (find_price_line (self, id, &index) == NULL)
    return FALSE;
  g_ptr_array_remove_index (self->price_lines, index);
  emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
  return TRUE;
}

const BoursePriceLine *
bourse_chart_get_price_line (BourseChart *self,
                             const char  *id)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return find_price_line (self, id, NULL);
}

GPtrArray *
bourse_chart_peek_price_lines (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->price_lines;
}

void
bourse_chart_add_marker (BourseChart      *self,
                         gint64            time,
                         double            price,
                         BourseMarkerKind  kind,
                         const char       *text)
{
  BourseMarker marker = { time, price, kind, text != NULL ? g_utf8_make_valid (text, -1) : NULL };

  g_return_if_fail (BOURSE_IS_CHART (self));

  g_array_append_val (self->markers, marker);
  emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

void
bourse_chart_clear_markers (BourseChart *self)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (self->markers->len == 0)
    return;
  g_array_set_size (self->markers, 0);
  emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

GArray *
bourse_chart_peek_markers (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->markers;
}

BourseCrosshairMode
bourse_chart_get_crosshair_mode (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), BOURSE_CROSSHAIR_MODE_NORMAL);
  return self->crosshair_mode;
}

void
bourse_chart_set_crosshair_mode (BourseChart         *self,
                                 BourseCrosshairMode  mode)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (mode == self->crosshair_mode)
    return;
  self->crosshair_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CROSSHAIR_MODE]);
  emit_changed (self, BOURSE_CHART_CHANGE_CROSSHAIR);
}

void
bourse_chart_set_crosshair (BourseChart *self,
                            guint        pane_id,
                            double       x,
                            double       y)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (self->crosshair_visible && self->crosshair_pane == pane_id &&
      self->crosshair_x == x && self->crosshair_y == y)
    return;
  self->crosshair_visible = TRUE;
  self->crosshair_pane = pane_id;
  self->crosshair_x = x;
  self->crosshair_y = y;
  emit_changed (self, BOURSE_CHART_CHANGE_CROSSHAIR);
}

void
bourse_chart_clear_crosshair (BourseChart *self)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (!self->crosshair_visible)
    return;
  self->crosshair_visible = FALSE;
  emit_changed (self, BOURSE_CHART_CHANGE_CROSSHAIR);
}

gboolean
bourse_chart_get_crosshair (BourseChart *self,
                            guint       *pane_id,
                            double      *x,
                            double      *y)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);

  if (pane_id != NULL)
    *pane_id = self->crosshair_pane;
  if (x != NULL)
    *x = self->crosshair_x;
  if (y != NULL)
    *y = self->crosshair_y;
  return self->crosshair_visible;
}

gssize
bourse_chart_bar_at_index (BourseChart *self,
                           double       index)
{
  double r;

  g_return_val_if_fail (BOURSE_IS_CHART (self), -1);

  if (self->bars == NULL || self->bars->len == 0 || !isfinite (index))
    return -1;
  r = round (index);
  return (gssize) CLAMP (r, 0, (double) self->bars->len - 1);
}

void
bourse_chart_invalidate (BourseChart       *self,
                         BourseChartChange  change)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  emit_changed (self, change);
}

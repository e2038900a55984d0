/* bourse-chart.c — the chart model: the object, its settings and crosshair
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties, signals and appearance settings (chart type, theme, colours,
 * volume mode, price format, time zone) live here; bars, panes and annotations
 * in the files listed in bourse-chart-model-private.h.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "bourse-chart-model-private.h"
#include "bourse-price.h"

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

void
_bourse_chart_emit_changed (BourseChart       *self,
                            BourseChartChange  change)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) change);
}

static void
viewport_changed_cb (BourseChart         *self,
                     BourseChartViewport *viewport)
{
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

static void
apply_theme_colors (BourseChart *self)
{
  self->palette = self->theme == BOURSE_CHART_THEME_LIGHT ? light_palette : dark_palette;
  if (!self->custom_up)
    self->up_color = self->palette.up;
  if (!self->custom_down)
    self->down_color = self->palette.down;
  _bourse_chart_apply_custom_palette (self);
}

void
_bourse_chart_refresh_palette (BourseChart *self)
{
  apply_theme_colors (self);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_style_finalize (self);
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
      g_value_set_boolean (value, bourse_chart_get_grid_visible (self));
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

static void
bourse_chart_init (BourseChart *self)
{
  self->viewport = bourse_chart_viewport_new ();
  g_signal_connect_object (self->viewport, "changed", G_CALLBACK (viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->time_zone = g_time_zone_new_utc ();
  self->panes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->panes, _bourse_chart_pane_new (BOURSE_CHART_MAIN_PANE, 3.0));
  self->next_pane_id = 1;
  self->volume_pane_id = G_MAXUINT;
  self->series = g_array_new (FALSE, TRUE, sizeof (SeriesEntry));
  self->layers = g_array_new (FALSE, TRUE, sizeof (LayerEntry));
  self->price_lines = g_ptr_array_new_with_free_func (_bourse_chart_price_line_free);
  self->markers = g_array_new (FALSE, TRUE, sizeof (BourseMarker));
  g_array_set_clear_func (self->markers, _bourse_chart_marker_clear);
  self->range_lod.lod = bourse_lod_new ();
  self->close_lod.lod = bourse_lod_new ();
  self->volume_lod.lod = bourse_lod_new ();
  _bourse_chart_mark_dirty (self, 0);
  self->chart_type = BOURSE_CHART_TYPE_CANDLES;
  self->theme = BOURSE_CHART_THEME_DARK;
  self->volume_mode = BOURSE_VOLUME_MODE_OVERLAY;
  self->crosshair_mode = BOURSE_CROSSHAIR_MODE_NORMAL;
  self->precision = 2;
  self->tick_size = 0.01;
  self->history_first_time = G_MAXINT64;
  _bourse_chart_style_init (self);
  apply_theme_colors (self);
}

BourseChart *
bourse_chart_new (void)
{
  return g_object_new (BOURSE_TYPE_CHART, NULL);
}

BourseChartViewport *
bourse_chart_get_viewport (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->viewport;
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
      _bourse_chart_lod_cache_dirty (&self->range_lod, 0);
      _bourse_chart_lod_cache_dirty (&self->close_lod, 0);
    }
  _bourse_chart_prepare_derived (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART_TYPE]);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
      pane = _bourse_chart_pane_new (self->volume_pane_id, 1.0);
      /* Right under the main pane. */
      g_ptr_array_insert (self->panes, 1, pane);
    }
  _bourse_chart_prepare_derived (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME_MODE]);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

guint
bourse_chart_get_volume_pane (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), G_MAXUINT);
  return self->volume_pane_id;
}

void
_bourse_chart_forget_volume_pane (BourseChart *self)
{
  self->volume_pane_id = G_MAXUINT;
  self->volume_mode = BOURSE_VOLUME_MODE_HIDDEN;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME_MODE]);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_VIEW);
}

gboolean
bourse_chart_get_grid_visible (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);
  return self->grid_vertical || self->grid_horizontal;
}

/* Both grid directions at once; bourse_chart_set_grid_lines() sets each. */
void
bourse_chart_set_grid_visible (BourseChart *self,
                               gboolean     visible)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  bourse_chart_set_grid_lines (self, visible, visible);
}

/* Called by bourse-chart-style.c when either grid direction changed. */
void
_bourse_chart_notify_grid (BourseChart *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRID_VISIBLE]);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_CROSSHAIR);
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
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_CROSSHAIR);
}

void
bourse_chart_clear_crosshair (BourseChart *self)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (!self->crosshair_visible)
    return;
  self->crosshair_visible = FALSE;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_CROSSHAIR);
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

void
bourse_chart_invalidate (BourseChart       *self,
                         BourseChartChange  change)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  _bourse_chart_emit_changed (self, change);
}

/**
 * bourse_chart_dup_bar_change:
 *
 * What the legend shows as @bar's change: its close against the previous
 * bar's close, through bourse_price_change() and the same formatting as the
 * watchlist's Chg and Chg% columns. On daily bars this is the day's change
 * against the previous session's close, the watchlist's definition.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL without such a bar
 */
char *
bourse_chart_dup_bar_change (BourseChart *self,
                             gsize        bar)
{
  BourseOhlcSource src;
  double change, percent;
  g_autofree char *change_text = NULL;
  g_autofree char *percent_text = NULL;

  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);

  if (!_bourse_chart_get_ohlc (self, &src) || bar >= src.len)
    return NULL;
  if (bar == 0 || !bourse_price_change (src.close[bar], src.close[bar - 1], &change, &percent))
    change = percent = 0;
  change_text = bourse_format_change (change, (guint) MAX (bourse_chart_get_precision (self), 0));
  percent_text = bourse_format_change_percent (percent);
  return g_strdup_printf ("%s (%s)", change_text, percent_text);
}

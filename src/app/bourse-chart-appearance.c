/* bourse-chart-appearance.c — applies the chart settings (GSettings "chart-*" keys) to a chart, live
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every "changed" of the settings re-applies all keys: the chart's setters
 * ignore values that did not change, and a settings change is a user's
 * click, so simplicity wins over per-key dispatch. Colours are CSS colours
 * as GdkRGBA parses them; an empty string means the theme's.
 */
#include "config.h"

#include <gdk/gdk.h>
#include <glib/gi18n.h>
#include <math.h>

#include "bourse-chart-appearance.h"
#include "bourse-price.h"
#include "bourse-settings.h"

struct _BourseChartAppearance
{
  GObject      parent_instance;

  BourseChart *chart;            /* owned */
  GSettings   *settings;         /* owned, nullable */
  GTimeZone   *session_zone;     /* owned, nullable: the exchange's */
  char        *symbol;
  char        *interval_label;
  char        *description;
  double       tick;
  int          session_start_minute;
  gint64       bar_seconds;
  guint        countdown_id;     /* ticks the countdown once a second */
};

G_DEFINE_FINAL_TYPE (BourseChartAppearance, bourse_chart_appearance, G_TYPE_OBJECT)

/* A colour key: FALSE for "" (the theme's) or a colour that does not parse. */
static gboolean
get_color (BourseChartAppearance *self,
           const char            *key,
           BourseRgba            *out)
{
  g_autofree char *text = g_settings_get_string (self->settings, key);
  GdkRGBA rgba;

  if (*text == '\0' || !gdk_rgba_parse (&rgba, text))
    return FALSE;
  *out = (BourseRgba) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  return TRUE;
}

static void
apply_color_pair (BourseChartAppearance *self,
                  const char            *up_key,
                  const char            *down_key,
                  void                 (*setter) (BourseChart *, const BourseRgba *, const BourseRgba *))
{
  BourseRgba up, down;
  gboolean has_up = get_color (self, up_key, &up);
  gboolean has_down = get_color (self, down_key, &down);

  setter (self->chart, has_up ? &up : NULL, has_down ? &down : NULL);
}

static void
apply_color (BourseChartAppearance *self,
             const char            *key,
             void                 (*setter) (BourseChart *, const BourseRgba *))
{
  BourseRgba color;

  setter (self->chart, get_color (self, key, &color) ? &color : NULL);
}

GTimeZone *
bourse_chart_appearance_dup_time_zone (BourseChartAppearance *self)
{
  g_autofree char *name = NULL;
  GTimeZone *tz;

  g_return_val_if_fail (BOURSE_IS_CHART_APPEARANCE (self), NULL);

  name = self->settings ? g_settings_get_string (self->settings, BOURSE_SETTINGS_KEY_CHART_TIME_ZONE)
                        : g_strdup ("UTC");
  if (g_str_equal (name, "local"))
    return g_time_zone_new_local ();
  if (g_str_equal (name, "exchange"))
    return self->session_zone ? g_time_zone_ref (self->session_zone) : g_time_zone_new_utc ();
  if (g_str_equal (name, "UTC") || (tz = g_time_zone_new_identifier (name)) == NULL)
    return g_time_zone_new_utc ();
  return tz;
}

/* What depends on the symbol as much as on the settings. */
static void
apply_symbol (BourseChartAppearance *self)
{
  int precision = self->settings ? g_settings_get_int (self->settings, BOURSE_SETTINGS_KEY_CHART_PRECISION) : -1;
  gboolean watermark = self->settings ? g_settings_get_boolean (self->settings, BOURSE_SETTINGS_KEY_CHART_WATERMARK) : TRUE;
  g_autofree char *text = self->settings ? g_settings_get_string (self->settings, BOURSE_SETTINGS_KEY_CHART_WATERMARK_TEXT)
                                         : g_strdup ("");
  g_autofree char *title = NULL;
  g_autofree char *symbol_text = g_strdup_printf ("%s · %s", self->symbol ? self->symbol : "",
                                                  self->interval_label ? self->interval_label : "");

  if (precision < 0)
    precision = (int) MIN (bourse_decimals_for_tick (self->tick), 10);
  bourse_chart_set_price_format (self->chart, precision, self->tick);
  bourse_chart_set_watermark (self->chart, !watermark ? NULL : *text != '\0' ? text : symbol_text);
  if (self->description != NULL && *self->description != '\0')
    title = g_strdup_printf ("%s · %s", symbol_text, self->description);
  else
    title = g_strdup (symbol_text);
  bourse_chart_set_legend_title (self->chart, self->symbol ? title : NULL);
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  BourseChartAppearance *self = user_data;

  bourse_chart_set_countdown (self->chart, self->bar_seconds, g_get_real_time () / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

/* A timer only while the countdown shows. */
static void
apply_countdown (BourseChartAppearance *self)
{
  gboolean on = self->bar_seconds > 0 &&
                (self->settings == NULL || g_settings_get_boolean (self->settings, BOURSE_SETTINGS_KEY_CHART_COUNTDOWN));

  if (!on)
    {
      g_clear_handle_id (&self->countdown_id, g_source_remove);
      bourse_chart_set_countdown (self->chart, 0, 0);
      return;
    }
  countdown_tick_cb (self);
  if (self->countdown_id == 0)
    self->countdown_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, countdown_tick_cb, self, NULL);
}

/* The main pane's scale mode and inversion, also changed from the price
 * axis's menu: applied only when their own key changes. */
static void
apply_scales (BourseChartAppearance *self)
{
  bourse_chart_set_pane_scale_mode (self->chart, BOURSE_CHART_MAIN_PANE,
                                    g_settings_get_enum (self->settings, BOURSE_SETTINGS_KEY_CHART_SCALE_MODE));
  bourse_chart_set_pane_inverted (self->chart, BOURSE_CHART_MAIN_PANE,
                                  g_settings_get_boolean (self->settings, BOURSE_SETTINGS_KEY_CHART_INVERTED));
}

static void
apply_all (BourseChartAppearance *self)
{
  GSettings *s = self->settings;
  g_autoptr(GTimeZone) tz = NULL;

  apply_symbol (self);
  apply_countdown (self);
  tz = bourse_chart_appearance_dup_time_zone (self);
  bourse_chart_set_time_zone (self->chart, tz);
  bourse_chart_set_session (self->chart, self->session_zone, self->session_start_minute);
  if (s == NULL)
    return;

  apply_color_pair (self, BOURSE_SETTINGS_KEY_CHART_UP_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_COLOR,
                    bourse_chart_set_colors);
  apply_color_pair (self, BOURSE_SETTINGS_KEY_CHART_UP_BORDER_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_BORDER_COLOR,
                    bourse_chart_set_border_colors);
  apply_color_pair (self, BOURSE_SETTINGS_KEY_CHART_UP_WICK_COLOR, BOURSE_SETTINGS_KEY_CHART_DOWN_WICK_COLOR,
                    bourse_chart_set_wick_colors);
  apply_color (self, BOURSE_SETTINGS_KEY_CHART_LINE_COLOR, bourse_chart_set_line_color);
  apply_color (self, BOURSE_SETTINGS_KEY_CHART_BACKGROUND_COLOR, bourse_chart_set_background_color);
  apply_color (self, BOURSE_SETTINGS_KEY_CHART_GRID_COLOR, bourse_chart_set_grid_color);

  bourse_chart_set_legend_flags (self->chart, g_settings_get_flags (s, BOURSE_SETTINGS_KEY_CHART_LEGEND));
  bourse_chart_set_price_axis_side (self->chart, g_settings_get_enum (s, BOURSE_SETTINGS_KEY_CHART_PRICE_AXIS_SIDE));
  bourse_chart_set_last_price_visible (self->chart, g_settings_get_boolean (s, BOURSE_SETTINGS_KEY_CHART_LAST_PRICE_LABEL));
  bourse_chart_set_grid_lines (self->chart,
                               g_settings_get_boolean (s, BOURSE_SETTINGS_KEY_CHART_GRID_VERTICAL),
                               g_settings_get_boolean (s, BOURSE_SETTINGS_KEY_CHART_GRID_HORIZONTAL));
  bourse_chart_set_crosshair_mode (self->chart, g_settings_get_enum (s, BOURSE_SETTINGS_KEY_CHART_CROSSHAIR_MODE));
  bourse_chart_set_session_breaks (self->chart, g_settings_get_boolean (s, BOURSE_SETTINGS_KEY_CHART_SESSION_BREAKS));
}

static void
settings_changed_cb (BourseChartAppearance *self,
                     const char            *key)
{
  if (g_str_equal (key, BOURSE_SETTINGS_KEY_CHART_SCALE_MODE) ||
      g_str_equal (key, BOURSE_SETTINGS_KEY_CHART_INVERTED))
    apply_scales (self);
  else if (g_str_has_prefix (key, "chart-"))
    apply_all (self);
}

void
bourse_chart_appearance_set_settings (BourseChartAppearance *self,
                                      GSettings             *settings)
{
  g_return_if_fail (BOURSE_IS_CHART_APPEARANCE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (!g_set_object (&self->settings, settings))
    return;
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
      apply_scales (self);
    }
  apply_all (self);
}

void
bourse_chart_appearance_set_symbol (BourseChartAppearance *self,
                                    const char            *symbol,
                                    const char            *interval_label,
                                    const char            *description,
                                    double                 tick)
{
  g_return_if_fail (BOURSE_IS_CHART_APPEARANCE (self));

  g_free (self->symbol);
  self->symbol = g_strdup (symbol);
  g_free (self->interval_label);
  self->interval_label = g_strdup (interval_label);
  g_free (self->description);
  self->description = g_strdup (description);
  self->tick = tick > 0 && isfinite (tick) ? tick : 0.01;
  apply_symbol (self);
}

void
bourse_chart_appearance_set_bar_seconds (BourseChartAppearance *self,
                                         gint64                 bar_seconds)
{
  g_return_if_fail (BOURSE_IS_CHART_APPEARANCE (self));

  self->bar_seconds = MAX (bar_seconds, 0);
  apply_countdown (self);
}

void
bourse_chart_appearance_set_session (BourseChartAppearance      *self,
                                     const BourseTradingSession *session)
{
  g_return_if_fail (BOURSE_IS_CHART_APPEARANCE (self));

  g_clear_pointer (&self->session_zone, g_time_zone_unref);
  self->session_start_minute = 0;
  if (session != NULL)
    {
      if (session->time_zone != NULL)
        self->session_zone = g_time_zone_ref (session->time_zone);
      self->session_start_minute = session->start_minute;
    }
  apply_all (self);
}

static void
bourse_chart_appearance_dispose (GObject *object)
{
  BourseChartAppearance *self = BOURSE_CHART_APPEARANCE (object);

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (bourse_chart_appearance_parent_class)->dispose (object);
}

static void
bourse_chart_appearance_finalize (GObject *object)
{
  BourseChartAppearance *self = BOURSE_CHART_APPEARANCE (object);

  g_clear_pointer (&self->session_zone, g_time_zone_unref);
  g_free (self->symbol);
  g_free (self->interval_label);
  g_free (self->description);

  G_OBJECT_CLASS (bourse_chart_appearance_parent_class)->finalize (object);
}

static void
bourse_chart_appearance_class_init (BourseChartAppearanceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bourse_chart_appearance_dispose;
  G_OBJECT_CLASS (klass)->finalize = bourse_chart_appearance_finalize;
}

static void
bourse_chart_appearance_init (BourseChartAppearance *self)
{
  self->tick = 0.01;
}

BourseChartAppearance *
bourse_chart_appearance_new (BourseChart *chart)
{
  BourseChartAppearance *self;

  g_return_val_if_fail (BOURSE_IS_CHART (chart), NULL);

  self = g_object_new (BOURSE_TYPE_CHART_APPEARANCE, NULL);
  self->chart = g_object_ref (chart);
  apply_all (self);
  return self;
}

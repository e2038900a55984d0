/* bourse-chart-style.c — BourseChart's display options: palette overrides, grid lines, legend contents, last price, session breaks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the chart settings dialog changes besides the type and the scales.
 * Each setter emits ::changed with BOURSE_CHART_CHANGE_STYLE, so a view
 * repaints everything once.
 *
 * Session breaks: bar i opens a trading day when its trading day differs
 * from bar i - 1's. The trading day of time t is
 *   floor ((t + utc_offset (t) - start_minute * 60) / 86400)
 * in the session's time zone, so a 17:00 New York session start (FX) puts
 * the break on the first bar at or after 17:00 there, summer or winter.
 * Only intraday bars get breaks: on daily bars every bar would be one.
 */
#include "config.h"

#include "bourse-chart-model-private.h"

void
_bourse_chart_style_init (BourseChart *self)
{
  self->grid_vertical = TRUE;
  self->grid_horizontal = TRUE;
  self->last_price_visible = TRUE;
  self->legend_flags = BOURSE_CHART_LEGEND_ALL;
}

void
_bourse_chart_style_finalize (BourseChart *self)
{
  g_clear_pointer (&self->legend_title, g_free);
  g_clear_pointer (&self->session_time_zone, g_time_zone_unref);
}

void
_bourse_chart_apply_custom_palette (BourseChart *self)
{
  if (self->custom_palette & (1u << BOURSE_CHART_CUSTOM_BACKGROUND))
    self->palette.background = self->custom_colors[BOURSE_CHART_CUSTOM_BACKGROUND];
  if (self->custom_palette & (1u << BOURSE_CHART_CUSTOM_GRID))
    self->palette.grid = self->custom_colors[BOURSE_CHART_CUSTOM_GRID];
  if (self->custom_palette & (1u << BOURSE_CHART_CUSTOM_LINE))
    {
      BourseRgba line = self->custom_colors[BOURSE_CHART_CUSTOM_LINE];

      self->palette.line = line;
      self->palette.area_top = line;
      self->palette.area_top.alpha = self->theme == BOURSE_CHART_THEME_LIGHT ? 0.28f : 0.4f;
      self->palette.area_bottom = line;
      self->palette.area_bottom.alpha = 0.f;
    }
}

static void
set_custom_color (BourseChart      *self,
                  guint             which,
                  const BourseRgba *color)
{
  if (color != NULL)
    {
      self->custom_colors[which] = *color;
      self->custom_palette |= 1u << which;
    }
  else
    self->custom_palette &= ~(1u << which);
  _bourse_chart_refresh_palette (self);
}

void
bourse_chart_set_background_color (BourseChart      *self,
                                   const BourseRgba *color)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  set_custom_color (self, BOURSE_CHART_CUSTOM_BACKGROUND, color);
}

void
bourse_chart_set_grid_color (BourseChart      *self,
                             const BourseRgba *color)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  set_custom_color (self, BOURSE_CHART_CUSTOM_GRID, color);
}

void
bourse_chart_set_line_color (BourseChart      *self,
                             const BourseRgba *color)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  set_custom_color (self, BOURSE_CHART_CUSTOM_LINE, color);
}

void
bourse_chart_get_grid_lines (BourseChart *self,
                             gboolean    *vertical,
                             gboolean    *horizontal)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (vertical != NULL)
    *vertical = self->grid_vertical;
  if (horizontal != NULL)
    *horizontal = self->grid_horizontal;
}

void
bourse_chart_set_grid_lines (BourseChart *self,
                             gboolean     vertical,
                             gboolean     horizontal)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  vertical = !!vertical;
  horizontal = !!horizontal;
  if ((guint) vertical == self->grid_vertical && (guint) horizontal == self->grid_horizontal)
    return;
  self->grid_vertical = vertical;
  self->grid_horizontal = horizontal;
  _bourse_chart_notify_grid (self);
}

BourseChartLegendFlags
bourse_chart_get_legend_flags (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), BOURSE_CHART_LEGEND_ALL);
  return self->legend_flags;
}

void
bourse_chart_set_legend_flags (BourseChart            *self,
                               BourseChartLegendFlags  flags)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  flags &= BOURSE_CHART_LEGEND_ALL;
  if (flags == self->legend_flags)
    return;
  self->legend_flags = flags;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

const char *
bourse_chart_get_legend_title (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), NULL);
  return self->legend_title;
}

void
bourse_chart_set_legend_title (BourseChart *self,
                               const char  *title)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if (title != NULL && *title == '\0')
    title = NULL;
  if (g_strcmp0 (title, self->legend_title) == 0)
    return;
  g_free (self->legend_title);
  self->legend_title = g_strdup (title);
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

void
bourse_chart_set_legend_gap (BourseChart *self,
                             double       gap)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (gap >= 0 && gap < 10000);

  if (gap == self->legend_gap)
    return;
  self->legend_gap = gap;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

double
bourse_chart_get_legend_gap (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), 0);
  return self->legend_gap;
}

gboolean
bourse_chart_get_last_price_visible (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), TRUE);
  return self->last_price_visible;
}

void
bourse_chart_set_last_price_visible (BourseChart *self,
                                     gboolean     visible)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if ((guint) !!visible == self->last_price_visible)
    return;
  self->last_price_visible = !!visible;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

void
bourse_chart_set_countdown (BourseChart *self,
                            gint64       bar_seconds,
                            gint64       now)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (bar_seconds >= 0);

  if (bar_seconds == self->countdown_bar_seconds && now == self->countdown_now)
    return;
  self->countdown_bar_seconds = bar_seconds;
  self->countdown_now = now;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_OVERLAY);
}

gboolean
bourse_chart_format_countdown (BourseChart *self,
                               char        *buf,
                               gsize        size)
{
  gint64 left;

  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);

  if (self->countdown_bar_seconds <= 0 || self->bars == NULL || self->bars->len == 0)
    return FALSE;
  left = self->bars->time[self->bars->len - 1] + self->countdown_bar_seconds - self->countdown_now;
  if (left <= 0 || left > self->countdown_bar_seconds)
    return FALSE;
  if (left >= 2 * 86400)
    g_snprintf (buf, size, "%dd %02dh", (int) (left / 86400), (int) (left % 86400 / 3600));
  else if (left >= 3600)
    g_snprintf (buf, size, "%d:%02d:%02d", (int) (left / 3600), (int) (left % 3600 / 60), (int) (left % 60));
  else
    g_snprintf (buf, size, "%02d:%02d", (int) (left / 60), (int) (left % 60));
  return TRUE;
}

gboolean
bourse_chart_get_session_breaks (BourseChart *self)
{
  g_return_val_if_fail (BOURSE_IS_CHART (self), FALSE);
  return self->session_breaks;
}

void
bourse_chart_set_session_breaks (BourseChart *self,
                                 gboolean     visible)
{
  g_return_if_fail (BOURSE_IS_CHART (self));

  if ((guint) !!visible == self->session_breaks)
    return;
  self->session_breaks = !!visible;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

void
bourse_chart_set_session (BourseChart *self,
                          GTimeZone   *time_zone,
                          int          start_minute)
{
  g_return_if_fail (BOURSE_IS_CHART (self));
  g_return_if_fail (start_minute >= 0 && start_minute < 24 * 60);

  if (time_zone != NULL)
    g_time_zone_ref (time_zone);
  g_clear_pointer (&self->session_time_zone, g_time_zone_unref);
  self->session_time_zone = time_zone;
  self->session_start_minute = start_minute;
  _bourse_chart_emit_changed (self, BOURSE_CHART_CHANGE_STYLE);
}

static gint64
trading_day (GTimeZone *tz,
             gint64     time,
             int        start_minute)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, time);
  gint64 local = time + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);
  gint64 shifted = local - (gint64) start_minute * 60;

  /* floor division: times before 1970 are days too */
  return shifted >= 0 ? shifted / 86400 : -((-shifted + 86399) / 86400);
}

GArray *
bourse_chart_find_session_breaks (BourseChart *self,
                                  gsize        first,
                                  gsize        end)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (gsize));
  GTimeZone *tz;
  gint64 min_step = G_MAXINT64, day;

  g_return_val_if_fail (BOURSE_IS_CHART (self), breaks);

  if (self->bars == NULL || self->bars->len < 2)
    return breaks;
  end = MIN (end, self->bars->len);
  first = MAX (first, 1);
  if (first >= end)
    return breaks;
  /* Intraday? The smallest step among a few bars tells (gaps are larger). */
  for (gsize i = first; i < end && i < first + 16; i++)
    min_step = MIN (min_step, self->bars->time[i] - self->bars->time[i - 1]);
  if (min_step >= 86400)
    return breaks;

  tz = self->session_time_zone != NULL ? self->session_time_zone : self->time_zone;
  day = trading_day (tz, self->bars->time[first - 1], self->session_start_minute);
  for (gsize i = first; i < end; i++)
    {
      gint64 d = trading_day (tz, self->bars->time[i], self->session_start_minute);

      if (d != day)
        g_array_append_val (breaks, i);
      day = d;
    }
  return breaks;
}

/* bourse-chart-types.c — colour parsing and enum nicks of the chart engine
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "bourse-chart-types.h"

G_DEFINE_ENUM_TYPE (BourseChartType, bourse_chart_type,
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_CANDLES, "candles"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_HOLLOW_CANDLES, "hollow-candles"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_HEIKIN_ASHI, "heikin-ashi"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_BARS, "bars"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_LINE, "line"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_STEP_LINE, "step-line"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_AREA, "area"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_BASELINE, "baseline"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_TYPE_HISTOGRAM, "histogram"))

G_DEFINE_ENUM_TYPE (BourseChartTheme, bourse_chart_theme,
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_THEME_DARK, "dark"),
  G_DEFINE_ENUM_VALUE (BOURSE_CHART_THEME_LIGHT, "light"))

G_DEFINE_ENUM_TYPE (BoursePriceScaleMode, bourse_price_scale_mode,
  G_DEFINE_ENUM_VALUE (BOURSE_PRICE_SCALE_MODE_NORMAL, "normal"),
  G_DEFINE_ENUM_VALUE (BOURSE_PRICE_SCALE_MODE_LOGARITHMIC, "logarithmic"),
  G_DEFINE_ENUM_VALUE (BOURSE_PRICE_SCALE_MODE_PERCENT, "percent"),
  G_DEFINE_ENUM_VALUE (BOURSE_PRICE_SCALE_MODE_INDEXED_TO_100, "indexed-to-100"))

G_DEFINE_ENUM_TYPE (BourseCrosshairMode, bourse_crosshair_mode,
  G_DEFINE_ENUM_VALUE (BOURSE_CROSSHAIR_MODE_NORMAL, "normal"),
  G_DEFINE_ENUM_VALUE (BOURSE_CROSSHAIR_MODE_MAGNET, "magnet"),
  G_DEFINE_ENUM_VALUE (BOURSE_CROSSHAIR_MODE_HIDDEN, "hidden"),
  G_DEFINE_ENUM_VALUE (BOURSE_CROSSHAIR_MODE_MAGNET_OHLC, "magnet-ohlc"))

G_DEFINE_ENUM_TYPE (BourseVolumeMode, bourse_volume_mode,
  G_DEFINE_ENUM_VALUE (BOURSE_VOLUME_MODE_HIDDEN, "hidden"),
  G_DEFINE_ENUM_VALUE (BOURSE_VOLUME_MODE_OVERLAY, "overlay"),
  G_DEFINE_ENUM_VALUE (BOURSE_VOLUME_MODE_PANE, "pane"))

G_DEFINE_ENUM_TYPE (BoursePriceAxisSide, bourse_price_axis_side,
  G_DEFINE_ENUM_VALUE (BOURSE_PRICE_AXIS_RIGHT, "right"),
  G_DEFINE_ENUM_VALUE (BOURSE_PRICE_AXIS_LEFT, "left"))

static const char *type_nicks[] = {
  [BOURSE_CHART_TYPE_CANDLES] = "candles",
  [BOURSE_CHART_TYPE_HOLLOW_CANDLES] = "hollow-candles",
  [BOURSE_CHART_TYPE_HEIKIN_ASHI] = "heikin-ashi",
  [BOURSE_CHART_TYPE_BARS] = "bars",
  [BOURSE_CHART_TYPE_LINE] = "line",
  [BOURSE_CHART_TYPE_STEP_LINE] = "step-line",
  [BOURSE_CHART_TYPE_AREA] = "area",
  [BOURSE_CHART_TYPE_BASELINE] = "baseline",
  [BOURSE_CHART_TYPE_HISTOGRAM] = "histogram",
};

const char *
bourse_chart_type_to_string (BourseChartType type)
{
  if ((guint) type >= G_N_ELEMENTS (type_nicks))
    return NULL;
  return type_nicks[type];
}

gboolean
bourse_chart_type_from_string (const char      *nick,
                               BourseChartType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (type_nicks); i++)
    if (strcmp (nick, type_nicks[i]) == 0)
      {
        *type = (BourseChartType) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
bourse_chart_theme_from_string (const char       *nick,
                                BourseChartTheme *theme)
{
  g_return_val_if_fail (theme != NULL, FALSE);

  if (g_strcmp0 (nick, "dark") == 0)
    *theme = BOURSE_CHART_THEME_DARK;
  else if (g_strcmp0 (nick, "light") == 0)
    *theme = BOURSE_CHART_THEME_LIGHT;
  else
    return FALSE;
  return TRUE;
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

/**
 * bourse_rgba_parse:
 * @spec: "#rrggbb" or "#rrggbbaa"
 *
 * Returns: %FALSE (and leaves @rgba alone) when @spec is not such a colour.
 */
gboolean
bourse_rgba_parse (BourseRgba *rgba,
                   const char *spec)
{
  guint v[4] = { 0, 0, 0, 255 };
  gsize len;

  g_return_val_if_fail (rgba != NULL, FALSE);

  if (spec == NULL || spec[0] != '#')
    return FALSE;
  len = strlen (spec + 1);
  if (len != 6 && len != 8)
    return FALSE;
  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = hex_digit (spec[1 + 2 * i]);
      int lo = hex_digit (spec[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      v[i] = (guint) (hi * 16 + lo);
    }
  rgba->red = v[0] / 255.f;
  rgba->green = v[1] / 255.f;
  rgba->blue = v[2] / 255.f;
  rgba->alpha = v[3] / 255.f;
  return TRUE;
}

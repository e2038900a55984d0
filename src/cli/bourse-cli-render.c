/* bourse-cli-render.c — `bourse-cli render`: a chart of a CSV bar file as PNG
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bourse-bars.h"
#include "bourse-chart.h"
#include "bourse-chart-renderer.h"
#include "bourse-chart-studies.h"
#include "bourse-cli-commands.h"

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  gint64 w, h;

  w = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || w < 50 || h < 50 || w > 16384 || h > 16384)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static gboolean
parse_range (const char *text,
             gint64     *first,
             gint64     *last)
{
  char *end = NULL;

  *first = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != ':')
    return FALSE;
  text = end + 1;
  *last = g_ascii_strtoll (text, &end, 10);
  return end != text && *end == '\0';
}

int
bourse_cli_render (int    argc,
                   char **argv)
{
  g_autofree char *bars_path = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *size = NULL;
  g_autofree char *type_name = NULL;
  g_autofree char *theme_name = NULL;
  g_autofree char *range = NULL;
  g_autofree char *volume = NULL;
  g_autofree char *scale_mode = NULL;
  g_autofree char *tz_name = NULL;
  g_autofree char *watermark = NULL;
  g_autofree char *axis_side = NULL;
  g_auto(GStrv) study_specs = NULL;
  double scale = 1.0;
  double right_offset = -1;
  int precision = -1;
  gboolean crosshair = FALSE;
  GOptionEntry entries[] = {
    { "bars", 0, 0, G_OPTION_ARG_FILENAME, &bars_path, "CSV bar file (time,open,high,low,close,volume)", "FILE" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "PNG file to write", "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Image size in logical pixels (default 1200x700)", "WxH" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Device pixels per logical pixel (default 1)", "S" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_name,
      "candles, hollow-candles, heikin-ashi, bars, line, step-line, area, baseline, histogram", "TYPE" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_name, "dark or light", "THEME" },
    { "range", 0, 0, G_OPTION_ARG_STRING, &range, "Bars to show, by index, inclusive (default: the latest)", "FIRST:LAST" },
    { "volume", 0, 0, G_OPTION_ARG_STRING, &volume, "overlay, pane or hidden", "MODE" },
    { "price-scale", 0, 0, G_OPTION_ARG_STRING, &scale_mode, "normal, logarithmic, percent, indexed-to-100", "MODE" },
    { "precision", 0, 0, G_OPTION_ARG_INT, &precision, "Decimals of price labels (default 2)", "N" },
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &tz_name, "Time zone of the time axis (default UTC)", "TZ" },
    { "watermark", 0, 0, G_OPTION_ARG_STRING, &watermark, "Text drawn large behind the bars", "TEXT" },
    { "price-axis", 0, 0, G_OPTION_ARG_STRING, &axis_side, "Side of the price axis: right (default) or left", "SIDE" },
    { "crosshair", 0, 0, G_OPTION_ARG_NONE, &crosshair, "Show the crosshair at the middle of the plot", NULL },
    { "study", 0, 0, G_OPTION_ARG_STRING_ARRAY, &study_specs,
      "An indicator on the chart, as bourse-cli indicators takes it (repeatable)", "SPEC" },
    { "right-offset", 0, 0, G_OPTION_ARG_DOUBLE, &right_offset,
      "Empty bar slots right of the last bar (default 5; with --range: after LAST)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— render a chart of a CSV bar file to PNG");
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(BourseChart) chart = NULL;
  g_autoptr(BourseChartRenderer) renderer = NULL;
  g_autoptr(BourseChartStudies) studies = NULL;
  BourseChartType type = BOURSE_CHART_TYPE_CANDLES;
  BourseChartTheme theme = BOURSE_CHART_THEME_DARK;
  int width = 1200, height = 700;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bourse-cli render: %s\n", error->message);
      return 2;
    }
  if (bars_path == NULL || out_path == NULL)
    {
      fprintf (stderr, "bourse-cli render: --bars and --out are required\n");
      return 2;
    }
  if (size != NULL && !parse_size (size, &width, &height))
    {
      fprintf (stderr, "bourse-cli render: invalid --size “%s” (expected WxH, 50…16384)\n", size);
      return 2;
    }
  if (!(scale >= 0.5 && scale <= 4))
    {
      fprintf (stderr, "bourse-cli render: --scale must be between 0.5 and 4\n");
      return 2;
    }
  if (type_name != NULL && !bourse_chart_type_from_string (type_name, &type))
    {
      fprintf (stderr, "bourse-cli render: unknown --type “%s”\n", type_name);
      return 2;
    }
  if (theme_name != NULL && !bourse_chart_theme_from_string (theme_name, &theme))
    {
      fprintf (stderr, "bourse-cli render: unknown --theme “%s” (dark or light)\n", theme_name);
      return 2;
    }
  if (precision > 10)
    {
      fprintf (stderr, "bourse-cli render: --precision must be 0…10\n");
      return 2;
    }

  bars = bourse_bars_load_csv (bars_path, &error);
  if (bars == NULL)
    {
      fprintf (stderr, "bourse-cli render: %s\n", error->message);
      return 1;
    }

  chart = bourse_chart_new ();
  bourse_chart_set_chart_type (chart, type);
  bourse_chart_set_theme (chart, theme);
  if (precision >= 0)
    bourse_chart_set_price_format (chart, precision, precision == 0 ? 1.0 : 1.0 / pow (10, precision));
  if (watermark != NULL)
    bourse_chart_set_watermark (chart, watermark);
  if (volume != NULL)
    {
      GEnumClass *klass = g_type_class_ref (BOURSE_TYPE_VOLUME_MODE);
      GEnumValue *v = g_enum_get_value_by_nick (klass, volume);

      if (v == NULL)
        {
          g_type_class_unref (klass);
          fprintf (stderr, "bourse-cli render: unknown --volume “%s”\n", volume);
          return 2;
        }
      bourse_chart_set_volume_mode (chart, v->value);
      g_type_class_unref (klass);
    }
  if (scale_mode != NULL)
    {
      GEnumClass *klass = g_type_class_ref (BOURSE_TYPE_PRICE_SCALE_MODE);
      GEnumValue *v = g_enum_get_value_by_nick (klass, scale_mode);

      if (v == NULL)
        {
          g_type_class_unref (klass);
          fprintf (stderr, "bourse-cli render: unknown --price-scale “%s”\n", scale_mode);
          return 2;
        }
      bourse_chart_set_pane_scale_mode (chart, BOURSE_CHART_MAIN_PANE, v->value);
      g_type_class_unref (klass);
    }
  if (axis_side != NULL)
    {
      if (g_strcmp0 (axis_side, "left") == 0)
        bourse_chart_set_price_axis_side (chart, BOURSE_PRICE_AXIS_LEFT);
      else if (g_strcmp0 (axis_side, "right") != 0)
        {
          fprintf (stderr, "bourse-cli render: unknown --price-axis “%s” (left or right)\n", axis_side);
          return 2;
        }
    }
  if (tz_name != NULL)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tz_name);

      if (tz == NULL)
        {
          fprintf (stderr, "bourse-cli render: unknown --time-zone “%s”\n", tz_name);
          return 2;
        }
      bourse_chart_set_time_zone (chart, tz);
    }
  bourse_chart_set_bars (chart, bars);
  if (study_specs != NULL)
    {
      studies = bourse_chart_studies_new (chart);
      for (guint i = 0; study_specs[i] != NULL; i++)
        if (bourse_chart_studies_add_default (studies, study_specs[i], &error) == NULL)
          {
            fprintf (stderr, "bourse-cli render: --study “%s”: %s\n", study_specs[i], error->message);
            return 2;
          }
    }
  if (right_offset >= 0)
    {
      if (right_offset > 1000)
        {
          fprintf (stderr, "bourse-cli render: --right-offset must be 0…1000\n");
          return 2;
        }
      bourse_chart_viewport_set_right_offset (bourse_chart_get_viewport (chart), right_offset);
    }

  renderer = bourse_chart_renderer_new (chart);
  /* Lay out once so the viewport knows the plot width before the range is applied. */
  bourse_chart_renderer_layout (renderer, width, height, scale);
  if (range == NULL && right_offset >= 0)
    bourse_chart_viewport_scroll_to_realtime (bourse_chart_get_viewport (chart));
  if (range != NULL)
    {
      gint64 first, last;

      if (!parse_range (range, &first, &last) || first < 0 || last < first || (gsize) last >= bars->len)
        {
          fprintf (stderr, "bourse-cli render: invalid --range “%s” (0 ≤ FIRST ≤ LAST < %" G_GSIZE_FORMAT ")\n",
                   range, bars->len);
          return 2;
        }
      bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), (double) first,
                                               (double) last + MAX (right_offset, 0.0));
    }
  if (crosshair)
    {
      BourseChartPaneGeometry g;

      bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g);
      bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, g.x + g.width / 2, g.y + g.height / 2);
    }

  if (!bourse_chart_renderer_save_png (renderer, out_path, width, height, scale, &error))
    {
      fprintf (stderr, "bourse-cli render: %s\n", error->message);
      return 1;
    }
  return 0;
}

/* bourse-cli-render.c — `bourse-cli render`: a chart of a CSV bar file as PNG
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
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

/* What the command line asked for. */
typedef struct
{
  char     *bars_path;
  char     *out_path;
  char     *size;
  char     *type_name;
  char     *theme_name;
  char     *range;
  char     *volume;
  char     *scale_mode;
  char     *tz_name;
  char     *watermark;
  char     *axis_side;
  char     *font;
  char    **study_specs;
  double    scale;
  double    right_offset;
  int       precision;
  gboolean  crosshair;
  /* parsed */
  BourseChartType  type;
  BourseChartTheme theme;
  int              width;
  int              height;
} RenderOptions;

static void
render_options_clear (RenderOptions *o)
{
  g_free (o->bars_path);
  g_free (o->out_path);
  g_free (o->size);
  g_free (o->type_name);
  g_free (o->theme_name);
  g_free (o->range);
  g_free (o->volume);
  g_free (o->scale_mode);
  g_free (o->tz_name);
  g_free (o->watermark);
  g_free (o->axis_side);
  g_free (o->font);
  g_strfreev (o->study_specs);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderOptions, render_options_clear)

static int
fail (int         status,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

/* Prints "bourse-cli render: …" and returns @status (2: usage, 1: failure). */
static int
fail (int         status,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "bourse-cli render: %s\n", message);
  return status;
}

/* Returns 0, or the exit status after saying what is wrong. */
static int
parse_options (RenderOptions  *o,
               int            *argc,
               char         ***argv)
{
  GOptionEntry entries[] = {
    { "bars", 0, 0, G_OPTION_ARG_FILENAME, &o->bars_path, "CSV bar file (time,open,high,low,close,volume)", "FILE" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o->out_path, "PNG file to write", "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o->size, "Image size in logical pixels (default 1200x700)", "WxH" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &o->scale, "Device pixels per logical pixel (default 1)", "S" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &o->type_name,
      "candles, hollow-candles, heikin-ashi, bars, line, step-line, area, baseline, histogram", "TYPE" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o->theme_name, "dark or light", "THEME" },
    { "range", 0, 0, G_OPTION_ARG_STRING, &o->range, "Bars to show, by index, inclusive (default: the latest)", "FIRST:LAST" },
    { "volume", 0, 0, G_OPTION_ARG_STRING, &o->volume, "overlay, pane or hidden", "MODE" },
    { "price-scale", 0, 0, G_OPTION_ARG_STRING, &o->scale_mode, "normal, logarithmic, percent, indexed-to-100", "MODE" },
    { "precision", 0, 0, G_OPTION_ARG_INT, &o->precision, "Decimals of price labels (default 2)", "N" },
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &o->tz_name, "Time zone of the time axis (default UTC)", "TZ" },
    { "watermark", 0, 0, G_OPTION_ARG_STRING, &o->watermark, "Text drawn large behind the bars", "TEXT" },
    { "price-axis", 0, 0, G_OPTION_ARG_STRING, &o->axis_side, "Side of the price axis: right (default) or left", "SIDE" },
    { "font", 0, 0, G_OPTION_ARG_STRING, &o->font,
      "Font of the labels, as Pango reads it (default “" BOURSE_CHART_TEXT_DEFAULT_FONT "”)", "FONT" },
    { "crosshair", 0, 0, G_OPTION_ARG_NONE, &o->crosshair, "Show the crosshair at the middle of the plot", NULL },
    { "study", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->study_specs,
      "An indicator on the chart, as bourse-cli indicators takes it (repeatable)", "SPEC" },
    { "right-offset", 0, 0, G_OPTION_ARG_DOUBLE, &o->right_offset,
      "Empty bar slots right of the last bar (default 5; with --range: after LAST)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— render a chart of a CSV bar file to PNG");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    return fail (2, "%s", error->message);
  if (o->bars_path == NULL || o->out_path == NULL)
    return fail (2, "--bars and --out are required");
  if (o->size != NULL && !parse_size (o->size, &o->width, &o->height))
    return fail (2, "invalid --size “%s” (expected WxH, 50…16384)", o->size);
  if (!(o->scale >= 0.5 && o->scale <= 4))
    return fail (2, "--scale must be between 0.5 and 4");
  if (o->type_name != NULL && !bourse_chart_type_from_string (o->type_name, &o->type))
    return fail (2, "unknown --type “%s”", o->type_name);
  if (o->theme_name != NULL && !bourse_chart_theme_from_string (o->theme_name, &o->theme))
    return fail (2, "unknown --theme “%s” (dark or light)", o->theme_name);
  if (o->precision > 10)
    return fail (2, "--precision must be 0…10");
  if (o->right_offset > 1000)
    return fail (2, "--right-offset must be 0…1000");
  if (o->font != NULL)
    {
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (o->font);

      if (pango_font_description_get_family (desc) == NULL && pango_font_description_get_size (desc) <= 0)
        return fail (2, "invalid --font “%s” (expected a family and size, e.g. “Cantarell 9”)", o->font);
    }
  return 0;
}

/* The value of @nick in the enum @type, or -1. */
static int
enum_value (GType       type,
            const char *nick)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value_by_nick (klass, nick);
  int value = v ? v->value : -1;

  g_type_class_unref (klass);
  return value;
}

/* Everything but the visible range; returns 0 or the exit status. */
static int
configure_chart (BourseChart          *chart,
                 const RenderOptions  *o,
                 BourseChartStudies  **studies)
{
  g_autoptr(GError) error = NULL;

  bourse_chart_set_chart_type (chart, o->type);
  bourse_chart_set_theme (chart, o->theme);
  if (o->precision >= 0)
    bourse_chart_set_price_format (chart, o->precision, o->precision == 0 ? 1.0 : 1.0 / pow (10, o->precision));
  if (o->watermark != NULL)
    bourse_chart_set_watermark (chart, o->watermark);
  if (o->volume != NULL)
    {
      int mode = enum_value (BOURSE_TYPE_VOLUME_MODE, o->volume);

      if (mode < 0)
        return fail (2, "unknown --volume “%s”", o->volume);
      bourse_chart_set_volume_mode (chart, mode);
    }
  if (o->scale_mode != NULL)
    {
      int mode = enum_value (BOURSE_TYPE_PRICE_SCALE_MODE, o->scale_mode);

      if (mode < 0)
        return fail (2, "unknown --price-scale “%s”", o->scale_mode);
      bourse_chart_set_pane_scale_mode (chart, BOURSE_CHART_MAIN_PANE, mode);
    }
  if (o->axis_side != NULL)
    {
      if (g_strcmp0 (o->axis_side, "left") == 0)
        bourse_chart_set_price_axis_side (chart, BOURSE_PRICE_AXIS_LEFT);
      else if (g_strcmp0 (o->axis_side, "right") != 0)
        return fail (2, "unknown --price-axis “%s” (left or right)", o->axis_side);
    }
  if (o->tz_name != NULL)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (o->tz_name);

      if (tz == NULL)
        return fail (2, "unknown --time-zone “%s”", o->tz_name);
      bourse_chart_set_time_zone (chart, tz);
    }
  if (o->study_specs != NULL)
    {
      *studies = bourse_chart_studies_new (chart);
      for (guint i = 0; o->study_specs[i] != NULL; i++)
        if (bourse_chart_studies_add_default (*studies, o->study_specs[i], &error) == NULL)
          return fail (2, "--study “%s”: %s", o->study_specs[i], error->message);
    }
  if (o->right_offset >= 0)
    bourse_chart_viewport_set_right_offset (bourse_chart_get_viewport (chart), o->right_offset);
  return 0;
}

/* The visible range and the crosshair, once the layout is known. */
static int
position_view (BourseChart         *chart,
               BourseChartRenderer *renderer,
               const RenderOptions *o,
               gsize                n_bars)
{
  /* Lay out once so the viewport knows the plot width before the range is applied. */
  bourse_chart_renderer_layout (renderer, o->width, o->height, o->scale);
  if (o->range == NULL && o->right_offset >= 0)
    bourse_chart_viewport_scroll_to_realtime (bourse_chart_get_viewport (chart));
  if (o->range != NULL)
    {
      gint64 first, last;

      if (!parse_range (o->range, &first, &last) || first < 0 || last < first || (gsize) last >= n_bars)
        return fail (2, "invalid --range “%s” (0 ≤ FIRST ≤ LAST < %" G_GSIZE_FORMAT ")", o->range, n_bars);
      bourse_chart_viewport_set_visible_range (bourse_chart_get_viewport (chart), (double) first,
                                               (double) last + MAX (o->right_offset, 0.0));
    }
  if (o->crosshair)
    {
      BourseChartPaneGeometry g;

      bourse_chart_renderer_get_pane_geometry (renderer, BOURSE_CHART_MAIN_PANE, &g);
      bourse_chart_set_crosshair (chart, BOURSE_CHART_MAIN_PANE, g.x + g.width / 2, g.y + g.height / 2);
    }
  return 0;
}

int
bourse_cli_render (int    argc,
                   char **argv)
{
  g_auto(RenderOptions) o = {
    .scale = 1.0, .right_offset = -1, .precision = -1,
    .type = BOURSE_CHART_TYPE_CANDLES, .theme = BOURSE_CHART_THEME_DARK, .width = 1200, .height = 700,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(BourseBars) bars = NULL;
  g_autoptr(BourseChart) chart = NULL;
  g_autoptr(BourseChartRenderer) renderer = NULL;
  g_autoptr(BourseChartStudies) studies = NULL;
  int status;

  if ((status = parse_options (&o, &argc, &argv)) != 0)
    return status;
  bars = bourse_bars_load_csv (o.bars_path, &error);
  if (bars == NULL)
    return fail (1, "%s", error->message);

  chart = bourse_chart_new ();
  bourse_chart_set_bars (chart, bars);
  if ((status = configure_chart (chart, &o, &studies)) != 0)
    return status;
  renderer = bourse_chart_renderer_new (chart);
  if (o.font != NULL)
    {
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (o.font);

      bourse_chart_renderer_set_font (renderer, desc, NULL, 0);
    }
  if ((status = position_view (chart, renderer, &o, bars->len)) != 0)
    return status;
  if (!bourse_chart_renderer_save_png (renderer, o.out_path, o.width, o.height, o.scale, &error))
    return fail (1, "%s", error->message);
  return 0;
}

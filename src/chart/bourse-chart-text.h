/* bourse-chart-text.h — the chart's text: Pango shaping, metrics and a bounded cache of shaped labels
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every string the chart paints (axis labels, legends, price-line labels,
 * drawing notes) goes through one BourseChartText: Pango picks the font
 * (the desktop's UI font when the app passes it, with fallback for scripts it
 * lacks), shapes it with tabular figures ("tnum") so digits keep one width,
 * and lays out multi-line text. Text is laid out in logical pixels and
 * rasterised at the device scale (the Pango context carries the scale
 * matrix), so at scale 2 glyphs are hinted and drawn at 2× size, not
 * upscaled.
 *
 * Sizes and positions given to and returned by the calls below are device
 * pixels unless said otherwise (the renderer paints in device pixels).
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* The chart font when nobody passes one (bourse-cli render, tests). */
#define BOURSE_CHART_TEXT_DEFAULT_FONT "Sans 9"
/* How many shaped strings are kept (least recently used go first). */
#define BOURSE_CHART_TEXT_MAX_CACHED   512

typedef struct
{
  double ascent;        /* device px above the baseline */
  double descent;       /* below it */
  double height;        /* ascent + descent */
  double digit_middle;  /* from the baseline up to the middle of the digits' ink */
} BourseChartTextMetrics;

#define BOURSE_TYPE_CHART_TEXT (bourse_chart_text_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartText, bourse_chart_text, BOURSE, CHART_TEXT, GObject)

BourseChartText *bourse_chart_text_new          (void);

/* The base font, font options (antialiasing, hinting) and resolution in dpi;
 * NULL / 0 for the defaults (BOURSE_CHART_TEXT_DEFAULT_FONT, greyscale
 * antialiasing with slight hinting, 96 dpi). Metrics are always hinted so
 * glyphs sit on whole device pixels. Drops the cache when anything changes. */
void             bourse_chart_text_set_font     (BourseChartText            *self,
                                                 const PangoFontDescription *font,
                                                 const cairo_font_options_t *options,
                                                 double                      resolution);
const PangoFontDescription *
                 bourse_chart_text_get_font     (BourseChartText            *self);
/* Device pixels per logical pixel of the target. */
void             bourse_chart_text_set_scale    (BourseChartText            *self,
                                                 double                      scale);
double           bourse_chart_text_get_scale    (BourseChartText            *self);

/* The style of the following calls: @relative_size times the base font's size. */
void             bourse_chart_text_select       (BourseChartText            *self,
                                                 double                      relative_size,
                                                 gboolean                    bold);
void             bourse_chart_text_get_metrics  (BourseChartText            *self,
                                                 BourseChartTextMetrics     *metrics);
/* Logical advance of @text (its widest line), device px. */
double           bourse_chart_text_get_width    (BourseChartText            *self,
                                                 const char                 *text);
/* Ink rectangle of @text relative to its origin (left end of the first baseline), device px. */
void             bourse_chart_text_get_ink      (BourseChartText            *self,
                                                 const char                 *text,
                                                 double                     *x,
                                                 double                     *y,
                                                 double                     *width,
                                                 double                     *height);
/* One line with the middle of its digits at @yc (so numbers sit centred on
 * their tick), starting at @x - width × @align; on whole device pixels. @cr
 * is in device pixels. Returns the width. */
double           bourse_chart_text_draw         (BourseChartText            *self,
                                                 cairo_t                    *cr,
                                                 double                      x,
                                                 double                      yc,
                                                 double                      align,
                                                 const char                 *text);
/* @text, possibly several lines, with the first baseline at (@x, @baseline)
 * in the user space of @cr, which may be logical pixels (drawing layers):
 * the origin snaps to a device pixel. Returns the block's logical size in
 * user units through @width / @height when not NULL. */
void             bourse_chart_text_draw_block   (BourseChartText            *self,
                                                 cairo_t                    *cr,
                                                 double                      x,
                                                 double                      baseline,
                                                 const char                 *text,
                                                 double                     *width,
                                                 double                     *height);

/* Cache statistics (tests and benchmarks). */
guint            bourse_chart_text_get_n_cached (BourseChartText            *self);
guint64          bourse_chart_text_get_n_shaped (BourseChartText            *self);

G_END_DECLS

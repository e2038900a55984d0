/* bourse-chart-studies.h — indicators attached to a BourseChart
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each study instance ("rsi:14", "bb:20,2" …, the same one any number of times) is
 * a BourseIndicator kept up to date with the chart's bars, its outputs shown as
 * BourseChartSeries: overlays on the price pane, or a pane of their own (the
 * study's default placement, or chosen). Band studies (Bollinger, Keltner,
 * Donchian) show a filled band plus the middle line; MACD's histogram is drawn as
 * columns; Ichimoku's leading spans and lagging line are shifted by their offsets.
 * Series follow the study's metadata (bourse-indicator.h): its first series is
 * titled with the study's label in words ("Bollinger Bands 20 2", "RSI 14")
 * and carries its levels (RSI 30/70); the others join its legend line. Each
 * study has a BourseStudyStyle: colours, widths, visibility, levels, precision. Appending or updating the last bar only
 * recomputes and re-sends the last values.
 *
 * On long histories (100k bars and more) a study's first computation runs in a
 * worker thread; its series fill in when it is done (the main loop never waits).
 *
 * Instances are named by an id returned by add(), stable until removed.
 */
#pragma once

#include <glib-object.h>

#include "bourse-chart.h"
#include "bourse-indicator.h"
#include "bourse-study-style.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_CHART_STUDIES (bourse_chart_studies_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartStudies, bourse_chart_studies, BOURSE, CHART_STUDIES, GObject)

BourseChartStudies *bourse_chart_studies_new           (BourseChart        *chart);
BourseChart        *bourse_chart_studies_get_chart     (BourseChartStudies *self);

/* Adds a study by spec; its own pane when @placement says so. Returns the
 * instance id (owned by @self) or NULL with @error for a bad spec. */
const char         *bourse_chart_studies_add           (BourseChartStudies       *self,
                                                        const char               *spec,
                                                        BourseIndicatorPlacement  placement,
                                                        GError                  **error);
/* Same, with the study's default placement (overlay for averages and bands). */
const char         *bourse_chart_studies_add_default   (BourseChartStudies *self,
                                                        const char         *spec,
                                                        GError            **error);
gboolean            bourse_chart_studies_remove        (BourseChartStudies *self,
                                                        const char         *id);
/* Changes the parameters ("rsi:21") keeping pane and colours. */
gboolean            bourse_chart_studies_set_spec      (BourseChartStudies *self,
                                                        const char         *id,
                                                        const char         *spec,
                                                        GError            **error);
gboolean            bourse_chart_studies_set_color     (BourseChartStudies *self,
                                                        const char         *id,
                                                        guint               output,
                                                        const BourseRgba   *color);
/* The study's look (colours, widths, visibility, levels, precision). */
gboolean            bourse_chart_studies_get_style     (BourseChartStudies       *self,
                                                        const char               *id,
                                                        BourseStudyStyle         *style);
gboolean            bourse_chart_studies_set_style     (BourseChartStudies       *self,
                                                        const char               *id,
                                                        const BourseStudyStyle   *style);
/* (transfer container): the ids in the order they were added */
GPtrArray          *bourse_chart_studies_list          (BourseChartStudies *self);
BourseIndicator    *bourse_chart_studies_get_indicator (BourseChartStudies *self,
                                                        const char         *id);
/* The pane the study draws on (BOURSE_CHART_MAIN_PANE for overlays). */
guint               bourse_chart_studies_get_pane      (BourseChartStudies *self,
                                                        const char         *id);
/* (transfer container): the series showing @id's outputs */
GPtrArray          *bourse_chart_studies_get_series    (BourseChartStudies *self,
                                                        const char         *id);
/* The study one of whose series is @series (a legend line's), or NULL. */
const char         *bourse_chart_studies_find_series   (BourseChartStudies *self,
                                                        BourseChartSeries  *series);
/* Brings every study up to date with the chart's bars; called automatically
 * when the chart reports new data. */
void                bourse_chart_studies_update        (BourseChartStudies *self);

G_END_DECLS

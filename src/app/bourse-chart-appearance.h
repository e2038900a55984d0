/* bourse-chart-appearance.h — applies the chart settings (GSettings "chart-*" keys) to a chart, live
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart settings dialog writes GSettings; this object, one per chart,
 * listens and sets the chart, so a change shows at once in every window,
 * and the same settings come back on the next start. What depends on the
 * shown symbol (precision from its tick size, the default watermark, the
 * legend's title, the exchange's time zone and session) is given by the
 * chart pane with bourse_chart_appearance_set_symbol() and _set_session().
 */
#pragma once

#include <gio/gio.h>

#include "bourse-chart.h"
#include "bourse-resolution.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_CHART_APPEARANCE (bourse_chart_appearance_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartAppearance, bourse_chart_appearance, BOURSE, CHART_APPEARANCE, GObject)

BourseChartAppearance *bourse_chart_appearance_new          (BourseChart                *chart);
/* @settings: (nullable): the application's; NULL shows the defaults */
void                   bourse_chart_appearance_set_settings (BourseChartAppearance      *self,
                                                             GSettings                  *settings);
/* @description: (nullable): the instrument's, for the legend's title */
void                   bourse_chart_appearance_set_symbol   (BourseChartAppearance      *self,
                                                             const char                 *symbol,
                                                             const char                 *interval_label,
                                                             const char                 *description,
                                                             double                      tick);
/* Length of the shown bars in seconds, for the countdown to their close (0: none). */
void                   bourse_chart_appearance_set_bar_seconds (BourseChartAppearance  *self,
                                                             gint64                      bar_seconds);
/* @session: (nullable): the symbol's trading session; NULL for midnight UTC */
void                   bourse_chart_appearance_set_session  (BourseChartAppearance      *self,
                                                             const BourseTradingSession *session);
/* The zone "chart-time-zone" names, "exchange" resolved with the session.
 * (transfer full) */
GTimeZone             *bourse_chart_appearance_dup_time_zone (BourseChartAppearance     *self);

G_END_DECLS

/* bourse-chart-settings-dialog.h — the chart settings dialog: symbol style, status line, scales, canvas
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control writes the application's GSettings at once; the charts
 * apply them through their BourseChartAppearance, so changes show live
 * and come back on the next start. Auto scale is the chart view's state
 * (like the zoom), so it acts on @chart_view directly. The chart type
 * goes through the parent window's "win.set-chart-type" action.
 */
#pragma once

#include <adwaita.h>

#include "bourse-chart-view.h"
#include "bourse-settings.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_CHART_SETTINGS_DIALOG (bourse_chart_settings_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartSettingsDialog, bourse_chart_settings_dialog, BOURSE, CHART_SETTINGS_DIALOG, AdwPreferencesWindow)

BourseChartSettingsDialog *bourse_chart_settings_dialog_new (BourseSettings  *settings,
                                                             BourseChartView *chart_view);

G_END_DECLS

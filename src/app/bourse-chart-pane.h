/* bourse-chart-pane.h — the window's chart area: bars, studies, drawings and chart trading
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pane shows @symbol at @resolution from the market data's bar feed,
 * with the studies kept in the settings, the symbol's drawings, and the
 * store's orders, positions and fills drawn on the chart. Dragging an order
 * line asks the trader to move it. Menus it builds name the window's "win."
 * actions; what it has to say goes out as the ::toast and ::error signals.
 */
#pragma once

#include <gtk/gtk.h>

#include "bourse-bar-feed.h"
#include "bourse-chart-history.h"
#include "bourse-chart-studies.h"
#include "bourse-chart-view.h"
#include "bourse-drawing-layer.h"
#include "bourse-drawing-store.h"
#include "bourse-interval-entry.h"
#include "bourse-market-data.h"
#include "bourse-settings.h"
#include "bourse-store.h"
#include "bourse-trader.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_CHART_PANE (bourse_chart_pane_get_type ())

G_DECLARE_FINAL_TYPE (BourseChartPane, bourse_chart_pane, BOURSE, CHART_PANE, GtkWidget)

GtkWidget          *bourse_chart_pane_new                  (void);
void                bourse_chart_pane_set_symbol           (BourseChartPane    *self,
                                                            const char         *symbol);
const char         *bourse_chart_pane_get_symbol           (BourseChartPane    *self);
void                bourse_chart_pane_set_resolution       (BourseChartPane    *self,
                                                            const char         *resolution);
const char         *bourse_chart_pane_get_resolution       (BourseChartPane    *self);
void                bourse_chart_pane_open_interval_entry  (BourseChartPane    *self,
                                                            const char         *text);
BourseIntervalEntry *bourse_chart_pane_get_interval_entry  (BourseChartPane    *self);
gboolean            bourse_chart_pane_set_chart_type       (BourseChartPane    *self,
                                                            const char         *type);
const char         *bourse_chart_pane_get_chart_type       (BourseChartPane    *self);
void                bourse_chart_pane_set_store            (BourseChartPane    *self,
                                                            BourseBrokerStore  *store);
BourseBrokerStore  *bourse_chart_pane_get_store            (BourseChartPane    *self);
void                bourse_chart_pane_set_trader           (BourseChartPane    *self,
                                                            BourseTrader       *trader);
BourseTrader       *bourse_chart_pane_get_trader           (BourseChartPane    *self);
void                bourse_chart_pane_set_market_data      (BourseChartPane    *self,
                                                            BourseMarketData   *market_data);
BourseMarketData   *bourse_chart_pane_get_market_data      (BourseChartPane    *self);
void                bourse_chart_pane_set_settings         (BourseChartPane    *self,
                                                            BourseSettings     *settings);
BourseSettings     *bourse_chart_pane_get_settings         (BourseChartPane    *self);

BourseChart        *bourse_chart_pane_get_chart            (BourseChartPane    *self);
BourseChartView    *bourse_chart_pane_get_chart_view       (BourseChartPane    *self);
BourseChartStudies *bourse_chart_pane_get_studies          (BourseChartPane    *self);
BourseDrawingLayer *bourse_chart_pane_get_drawing_layer    (BourseChartPane    *self);
BourseDrawingStore *bourse_chart_pane_get_drawing_store    (BourseChartPane    *self);
BourseBarFeed      *bourse_chart_pane_get_feed             (BourseChartPane    *self);
GMenuModel         *bourse_chart_pane_get_indicators_menu  (BourseChartPane    *self);

void                bourse_chart_pane_queue_sync_lines     (BourseChartPane    *self);

const char         *bourse_chart_pane_get_study_at         (BourseChartPane    *self,
                                                            double              x,
                                                            double              y);
const char         *bourse_chart_pane_add_indicator_full   (BourseChartPane    *self,
                                                            const char         *spec,
                                                            GError            **error);
gboolean            bourse_chart_pane_set_indicator_style  (BourseChartPane    *self,
                                                            const char         *id,
                                                            const BourseStudyStyle *style);
gboolean            bourse_chart_pane_add_indicator        (BourseChartPane    *self,
                                                            const char         *spec,
                                                            GError            **error);
gboolean            bourse_chart_pane_set_indicator_spec   (BourseChartPane    *self,
                                                            const char         *id,
                                                            const char         *spec,
                                                            GError            **error);
gboolean            bourse_chart_pane_remove_indicator     (BourseChartPane    *self,
                                                            const char         *id);
gboolean            bourse_chart_pane_set_indicator_color  (BourseChartPane    *self,
                                                            const char         *id,
                                                            const GdkRGBA      *rgba);

/* Undo/redo (bourse-chart-pane-history.c). */
BourseChartHistory *bourse_chart_pane_get_history          (BourseChartPane    *self);
gboolean            bourse_chart_pane_undo                 (BourseChartPane    *self);
gboolean            bourse_chart_pane_redo                 (BourseChartPane    *self);
void                bourse_chart_pane_commit_drawings      (BourseChartPane    *self,
                                                            const char         *label,
                                                            const char         *merge_key);
BourseDrawing      *bourse_chart_pane_clone_drawing        (BourseChartPane    *self,
                                                            BourseDrawing      *drawing);
void                bourse_chart_pane_remove_all_drawings  (BourseChartPane    *self);
/* Opens the right-click menu for widget point (@x, @y) of the chart view. */
void                bourse_chart_pane_popup_context_menu   (BourseChartPane    *self,
                                                            double              x,
                                                            double              y);
GtkPopover         *bourse_chart_pane_get_context_popover  (BourseChartPane    *self);

G_END_DECLS

/* bourse-chart-pane-private.h — BourseChartPane's instance struct and internals, shared with
 * bourse-chart-pane-trading.c and the window's tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-chart-appearance.h"
#include "bourse-chart-pane.h"
#include "bourse-one-click-bar.h"

G_BEGIN_DECLS

struct _BourseChartPane
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkOverlay          *overlay;          /* the view, the one-click bar over it */
  BourseChartView     *chart_view;
  BourseOneClickBar   *one_click_bar;

  /* owned */
  BourseChart         *chart;
  BourseChartAppearance *appearance;     /* the chart settings, applied to chart */
  BourseChartStudies  *studies;
  GHashTable          *indicator_colors; /* study id → colour chosen in "Edit indicator…" (CSS string) */
  GMenu               *indicators_menu;
  BourseDrawingLayer  *drawing_layer;
  BourseDrawingStore  *drawing_store;
  char                *drawings_symbol;  /* whose drawings the layer shows */
  char                *markers_symbol;   /* whose fills the markers show */
  guint                markers_n_executions;
  GtkPopover          *order_popover;
  BourseSettings      *settings;
  BourseMarketData    *market_data;
  BourseBarFeed       *feed;             /* the chart's bars: this symbol at this resolution */
  BourseBrokerStore   *store;
  BourseTrader        *trader;           /* moves what is dragged; NULL without a store */
  GCancellable        *cancellable;      /* this store's requests; replaced with the store */
  GSignalGroup        *store_signals;    /* on the store and the lists drawn on the chart */
  GSignalGroup        *orders_signals;
  GSignalGroup        *positions_signals;
  GSignalGroup        *executions_signals;
  GSignalGroup        *instruments_signals;
  GHashTable          *chart_line_ids;   /* ids of the price lines we put on the chart */
  char                *symbol;
  char                *resolution;
  char                *chart_type;
  guint                lines_idle_id;
  guint                save_drawings_id;
  gulong               drawings_changed_id;
  guint                store_initialized : 1;
};

double _bourse_chart_pane_tick          (BourseChartPane *self);
void   _bourse_chart_pane_toast         (BourseChartPane *self,
                                         const char      *message);
void   _bourse_chart_pane_report_error  (BourseChartPane *self,
                                         const char      *what,
                                         const GError    *error);
void   _bourse_chart_pane_init_trading  (BourseChartPane *self);
void   _bourse_chart_pane_sync_lines    (BourseChartPane *self);
void   _bourse_chart_pane_drop_lines    (BourseChartPane *self);

G_END_DECLS

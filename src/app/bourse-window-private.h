/* bourse-window-private.h — BourseWindow's instance struct, shared with bourse-window-actions.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-chart-pane-private.h"
#include "bourse-symbol-search.h"
#include "bourse-trader.h"
#include "bourse-window.h"

G_BEGIN_DECLS

struct _BourseWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkMenuButton        *symbol_button;
  BourseSymbolSearch   *symbol_search;
  GtkLabel             *symbol_label;
  GtkMenuButton        *chart_type_button;
  GtkMenuButton        *indicators_button;
  GtkToggleButton      *inspector_button;
  GtkButton            *connection_button;
  GtkImage             *connection_icon;
  GtkLabel             *connection_label;
  GtkPaned             *vertical_paned;
  GtkPaned             *watchlist_paned;
  GtkPaned             *sidebar_paned;
  BourseWatchlist      *watchlist;
  BourseChartPane      *chart_pane;
  BourseOrderTicket    *order_ticket;
  BourseDomLadder      *dom_ladder;
  BourseAccountManager *account_manager;
  GMenu                *accounts_section;

  /* owned */
  BourseSettings       *settings;
  BourseSession        *session;
  BourseTrader         *trader;          /* the trading rules on that store; NULL without one */
  BourseBrokerStore    *store;           /* the session's current store, through session_bindings */
  GBindingGroup        *session_bindings; /* session:store → self:store */
  GSignalGroup         *client_signals;  /* on the store's client, the store and its lists */
  GSignalGroup         *store_signals;
  GSignalGroup         *quotes_signals;
  GSignalGroup         *depths_signals;
  GSignalGroup         *instruments_signals;
  BourseAlertManager   *alert_manager;   /* the application's, set on us */
  GSignalGroup         *alert_signals;
  /* borrowed from chart_pane, which owns them for the window's lifetime */
  BourseChart          *chart;
  BourseChartView      *chart_view;
  BourseChartStudies   *studies;
  BourseDrawingLayer   *drawing_layer;
  BourseDrawingStore   *drawing_store;
  GCancellable         *cancellable;     /* this store's requests; replaced with the store */
  GPtrArray            *quote_subscriptions;  /* symbols subscribed on this store */
  char                 *depth_subscription;
  BourseQuote          *chart_quote;     /* the chart symbol's quote, for the ticket */
  char                 *symbol;
  char                 *resolution;
  char                 *last_toast;
  guint                 n_toasts;
  guint                 store_initialized : 1;
  guint                 depth_supported : 1;
};

void     _bourse_window_add_actions       (BourseWindow   *self);
void     _bourse_window_update_actions    (BourseWindow   *self);
void     _bourse_window_add_chart_image_actions (BourseWindow *self);
void     _bourse_window_toast             (BourseWindow   *self,
                                           const char     *message);
void     _bourse_window_report_error      (BourseWindow   *self,
                                           const char     *what,
                                           const GError   *error);
void     _bourse_window_set_symbol        (BourseWindow   *self,
                                           const char     *symbol);
void     _bourse_window_set_resolution    (BourseWindow   *self,
                                           const char     *resolution);
void     _bourse_window_set_chart_type    (BourseWindow   *self,
                                           const char     *type);
void     _bourse_window_prepare_order     (BourseWindow   *self,
                                           BourseSide      side,
                                           BourseOrderType type,
                                           double          price);

G_END_DECLS

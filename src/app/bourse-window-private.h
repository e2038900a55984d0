/* bourse-window-private.h — BourseWindow's instance struct, shared with bourse-window-actions.c and -panels.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-alerts-panel.h"
#include "bourse-api-inspector.h"
#include "bourse-chart-pane-private.h"
#include "bourse-interval-picker.h"
#include "bourse-object-tree.h"
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
  GtkToggleButton      *inspector_button;  /* the sidebar strip's toggle of the API inspector */
  GtkToggleButton      *watchlist_strip_button;
  GtkToggleButton      *trading_strip_button;
  GtkToggleButton      *alerts_strip_button;
  GtkButton            *alert_button;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkButton            *screenshot_button;
  GtkButton            *chart_settings_button;
  GtkButton            *connection_button;
  GtkImage             *connection_icon;
  GtkLabel             *connection_label;
  GtkPaned             *vertical_paned;   /* chart row above, account manager below */
  GtkPaned             *sidebar_paned;    /* chart and bottom panel, then the right sidebar */
  GtkStack             *sidebar_stack;
  GtkWidget            *sidebar_strip;
  GtkWidget            *drawing_toolbar;
  GtkWidget            *tool_group_buttons[7];
  BourseAlertsPanel    *alerts_panel;
  BourseObjectTree     *object_tree;
  BourseIntervalPicker *interval_picker;
  BourseApiInspector   *api_inspector;
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
  /* layout, in bourse-window-panels.c */
  guint                 sidebar_needs_size : 1;
  guint                 bottom_needs_size : 1;
  guint                 applying_bottom_size : 1;
  guint                 bottom_dragged_open : 1;
  guint                 fill_seen : 1;
  guint                 size_from_monitor : 1;  /* no saved size: the monitor's, when realized */
};

void     _bourse_window_add_actions       (BourseWindow   *self);
void     _bourse_window_update_actions    (BourseWindow   *self);
void     _bourse_window_add_chart_image_actions (BourseWindow *self);
void     _bourse_window_add_drawing_actions (BourseWindow *self);
void     _bourse_window_add_chart_settings_actions (BourseWindow *self);
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
double   _bourse_window_tick              (BourseWindow   *self,
                                           const char     *symbol);
void     _bourse_window_notify_desktop    (BourseWindow   *self,
                                           const char     *id,
                                           const char     *title,
                                           const char     *body);
void     _bourse_window_update_connection_indicator (BourseWindow *self);
/* bourse-window-store.c */
void     _bourse_window_init_store        (BourseWindow      *self);
void     _bourse_window_wire_store        (BourseWindow      *self,
                                           BourseBrokerStore *store);
void     _bourse_window_unwire_store      (BourseWindow      *self);
void     _bourse_window_follow_symbol     (BourseWindow      *self);
void     _bourse_window_sync_quote_subscriptions (BourseWindow *self);
/* bourse-window-panels.c */
void        _bourse_window_setup_panels              (BourseWindow       *self);
void        _bourse_window_restore_size              (BourseWindow       *self);
void        _bourse_window_apply_default_size        (BourseWindow       *self);
void        _bourse_window_default_size_for_monitor  (const GdkRectangle *monitor,
                                                      int                *width,
                                                      int                *height);
void        _bourse_window_save_panel_sizes          (BourseWindow       *self);
void        _bourse_window_show_panel                (BourseWindow       *self,
                                                      const char         *panel);
const char *_bourse_window_get_panel                 (BourseWindow       *self);
void        _bourse_window_panels_fill_seen          (BourseWindow       *self);

void     _bourse_window_prepare_order     (BourseWindow   *self,
                                           BourseSide      side,
                                           BourseOrderType type,
                                           double          price);

G_END_DECLS

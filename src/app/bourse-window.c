/* bourse-window.c — the terminal's main window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window follows its session's store: when the session connects
 * elsewhere, every panel is rewired to the new store and everything of the
 * old one (subscriptions, handlers, requests in flight) is dropped; that
 * wiring is in bourse-window-store.c. The chart area is its own widget
 * (bourse-chart-pane.c): the window hands it the symbol, resolution, chart
 * type, store and trader, and shows its toasts. The window's actions are in
 * bourse-window-actions.c, its layout in bourse-window-panels.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-order-validation.h"
#include "bourse-window-private.h"

G_DEFINE_FINAL_TYPE (BourseWindow, bourse_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SYMBOL,
  PROP_RESOLUTION,
  PROP_STORE,
  PROP_ALERT_MANAGER,
  N_PROPS
};

enum {
  NOTIFICATION_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* -- helpers ------------------------------------------------------------- */

static void
show_toast (BourseWindow     *self,
            const char       *message,
            AdwToastPriority  priority)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_set_priority (toast, priority);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  self->n_toasts++;
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
}

void
_bourse_window_toast (BourseWindow *self,
                      const char   *message)
{
  show_toast (self, message, ADW_TOAST_PRIORITY_NORMAL);
}

/* Fills and rejections also reach a trader looking at another window:
 * whoever made the window decides how (the application, with a desktop
 * notification when no terminal has the focus). */
void
_bourse_window_notify_desktop (BourseWindow *self,
                               const char   *id,
                               const char   *title,
                               const char   *body)
{
  g_signal_emit (self, signals[NOTIFICATION_REQUESTED], 0, id, title, body);
}

/* Shows what failed with the broker's own words when it gave any. */
void
_bourse_window_report_error (BourseWindow *self,
                             const char   *what,
                             const GError *error)
{
  g_autofree char *message = NULL;
  const char *errmsg;

  if (error == NULL || bourse_broker_error_is_cancelled (error))
    return;

  errmsg = bourse_broker_error_get_errmsg (error);
  /* Translators: "Order rejected: Not enough margin" */
  message = g_strdup_printf (_("%s: %s"), what, errmsg ? errmsg : error->message);
  /* Failures jump the queue of fill notices. */
  show_toast (self, message, ADW_TOAST_PRIORITY_HIGH);
}

double
_bourse_window_tick (BourseWindow *self,
                     const char   *symbol)
{
  return self->trader ? bourse_trader_get_tick (self->trader, symbol) : 0.01;
}

/* -- connection indicator ------------------------------------------------ */

void
_bourse_window_update_connection_indicator (BourseWindow *self)
{
  static const char *classes[] = { "live", "connecting", "reconnecting", "failed" };
  BourseConnectionState state = bourse_session_get_state (self->session);
  const char *title = bourse_session_get_title (self->session);
  const char *status = bourse_session_get_status_text (self->session);
  const char *icon, *css_class;
  g_autofree char *tooltip = NULL;
  g_autofree char *label = NULL;

  switch (state)
    {
    case BOURSE_CONNECTION_STATE_LIVE:
      icon = "network-transmit-receive-symbolic";
      css_class = "live";
      break;
    case BOURSE_CONNECTION_STATE_CONNECTING:
      icon = "network-idle-symbolic";
      css_class = "connecting";
      break;
    case BOURSE_CONNECTION_STATE_RECONNECTING:
      icon = "network-idle-symbolic";
      css_class = "reconnecting";
      break;
    case BOURSE_CONNECTION_STATE_FAILED:
      icon = "network-error-symbolic";
      css_class = "failed";
      break;
    case BOURSE_CONNECTION_STATE_DISCONNECTED:
    default:
      icon = "network-offline-symbolic";
      css_class = NULL;
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->connection_button), classes[i]);
  if (css_class)
    gtk_widget_add_css_class (GTK_WIDGET (self->connection_button), css_class);
  gtk_image_set_from_icon_name (self->connection_icon, icon);

  if (state == BOURSE_CONNECTION_STATE_LIVE && self->store && bourse_broker_store_get_account_id (self->store))
    label = g_strdup_printf ("%s · %s", status, bourse_broker_store_get_account_id (self->store));
  else
    label = g_strdup (status);
  gtk_label_set_text (self->connection_label, label);
  gtk_label_set_ellipsize (self->connection_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->connection_label, 40);

  tooltip = g_strdup_printf ("%s — %s", title ? title : _("No broker"), status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connection_button), tooltip);

  {
    /* Translators: window title, e.g. "Bourse — Demo Broker" */
    g_autofree char *window_title = title ? g_strdup_printf (_("Bourse — %s"), title) : g_strdup (_("Bourse"));
    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }
}

/* -- chart --------------------------------------------------------------- */

static void
chart_pane_toast_cb (BourseWindow *self,
                     const char   *message)
{
  _bourse_window_toast (self, message);
}

static void
chart_pane_error_cb (BourseWindow *self,
                     const char   *what,
                     const GError *error)
{
  _bourse_window_report_error (self, what, error);
}

static void
session_state_changed_cb (BourseWindow *self)
{
  BourseConnectionState state = bourse_session_get_state (self->session);

  _bourse_window_update_connection_indicator (self);
  _bourse_window_update_actions (self);

  if (state == BOURSE_CONNECTION_STATE_FAILED)
    {
      /* Translators: "Demo Broker — Failed: Connection refused" */
      g_autofree char *message = g_strdup_printf (_("%s — %s"), bourse_session_get_title (self->session),
                                                  bourse_session_get_status_text (self->session));
      show_toast (self, message, ADW_TOAST_PRIORITY_HIGH);
    }
}

static void
alert_triggered_cb (BourseWindow     *self,
                    BourseAlert      *alert,
                    BourseAlertEvent *event)
{
  g_autofree char *message = g_strdup_printf (_("Alert %s: %s"), bourse_alert_event_get_symbol (event),
                                              bourse_alert_event_get_message (event));

  _bourse_window_toast (self, message);
}

static void
set_alert_manager (BourseWindow       *self,
                   BourseAlertManager *alert_manager)
{
  if (!g_set_object (&self->alert_manager, alert_manager))
    return;
  g_signal_group_set_target (self->alert_signals, alert_manager);
  if (alert_manager == NULL)
    bourse_alerts_panel_set_models (self->alerts_panel, NULL, NULL);
  else
    bourse_alerts_panel_set_models (self->alerts_panel,
                                    bourse_alert_manager_get_alerts (alert_manager),
                                    bourse_alert_manager_get_log (alert_manager));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALERT_MANAGER]);
}

/* -- ticket, watchlist, DOM ---------------------------------------------- */

static void
ticket_order_placed_cb (BourseWindow *self,
                        const char   *order_id)
{
  g_autofree char *message = g_strdup_printf (_("Order %s placed"), order_id);

  _bourse_window_toast (self, message);
  bourse_chart_pane_queue_sync_lines (self->chart_pane);
}

static void
ticket_order_failed_cb (BourseWindow *self,
                        const GError *error)
{
  const char *errmsg = error ? bourse_broker_error_get_errmsg (error) : NULL;

  _bourse_window_report_error (self, _("Order rejected"), error);
  if (error != NULL && !bourse_broker_error_is_cancelled (error))
    _bourse_window_notify_desktop (self, "order-rejected", _("Order rejected"), errmsg ? errmsg : error->message);
}

static void
watchlist_symbol_activated_cb (BourseWindow *self,
                               const char   *symbol)
{
  _bourse_window_set_symbol (self, symbol);
}

static void
watchlist_symbols_changed_cb (BourseWindow *self)
{
  _bourse_window_sync_quote_subscriptions (self);
}

static void
symbol_search_activated_cb (BourseWindow *self,
                            const char   *symbol)
{
  _bourse_window_set_symbol (self, symbol);
}

/* Click to trade: a limit order at the level with the ticket's quantity,
 * through the ticket so its checks and confirmation apply. */
static void
dom_place_limit_cb (BourseWindow *self,
                    BourseSide    side,
                    double        price)
{
  _bourse_window_prepare_order (self, side, BOURSE_ORDER_TYPE_LIMIT, price);
  /* as win.buy / win.sell: a click while another order is in flight is sent after it, not dropped */
  bourse_order_ticket_submit (self->order_ticket);
}

/* -- public-ish ---------------------------------------------------------- */

void
_bourse_window_prepare_order (BourseWindow    *self,
                              BourseSide       side,
                              BourseOrderType  type,
                              double           price)
{
  bourse_order_ticket_set_side (self->order_ticket, side);
  bourse_order_ticket_set_order_type (self->order_ticket, type);
  if (type == BOURSE_ORDER_TYPE_STOP || type == BOURSE_ORDER_TYPE_STOP_LIMIT)
    bourse_order_ticket_set_stop_price (self->order_ticket, price);
  if (type == BOURSE_ORDER_TYPE_LIMIT || type == BOURSE_ORDER_TYPE_STOP_LIMIT)
    bourse_order_ticket_set_limit_price (self->order_ticket, price);
  gtk_widget_grab_focus (GTK_WIDGET (self->order_ticket));
}

void
_bourse_window_set_symbol (BourseWindow *self,
                           const char   *symbol)
{
  if (symbol == NULL || *symbol == '\0' || g_strcmp0 (self->symbol, symbol) == 0)
    return;

  g_free (self->symbol);
  self->symbol = g_strdup (symbol);
  gtk_label_set_text (self->symbol_label, symbol);
  bourse_settings_set_chart_symbol (self->settings, symbol);

  _bourse_window_follow_symbol (self);
  bourse_chart_pane_set_symbol (self->chart_pane, symbol);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOL]);
}

/* @text is a Broker API resolution or what a trader types ("4h", "7"): one
 * spelling for the state, the settings and the feed ("240"). */
void
_bourse_window_set_resolution (BourseWindow *self,
                               const char   *text)
{
  g_autofree char *resolution = NULL;
  g_autoptr(GError) error = NULL;
  GAction *action;

  if (text == NULL)
    return;
  resolution = bourse_resolution_parse_user (text, &error);
  if (resolution == NULL)
    {
      _bourse_window_report_error (self, _("Interval not changed"), error);
      return;
    }
  if (g_strcmp0 (self->resolution, resolution) == 0)
    return;

  g_free (self->resolution);
  self->resolution = g_strdup (resolution);
  bourse_settings_set_chart_resolution (self->settings, resolution);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-resolution");
  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (resolution));
  bourse_chart_pane_set_resolution (self->chart_pane, resolution);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLUTION]);
}

void
_bourse_window_set_chart_type (BourseWindow *self,
                               const char   *type)
{
  GAction *action;
  static const struct { const char *nick; const char *label; } labels[] = {
    { "candles", N_("Candles") }, { "hollow-candles", N_("Hollow Candles") },
    { "heikin-ashi", N_("Heikin Ashi") }, { "bars", N_("Bars") }, { "line", N_("Line") },
    { "step-line", N_("Step Line") }, { "area", N_("Area") }, { "baseline", N_("Baseline") },
    { "histogram", N_("Histogram") },
  };

  if (!bourse_chart_pane_set_chart_type (self->chart_pane, type))
    return;

  bourse_settings_set_chart_type (self->settings, type);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].nick, type))
      gtk_menu_button_set_label (self->chart_type_button, _(labels[i].label));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-chart-type");
  if (action)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (type));
}

/* -- GObject ------------------------------------------------------------- */

static gboolean
bourse_window_close_request (GtkWindow *window)
{
  BourseWindow *self = BOURSE_WINDOW (window);
  GSettings *settings = bourse_settings_get_gsettings (self->settings);
  int width, height;

  _bourse_window_save_panel_sizes (self);
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (settings, BOURSE_SETTINGS_KEY_WINDOW_MAXIMIZED, gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, BOURSE_SETTINGS_KEY_WINDOW_WIDTH, MAX (width, 360));
      g_settings_set_int (settings, BOURSE_SETTINGS_KEY_WINDOW_HEIGHT, MAX (height, 300));
    }

  return GTK_WINDOW_CLASS (bourse_window_parent_class)->close_request (window);
}

/* The size follows the monitor of the display the window shows on. */
static void
bourse_window_realize (GtkWidget *widget)
{
  _bourse_window_apply_default_size (BOURSE_WINDOW (widget));
  GTK_WIDGET_CLASS (bourse_window_parent_class)->realize (widget);
}

static void
bourse_window_constructed (GObject *object)
{
  BourseWindow *self = BOURSE_WINDOW (object);
  GSettings *settings;
  g_auto(GStrv) watchlist = NULL;
  g_autofree char *type = NULL;
  g_autofree char *resolution = NULL;
  g_autofree char *symbol = NULL;

  G_OBJECT_CLASS (bourse_window_parent_class)->constructed (object);

  self->settings = g_object_ref (bourse_session_get_settings (self->session));
  settings = bourse_settings_get_gsettings (self->settings);

  _bourse_window_restore_size (self);
  if (g_settings_get_boolean (settings, BOURSE_SETTINGS_KEY_WINDOW_MAXIMIZED))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (settings, BOURSE_SETTINGS_KEY_CONFIRM_ORDERS, self->order_ticket, "confirm", G_SETTINGS_BIND_GET);

  watchlist = bourse_settings_dup_watchlist (self->settings);
  bourse_watchlist_set_symbols (self->watchlist, (const char * const *) watchlist);
  g_settings_bind (settings, BOURSE_SETTINGS_KEY_WATCHLIST, self->watchlist, "symbols", G_SETTINGS_BIND_DEFAULT);

  symbol = bourse_settings_dup_chart_symbol (self->settings);
  resolution = bourse_settings_dup_chart_resolution (self->settings);
  type = bourse_settings_dup_chart_type (self->settings);
  self->symbol = g_strdup (*symbol ? symbol : "EURUSD");
  self->resolution = g_strdup (resolution);
  gtk_label_set_text (self->symbol_label, self->symbol);
  /* Whatever changes the chart's symbol, the watchlist highlights its row. */
  g_object_bind_property (self, "symbol", self->watchlist, "current-symbol", G_BINDING_SYNC_CREATE);

  _bourse_window_add_actions (self);
  _bourse_window_setup_panels (self);
  _bourse_window_set_chart_type (self, type);
  /* The studies come back with the settings; the bars once the pane knows
   * where from and what. */
  bourse_chart_pane_set_settings (self->chart_pane, self->settings);
  bourse_chart_pane_set_market_data (self->chart_pane, bourse_session_get_market_data (self->session));
  bourse_chart_pane_set_resolution (self->chart_pane, self->resolution);
  bourse_chart_pane_set_symbol (self->chart_pane, self->symbol);
  bourse_object_tree_set_chart_pane (self->object_tree, self->chart_pane);
  /* The toolbar's intervals: the favourites kept in the settings, the list
   * from what the symbol's broker serves or Bourse builds. */
  bourse_interval_picker_set_settings (self->interval_picker, settings);
  bourse_interval_picker_set_market_data (self->interval_picker, bourse_session_get_market_data (self->session));
  g_object_bind_property (self, "symbol", self->interval_picker, "symbol", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "resolution", self->interval_picker, "resolution", G_BINDING_SYNC_CREATE);

  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (session_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::status-text", G_CALLBACK (_bourse_window_update_connection_indicator), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::title", G_CALLBACK (_bourse_window_update_connection_indicator), self, G_CONNECT_SWAPPED);

  /* The first wiring happens even without a store: the chart gets its format. */
  _bourse_window_wire_store (self, bourse_session_get_store (self->session));
  g_binding_group_bind (self->session_bindings, "store", self, "store", G_BINDING_SYNC_CREATE);
  g_binding_group_set_source (self->session_bindings, self->session);
  _bourse_window_update_connection_indicator (self);
  _bourse_window_update_actions (self);
}

static void
bourse_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SYMBOL:
      g_value_set_string (value, self->symbol);
      break;
    case PROP_RESOLUTION:
      g_value_set_string (value, self->resolution);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ALERT_MANAGER:
      g_value_set_object (value, self->alert_manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_SYMBOL:
      _bourse_window_set_symbol (self, g_value_get_string (value));
      break;
    case PROP_RESOLUTION:
      _bourse_window_set_resolution (self, g_value_get_string (value));
      break;
    case PROP_STORE:
      if (g_value_get_object (value) != (gpointer) self->store)
        {
          _bourse_window_wire_store (self, g_value_get_object (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ALERT_MANAGER:
      set_alert_manager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bourse_window_dispose (GObject *object)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  g_binding_group_set_source (self->session_bindings, NULL);
  _bourse_window_unwire_store (self);
  g_clear_object (&self->session_bindings);
  g_clear_object (&self->client_signals);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->quotes_signals);
  g_clear_object (&self->depths_signals);
  g_clear_object (&self->instruments_signals);
  g_clear_object (&self->alert_signals);
  g_clear_object (&self->alert_manager);
  if (self->session)
    g_signal_handlers_disconnect_by_data (self->session, self);

  /* The pane goes with the template (its pending drawings are saved then);
   * what we borrowed from it goes with it. */
  gtk_widget_dispose_template (GTK_WIDGET (self), BOURSE_TYPE_WINDOW);
  self->chart = NULL;
  self->chart_view = NULL;
  self->studies = NULL;
  self->drawing_layer = NULL;
  self->drawing_store = NULL;

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->quote_subscriptions, g_ptr_array_unref);

  G_OBJECT_CLASS (bourse_window_parent_class)->dispose (object);
}

static void
bourse_window_finalize (GObject *object)
{
  BourseWindow *self = BOURSE_WINDOW (object);

  g_free (self->symbol);
  g_free (self->resolution);
  g_free (self->last_toast);

  G_OBJECT_CLASS (bourse_window_parent_class)->finalize (object);
}

static void
bourse_window_class_init (BourseWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = bourse_window_constructed;
  object_class->dispose = bourse_window_dispose;
  object_class->finalize = bourse_window_finalize;
  object_class->get_property = bourse_window_get_property;
  object_class->set_property = bourse_window_set_property;
  window_class->close_request = bourse_window_close_request;
  widget_class->realize = bourse_window_realize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, BOURSE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SYMBOL] =
    g_param_spec_string ("symbol", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESOLUTION] =
    g_param_spec_string ("resolution", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BourseWindow:store:
   *
   * The store the panels show: bound to the session's, so a new connection
   * rewires the window.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BOURSE_TYPE_BROKER_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BourseWindow:alert-manager:
   *
   * The alerts the window lists, edits and toasts when they fire; the
   * application's, which outlive the window.
   */
  properties[PROP_ALERT_MANAGER] =
    g_param_spec_object ("alert-manager", NULL, NULL, BOURSE_TYPE_ALERT_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BourseWindow::notification-requested:
   * @id: (nullable): replaces an earlier notification with the same id
   * @title: the notification's title
   * @body: (nullable): its text
   *
   * A fill or a rejection worth a desktop notification.
   */
  signals[NOTIFICATION_REQUESTED] =
    g_signal_new ("notification-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (BOURSE_TYPE_WATCHLIST);
  g_type_ensure (BOURSE_TYPE_ORDER_TICKET);
  g_type_ensure (BOURSE_TYPE_DOM_LADDER);
  g_type_ensure (BOURSE_TYPE_ACCOUNT_MANAGER);
  g_type_ensure (BOURSE_TYPE_SYMBOL_SEARCH);
  g_type_ensure (BOURSE_TYPE_CHART_PANE);
  g_type_ensure (BOURSE_TYPE_ALERTS_PANEL);
  g_type_ensure (BOURSE_TYPE_API_INSPECTOR);
  g_type_ensure (BOURSE_TYPE_OBJECT_TREE);
  g_type_ensure (BOURSE_TYPE_INTERVAL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseWindow, name)
  BIND (toast_overlay); BIND (symbol_button); BIND (symbol_search); BIND (symbol_label);
  BIND (chart_type_button); BIND (indicators_button); BIND (inspector_button);
  BIND (connection_button); BIND (connection_icon); BIND (connection_label);
  BIND (vertical_paned); BIND (sidebar_paned); BIND (sidebar_stack); BIND (sidebar_strip); BIND (drawing_toolbar);
  BIND (watchlist_strip_button); BIND (trading_strip_button); BIND (alerts_strip_button);
  BIND (alert_button); BIND (undo_button); BIND (redo_button); BIND (screenshot_button); BIND (chart_settings_button);
  BIND (alerts_panel); BIND (api_inspector); BIND (object_tree); BIND (interval_picker);
  BIND (watchlist); BIND (chart_pane); BIND (order_ticket); BIND (dom_ladder); BIND (account_manager);
  BIND (accounts_section);
#undef BIND
}

static void
bourse_window_init (BourseWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->quote_subscriptions = g_ptr_array_new_with_free_func (g_free);
  self->session_bindings = g_binding_group_new ();
  _bourse_window_init_store (self);
  self->alert_signals = g_signal_group_new (BOURSE_TYPE_ALERT_MANAGER);
  g_signal_group_connect_object (self->alert_signals, "alert-triggered", G_CALLBACK (alert_triggered_cb),
                                 self, G_CONNECT_SWAPPED);

  self->chart = bourse_chart_pane_get_chart (self->chart_pane);
  self->chart_view = bourse_chart_pane_get_chart_view (self->chart_pane);
  self->studies = bourse_chart_pane_get_studies (self->chart_pane);
  self->drawing_layer = bourse_chart_pane_get_drawing_layer (self->chart_pane);
  self->drawing_store = bourse_chart_pane_get_drawing_store (self->chart_pane);
  gtk_menu_button_set_menu_model (self->indicators_button, bourse_chart_pane_get_indicators_menu (self->chart_pane));
  g_signal_connect_object (self->chart_pane, "toast", G_CALLBACK (chart_pane_toast_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_pane, "error", G_CALLBACK (chart_pane_error_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->order_ticket, "order-placed", G_CALLBACK (ticket_order_placed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->order_ticket, "order-failed", G_CALLBACK (ticket_order_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watchlist, "symbol-activated", G_CALLBACK (watchlist_symbol_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->watchlist, "notify::symbols", G_CALLBACK (watchlist_symbols_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->symbol_search, "symbol-activated", G_CALLBACK (symbol_search_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dom_ladder, "place-limit", G_CALLBACK (dom_place_limit_cb), self, G_CONNECT_SWAPPED);
}

/**
 * bourse_window_new:
 * @alert_manager: (nullable): the alerts to list and edit
 */
BourseWindow *
bourse_window_new (GtkApplication     *application,
                   BourseSession      *session,
                   BourseAlertManager *alert_manager)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BOURSE_IS_SESSION (session), NULL);
  g_return_val_if_fail (alert_manager == NULL || BOURSE_IS_ALERT_MANAGER (alert_manager), NULL);

  return g_object_new (BOURSE_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       "alert-manager", alert_manager,
                       NULL);
}

BourseSession *
bourse_window_get_session (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->session;
}

BourseOrderTicket *
bourse_window_get_order_ticket (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->order_ticket;
}

BourseAccountManager *
bourse_window_get_account_manager (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->account_manager;
}

BourseWatchlist *
bourse_window_get_watchlist (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->watchlist;
}

BourseDomLadder *
bourse_window_get_dom_ladder (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->dom_ladder;
}

BourseChartView *
bourse_window_get_chart_view (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->chart_view;
}

const char *
bourse_window_get_symbol (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->symbol;
}

const char *
bourse_window_get_resolution (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->resolution;
}

guint
bourse_window_get_n_toasts (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), 0);
  return self->n_toasts;
}

const char *
bourse_window_get_last_toast (BourseWindow *self)
{
  g_return_val_if_fail (BOURSE_IS_WINDOW (self), NULL);
  return self->last_toast;
}

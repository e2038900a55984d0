/* bourse-window-actions.c — the window's actions: trading, chart, panels
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every behaviour of the window is a "win." action, so menus, buttons in
 * the tables, keyboard shortcuts and the UI tests all take the same path.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-alert-dialog.h"
#include "bourse-indicator-dialog.h"
#include "bourse-order-validation.h"
#include "bourse-window-private.h"

/* Store-dependent actions, disabled while there is no live store. */
static const char *trading_actions[] = {
  "buy", "sell", "cancel-all", "close-position", "reverse-position", "edit-brackets",
  "modify-order", "cancel-order", "prepare-order",
};

static gboolean
account_flag (BourseWindow *self,
              const char   *name,
              gboolean      fallback)
{
  GListModel *accounts = bourse_broker_store_get_accounts (self->store);
  const char *account_id = bourse_broker_store_get_account_id (self->store);
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseAccount) account = g_list_model_get_item (accounts, i);
      JsonNode *config;
      JsonObject *flags;

      if (g_strcmp0 (bourse_account_get_id (account), account_id) != 0)
        continue;
      config = bourse_account_get_config (account);
      if (config == NULL || !JSON_NODE_HOLDS_OBJECT (config))
        return fallback;
      flags = json_node_get_object (config);
      if (!json_object_has_member (flags, name))
        return fallback;
      return json_object_get_boolean_member_with_default (flags, name, fallback);
    }
  return fallback;
}

void
_bourse_window_update_actions (BourseWindow *self)
{
  gboolean live = self->store != NULL &&
                  bourse_broker_store_get_connection_state (self->store) != BOURSE_CONNECTION_STATE_DISCONNECTED &&
                  bourse_session_get_state (self->session) != BOURSE_CONNECTION_STATE_FAILED;

  for (guint i = 0; i < G_N_ELEMENTS (trading_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), trading_actions[i]);

      if (action)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), live);
    }
}

/* -- async completions -------------------------------------------------- */

typedef struct
{
  BourseWindow *self;
  char         *done;     /* toast on success */
  char         *failed;   /* prefix of the toast on failure */
} CallData;

static CallData *
call_data_new (BourseWindow *self,
               const char   *done,
               const char   *failed)
{
  CallData *data = g_new0 (CallData, 1);

  data->self = g_object_ref (self);
  data->done = g_strdup (done);
  data->failed = g_strdup (failed);
  return data;
}

static void
call_data_free (CallData *data)
{
  g_object_unref (data->self);
  g_free (data->done);
  g_free (data->failed);
  g_free (data);
}

static void
call_finish (CallData     *data,
             gboolean      ok,
             const GError *error)
{
  if (ok)
    {
      if (data->done)
        _bourse_window_toast (data->self, data->done);
    }
  else
    _bourse_window_report_error (data->self, data->failed, error);
  call_data_free (data);
}

static void
cancel_order_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = bourse_broker_client_cancel_order_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  call_finish (user_data, ok, error);
}

static void
modify_order_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = bourse_broker_client_modify_order_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  call_finish (user_data, ok, error);
}

static void
close_position_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = bourse_broker_client_close_position_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  call_finish (user_data, ok, error);
}

static void
reverse_position_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = bourse_broker_client_reverse_position_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  call_finish (user_data, ok, error);
}

static void
modify_position_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = bourse_broker_client_modify_position_finish (BOURSE_BROKER_CLIENT (object), result, &error);

  call_finish (user_data, ok, error);
}

static void
place_order_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = bourse_broker_store_place_order_finish (BOURSE_BROKER_STORE (object), result, &error);

  call_finish (user_data, order_id != NULL, error);
}

/* -- trading ------------------------------------------------------------- */

static void
bourse_window_buy_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_order_ticket_set_side (self->order_ticket, BOURSE_SIDE_BUY);
  gtk_widget_activate_action (GTK_WIDGET (self->order_ticket), "ticket.submit", NULL);
}

static void
bourse_window_sell_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_order_ticket_set_side (self->order_ticket, BOURSE_SIDE_SELL);
  gtk_widget_activate_action (GTK_WIDGET (self->order_ticket), "ticket.submit", NULL);
}

static void
cancel_order (BourseWindow *self,
              const char   *order_id,
              gboolean      quiet)
{
  g_autofree char *done = g_strdup_printf (_("Order %s cancelled"), order_id);

  bourse_broker_client_cancel_order_async (bourse_broker_store_get_client (self->store),
                                           bourse_broker_store_get_account_id (self->store),
                                           order_id, self->cancellable, cancel_order_cb,
                                           call_data_new (self, quiet ? NULL : done, _("Order not cancelled")));
}

static void
bourse_window_cancel_order_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;

  if (self->store != NULL)
    cancel_order (self, g_variant_get_string (parameter, NULL), FALSE);
}

static void
bourse_window_cancel_all_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BourseWindow *self = user_data;
  GListModel *orders;
  guint n, cancelled = 0;
  g_autofree char *message = NULL;

  if (self->store == NULL)
    return;

  orders = bourse_broker_store_get_orders (self->store);
  n = g_list_model_get_n_items (orders);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (orders, i);

      /* Bracket legs go with their parent; cancelling them alone would strip a position's protection. */
      if (bourse_order_status_is_final (bourse_order_get_status (order)) ||
          bourse_order_get_parent_type (order) == BOURSE_PARENT_TYPE_POSITION)
        continue;
      cancel_order (self, bourse_order_get_id (order), TRUE);
      cancelled++;
    }

  message = cancelled ? g_strdup_printf (ngettext ("Cancelling %u order", "Cancelling %u orders", cancelled), cancelled)
                      : g_strdup (_("No working orders to cancel"));
  _bourse_window_toast (self, message);
}

static void
place_market (BourseWindow *self,
              const char   *instrument,
              BourseSide    side,
              double        qty,
              const char   *done,
              const char   *failed)
{
  g_autoptr(BourseOrderRequest) request = bourse_order_request_new (instrument, side, BOURSE_ORDER_TYPE_MARKET, qty);

  bourse_broker_store_place_order_async (self->store, request, self->cancellable, place_order_cb,
                                         call_data_new (self, done, failed));
}

static void
bourse_window_close_position_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *position_id = g_variant_get_string (parameter, NULL);
  BoursePosition *position;
  g_autofree char *done = NULL;

  if (self->store == NULL || (position = bourse_broker_store_lookup_position (self->store, position_id)) == NULL)
    return;

  done = g_strdup_printf (_("Position %s closed"), bourse_position_get_instrument (position));
  if (account_flag (self, "supportClosePosition", FALSE))
    bourse_broker_client_close_position_async (bourse_broker_store_get_client (self->store),
                                               bourse_broker_store_get_account_id (self->store),
                                               position_id, 0, self->cancellable, close_position_cb,
                                               call_data_new (self, done, _("Position not closed")));
  else
    place_market (self, bourse_position_get_instrument (position),
                  bourse_position_get_side (position) == BOURSE_SIDE_BUY ? BOURSE_SIDE_SELL : BOURSE_SIDE_BUY,
                  bourse_position_get_qty (position), done, _("Position not closed"));
}

static void
bourse_window_reverse_position_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *position_id = g_variant_get_string (parameter, NULL);
  BoursePosition *position;
  BourseSide opposite;
  g_autofree char *done = NULL;

  if (self->store == NULL || (position = bourse_broker_store_lookup_position (self->store, position_id)) == NULL)
    return;

  if (!account_flag (self, "supportReversePosition", TRUE))
    {
      _bourse_window_toast (self, _("This broker does not reverse positions"));
      return;
    }

  opposite = bourse_position_get_side (position) == BOURSE_SIDE_BUY ? BOURSE_SIDE_SELL : BOURSE_SIDE_BUY;
  done = g_strdup_printf (_("Position %s reversed"), bourse_position_get_instrument (position));
  if (account_flag (self, "supportNativeReversePosition", FALSE))
    bourse_broker_client_reverse_position_async (bourse_broker_store_get_client (self->store),
                                                 bourse_broker_store_get_account_id (self->store),
                                                 position_id, opposite, self->cancellable, reverse_position_cb,
                                                 call_data_new (self, done, _("Position not reversed")));
  else
    /* The spec's fallback: one market order of twice the size, the other way. */
    place_market (self, bourse_position_get_instrument (position), opposite,
                  2 * bourse_position_get_qty (position), done, _("Position not reversed"));
}

/* -- dialogs with prices ------------------------------------------------- */

static GtkSpinButton *
add_price_row (GtkGrid    *grid,
               int         row,
               const char *title,
               double      value,
               double      tick,
               GtkCheckButton **check)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 1e12, tick);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), bourse_decimals_for_tick (tick));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value > 0 ? value : 0);
  gtk_widget_set_hexpand (spin, TRUE);
  if (check)
    {
      *check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (title));
      gtk_check_button_set_active (*check, value > 0);
      g_object_bind_property (*check, "active", spin, "sensitive", G_BINDING_SYNC_CREATE);
      gtk_grid_attach (grid, GTK_WIDGET (*check), 0, row, 1, 1);
    }
  else
    {
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (grid, label, 0, row, 1, 1);
    }
  gtk_grid_attach (grid, spin, 1, row, 1, 1);
  return GTK_SPIN_BUTTON (spin);
}

static double
bracket_price (BourseWindow     *self,
               const char       *parent_id,
               BourseParentType  parent_type,
               BourseOrderType   type)
{
  GListModel *orders = bourse_broker_store_get_orders (self->store);
  guint n = g_list_model_get_n_items (orders);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseOrder) order = g_list_model_get_item (orders, i);

      if (g_strcmp0 (bourse_order_get_parent_id (order), parent_id) == 0 &&
          bourse_order_get_parent_type (order) == parent_type &&
          bourse_order_get_order_type (order) == type &&
          !bourse_order_status_is_final (bourse_order_get_status (order)))
        return type == BOURSE_ORDER_TYPE_STOP ? bourse_order_get_stop_price (order)
                                              : bourse_order_get_limit_price (order);
    }
  return 0;
}

typedef struct
{
  BourseWindow   *self;
  char           *id;
  GtkSpinButton  *qty;
  GtkSpinButton  *price;
  GtkSpinButton  *stop;
  GtkSpinButton  *take_profit;
  GtkSpinButton  *stop_loss;
  GtkCheckButton *take_profit_check;
  GtkCheckButton *stop_loss_check;
} EditData;

static void
edit_data_free (gpointer user_data)
{
  EditData *data = user_data;

  g_object_unref (data->self);
  g_free (data->id);
  g_free (data);
}

static double
bracket_value (GtkCheckButton *check,
               GtkSpinButton  *spin)
{
  if (check == NULL || spin == NULL || !gtk_check_button_get_active (check))
    return 0;
  gtk_spin_button_update (spin);
  return gtk_spin_button_get_value (spin);
}

static void
modify_order_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          EditData         *data)
{
  BourseWindow *self = data->self;
  BourseOrder *order;
  g_autoptr(BourseOrderRequest) request = NULL;
  g_autofree char *done = NULL;

  if (g_strcmp0 (response, "modify") != 0 || self->store == NULL ||
      (order = bourse_broker_store_lookup_order (self->store, data->id)) == NULL)
    return;

  gtk_spin_button_update (data->qty);
  request = bourse_order_request_new (bourse_order_get_instrument (order), bourse_order_get_side (order),
                                      bourse_order_get_order_type (order), gtk_spin_button_get_value (data->qty));
  if (data->price)
    {
      gtk_spin_button_update (data->price);
      request->limit_price = gtk_spin_button_get_value (data->price);
    }
  if (data->stop)
    {
      gtk_spin_button_update (data->stop);
      request->stop_price = gtk_spin_button_get_value (data->stop);
    }
  request->take_profit = bracket_value (data->take_profit_check, data->take_profit);
  request->stop_loss = bracket_value (data->stop_loss_check, data->stop_loss);

  done = g_strdup_printf (_("Order %s modified"), data->id);
  bourse_broker_client_modify_order_async (bourse_broker_store_get_client (self->store),
                                           bourse_broker_store_get_account_id (self->store),
                                           data->id, request, self->cancellable, modify_order_cb,
                                           call_data_new (self, done, _("Order not modified")));
}

static void
bourse_window_modify_order_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *order_id = g_variant_get_string (parameter, NULL);
  BourseOrder *order;
  BourseOrderType type;
  EditData *data;
  GtkWidget *dialog, *grid;
  g_autofree char *heading = NULL;
  double tick;
  int row = 0;

  if (self->store == NULL || (order = bourse_broker_store_lookup_order (self->store, order_id)) == NULL)
    return;

  type = bourse_order_get_order_type (order);
  tick = bourse_account_manager_lookup_tick (self->account_manager, bourse_order_get_instrument (order));
  if (!(tick > 0))
    tick = 0.01;

  data = g_new0 (EditData, 1);
  data->self = g_object_ref (self);
  data->id = g_strdup (order_id);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  data->qty = add_price_row (GTK_GRID (grid), row++, _("Quantity"), bourse_order_get_qty (order), 1, NULL);
  gtk_spin_button_set_digits (data->qty, 4);
  if (type == BOURSE_ORDER_TYPE_LIMIT || type == BOURSE_ORDER_TYPE_STOP_LIMIT)
    data->price = add_price_row (GTK_GRID (grid), row++, _("Limit Price"), bourse_order_get_limit_price (order), tick, NULL);
  if (type == BOURSE_ORDER_TYPE_STOP || type == BOURSE_ORDER_TYPE_STOP_LIMIT)
    data->stop = add_price_row (GTK_GRID (grid), row++, _("Stop Price"), bourse_order_get_stop_price (order), tick, NULL);
  if (bourse_order_get_parent_id (order) == NULL && account_flag (self, "supportOrderBrackets", FALSE))
    {
      data->take_profit = add_price_row (GTK_GRID (grid), row++, _("Take Profit"),
                                         bracket_price (self, order_id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_LIMIT),
                                         tick, &data->take_profit_check);
      data->stop_loss = add_price_row (GTK_GRID (grid), row++, _("Stop Loss"),
                                       bracket_price (self, order_id, BOURSE_PARENT_TYPE_ORDER, BOURSE_ORDER_TYPE_STOP),
                                       tick, &data->stop_loss_check);
    }

  heading = g_strdup_printf (_("Modify Order %s"), order_id);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "modify", _("_Modify"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "modify", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "modify");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (modify_order_response_cb), data,
                         (GClosureNotify) (void (*) (void)) edit_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_brackets_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           EditData         *data)
{
  BourseWindow *self = data->self;
  g_autofree char *done = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL ||
      bourse_broker_store_lookup_position (self->store, data->id) == NULL)
    return;

  done = g_strdup (_("Take profit and stop loss saved"));
  bourse_broker_client_modify_position_async (bourse_broker_store_get_client (self->store),
                                              bourse_broker_store_get_account_id (self->store),
                                              data->id,
                                              bracket_value (data->stop_loss_check, data->stop_loss),
                                              bracket_value (data->take_profit_check, data->take_profit),
                                              self->cancellable, modify_position_cb,
                                              call_data_new (self, done, _("Brackets not saved")));
}

static void
bourse_window_edit_brackets_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *position_id = g_variant_get_string (parameter, NULL);
  BoursePosition *position;
  EditData *data;
  GtkWidget *dialog, *grid;
  g_autofree char *heading = NULL;
  double tick;

  if (self->store == NULL || (position = bourse_broker_store_lookup_position (self->store, position_id)) == NULL)
    return;
  if (!account_flag (self, "supportPositionBrackets", FALSE))
    {
      _bourse_window_toast (self, _("This broker does not support take profit and stop loss on positions"));
      return;
    }

  tick = bourse_account_manager_lookup_tick (self->account_manager, bourse_position_get_instrument (position));
  if (!(tick > 0))
    tick = 0.01;

  data = g_new0 (EditData, 1);
  data->self = g_object_ref (self);
  data->id = g_strdup (position_id);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  data->take_profit = add_price_row (GTK_GRID (grid), 0, _("Take Profit"),
                                     bracket_price (self, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_LIMIT),
                                     tick, &data->take_profit_check);
  data->stop_loss = add_price_row (GTK_GRID (grid), 1, _("Stop Loss"),
                                   bracket_price (self, position_id, BOURSE_PARENT_TYPE_POSITION, BOURSE_ORDER_TYPE_STOP),
                                   tick, &data->stop_loss_check);

  heading = g_strdup_printf (_("Protect %s Position"), bourse_position_get_instrument (position));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (edit_brackets_response_cb), data,
                         (GClosureNotify) (void (*) (void)) edit_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bourse_window_prepare_order_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *side, *type;
  double price;

  g_variant_get (parameter, "(&s&sd)", &side, &type, &price);
  _bourse_window_prepare_order (self, bourse_side_from_string (side), bourse_order_type_from_string (type), price);
}

/* -- chart and panels ---------------------------------------------------- */

static void
bourse_window_set_resolution_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  _bourse_window_set_resolution (user_data, g_variant_get_string (parameter, NULL));
}

static void
bourse_window_set_chart_type_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  _bourse_window_set_chart_type (user_data, g_variant_get_string (parameter, NULL));
}

static void
bourse_window_set_symbol_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  _bourse_window_set_symbol (user_data, g_variant_get_string (parameter, NULL));
}

static void
bourse_window_zoom_in_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  BourseWindow *self = user_data;
  gtk_widget_activate_action (GTK_WIDGET (self->chart_view), "chart.zoom-in", NULL);
}

static void
bourse_window_zoom_out_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  BourseWindow *self = user_data;
  gtk_widget_activate_action (GTK_WIDGET (self->chart_view), "chart.zoom-out", NULL);
}

static void
bourse_window_zoom_reset_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BourseWindow *self = user_data;
  gtk_widget_activate_action (GTK_WIDGET (self->chart_view), "chart.fit", NULL);
}

static void
bourse_window_symbol_search_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BourseWindow *self = user_data;
  gtk_menu_button_popup (self->symbol_button);
}

static void
bourse_window_show_inspector_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  gboolean show = !g_variant_get_boolean (state);

  g_simple_action_set_state (action, g_variant_new_boolean (show));
  bourse_account_manager_set_page (self->account_manager, show ? "inspector" : "positions");
}

static void
account_manager_page_changed_cb (BourseWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-inspector");
  const char *page = bourse_account_manager_get_page (self->account_manager);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (g_strcmp0 (page, "inspector") == 0));
}

/* -- indicators and drawing tools ---------------------------------------- */

static void
bourse_window_add_indicator_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BourseWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_bourse_window_add_indicator (self, g_variant_get_string (parameter, NULL), &error))
    _bourse_window_report_error (self, _("Indicator not added"), error);
}

static void
bourse_window_remove_indicator_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  _bourse_window_remove_indicator (user_data, g_variant_get_string (parameter, NULL));
}

static void
indicator_dialog_response_cb (BourseWindow          *self,
                              const char            *response,
                              BourseIndicatorDialog *dialog)
{
  const char *id = bourse_indicator_dialog_get_study_id (dialog);
  g_autoptr(GError) error = NULL;
  GdkRGBA rgba;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  if (!_bourse_window_set_indicator_spec (self, id, bourse_indicator_dialog_get_spec (dialog), &error))
    {
      _bourse_window_report_error (self, _("Indicator not changed"), error);
      return;
    }
  if (bourse_indicator_dialog_get_color (dialog, &rgba))
    _bourse_window_set_indicator_color (self, id, &rgba);
}

/* Parameters and colour of a study on the chart: "sma:50" → "sma:20". */
static void
bourse_window_edit_indicator_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  BourseIndicator *indicator = bourse_chart_studies_get_indicator (self->studies, id);
  BourseIndicatorDialog *dialog;

  if (indicator == NULL)
    return;

  dialog = bourse_indicator_dialog_new (GTK_WINDOW (self), id, indicator);
  g_signal_connect_object (dialog, "response", G_CALLBACK (indicator_dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bourse_window_set_drawing_tool_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *nick = g_variant_get_string (parameter, NULL);
  BourseDrawingKind kind;

  if (bourse_drawing_kind_from_string (nick, &kind))
    bourse_drawing_layer_set_tool (self->drawing_layer, kind);
  else
    bourse_drawing_layer_set_tool (self->drawing_layer, BOURSE_DRAWING_LAYER_NO_TOOL);
  g_simple_action_set_state (action, g_variant_new_string (bourse_drawing_layer_get_tool (self->drawing_layer) == BOURSE_DRAWING_LAYER_NO_TOOL
                                                           ? "none" : nick));
}

static void
bourse_window_delete_drawing_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;

  if (!bourse_drawing_layer_delete_selected (self->drawing_layer))
    _bourse_window_toast (self, _("Select a drawing first"));
}

/* -- alerts -------------------------------------------------------------- */

static void
alert_dialog_response_cb (BourseWindow      *self,
                          const char        *response,
                          BourseAlertDialog *dialog)
{
  BourseAlertManager *manager = self->alert_manager;
  g_autoptr(BourseAlert) alert = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (g_strcmp0 (response, "create") != 0 || manager == NULL)
    return;

  alert = bourse_alert_dialog_build_alert (dialog);
  if (!bourse_alert_validate (alert, &error) || !bourse_alert_manager_add_alert (manager, alert, &error))
    {
      _bourse_window_report_error (self, _("Alert not created"), error);
      return;
    }
  done = g_strdup_printf (_("Alert on %s created"), bourse_alert_dialog_get_symbol (dialog));
  _bourse_window_toast (self, done);
}

/* The editor offers the chart's indicators as sources and this symbol's
 * drawings as targets. */
static void
open_alert_dialog (BourseWindow *self,
                   double        value)
{
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (self->studies);
  g_autoptr(GStrvBuilder) specs = g_strv_builder_new ();
  g_auto(GStrv) source_specs = NULL;
  BourseAlertDialog *dialog;

  for (guint i = 0; i < ids->len; i++)
    {
      BourseIndicator *indicator = bourse_chart_studies_get_indicator (self->studies, g_ptr_array_index (ids, i));

      if (indicator != NULL)
        g_strv_builder_add (specs, bourse_indicator_get_spec (indicator));
    }
  source_specs = g_strv_builder_end (specs);

  dialog = bourse_alert_dialog_new (GTK_WINDOW (self), self->symbol, value,
                                    bourse_account_manager_lookup_tick (self->account_manager, self->symbol));
  bourse_alert_dialog_set_sources (dialog, (const char * const *) source_specs);
  bourse_alert_dialog_set_drawings (dialog, G_LIST_MODEL (bourse_drawing_layer_get_drawings (self->drawing_layer)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (alert_dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bourse_window_add_alert_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  BourseWindow *self = user_data;
  double last = self->chart_quote ? bourse_quote_get_last (self->chart_quote) : 0;

  open_alert_dialog (self, last > 0 ? last : 0);
}

static void
bourse_window_add_alert_at_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  open_alert_dialog (user_data, g_variant_get_double (parameter));
}

static void
bourse_window_toggle_alert_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseAlertManager *manager = self->alert_manager;
  BourseAlert *alert = manager ? bourse_alert_manager_find_alert (manager, g_variant_get_string (parameter, NULL)) : NULL;

  if (alert == NULL)
    return;
  /* Resuming re-arms a triggered or expired alert too. */
  bourse_alert_set_state (alert, bourse_alert_get_state (alert) == BOURSE_ALERT_STATE_ACTIVE
                                 ? BOURSE_ALERT_STATE_PAUSED : BOURSE_ALERT_STATE_ACTIVE);
}

static void
bourse_window_resend_alert_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseAlertManager *manager = self->alert_manager;
  const char *fire_id = g_variant_get_string (parameter, NULL);
  GListModel *log;
  guint n;

  if (manager == NULL)
    return;
  log = bourse_alert_manager_get_log (manager);
  n = g_list_model_get_n_items (log);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BourseAlertEvent) event = g_list_model_get_item (log, i);
      BourseAlert *alert;

      if (g_strcmp0 (bourse_alert_event_get_fire_id (event), fire_id) != 0)
        continue;
      alert = bourse_alert_manager_find_alert (manager, bourse_alert_event_get_alert_id (event));
      if (alert == NULL || bourse_alert_get_webhook_url (alert) == NULL || *bourse_alert_get_webhook_url (alert) == '\0')
        {
          _bourse_window_toast (self, _("This alert has no webhook to send again"));
          return;
        }
      bourse_alert_manager_resend (manager, event);
      _bourse_window_toast (self, _("Webhook sent again"));
      return;
    }
}

static void
bourse_window_remove_alert_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseAlertManager *manager = self->alert_manager;
  BourseAlert *alert = manager ? bourse_alert_manager_find_alert (manager, g_variant_get_string (parameter, NULL)) : NULL;

  if (alert != NULL)
    bourse_alert_manager_remove_alert (manager, alert);
}

static void
bourse_window_switch_account_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_session_switch_account (self->session, g_variant_get_string (parameter, NULL));
}

static void
bourse_window_reconnect_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  BourseWindow *self = user_data;
  bourse_session_reconnect (self->session);
}

/* -- export chart data ---------------------------------------------------- */

typedef struct
{
  BourseBars *bars;    /* a copy: the live bars keep changing on the main thread */
  GPtrArray  *specs;   /* the chart's studies, rebuilt in the worker */
  GFile      *file;
} ExportData;

static void
export_data_free (gpointer user_data)
{
  ExportData *data = user_data;

  g_clear_pointer (&data->bars, bourse_bars_unref);
  g_clear_pointer (&data->specs, g_ptr_array_unref);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFileOutputStream) out = NULL;
  GError *error = NULL;

  for (guint i = 0; i < data->specs->len; i++)
    {
      BourseIndicator *indicator = bourse_indicator_new_from_spec (g_ptr_array_index (data->specs, i), &error);

      if (indicator == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (indicators, indicator);
    }

  out = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (out == NULL ||
      !bourse_indicator_write_csv (indicators, data->bars, G_OUTPUT_STREAM (out), cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Writes the chart's bars times and its studies' values as CSV, the same
 * columns as `bourse-cli indicators` for the same bars and studies. */
static void
export_chart_data_async (BourseWindow        *self,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GPtrArray) ids = bourse_chart_studies_list (self->studies);
  BourseBars *bars = bourse_chart_get_bars (self->chart);
  ExportData *data = g_new0 (ExportData, 1);

  g_task_set_name (task, "export chart data");
  data->bars = bars ? bourse_bars_copy (bars) : bourse_bars_new (0);
  data->specs = g_ptr_array_new_with_free_func (g_free);
  data->file = g_object_ref (file);
  for (guint i = 0; i < ids->len; i++)
    {
      BourseIndicator *indicator = bourse_chart_studies_get_indicator (self->studies, g_ptr_array_index (ids, i));

      if (indicator != NULL)
        g_ptr_array_add (data->specs, g_strdup (bourse_indicator_get_spec (indicator)));
    }
  g_task_set_task_data (task, data, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static gboolean
export_chart_data_finish (BourseWindow  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  BourseWindow *self = BOURSE_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (!export_chart_data_finish (self, result, &error))
    {
      _bourse_window_report_error (self, _("Chart data not exported"), error);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Chart data exported to %s"), name);

    _bourse_window_toast (self, message);
  }
}

static void
bourse_window_export_chart_data_to_action (GSimpleAction *action,
                                           GVariant      *parameter,
                                           gpointer       user_data)
{
  BourseWindow *self = user_data;
  GFile *file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  export_chart_data_async (self, file, NULL, export_done_cb, file);
}

static void
export_dialog_response_cb (GtkNativeDialog *dialog,
                           int              response,
                           BourseWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        export_chart_data_async (self, file, NULL, export_done_cb, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
bourse_window_export_chart_data_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  BourseWindow *self = user_data;
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf ("%s-%s.csv", self->symbol ? self->symbol : "chart",
                                           self->resolution ? self->resolution : "");

  dialog = gtk_file_chooser_native_new (_("Export Chart Data"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_dialog_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static const GActionEntry win_actions[] = {
  { "buy", bourse_window_buy_action },
  { "sell", bourse_window_sell_action },
  { "cancel-all", bourse_window_cancel_all_action },
  { "cancel-order", bourse_window_cancel_order_action, "s" },
  { "modify-order", bourse_window_modify_order_action, "s" },
  { "close-position", bourse_window_close_position_action, "s" },
  { "reverse-position", bourse_window_reverse_position_action, "s" },
  { "edit-brackets", bourse_window_edit_brackets_action, "s" },
  { "prepare-order", bourse_window_prepare_order_action, "(ssd)" },
  { "set-resolution", bourse_window_set_resolution_action, "s", "'5'" },
  { "set-chart-type", bourse_window_set_chart_type_action, "s", "'candles'" },
  { "set-symbol", bourse_window_set_symbol_action, "s" },
  { "zoom-in", bourse_window_zoom_in_action },
  { "zoom-out", bourse_window_zoom_out_action },
  { "zoom-reset", bourse_window_zoom_reset_action },
  { "symbol-search", bourse_window_symbol_search_action },
  { "show-inspector", bourse_window_show_inspector_action, NULL, "false" },
  { "reconnect", bourse_window_reconnect_action },
  { "switch-account", bourse_window_switch_account_action, "s", "''" },
  { "add-indicator", bourse_window_add_indicator_action, "s" },
  { "remove-indicator", bourse_window_remove_indicator_action, "s" },
  { "edit-indicator", bourse_window_edit_indicator_action, "s" },
  { "set-drawing-tool", bourse_window_set_drawing_tool_action, "s", "'none'" },
  { "delete-drawing", bourse_window_delete_drawing_action },
  { "add-alert", bourse_window_add_alert_action },
  { "add-alert-at", bourse_window_add_alert_at_action, "d" },
  { "toggle-alert", bourse_window_toggle_alert_action, "s" },
  { "remove-alert", bourse_window_remove_alert_action, "s" },
  { "resend-alert", bourse_window_resend_alert_action, "s" },
  { "export-chart-data", bourse_window_export_chart_data_action },
  { "export-chart-data-to", bourse_window_export_chart_data_to_action, "s" },
};

void
_bourse_window_add_actions (BourseWindow *self)
{
  GAction *action;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-resolution");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (self->resolution));

  g_signal_connect_object (self->account_manager, "notify::page",
                           G_CALLBACK (account_manager_page_changed_cb), self, G_CONNECT_SWAPPED);
  account_manager_page_changed_cb (self);
}

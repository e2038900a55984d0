/* bourse-window-actions.c — the window's actions: trading, chart, panels
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every behaviour of the window is a "win." action, so menus, buttons in
 * the tables, keyboard shortcuts and the UI tests all take the same path.
 * Groups with a file of their own add their entries from here:
 * bourse-window-chart-image.c, bourse-window-drawing-actions.c and
 * bourse-window-chart-settings.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bourse-edit-brackets-dialog.h"
#include "bourse-modify-order-dialog.h"
#include "bourse-alert-dialog.h"
#include "bourse-indicator-dialog.h"
#include "bourse-indicators-dialog.h"
#include "bourse-order-validation.h"
#include "bourse-resolution.h"
#include "bourse-window-private.h"

/* Store-dependent actions, disabled while there is no live store. */
static const char *trading_actions[] = {
  "buy", "sell", "cancel-all", "close-position", "reverse-position", "edit-brackets",
  "modify-order", "cancel-order", "prepare-order",
};

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
trade_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = bourse_trader_execute_finish (BOURSE_TRADER (object), result, &error);

  call_finish (user_data, ok, error);
}

/* Sends what the trader planned; toasts @done or "@failed: why". */
static void
execute_trade (BourseWindow      *self,
               const BourseTrade *trade,
               const char        *done,
               const char        *failed)
{
  bourse_trader_execute_async (self->trader, trade, self->cancellable, trade_done_cb,
                               call_data_new (self, done, failed));
}

/* -- trading ------------------------------------------------------------- */

static void
bourse_window_buy_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_order_ticket_set_side (self->order_ticket, BOURSE_SIDE_BUY);
  bourse_order_ticket_submit (self->order_ticket);
}

static void
bourse_window_sell_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_order_ticket_set_side (self->order_ticket, BOURSE_SIDE_SELL);
  bourse_order_ticket_submit (self->order_ticket);
}

static void
cancel_order (BourseWindow *self,
              const char   *order_id,
              gboolean      quiet)
{
  g_autofree char *done = g_strdup_printf (_("Order %s cancelled"), order_id);
  g_autoptr(BourseTrade) trade = bourse_trader_plan_cancel_order (self->trader, order_id);

  execute_trade (self, trade, quiet ? NULL : done, _("Order not cancelled"));
}

static void
bourse_window_cancel_order_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;

  if (self->trader != NULL)
    cancel_order (self, g_variant_get_string (parameter, NULL), FALSE);
}

static void
bourse_window_cancel_all_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BourseWindow *self = user_data;
  g_autoptr(GPtrArray) ids = NULL;
  guint cancelled = 0;
  g_autofree char *message = NULL;

  if (self->trader == NULL)
    return;

  ids = bourse_trader_dup_cancel_all_ids (self->trader);
  for (guint i = 0; i < ids->len; i++)
    {
      cancel_order (self, g_ptr_array_index (ids, i), TRUE);
      cancelled++;
    }

  message = cancelled ? g_strdup_printf (ngettext ("Cancelling %u order", "Cancelling %u orders", cancelled), cancelled)
                      : g_strdup (_("No working orders to cancel"));
  _bourse_window_toast (self, message);
}

static void
bourse_window_close_position_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *position_id = g_variant_get_string (parameter, NULL);
  g_autoptr(BourseTrade) trade = NULL;
  g_autofree char *done = NULL;

  if (self->trader == NULL ||
      (trade = bourse_trader_plan_close_position (self->trader, position_id, NULL)) == NULL)
    return;

  done = g_strdup_printf (_("Position %s closed"),
                          bourse_position_get_instrument (bourse_broker_store_lookup_position (self->store, position_id)));
  execute_trade (self, trade, done, _("Position not closed"));
}

static void
bourse_window_reverse_position_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseWindow *self = user_data;
  const char *position_id = g_variant_get_string (parameter, NULL);
  g_autoptr(BourseTrade) trade = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (self->trader == NULL)
    return;
  trade = bourse_trader_plan_reverse_position (self->trader, position_id, &error);
  if (trade == NULL)
    {
      if (g_error_matches (error, BOURSE_TRADER_ERROR, BOURSE_TRADER_ERROR_NOT_SUPPORTED))
        _bourse_window_toast (self, _("This broker does not reverse positions"));
      return;
    }

  done = g_strdup_printf (_("Position %s reversed"),
                          bourse_position_get_instrument (bourse_broker_store_lookup_position (self->store, position_id)));
  execute_trade (self, trade, done, _("Position not reversed"));
}

/* -- dialogs with prices ------------------------------------------------- */

static void
modify_order_response_cb (BourseModifyOrderDialog *dialog,
                          const char              *response,
                          BourseWindow            *self)
{
  g_autoptr(BourseTrade) trade = NULL;
  g_autofree char *done = NULL;

  /* A dialog of an earlier store has nothing to say to this one. */
  if (g_strcmp0 (response, "modify") != 0 || self->trader == NULL ||
      bourse_modify_order_dialog_get_trader (dialog) != self->trader ||
      (trade = bourse_modify_order_dialog_plan (dialog, NULL)) == NULL)
    return;

  done = g_strdup_printf (_("Order %s modified"), bourse_modify_order_dialog_get_order_id (dialog));
  execute_trade (self, trade, done, _("Order not modified"));
}

static void
bourse_window_modify_order_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseOrder *order;
  BourseModifyOrderDialog *dialog;

  if (self->trader == NULL ||
      (order = bourse_broker_store_lookup_order (self->store, g_variant_get_string (parameter, NULL))) == NULL)
    return;

  dialog = bourse_modify_order_dialog_new (GTK_WINDOW (self), self->trader, order);
  g_signal_connect_object (dialog, "response", G_CALLBACK (modify_order_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_brackets_response_cb (BourseEditBracketsDialog *dialog,
                           const char               *response,
                           BourseWindow             *self)
{
  g_autoptr(BourseTrade) trade = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->trader == NULL ||
      bourse_edit_brackets_dialog_get_trader (dialog) != self->trader ||
      (trade = bourse_edit_brackets_dialog_plan (dialog, NULL)) == NULL)
    return;

  execute_trade (self, trade, _("Take profit and stop loss saved"), _("Brackets not saved"));
}

static void
bourse_window_edit_brackets_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BourseWindow *self = user_data;
  BoursePosition *position;
  BourseEditBracketsDialog *dialog;

  if (self->trader == NULL ||
      (position = bourse_broker_store_lookup_position (self->store, g_variant_get_string (parameter, NULL))) == NULL)
    return;
  if (!bourse_trader_get_flag (self->trader, "supportPositionBrackets"))
    {
      _bourse_window_toast (self, _("This broker does not support take profit and stop loss on positions"));
      return;
    }

  dialog = bourse_edit_brackets_dialog_new (GTK_WINDOW (self), self->trader, position);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_brackets_response_cb), self, 0);
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
  gtk_widget_activate_action (GTK_WIDGET (self->chart_view), "chart.reset-view", NULL);
}

static void
bourse_window_symbol_search_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BourseWindow *self = user_data;
  gtk_menu_button_popup (self->symbol_button);
}

/* Typing on the chart: the search opens with what was typed. */
static void
bourse_window_symbol_search_text_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_symbol_search_set_initial_text (self->symbol_search, g_variant_get_string (parameter, NULL));
  gtk_menu_button_popup (self->symbol_button);
}

/* The interval entry over the chart, starting with @parameter ("" or a typed digit). */
static void
bourse_window_change_interval_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_chart_pane_open_interval_entry (self->chart_pane, parameter ? g_variant_get_string (parameter, NULL) : "");
}

/* The inspector is a sidebar panel: shown, or folded away when it is the one shown. */
static void
bourse_window_show_inspector_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;

  g_action_activate (g_action_map_lookup_action (G_ACTION_MAP (self), "sidebar-panel"),
                     g_variant_new_string ("inspector"));
}

/* -- indicators ---------------------------------------- */

static void
bourse_window_add_indicator_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  BourseWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bourse_chart_pane_add_indicator (self->chart_pane, g_variant_get_string (parameter, NULL), &error))
    _bourse_window_report_error (self, _("Indicator not added"), error);
}

static void
bourse_window_remove_indicator_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_chart_pane_remove_indicator (self->chart_pane, g_variant_get_string (parameter, NULL));
}

static void
indicator_dialog_response_cb (BourseWindow          *self,
                              const char            *response,
                              BourseIndicatorDialog *dialog)
{
  const char *id = bourse_indicator_dialog_get_study_id (dialog);
  const char *spec = bourse_indicator_dialog_get_spec (dialog);
  BourseIndicator *indicator = bourse_chart_studies_get_indicator (self->studies, id);
  g_autoptr(GError) error = NULL;
  BourseStudyStyle style;

  /* the form disables Apply while its inputs are invalid */
  if (g_strcmp0 (response, "apply") != 0 || spec == NULL || indicator == NULL)
    return;
  if (g_strcmp0 (spec, bourse_indicator_get_spec (indicator)) != 0 &&
      !bourse_chart_pane_set_indicator_spec (self->chart_pane, id, spec, &error))
    {
      _bourse_window_report_error (self, _("Indicator not changed"), error);
      return;
    }
  bourse_indicator_dialog_get_style (dialog, &style);
  bourse_chart_pane_set_indicator_style (self->chart_pane, id, &style);
  /* One dialog, one undo step: the next edit of this study is another. */
  bourse_chart_history_seal (bourse_chart_pane_get_history (self->chart_pane));
}

static void
open_indicator_settings (BourseWindow *self,
                         const char   *id)
{
  BourseIndicator *indicator = bourse_chart_studies_get_indicator (self->studies, id);
  BourseIndicatorDialog *dialog;
  BourseStudyStyle style;

  if (indicator == NULL || !bourse_chart_studies_get_style (self->studies, id, &style))
    return;
  dialog = bourse_indicator_dialog_new (GTK_WINDOW (self), id, indicator, &style);
  g_signal_connect_object (dialog, "response", G_CALLBACK (indicator_dialog_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The settings form of a study on the chart: inputs, style, levels, precision. */
static void
bourse_window_edit_indicator_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  open_indicator_settings (user_data, g_variant_get_string (parameter, NULL));
}

/* Adds a study ("rsi" or "rsi:21") with its defaults and opens its settings. */
static void
bourse_window_add_indicator_with_settings_action (GSimpleAction *action,
                                                  GVariant      *parameter,
                                                  gpointer       user_data)
{
  BourseWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *id = bourse_chart_pane_add_indicator_full (self->chart_pane, g_variant_get_string (parameter, NULL), &error);

  if (id == NULL)
    _bourse_window_report_error (self, _("Indicator not added"), error);
  else
    open_indicator_settings (self, id);
}

static void
indicators_dialog_study_chosen_cb (BourseWindow *self,
                                   const char   *name,
                                   gboolean      with_settings)
{
  g_action_group_activate_action (G_ACTION_GROUP (self),
                                  with_settings ? "add-indicator-with-settings" : "add-indicator",
                                  g_variant_new_string (name));
}

/* The Indicators dialog: every study by category, searchable. */
static void
bourse_window_indicators_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BourseWindow *self = user_data;
  BourseIndicatorsDialog *dialog = bourse_indicators_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "study-chosen", G_CALLBACK (indicators_dialog_study_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* -- undo and the price axis ------------------------------------------------ */

static void
bourse_window_undo_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_chart_pane_undo (self->chart_pane);
}

static void
bourse_window_redo_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  BourseWindow *self = user_data;

  bourse_chart_pane_redo (self->chart_pane);
}

static void
bourse_window_copy_price_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BourseWindow *self = user_data;
  g_autofree char *text = bourse_format_price (g_variant_get_double (parameter),
                                               bourse_chart_get_tick_size (self->chart));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
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

/* Writes the chart's bars (time, OHLCV) and its studies' values as CSV, the
 * same columns as `bourse-cli indicators` for the same bars and studies. */
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

/* -- typed intervals ------------------------------------------------------ */

/* An interval as a trader types it ("4h", "1D", "15m") or as the API says it. */
static void
bourse_window_chart_interval_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  BourseWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *resolution = bourse_resolution_parse_user (g_variant_get_string (parameter, NULL), &error);

  if (resolution == NULL)
    {
      g_warning ("Interval not changed: %s", error->message);
      _bourse_window_report_error (self, _("Interval not changed"), error);
      return;
    }
  _bourse_window_set_resolution (self, resolution);
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
  { "symbol-search-text", bourse_window_symbol_search_text_action, "s" },
  { "change-interval", bourse_window_change_interval_action, "s" },
  { "show-inspector", bourse_window_show_inspector_action, NULL, "false" },
  { "reconnect", bourse_window_reconnect_action },
  { "switch-account", bourse_window_switch_account_action, "s", "''" },
  { "add-indicator", bourse_window_add_indicator_action, "s" },
  { "remove-indicator", bourse_window_remove_indicator_action, "s" },
  { "edit-indicator", bourse_window_edit_indicator_action, "s" },
  { "add-indicator-with-settings", bourse_window_add_indicator_with_settings_action, "s" },
  { "indicators", bourse_window_indicators_action },
  { "undo", bourse_window_undo_action },
  { "redo", bourse_window_redo_action },
  { "copy-price", bourse_window_copy_price_action, "d" },
  { "add-alert", bourse_window_add_alert_action },
  { "add-alert-at", bourse_window_add_alert_at_action, "d" },
  { "toggle-alert", bourse_window_toggle_alert_action, "s" },
  { "remove-alert", bourse_window_remove_alert_action, "s" },
  { "resend-alert", bourse_window_resend_alert_action, "s" },
  { "export-chart-data", bourse_window_export_chart_data_action },
  { "export-chart-data-to", bourse_window_export_chart_data_to_action, "s" },
  { "chart-interval", bourse_window_chart_interval_action, "s" },
};

void
_bourse_window_add_actions (BourseWindow *self)
{
  GAction *action;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  _bourse_window_add_chart_image_actions (self);
  _bourse_window_add_drawing_actions (self);
  _bourse_window_add_chart_settings_actions (self);

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-resolution");
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (self->resolution));

  /* Undo and redo are enabled while the chart's history has something to undo or redo. */
  g_object_bind_property (bourse_chart_pane_get_history (self->chart_pane), "can-undo",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "undo"), "enabled", G_BINDING_SYNC_CREATE);
  g_object_bind_property (bourse_chart_pane_get_history (self->chart_pane), "can-redo",
                          g_action_map_lookup_action (G_ACTION_MAP (self), "redo"), "enabled", G_BINDING_SYNC_CREATE);
}

/* bourse-order-ticket-placing.c — placing the ticket's order: confirmation, sending, safe retries
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ticket.submit builds a request from the checked draft and keeps it as
 * pending until the broker settles it. A submit with the same draft (same
 * key) sends the same request again, with the same requestId, so an order
 * whose outcome was unknown (timeout, dropped connection) is placed at most
 * once; any change the broker would see makes a new request. A different
 * order submitted while one is in flight (win.sell right after win.buy) is
 * queued and sent when the broker has answered the first, never dropped.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "bourse-order-ticket-private.h"

/* A key for "the same order": a retry reuses the pending requestId only if
 * nothing the broker would see has changed. */
static char *
draft_key (BourseOrderTicket *self)
{
  char qty[G_ASCII_DTOSTR_BUF_SIZE], limit[G_ASCII_DTOSTR_BUF_SIZE], stop[G_ASCII_DTOSTR_BUF_SIZE];
  char tp[G_ASCII_DTOSTR_BUF_SIZE], sl[G_ASCII_DTOSTR_BUF_SIZE];
  BourseTicketDuration *info = _bourse_order_ticket_applied_duration (self);

  return g_strdup_printf ("%s|%d|%d|%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT,
                          self->instrument ? bourse_instrument_get_name (self->instrument) : "",
                          self->side, self->type,
                          g_ascii_dtostr (qty, sizeof qty, self->check.qty),
                          g_ascii_dtostr (limit, sizeof limit, self->check.limit_price),
                          g_ascii_dtostr (stop, sizeof stop, self->check.stop_price),
                          g_ascii_dtostr (tp, sizeof tp, self->check.take_profit_price),
                          g_ascii_dtostr (sl, sizeof sl, self->check.stop_loss_price),
                          info ? info->id : "",
                          info && info->has_date ? _bourse_order_ticket_expiry (self) : 0);
}

static void send_queued (BourseOrderTicket *self);

static void
place_order_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BourseOrderTicket) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;

  order_id = bourse_broker_store_place_order_finish (BOURSE_BROKER_STORE (object), result, &error);

  if (bourse_broker_error_is_cancelled (error))
    return;

  _bourse_order_ticket_set_busy (self, FALSE);

  if (order_id != NULL)
    {
      _bourse_order_ticket_follow_order (self, order_id);
      g_clear_pointer (&self->pending, bourse_order_request_free);
      g_clear_pointer (&self->pending_key, g_free);
      _bourse_order_ticket_emit_placed (self, order_id);
      if (self->queued != NULL && !self->busy)
        send_queued (self);
      return;
    }

  if (g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_REJECTED) ||
      g_error_matches (error, BOURSE_BROKER_ERROR, BOURSE_BROKER_ERROR_AUTH))
    {
      const char *errmsg = bourse_broker_error_get_errmsg (error);
      g_autofree char *text = g_strdup_printf (_("Rejected by the broker: %s"), errmsg ? errmsg : error->message);

      /* The broker answered: this requestId is spent. */
      g_clear_pointer (&self->pending, bourse_order_request_free);
      g_clear_pointer (&self->pending_key, g_free);
      _bourse_order_ticket_set_status (self, text, "error");
    }
  else
    {
      g_autofree char *text =
        g_strdup_printf (_("Not confirmed: %s. Sending again is safe: the broker sees the same request id and places the order at most once."),
                         error->message);

      _bourse_order_ticket_set_status (self, text, "error");
    }
  /* Whatever was meant to follow an order that failed is not sent on its own. */
  if (self->queued != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", self->status_text, _("The order submitted after it was not sent."));

      _bourse_order_ticket_clear_queued (self);
      _bourse_order_ticket_show_status (self, text, "error");
    }

  _bourse_order_ticket_emit_failed (self, error);
}

/* The status line for the followed order in its current state. */
static void
show_order_status (BourseOrderTicket *self)
{
  BourseOrder *order = bourse_broker_store_lookup_order (self->store, self->status_order_id);
  const char *id = self->status_order_id;
  g_autofree char *text = NULL;
  const char *css_class = "success";

  switch (order ? bourse_order_get_status (order) : BOURSE_ORDER_STATUS_WORKING)
    {
    case BOURSE_ORDER_STATUS_FILLED:
      {
        g_autofree char *price = bourse_format_price (bourse_order_get_avg_price (order), _bourse_order_ticket_tick (self));
        text = bourse_order_get_avg_price (order) > 0 ? g_strdup_printf (_("Order %s filled at %s"), id, price)
                                                      : g_strdup_printf (_("Order %s filled"), id);
      }
      break;
    case BOURSE_ORDER_STATUS_CANCELLED:
      text = g_strdup_printf (_("Order %s cancelled"), id);
      css_class = NULL;
      break;
    case BOURSE_ORDER_STATUS_REJECTED:
      text = g_strdup_printf (_("Order %s rejected"), id);
      css_class = "error";
      break;
    case BOURSE_ORDER_STATUS_INACTIVE:
      text = g_strdup_printf (_("Order %s placed, inactive"), id);
      break;
    default:
      text = g_strdup_printf (_("Order %s placed"), id);
      break;
    }
  _bourse_order_ticket_show_status (self, text, css_class);
}

static void
store_entity_changed_cb (BourseBrokerStore *store,
                         const char        *kind,
                         const char        *action,
                         GObject           *object,
                         BourseOrderTicket *self)
{
  if (self->status_order_id == NULL || g_strcmp0 (kind, "order") != 0 || !BOURSE_IS_ORDER (object) ||
      g_strcmp0 (bourse_order_get_id (BOURSE_ORDER (object)), self->status_order_id) != 0)
    return;
  show_order_status (self);
}

/**
 * _bourse_order_ticket_follow_order:
 * @order_id: (nullable): the order just placed, or %NULL to stop following
 *
 * Makes the status line report on @order_id as the store learns its fate.
 * Any other status (an error, a new instrument) stops following.
 */
void
_bourse_order_ticket_follow_order (BourseOrderTicket *self,
                                   const char        *order_id)
{
  /* Called before the ticket changes stores, so this is the store connected to. */
  if (self->status_order_changed_id != 0 && self->store != NULL)
    g_clear_signal_handler (&self->status_order_changed_id, self->store);
  self->status_order_changed_id = 0;
  g_clear_pointer (&self->status_order_id, g_free);
  if (order_id == NULL || self->store == NULL)
    return;

  self->status_order_id = g_strdup (order_id);
  self->status_order_changed_id =
    g_signal_connect_object (self->store, "entity-changed", G_CALLBACK (store_entity_changed_cb), self, 0);
  show_order_status (self);
}

static void
send_pending (BourseOrderTicket *self)
{
  g_return_if_fail (self->pending != NULL);

  if (self->busy || self->store == NULL)
    return;

  _bourse_order_ticket_set_status (self, NULL, NULL);
  _bourse_order_ticket_set_busy (self, TRUE);
  bourse_broker_store_place_order_async (self->store, self->pending,
                                         self->cancellable, place_order_cb, g_object_ref (self));
}

static void
confirm_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     BourseOrderTicket *self)
{
  if (g_strcmp0 (response, "place") == 0)
    send_pending (self);
}

static char *
describe_pending (BourseOrderTicket *self)
{
  const BourseOrderRequest *request = self->pending;
  double tick = _bourse_order_ticket_tick (self);
  g_autofree char *limit = bourse_format_price (request->limit_price, tick);
  g_autofree char *stop = bourse_format_price (request->stop_price, tick);
  const char *verb = request->side == BOURSE_SIDE_SELL ? _("Sell") : _("Buy");
  GString *text = g_string_new (NULL);

  switch (request->type)
    {
    case BOURSE_ORDER_TYPE_LIMIT:
      g_string_append_printf (text, _("%s %.10g %s at limit %s"), verb, request->qty, request->instrument, limit);
      break;
    case BOURSE_ORDER_TYPE_STOP:
      g_string_append_printf (text, _("%s %.10g %s at stop %s"), verb, request->qty, request->instrument, stop);
      break;
    case BOURSE_ORDER_TYPE_STOP_LIMIT:
      g_string_append_printf (text, _("%s %.10g %s at stop %s, limit %s"), verb, request->qty, request->instrument, stop, limit);
      break;
    case BOURSE_ORDER_TYPE_MARKET:
    case BOURSE_ORDER_TYPE_UNKNOWN:
    default:
      g_string_append_printf (text, _("%s %.10g %s at market"), verb, request->qty, request->instrument);
      break;
    }

  if (request->take_profit != 0)
    {
      g_autofree char *tp = bourse_format_price (request->take_profit, tick);
      g_string_append_printf (text, "\n%s %s", _("Take profit"), tp);
    }
  if (request->stop_loss != 0)
    {
      g_autofree char *sl = bourse_format_price (request->stop_loss, tick);
      g_string_append_printf (text, "\n%s %s", _("Stop loss"), sl);
    }
  if (isfinite (self->check.estimated_value))
    g_string_append_printf (text, "\n%s %.2f", _("Estimated value"), self->check.estimated_value);
  return g_string_free (text, FALSE);
}

/* A request for the ticket's checked draft, and its key in *@key. */
static BourseOrderRequest *
build_request (BourseOrderTicket  *self,
               char              **key)
{
  BourseTicketDuration *info = _bourse_order_ticket_applied_duration (self);
  BourseOrderRequest *request = bourse_order_request_new (bourse_instrument_get_name (self->instrument),
                                                          self->side, self->type, self->check.qty);

  if (isfinite (self->check.limit_price))
    request->limit_price = self->check.limit_price;
  if (isfinite (self->check.stop_price))
    request->stop_price = self->check.stop_price;
  if (isfinite (self->check.take_profit_price))
    request->take_profit = self->check.take_profit_price;
  if (isfinite (self->check.stop_loss_price))
    request->stop_loss = self->check.stop_loss_price;
  if (info)
    {
      request->duration_type = g_strdup (info->id);
      if (info->has_date)
        request->duration_datetime = _bourse_order_ticket_expiry (self);
    }
  request->current_ask = isfinite (_bourse_order_ticket_ask (self)) ? _bourse_order_ticket_ask (self) : 0;
  request->current_bid = isfinite (_bourse_order_ticket_bid (self)) ? _bourse_order_ticket_bid (self) : 0;
  *key = draft_key (self);
  return request;
}

/* Sends the pending request, after the confirmation when the settings ask for it. */
static void
confirm_and_send (BourseOrderTicket *self)
{
  if (self->confirm)
    {
      g_autofree char *body = describe_pending (self);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Place Order?"), body);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "place", _("_Place Order"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "place",
                                                  self->pending->side == BOURSE_SIDE_SELL ? ADW_RESPONSE_DESTRUCTIVE
                                                                                          : ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "place");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  send_pending (self);
}

void
_bourse_order_ticket_clear_queued (BourseOrderTicket *self)
{
  g_clear_pointer (&self->queued, bourse_order_request_free);
  g_clear_pointer (&self->queued_key, g_free);
}

/* The order submitted while another was in flight goes out now that the
 * broker has answered that one. */
static void
send_queued (BourseOrderTicket *self)
{
  g_clear_pointer (&self->pending, bourse_order_request_free);
  g_free (self->pending_key);
  self->pending = g_steal_pointer (&self->queued);
  self->pending_key = g_steal_pointer (&self->queued_key);
  confirm_and_send (self);
}

void
_bourse_order_ticket_submit_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  BourseOrderTicket *self = BOURSE_ORDER_TICKET (widget);
  g_autofree char *key = NULL;
  GtkSpinButton *spins[] = { self->qty_spin, self->limit_spin, self->stop_spin, self->tp_spin, self->sl_spin };

  /* Commit text typed but not yet entered. */
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    gtk_spin_button_update (spins[i]);
  _bourse_order_ticket_revalidate (self);
  if (!self->valid || self->store == NULL)
    return;

  key = draft_key (self);
  if (self->busy)
    {
      /* The order in flight submitted again (a double click, Shift+B twice) is
       * not sent twice. Another one — win.sell the moment win.buy's fill shows,
       * often before the answer to its POST is read — waits for that answer
       * and then goes out, in the order given; the latest one waits. */
      if (g_strcmp0 (key, self->pending_key) != 0 && g_strcmp0 (key, self->queued_key) != 0)
        {
          g_autofree char *queued_key = NULL;

          _bourse_order_ticket_clear_queued (self);
          self->queued = build_request (self, &queued_key);
          self->queued_key = g_steal_pointer (&queued_key);
        }
      return;
    }

  if (self->pending == NULL || g_strcmp0 (key, self->pending_key) != 0)
    {
      g_clear_pointer (&self->pending, bourse_order_request_free);
      g_free (self->pending_key);
      self->pending = build_request (self, &self->pending_key);
    }
  confirm_and_send (self);
}

/**
 * bourse_order_ticket_submit:
 *
 * Places the ticket's order as ticket.submit does, and also while another
 * order is in flight (when ticket.submit is disabled): a different order is
 * then sent once the broker has answered the first; the same one is not sent
 * twice. For win.buy and win.sell.
 */
void
bourse_order_ticket_submit (BourseOrderTicket *self)
{
  g_return_if_fail (BOURSE_IS_ORDER_TICKET (self));
  _bourse_order_ticket_submit_action (GTK_WIDGET (self), "ticket.submit", NULL);
}

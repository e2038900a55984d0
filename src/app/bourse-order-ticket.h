/* bourse-order-ticket.h — buy/sell ticket: types per broker flags, validation at each field, safe retries
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Actions (group "ticket"): ticket.set-side("buy"|"sell"),
 * ticket.set-type("market"|"limit"|"stop"|"stoplimit"), ticket.submit.
 * ticket.submit is disabled while the draft is invalid or an order is in
 * flight, so an order can never be sent twice; a placement whose outcome is
 * unknown (timeout, dropped connection) is retried with the same requestId.
 * bourse_order_ticket_submit() (win.buy, win.sell) also works while an order
 * is in flight: a different order is sent once the broker has answered it.
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "bourse-store.h"
#include "bourse-order-validation.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_ORDER_TICKET (bourse_order_ticket_get_type ())

G_DECLARE_FINAL_TYPE (BourseOrderTicket, bourse_order_ticket, BOURSE, ORDER_TICKET, GtkWidget)

void             bourse_order_ticket_set_store       (BourseOrderTicket  *self,
                                                      BourseBrokerStore  *store);
void             bourse_order_ticket_set_config      (BourseOrderTicket  *self,
                                                      JsonNode           *config);
void             bourse_order_ticket_set_instrument  (BourseOrderTicket  *self,
                                                      BourseInstrument   *instrument);
BourseInstrument *bourse_order_ticket_get_instrument (BourseOrderTicket  *self);
void             bourse_order_ticket_set_quote       (BourseOrderTicket  *self,
                                                      BourseQuote        *quote);
void             bourse_order_ticket_set_side        (BourseOrderTicket  *self,
                                                      BourseSide          side);
BourseSide       bourse_order_ticket_get_side        (BourseOrderTicket  *self);
void             bourse_order_ticket_set_order_type  (BourseOrderTicket  *self,
                                                      BourseOrderType     type);
BourseOrderType  bourse_order_ticket_get_order_type  (BourseOrderTicket  *self);
void             bourse_order_ticket_set_qty         (BourseOrderTicket  *self,
                                                      double              qty);
void             bourse_order_ticket_set_limit_price (BourseOrderTicket  *self,
                                                      double              price);
void             bourse_order_ticket_set_stop_price  (BourseOrderTicket  *self,
                                                      double              price);
void             bourse_order_ticket_set_brackets    (BourseOrderTicket  *self,
                                                      BourseBracketUnit   unit,
                                                      double              take_profit,
                                                      double              stop_loss);
gboolean         bourse_order_ticket_set_duration    (BourseOrderTicket  *self,
                                                      const char         *duration_id,
                                                      gint64              expiry);
gboolean         bourse_order_ticket_get_confirm     (BourseOrderTicket  *self);
void             bourse_order_ticket_set_confirm     (BourseOrderTicket  *self,
                                                      gboolean            confirm);
gboolean         bourse_order_ticket_get_busy        (BourseOrderTicket  *self);
void             bourse_order_ticket_submit          (BourseOrderTicket  *self);
gboolean         bourse_order_ticket_get_valid       (BourseOrderTicket  *self);
const char      *bourse_order_ticket_get_field_error (BourseOrderTicket  *self,
                                                      BourseOrderField    field);
const char      *bourse_order_ticket_get_status_text (BourseOrderTicket  *self);

G_END_DECLS

/* bourse-order-ticket-private.h — BourseOrderTicket's instance struct, shared with bourse-order-ticket-placing.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bourse-order-ticket.h"
#include "bourse-ticket-durations.h"
#include "bourse-trader.h"

G_BEGIN_DECLS

struct _BourseOrderTicket
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *box;
  GtkLabel           *symbol_label;
  GtkLabel           *description_label;
  GtkToggleButton    *sell_button;
  GtkToggleButton    *buy_button;
  GtkLabel           *bid_label;
  GtkLabel           *ask_label;
  GtkLabel           *spread_label;
  GtkToggleButton    *market_button;
  GtkToggleButton    *limit_button;
  GtkToggleButton    *stop_button;
  GtkToggleButton    *stop_limit_button;
  GtkSpinButton      *qty_spin;
  GtkLabel           *qty_error;
  GtkWidget          *limit_title;
  GtkSpinButton      *limit_spin;
  GtkLabel           *limit_error;
  GtkWidget          *stop_title;
  GtkSpinButton      *stop_spin;
  GtkLabel           *stop_error;
  GtkCheckButton     *tp_check;
  GtkSpinButton      *tp_spin;
  GtkLabel           *tp_error;
  GtkCheckButton     *sl_check;
  GtkSpinButton      *sl_spin;
  GtkLabel           *sl_error;
  GtkWidget          *bracket_unit_title;
  GtkDropDown        *bracket_unit_dropdown;
  GtkWidget          *duration_title;
  GtkDropDown        *duration_dropdown;
  GtkWidget          *expiry_title;
  GtkEntry           *expiry_entry;
  GtkLabel           *expiry_error;
  GtkLabel           *value_label;
  GtkLabel           *risk_label;
  GtkLabel           *reward_label;
  GtkButton          *submit_button;
  GtkSpinner         *spinner;
  GtkLabel           *submit_label;
  GtkLabel           *status_label;

  /* owned */
  BourseBrokerStore  *store;
  BourseTrader       *trader;   /* the trading rules on store, for its flags */
  BourseInstrument   *instrument;
  BourseQuote        *quote;
  GCancellable       *cancellable;
  GPtrArray          *durations;        /* BourseTicketDuration, as /config lists them */
  BourseOrderRequest *pending;          /* sent and not settled, or to retry as is */
  char               *pending_key;      /* the draft the pending request was built from */
  BourseOrderRequest *queued;           /* submitted while pending was in flight, sent after it */
  char               *queued_key;
  char               *status_text;
  char               *status_order_id;  /* the order the status line reports on */
  gulong              status_order_changed_id;
  BourseOrderCheck    check;
  gulong              quote_notify_id;

  BourseSide          side;
  BourseOrderType     type;
  guint               busy : 1;
  guint               confirm : 1;
  guint               valid : 1;
  guint               supported_types;   /* 1 << BourseOrderType the account's flags allow */
  guint               supports_order_brackets : 1;
  guint               supports_market_brackets : 1;
  guint               prices_prefilled : 1;
  guint               updating : 1;
};

double                _bourse_order_ticket_tick               (BourseOrderTicket *self);
double                _bourse_order_ticket_bid                (BourseOrderTicket *self);
double                _bourse_order_ticket_ask                (BourseOrderTicket *self);
gint64                _bourse_order_ticket_expiry             (BourseOrderTicket *self);
BourseTicketDuration *_bourse_order_ticket_applied_duration   (BourseOrderTicket *self);
void                  _bourse_order_ticket_set_status         (BourseOrderTicket *self,
                                                               const char        *text,
                                                               const char        *css_class);
void                  _bourse_order_ticket_show_status        (BourseOrderTicket *self,
                                                               const char        *text,
                                                               const char        *css_class);
void                  _bourse_order_ticket_follow_order       (BourseOrderTicket *self,
                                                               const char        *order_id);
void                  _bourse_order_ticket_set_busy           (BourseOrderTicket *self,
                                                               gboolean           busy);
void                  _bourse_order_ticket_revalidate         (BourseOrderTicket *self);
void                  _bourse_order_ticket_emit_placed        (BourseOrderTicket *self,
                                                               const char        *order_id);
void                  _bourse_order_ticket_emit_failed        (BourseOrderTicket *self,
                                                               const GError      *error);
void                  _bourse_order_ticket_clear_queued       (BourseOrderTicket *self);
void                  _bourse_order_ticket_submit_action      (GtkWidget         *widget,
                                                               const char        *action_name,
                                                               GVariant          *parameter);

G_END_DECLS

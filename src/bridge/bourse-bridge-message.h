/* bourse-bridge-message.h — BourseBridgeMessage: one TradingView alert message, parsed and validated
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON users paste into a TradingView alert, placeholders substituted
 * there: secret, ticker, action (buy, sell, exit, cancel, reverse), contracts,
 * order_type (market, limit, stop), price, stop_loss, take_profit (absolute
 * prices), id, time. Numbers may arrive as JSON numbers or as strings
 * ("{{strategy.order.contracts}}" is substituted inside quotes). Validation is
 * strict and every refusal is one line saying which field is wrong and why;
 * unknown fields are ignored.
 */
#pragma once

#include <glib-object.h>

#include "bourse-broker-enums.h"

G_BEGIN_DECLS

#define BOURSE_BRIDGE_MESSAGE_ERROR (bourse_bridge_message_error_quark ())

typedef enum
{
  BOURSE_BRIDGE_MESSAGE_ERROR_MALFORMED,  /* not a JSON object: the secret cannot even be read */
  BOURSE_BRIDGE_MESSAGE_ERROR_INVALID,    /* a JSON object, but a field is missing or wrong */
} BourseBridgeMessageError;

typedef enum
{
  BOURSE_BRIDGE_ACTION_BUY,
  BOURSE_BRIDGE_ACTION_SELL,
  BOURSE_BRIDGE_ACTION_EXIT,     /* close the position in ticker */
  BOURSE_BRIDGE_ACTION_CANCEL,   /* cancel the working orders in ticker */
  BOURSE_BRIDGE_ACTION_REVERSE,  /* reverse the position in ticker */
} BourseBridgeAction;

#define BOURSE_TYPE_BRIDGE_MESSAGE (bourse_bridge_message_get_type ())

/* Prices of 0 are "not given". */
typedef struct
{
  char               *ticker;
  BourseBridgeAction  action;
  double              contracts;    /* > 0 for buy and sell, 0 when not given */
  BourseOrderType     order_type;   /* MARKET, LIMIT or STOP */
  double              price;        /* the limit or stop price */
  double              stop_loss;
  double              take_profit;
  char               *id;           /* nullable */
  gint64              time;         /* UNIX seconds of the alert, 0 when not given */
} BourseBridgeMessage;

GQuark               bourse_bridge_message_error_quark (void);
GType                bourse_bridge_message_get_type    (void) G_GNUC_CONST;

/* Parses @body (@length bytes, not necessarily NUL-terminated). *@secret
 * (nullable out) receives the "secret" string whenever @body is a JSON object
 * holding one, even when validation fails, so that the caller can answer a
 * wrong secret with 401 before telling an unauthenticated sender what else is
 * wrong. */
BourseBridgeMessage *bourse_bridge_message_parse       (const char                *body,
                                                        gsize                      length,
                                                        char                     **secret,
                                                        GError                   **error);
BourseBridgeMessage *bourse_bridge_message_copy        (const BourseBridgeMessage *self);
void                 bourse_bridge_message_free        (BourseBridgeMessage       *self);

const char          *bourse_bridge_action_to_string    (BourseBridgeAction         action);
/* The idempotency key: "id:ID", else "tt:TICKER@TIME", else NULL (no key). */
char                *bourse_bridge_message_dup_key     (const BourseBridgeMessage *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseBridgeMessage, bourse_bridge_message_free)

G_END_DECLS

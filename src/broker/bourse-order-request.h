/* bourse-order-request.h — BourseOrderRequest: what an order ticket sends to place or modify an order
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain boxed struct: fill in the fields, pass it to
 * bourse_broker_client_place_order_async(). Prices of 0 are "not set" and are
 * not sent. bourse_order_request_new() gives it a fresh request_id (the
 * idempotency key): to retry a placement whose outcome is unknown, send the
 * same request again, never a new one.
 */
#pragma once

#include <glib-object.h>

#include "bourse-broker-enums.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_ORDER_REQUEST (bourse_order_request_get_type ())

typedef struct
{
  char            *instrument;
  BourseSide       side;
  BourseOrderType  type;
  double           qty;
  double           limit_price;
  double           stop_price;
  double           stop_loss;
  double           take_profit;
  char            *duration_type;       /* e.g. "DAY", "GTC", "GTT"; NULL = broker default */
  gint64           duration_datetime;   /* UNIX seconds for GTT, 0 = none */
  double           current_ask;
  double           current_bid;
  char            *request_id;
} BourseOrderRequest;

GType               bourse_order_request_get_type (void) G_GNUC_CONST;
BourseOrderRequest *bourse_order_request_new      (const char               *instrument,
                                                   BourseSide                side,
                                                   BourseOrderType           type,
                                                   double                    qty);
BourseOrderRequest *bourse_order_request_copy     (const BourseOrderRequest *self);
void                bourse_order_request_free     (BourseOrderRequest       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BourseOrderRequest, bourse_order_request_free)

G_END_DECLS

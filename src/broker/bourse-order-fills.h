/* bourse-order-fills.h — what each order's executions add up to: fill time, quantity, price, realised P&L
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The executions of one order, summed up. */
typedef struct
{
  gint64 time;          /* of its last execution, Unix seconds */
  double qty;           /* filled */
  double price;         /* volume-weighted */
  double realized_pl;   /* in the account's currency; NAN when it cannot be known */
} BourseOrderFills;

GHashTable *bourse_order_fills_compute (GListModel *executions,
                                        GListModel *instruments);

G_END_DECLS

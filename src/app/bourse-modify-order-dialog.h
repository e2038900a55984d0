/* bourse-modify-order-dialog.h — change a working order's quantity, prices and brackets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the fields the order's type uses (limit and/or stop price) and, where
 * the broker takes brackets on orders, its take profit and stop loss. On the
 * "modify" response the caller asks for the request with
 * bourse_modify_order_dialog_plan() and sends it with the same trader.
 */
#pragma once

#include <adwaita.h>

#include "bourse-trader.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_MODIFY_ORDER_DIALOG (bourse_modify_order_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseModifyOrderDialog, bourse_modify_order_dialog, BOURSE, MODIFY_ORDER_DIALOG, AdwMessageDialog)

BourseModifyOrderDialog *bourse_modify_order_dialog_new        (GtkWindow               *parent,
                                                                BourseTrader            *trader,
                                                                BourseOrder             *order);
BourseTrader            *bourse_modify_order_dialog_get_trader (BourseModifyOrderDialog *self);
const char              *bourse_modify_order_dialog_get_order_id (BourseModifyOrderDialog *self);
BourseTrade             *bourse_modify_order_dialog_plan       (BourseModifyOrderDialog *self,
                                                                GError                 **error);

G_END_DECLS

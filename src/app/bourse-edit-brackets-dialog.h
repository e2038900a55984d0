/* bourse-edit-brackets-dialog.h — take profit and stop loss of an open position
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens with the position's working legs; on the "save" response the caller
 * asks for the request with bourse_edit_brackets_dialog_plan() and sends it
 * with the same trader. An unticked leg is removed.
 */
#pragma once

#include <adwaita.h>

#include "bourse-trader.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_EDIT_BRACKETS_DIALOG (bourse_edit_brackets_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseEditBracketsDialog, bourse_edit_brackets_dialog, BOURSE, EDIT_BRACKETS_DIALOG, AdwMessageDialog)

BourseEditBracketsDialog *bourse_edit_brackets_dialog_new        (GtkWindow                *parent,
                                                                  BourseTrader             *trader,
                                                                  BoursePosition           *position);
BourseTrader             *bourse_edit_brackets_dialog_get_trader (BourseEditBracketsDialog *self);
BourseTrade              *bourse_edit_brackets_dialog_plan       (BourseEditBracketsDialog *self,
                                                                  GError                  **error);

G_END_DECLS

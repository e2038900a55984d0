/* bourse-alert-dialog.h — a new price or indicator alert, with its webhook
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "bourse-alert.h"

G_BEGIN_DECLS

#define BOURSE_TYPE_ALERT_DIALOG (bourse_alert_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseAlertDialog, bourse_alert_dialog, BOURSE, ALERT_DIALOG, AdwMessageDialog)

BourseAlertDialog *bourse_alert_dialog_new          (GtkWindow          *parent,
                                                     const char         *symbol,
                                                     double              value,
                                                     double              tick);
void               bourse_alert_dialog_set_sources  (BourseAlertDialog  *self,
                                                     const char * const *specs);
void               bourse_alert_dialog_set_drawings (BourseAlertDialog  *self,
                                                     GListModel         *drawings);
const char        *bourse_alert_dialog_get_symbol   (BourseAlertDialog  *self);
BourseAlert       *bourse_alert_dialog_build_alert  (BourseAlertDialog  *self);

G_END_DECLS

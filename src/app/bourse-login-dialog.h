/* bourse-login-dialog.h — login and password of a broker server opened from the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BOURSE_TYPE_LOGIN_DIALOG (bourse_login_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BourseLoginDialog, bourse_login_dialog, BOURSE, LOGIN_DIALOG, AdwMessageDialog)

BourseLoginDialog *bourse_login_dialog_new          (GtkWindow         *parent,
                                                     const char        *base_url,
                                                     const char        *login);
const char        *bourse_login_dialog_get_base_url (BourseLoginDialog *self);
const char        *bourse_login_dialog_get_login    (BourseLoginDialog *self);
const char        *bourse_login_dialog_get_password (BourseLoginDialog *self);
gboolean           bourse_login_dialog_get_remember (BourseLoginDialog *self);
void               bourse_login_dialog_set_error    (BourseLoginDialog *self,
                                                     const char        *message);

G_END_DECLS

/* bourse-login-dialog.c — login and password of a broker server opened from the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for what `bourse --connect URL` found neither on the command line nor
 * in the keyring. Nothing is remembered unless "Remember" is checked, and
 * the password never leaves the dialog but through get_password().
 */
#include "config.h"

#include <glib/gi18n.h>

#include "bourse-login-dialog.h"

struct _BourseLoginDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  GtkEntry         *login_entry;
  GtkEntry         *password_entry;
  GtkCheckButton   *remember_check;
  GtkLabel         *error_label;

  char             *base_url;
};

G_DEFINE_FINAL_TYPE (BourseLoginDialog, bourse_login_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Connect needs both a login and a password. */
static void
update_response (BourseLoginDialog *self)
{
  gboolean complete = *gtk_editable_get_text (GTK_EDITABLE (self->login_entry)) != '\0' &&
                      *gtk_editable_get_text (GTK_EDITABLE (self->password_entry)) != '\0';

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "connect", complete);
}

static void
bourse_login_dialog_finalize (GObject *object)
{
  BourseLoginDialog *self = BOURSE_LOGIN_DIALOG (object);

  g_free (self->base_url);
  G_OBJECT_CLASS (bourse_login_dialog_parent_class)->finalize (object);
}

static void
bourse_login_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BOURSE_TYPE_LOGIN_DIALOG);
  G_OBJECT_CLASS (bourse_login_dialog_parent_class)->dispose (object);
}

static void
bourse_login_dialog_class_init (BourseLoginDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bourse_login_dialog_dispose;
  object_class->finalize = bourse_login_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/bourse-login-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BourseLoginDialog, name)
  BIND (login_entry); BIND (password_entry); BIND (remember_check); BIND (error_label);
#undef BIND
}

static void
bourse_login_dialog_init (BourseLoginDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->login_entry, "changed", G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_entry, "changed", G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);
  update_response (self);
}

/**
 * bourse_login_dialog_new:
 * @login: (nullable): the login given on the command line; the password
 *   field has the focus when there is one
 */
BourseLoginDialog *
bourse_login_dialog_new (GtkWindow  *parent,
                         const char *base_url,
                         const char *login)
{
  BourseLoginDialog *self;

  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (BOURSE_TYPE_LOGIN_DIALOG, "transient-for", parent, NULL);
  self->base_url = g_strdup (base_url);
  /* Translators: the body of the login dialog, %s is the broker's URL */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self), _("Enter your login and password for %s."), base_url);
  if (login != NULL && *login != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->login_entry), login);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->password_entry));
    }
  else
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->login_entry));
  return self;
}

const char *
bourse_login_dialog_get_base_url (BourseLoginDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_LOGIN_DIALOG (self), NULL);
  return self->base_url;
}

const char *
bourse_login_dialog_get_login (BourseLoginDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_LOGIN_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->login_entry));
}

const char *
bourse_login_dialog_get_password (BourseLoginDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_LOGIN_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
}

gboolean
bourse_login_dialog_get_remember (BourseLoginDialog *self)
{
  g_return_val_if_fail (BOURSE_IS_LOGIN_DIALOG (self), FALSE);
  return gtk_check_button_get_active (self->remember_check);
}

/* Why the last attempt failed ("Invalid login or password"), or NULL. */
void
bourse_login_dialog_set_error (BourseLoginDialog *self,
                               const char        *message)
{
  g_return_if_fail (BOURSE_IS_LOGIN_DIALOG (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}
